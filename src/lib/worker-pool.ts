import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';

/**
 * A few long-lived worker threads running one script, for CPU-heavy work that would otherwise hold up
 * every other request on the main thread. The script answers each message `{ id, ...task }` with
 * `{ id, result }` or `{ id, error }`; a task goes to the least busy worker.
 */
export interface WorkerPoolOptions {
  script: URL;
  size: number;
  /**
   * Heap limit of each worker, which then runs in a child process: a task that needs more kills its worker,
   * not the server. (A worker thread's `resourceLimits` do not hold against one large allocation: V8 then
   * aborts the whole process, server included.) The script serves tasks through `taskPort` (worker-port.ts).
   */
  heapLimitMb?: number;
  /** The error a task fails with, from what the worker answered. */
  taskError: (error: unknown) => Error;
  /** The error the tasks of a worker that died fail with (out of memory, an exception outside a task). */
  workerError: (error: Error) => Error;
}

type Reply = { id: number; result: unknown } | { id: number; error: unknown };

/** A thread or a child process, behind the few calls the pool makes. */
interface Runner {
  send(message: unknown): void;
  ref(): void;
  unref(): void;
  on(event: 'message', listener: (reply: Reply) => void): void;
  onDeath(listener: (error: Error) => void): void;
}

interface Slot {
  worker: Runner;
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
      slot.worker.send({ id, ...task });
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
    const worker = this.options.heapLimitMb
      ? childRunner(this.options.script, this.options.heapLimitMb)
      : threadRunner(this.options.script);
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
    worker.onDeath((error) => fail(this.options.workerError(error)));
    this.slots[index] = slot;
    return slot;
  }
}

function threadRunner(script: URL): Runner {
  const worker = new Worker(script);
  return {
    send: (message) => worker.postMessage(message),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    on: (event, listener) => worker.on(event, listener),
    onDeath(listener) {
      worker.on('error', listener);
      worker.on('exit', (code) => listener(new Error(`worker stopped (exit code ${code})`)));
    },
  };
}

/** A child process on the same Node, its old generation capped; its death by heap exhaustion is told apart. */
function childRunner(script: URL, heapLimitMb: number): Runner {
  const child: ChildProcess = fork(script, [], {
    execArgv: [`--max-old-space-size=${heapLimitMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  // V8's report of the heap exhaustion (with its native stack) is expected: kept to recognise, not printed.
  let stderr = '';
  let outOfMemory = false;
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
    outOfMemory ||= /heap out of memory|Reached heap limit|Last few GCs/.test(stderr);
    if (!outOfMemory) process.stderr.write(chunk);
  });
  const handles = () => [child, child.channel, child.stderr] as { ref?(): void; unref?(): void }[];
  return {
    send: (message) => child.send(message as never),
    ref: () => handles().forEach((handle) => handle?.ref?.()),
    unref: () => handles().forEach((handle) => handle?.unref?.()),
    on: (event, listener) => child.on(event, listener),
    onDeath(listener) {
      child.on('error', listener);
      child.on('exit', (code, signal) => {
        const error = new Error(`worker stopped (exit code ${code ?? signal})`) as Error & { code?: string };
        if (outOfMemory) error.code = 'ERR_WORKER_OUT_OF_MEMORY';
        listener(error);
      });
    },
  };
}
