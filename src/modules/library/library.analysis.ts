import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Language } from '../../contracts/languages.ts';
import type { Gazetteer, ReferenceMatcher, References } from './references/extract-references.ts';
import type { Entry, SourceRow } from './search/entries.ts';

/**
 * Text analysis of bulk imports (cross-references and search vectors) on worker threads. On the main
 * thread it would cost more than everything else an import does, and it would hold up every other
 * request meanwhile; on workers it runs beside the database. Small batches (a form's upload) are
 * analysed in place: starting a worker costs more than they do.
 */

/** Batches with fewer documents than this are analysed on the calling thread. */
export const ANALYSIS_IN_PLACE_BELOW = 8;

export type AnalysisTask =
  | { task: 'references'; gazetteerKey: number; gazetteer: Gazetteer; texts: string[][] }
  | { task: 'entries'; sources: SourceRow[]; texts: [string, [Language, string][]][]; vectorForm: 'text' | 'binary' };

export interface AnalysisResult {
  references: References[];
  entries: Entry[];
}

/** The lists of a `References`, in the order they are stored and shown. */
export const REFERENCE_LISTS = ['symbols', 'resolutions', 'instruments', 'countries'] as const;

/** The references found in any of a document's texts (its languages and titles), each once. */
export function referencesOfTexts(matcher: ReferenceMatcher, texts: string[]): References {
  const found: References = { symbols: [], resolutions: [], instruments: [], countries: [] };
  for (const text of texts) {
    const references = matcher.extract(text);
    for (const kind of REFERENCE_LISTS) found[kind].push(...references[kind]);
  }
  for (const kind of REFERENCE_LISTS) found[kind] = [...new Set(found[kind])];
  return found;
}

type Reply = { id: number; result: unknown } | { id: number; error: string };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

class AnalysisPool {
  private readonly slots: (Slot | null)[];
  private nextId = 0;

  constructor(size: number) {
    this.slots = Array.from({ length: size }, () => null);
  }

  run<K extends AnalysisTask['task']>(task: Extract<AnalysisTask, { task: K }>): Promise<AnalysisResult[K]> {
    const index = this.leastBusy();
    const slot = this.slots[index] ?? this.start(index);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // A worker waiting for work must not keep the process alive; one with work must.
      slot.worker.ref();
      slot.worker.postMessage({ id, ...task });
    });
  }

  private leastBusy(): number {
    let best = 0;
    for (let k = 1; k < this.slots.length; k++) {
      if ((this.slots[k]?.pending.size ?? 0) < (this.slots[best]?.pending.size ?? 0)) best = k;
    }
    return best;
  }

  private start(index: number): Slot {
    const worker = new Worker(new URL('./library.analysis.worker.ts', import.meta.url));
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = slot.pending.get(reply.id);
      if (!waiting) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if ('error' in reply) waiting.reject(new Error(`Text analysis failed: ${reply.error}`));
      else waiting.resolve(reply.result);
    });
    // A worker that dies takes its pending work with it: those imports fail (and roll back), the next start a new worker.
    const fail = (error: Error) => {
      if (this.slots[index] === slot) this.slots[index] = null;
      for (const waiting of slot.pending.values()) waiting.reject(error);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Text analysis worker stopped (exit code ${code}).`)));
    this.slots[index] = slot;
    return slot;
  }
}

let pool: AnalysisPool | null = null;

/**
 * Runs an analysis on a worker thread: one fewer than the cores (the main thread talks to the
 * database), but at least two, so that one batch's analysis never waits for another's to finish
 * (the bulk importer keeps several batches in flight; on two cores this gave 5% more documents/s).
 */
export function analyseOnWorker<K extends AnalysisTask['task']>(task: Extract<AnalysisTask, { task: K }>): Promise<AnalysisResult[K]> {
  pool ??= new AnalysisPool(Math.max(2, availableParallelism() - 1));
  return pool.run(task);
}
