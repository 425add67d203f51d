import { parentPort } from 'node:worker_threads';

/**
 * The worker side of a WorkerPool, the same whether the pool runs the script on a thread or in a child
 * process (see `heapLimitMb` in worker-pool.ts).
 */
export const taskPort = {
  on<Message>(handler: (message: Message) => void) {
    if (parentPort) parentPort.on('message', handler);
    else process.on('message', handler as (message: unknown) => void);
  },
  post(message: unknown) {
    if (parentPort) parentPort.postMessage(message);
    else process.send!(message);
  },
};
