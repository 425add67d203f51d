import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A few long-lived worker threads running one script, for CPU-heavy work that would otherwise hold up
 * every other request on the main thread. The script answers each message `{ id, ...task }` with
 * `{ id, result }` or `{ id, error }`; a task goes to the least busy worker.
 */
export interface WorkerPoolOptions {
  script: URL;
  size: number;
  /** Heap limits per worker: a task that needs more kills its worker, not the server. */
  resourceLimits?: ResourceLimits;
  /** The error a task fails with, from what the worker answered. */
  taskError: (error: unknown) => Error;
  /** The error the tasks of a worker that died fail with (out of memory, an exception outside a task). */
  workerError: (error: Error) => Error;
}

type Reply = { id: number; result: unknown } | { id: number; error: unknown };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

export class WorkerPool<Task extends object, Result> {
  private readonly options: WorkerPoolOptions;
  private readonly slots: (Slot | null)[];
  private nextId = 0;

  constructor(options: WorkerPoolOptions) {
    this.options = options;
    this.slots = Array.from({ length: options.size }, () => null);
  }

  run(task: Task): Promise<Result> {
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
    const worker = new Worker(
      this.options.script,
      this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {},
    );
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = slot.pending.get(reply.id);
      if (!waiting) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if ('error' in reply) waiting.reject(this.options.taskError(reply.error));
      else waiting.resolve(reply.result);
    });
    // A worker that dies takes its pending work with it: those tasks fail, the next start a new worker.
    const fail = (error: Error) => {
      if (this.slots[index] === slot) this.slots[index] = null;
      for (const waiting of slot.pending.values()) waiting.reject(error);
      slot.pending.clear();
    };
    worker.on('error', (error) => fail(this.options.workerError(error)));
    worker.on('exit', (code) => fail(this.options.workerError(new Error(`worker stopped (exit code ${code})`))));
    this.slots[index] = slot;
    return slot;
  }
}
