import { availableParallelism } from 'node:os';
import type { Language } from '../../contracts/languages.ts';
import { WorkerPool } from '../../lib/worker-pool.ts';
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

let pool: WorkerPool<AnalysisTask, AnalysisResult[AnalysisTask['task']]> | null = null;

/**
 * Runs an analysis on a worker thread: one fewer than the cores (the main thread talks to the
 * database), but at least two, so that one batch's analysis never waits for another's to finish
 * (the bulk importer keeps several batches in flight; on two cores this gave 5% more documents/s).
 */
export function analyseOnWorker<K extends AnalysisTask['task']>(
  task: Extract<AnalysisTask, { task: K }>,
): Promise<AnalysisResult[K]> {
  pool ??= new WorkerPool({
    script: new URL('./library.analysis.worker.ts', import.meta.url),
    size: Math.max(2, availableParallelism() - 1),
    taskError: (error) => new Error(`Text analysis failed: ${String(error)}`),
    // A worker that dies fails its pending imports (they roll back); the next start a new worker.
    workerError: (error) => new Error(`Text analysis worker failed: ${error.message}`),
  });
  return pool.run(task) as Promise<AnalysisResult[K]>;
}
