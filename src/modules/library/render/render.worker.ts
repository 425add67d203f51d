import { taskPort } from '../../../lib/worker-port.ts';
import type { TextRendering } from '../../../contracts/library.ts';
import { renderText } from './render.ts';

/** The worker side of off-thread.ts: renders one text per message, answered by id. */

taskPort.on(({ id, source, rendering }: { id: number; source: string; rendering: TextRendering }) => {
  try {
    taskPort.post({ id, result: renderText(source, rendering) });
  } catch (error) {
    taskPort.post({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
