import type { TextRendering } from '../../../contracts/library.ts';
import { WorkerPool } from '../../../lib/worker-pool.ts';
import { renderText, type RenderedText } from './render.ts';

/**
 * Texts up to this length render on the calling thread (a few milliseconds); longer ones on a worker:
 * a report of several million characters takes seconds to parse and sanitise, which on the main thread
 * would stall every other request meanwhile.
 */
export const INLINE_RENDER_CHARS = 200_000;

let pool: WorkerPool<{ source: string; rendering: TextRendering }, RenderedText> | null = null;

/** renderText, off the main thread for long texts. */
export function renderTextOffThread(source: string, rendering: TextRendering): Promise<RenderedText> {
  if (source.length <= INLINE_RENDER_CHARS) return Promise.resolve(renderText(source, rendering));
  pool ??= new WorkerPool({
    script: new URL('./render.worker.ts', import.meta.url),
    // One worker: rendering is rare (each file renders once, then comes from the cache).
    size: 1,
    heapLimitMb: 1024,
    taskError: (error) => new Error(`Rendering failed: ${String(error)}`),
    workerError: (error) => new Error(`Rendering worker failed: ${error.message}`),
  });
  return pool.run({ source, rendering });
}
