import { taskPort } from '../../../lib/worker-port.ts';
import type { FileType } from '../../../contracts/library.ts';
import { isAppError } from '../../../lib/errors.ts';
import { extractText, type ExtractionLimits } from './extract.ts';

/** The worker side of off-thread.ts: extracts the text of one file per message, answered by id. */

taskPort.on(
  async ({
    id,
    bytes,
    fileType,
    limits,
  }: {
    id: number;
    bytes: Uint8Array;
    fileType: FileType;
    limits: ExtractionLimits;
  }) => {
    try {
      taskPort.post({ id, result: await extractText(bytes, fileType, limits) });
    } catch (error) {
      // AppErrors cross as plain data and are rebuilt on the other side with their status and code.
      const answer = isAppError(error)
        ? { status: error.status, code: error.code, message: error.message, problems: error.problems }
        : error instanceof Error
          ? error.message
          : String(error);
      taskPort.post({ id, error: answer });
    }
  },
);
