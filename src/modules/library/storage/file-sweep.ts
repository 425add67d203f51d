import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Clock } from '../../../lib/dates.ts';
import { libraryFiles } from '../library.table.ts';
import type { FileStore, StoredFile } from './file-store.ts';

/**
 * A file younger than this may belong to an import still running: originals are stored before the
 * transaction that records them (see storeOriginal), so for a while no row names them.
 */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/** Keys looked up in the database per query. */
const BATCH = 1000;

export interface SweepReport {
  dryRun: boolean;
  /** Files removed, or that would be removed in a dry run. */
  removed: StoredFile[];
  bytes: number;
  /** Unreferenced files left alone because they are younger than an hour. */
  keptRecent: number;
  /** Files a row of the database refers to. */
  referenced: number;
}

/**
 * Removes the originals no row refers to (`library_files.storage_key`, whatever the state of the
 * document: a soft-deleted one can be restored) and that are older than an hour: what an import that
 * was killed, or whose transaction failed, left behind. Each file is checked again just before it
 * goes, so one written again meanwhile by an import that needs it stays.
 */
export async function sweepOrphanedOriginals({
  db,
  files,
  clock,
  dryRun = false,
}: {
  db: Db;
  files: FileStore;
  clock: Clock;
  dryRun?: boolean;
}): Promise<SweepReport> {
  const cutoff = new Date(clock.now().getTime() - ORPHAN_MIN_AGE_MS);
  const report: SweepReport = { dryRun, removed: [], bytes: 0, keptRecent: 0, referenced: 0 };
  let batch: StoredFile[] = [];
  const sweep = async () => {
    const rows = await db
      .selectDistinct({ key: libraryFiles.storageKey })
      .from(libraryFiles)
      .where(
        inArray(
          libraryFiles.storageKey,
          batch.map((file) => file.key),
        ),
      );
    const referenced = new Set(rows.map((row) => row.key));
    for (const file of batch) {
      if (referenced.has(file.key)) report.referenced += 1;
      else if (file.modifiedAt > cutoff) report.keptRecent += 1;
      else if (dryRun || (await files.remove(file.key, { notModifiedAfter: cutoff }))) {
        report.removed.push(file);
        report.bytes += file.size;
      } else {
        report.keptRecent += 1;
      }
    }
    batch = [];
  };
  for await (const file of files.list()) {
    batch.push(file);
    if (batch.length === BATCH) await sweep();
  }
  if (batch.length > 0) await sweep();
  return report;
}
