import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { seedParticipants } from '../modules/participants/participants.seed.ts';
import { seedInstruments } from '../modules/instruments/instruments.seed.ts';
import { importSnapshot, type ImportReport } from '../modules/status/status.import.ts';
import { participants } from '../modules/participants/participants.table.ts';
import { type Clock, systemClock } from '../lib/dates.ts';

/** The reference data shipped with the product. */
export const SHIPPED_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));
export const SHIPPED_SNAPSHOT = 'untc-2015-03-14';

/** Reads a folder of UNTC status CSVs and the snapshot date from its name (`untc-2015-03-14`). */
export function readSnapshotFolder(folder: string): { files: { name: string; content: Buffer }[]; asOfFromName: string | null } {
  const names = readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.csv')).sort();
  const match = /(\d{4}-\d{2}-\d{2})/.exec(basename(folder));
  return { files: names.map((name) => ({ name, content: readFileSync(join(folder, name)) })), asOfFromName: match?.[1] ?? null };
}

export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(participants);
  return (row?.n ?? 0) > 0;
}

/** Loads instruments, participants and the newest UNTC snapshot (through the importer) into an empty database. */
export async function seedDatabase({ db, dataDir = SHIPPED_DATA_DIR, clock = systemClock }: { db: Db; dataDir?: string; clock?: Clock }): Promise<{ participants: number; instruments: number; snapshot: ImportReport }> {
  const counts = await db.transaction(async (tx) => ({
    participants: await seedParticipants({ db: tx as unknown as Db, dataDir }),
    instruments: await seedInstruments({ db: tx as unknown as Db, dataDir }),
  }));
  const { files } = readSnapshotFolder(join(dataDir, 'treaty-actions', SHIPPED_SNAPSHOT));
  const snapshot = await importSnapshot({ db, format: 'untc', files, asOf: SHIPPED_SNAPSHOT.slice(5), snapshotId: SHIPPED_SNAPSHOT, clock });
  return { ...counts, snapshot };
}

/** Empties every table (the schema and migrations stay). */
export async function resetDatabase(db: Db): Promise<void> {
  await db.execute(sql`truncate table status_changes, treaty_actions, snapshot_files, snapshots, status_data_version,
    instrument_translations, instruments, participant_aliases, participant_translations, participants, region_translations, regions restart identity cascade`);
}
