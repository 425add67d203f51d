import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { inTransaction, type Db } from './client.ts';
import { seedParticipants } from '../modules/participants/participants.seed.ts';
import { seedInstruments } from '../modules/instruments/instruments.seed.ts';
import { importSnapshot, type ImportReport } from '../modules/status/status.import.ts';
import { type Clock, systemClock } from '../lib/dates.ts';
import { CLI_CONTEXT, recordAudit, SYSTEM_CONTEXT, type AuditContext } from '../modules/audit/audit.service.ts';
import { COMMAND_LINE_ACTOR } from '../modules/library/library.documents.ts';
import { importLibraryFolder, type LibraryImportReport } from '../modules/library/library.import.ts';
import { postgresSearchIndex } from '../modules/library/search/postgres-search.ts';
import type { FileStore } from '../modules/library/storage/file-store.ts';

/** The reference data shipped with the product. */
export const SHIPPED_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));
export const SHIPPED_SNAPSHOT = 'untc-2015-03-14';
/** Sample library content: a folder with metadata.csv and the files it names. */
export const SHIPPED_DOCUMENTS = 'documents';

/** Reads a folder of UNTC status CSVs and the snapshot date from its name (`untc-2015-03-14`). */
export function readSnapshotFolder(folder: string): {
  files: { name: string; content: Buffer }[];
  asOfFromName: string | null;
} {
  const names = readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort();
  const match = /(\d{4}-\d{2}-\d{2})/.exec(basename(folder));
  return {
    files: names.map((name) => ({ name, content: readFileSync(join(folder, name)) })),
    asOfFromName: match?.[1] ?? null,
  };
}

export { isSeeded } from './seeded.ts';

/** Loads instruments, participants and the newest UNTC snapshot (through the importer) into an empty database. */
export async function seedDatabase({
  db,
  dataDir = SHIPPED_DATA_DIR,
  clock = systemClock,
  context = SYSTEM_CONTEXT,
  files,
}: {
  db: Db;
  dataDir?: string;
  clock?: Clock;
  context?: AuditContext;
  /** Where library originals go: when given, the sample documents are imported too (through the library importer). */
  files?: FileStore;
}): Promise<{
  participants: number;
  instruments: number;
  snapshot: ImportReport;
  library: LibraryImportReport | null;
}> {
  const counts = await inTransaction(db, async (tx) => {
    const loaded = {
      participants: await seedParticipants({ db: tx, dataDir }),
      instruments: await seedInstruments({ db: tx, dataDir }),
    };
    await recordAudit(
      tx,
      context,
      { action: 'reference.seed', entityType: 'reference_data', entityId: null, after: loaded },
      clock.now().toISOString(),
    );
    return loaded;
  });
  const { files: snapshotFiles } = readSnapshotFolder(join(dataDir, 'treaty-actions', SHIPPED_SNAPSHOT));
  const snapshot = await importSnapshot({
    db,
    format: 'untc',
    files: snapshotFiles,
    asOf: SHIPPED_SNAPSHOT.slice(5),
    snapshotId: SHIPPED_SNAPSHOT,
    clock,
    audit: context,
  });
  const library = files
    ? await importLibraryFolder(
        { db, files, search: postgresSearchIndex, clock, maxUploadBytes: 50 * 1_048_576 },
        COMMAND_LINE_ACTOR,
        context,
        join(dataDir, SHIPPED_DOCUMENTS),
      )
    : null;
  return { ...counts, snapshot, library };
}

/**
 * Empties every table but the audit trail (the schema and migrations stay), and records the reset
 * there: the trail outlives even a reset.
 */
export async function resetDatabase(
  db: Db,
  context: AuditContext = CLI_CONTEXT,
  clock: Clock = systemClock,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`truncate table library_search, library_references, library_events, library_instrument_links, library_expressions,
      library_files, library_document_titles, library_documents, status_changes, treaty_actions, snapshot_files, snapshots, status_data_version,
      sessions, api_tokens, one_time_tokens, sign_in_attempts, outbox, users, organizations,
      instrument_translations, instruments, participant_aliases, participant_translations, participants, region_translations, regions restart identity cascade`);
    await recordAudit(
      tx,
      context,
      { action: 'database.reset', entityType: 'database', entityId: null },
      clock.now().toISOString(),
    );
  });
}
