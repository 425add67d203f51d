import { availableParallelism } from 'node:os';
import type { FileType } from '../../../contracts/library.ts';
import { AppError, type FieldProblem } from '../../../lib/errors.ts';
import { WorkerPool } from '../../../lib/worker-pool.ts';
import { fileTooComplex } from './errors.ts';
import type { ExtractionLimits } from './limits.ts';

interface ExtractionTask {
  bytes: Uint8Array;
  fileType: FileType;
  limits: ExtractionLimits;
}

/**
 * Heap of each extraction worker. mammoth holds a DOCX's XML as a DOM, about 60 bytes of heap per byte
 * of XML: 1 GB reads some 15 MB of document XML (thousands of pages); a file that needs more kills its
 * worker, not the server, and is refused as too complex.
 */
export const EXTRACTION_HEAP_MB = 1024;

type TaskError = { status: number; code: string; message: string; problems: FieldProblem[] } | string;

/** A pool of text extraction workers; `heapMb` is their heap limit. */
export function extractionPool(heapMb: number) {
  return new WorkerPool<ExtractionTask, string>({
    script: new URL('./extract.worker.ts', import.meta.url),
    // PDF and DOCX parsing is CPU-bound: one upload at a time per spare core, at least one beside the main thread.
    size: Math.max(1, availableParallelism() - 1),
    heapLimitMb: heapMb,
    taskError: (error) =>
      typeof error === 'object' && error !== null
        ? new AppError(error as Exclude<TaskError, string>)
        : new Error(`Text extraction failed: ${String(error)}`),
    workerError: (error) =>
      (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? fileTooComplex()
        : new Error(`Text extraction worker failed: ${error.message}`),
  });
}

let pool: ReturnType<typeof extractionPool> | null = null;

/**
 * extractText on a worker thread: parsing a large PDF or DOCX takes seconds of CPU, which on the main
 * thread would stall every other request (health checks included) meanwhile.
 */
export function extractTextOffThread(bytes: Uint8Array, fileType: FileType, limits: ExtractionLimits): Promise<string> {
  pool ??= extractionPool(EXTRACTION_HEAP_MB);
  return pool.run({ bytes, fileType, limits });
}
