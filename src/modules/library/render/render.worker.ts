import { parentPort } from 'node:worker_threads';
import type { TextRendering } from '../../../contracts/library.ts';
import { renderText } from './render.ts';

/** The worker side of off-thread.ts: renders one text per message, answered by id. */

parentPort!.on('message', ({ id, source, rendering }: { id: number; source: string; rendering: TextRendering }) => {
  try {
    parentPort!.postMessage({ id, result: renderText(source, rendering) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
