import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { SHIPPED_DATA_DIR, SHIPPED_SNAPSHOT, readSnapshotFolder } from '../../src/db/seed.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { seedInstruments } from '../../src/modules/instruments/instruments.seed.ts';
import { seedParticipants } from '../../src/modules/participants/participants.seed.ts';
import { importSnapshot, type ImportFormat } from '../../src/modules/status/status.import.ts';
import { TEST_CLOCK } from './db.ts';

/** Everything here reads from the repository only. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
export const UNTC_2013_06_06 = join(FIXTURES_DIR, 'untc', 'untc-2013-06-06');
export const UNTC_2013_12_22 = join(FIXTURES_DIR, 'untc', 'untc-2013-12-22');
export const UNTC_2015_03_14 = join(SHIPPED_DATA_DIR, 'treaty-actions', SHIPPED_SNAPSHOT);

/** The verified crosswalk: UNTC source name → participant id (ISO alpha-3, `EUU` for the European Union). */
export function readCrosswalk(): Map<string, string> {
  const records = parseCsv(readFileSync(join(FIXTURES_DIR, 'untc-participants.csv')));
  return new Map(
    records.map(({ values }) => {
      const id = values.iso3 || (values.source_name === 'European Union' ? 'EUU' : '');
      if (!id) throw new Error(`crosswalk row without a code: ${values.source_name}`);
      return [values.source_name!, id];
    }),
  );
}

export interface ExpectedAction {
  instrumentId: string;
  participantId: string;
  type: string;
  date: string;
}

/** The independent normalisation of the shipped snapshot, with names resolved through the crosswalk. */
export function readNormalizedShippedActions(): ExpectedAction[] {
  const crosswalk = readCrosswalk();
  return parseCsv(readFileSync(join(FIXTURES_DIR, 'untc', 'normalized-2015-03-14.csv'))).map(({ values }) => {
    const participantId = crosswalk.get(values.participant!);
    if (!participantId) throw new Error(`normalized row with a name not in the crosswalk: ${values.participant}`);
    return { instrumentId: values.instrument_id!, participantId, type: values.action!, date: values.date! };
  });
}

/** Instruments, regions, participants and aliases, without any status data. */
export async function seedReferenceData(db: Db): Promise<void> {
  await seedParticipants({ db, dataDir: SHIPPED_DATA_DIR });
  await seedInstruments({ db, dataDir: SHIPPED_DATA_DIR });
}

/** Imports a UNTC folder the way `lexpact import untc` does: snapshot id and date from the folder name. */
export async function importUntcFolder(
  db: Db,
  folder: string,
  { asOf, dryRun = false }: { asOf?: string; dryRun?: boolean } = {},
) {
  const { files, asOfFromName } = readSnapshotFolder(folder);
  const date = asOf ?? asOfFromName;
  if (!date) throw new Error(`no date in ${folder}`);
  return importSnapshot({
    db,
    format: 'untc',
    files,
    asOf: date,
    snapshotId: `untc-${date}`,
    dryRun,
    clock: TEST_CLOCK,
  });
}

/** Imports one generic actions CSV given as text. */
export async function importActionsCsv(
  db: Db,
  content: string,
  {
    asOf,
    snapshotId,
    name = 'actions.csv',
    format = 'actions',
    complete = false,
  }: { asOf: string; snapshotId: string; name?: string; format?: ImportFormat; complete?: boolean },
) {
  return importSnapshot({
    db,
    format,
    files: [{ name, content: Buffer.from(content, 'utf8') }],
    asOf,
    snapshotId,
    complete,
    clock: TEST_CLOCK,
  });
}

const tempRoots: string[] = [];

/** A new folder in the system temporary directory holding `files`; `name` is the folder's own name (it may carry the snapshot date). */
export function makeTempFolder(name: string, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lexpact-test-'));
  tempRoots.push(root);
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), content, 'utf8');
  return folder;
}

/** Removes every folder made by makeTempFolder in this test file. */
export function removeTempFolders(): void {
  for (const root of tempRoots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** A shipped UNTC file as text, to copy or alter. */
export const readShippedFile = (file: string) => readFileSync(join(UNTC_2015_03_14, file), 'utf8');

/** Row counts and row checksums of every status table, and the data version: equal before and after means nothing was written. */
export async function statusTableCounts(db: Db) {
  const count = async (table: string) => {
    const result = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
      rows: { n: number }[];
    };
    return Number(result.rows[0]!.n);
  };
  const digest = async (table: string, order: string) => {
    const result = (await db.execute(
      sql.raw(`select coalesce(md5(string_agg(t::text, '|' order by ${order})), '') as d from ${table} t`),
    )) as unknown as { rows: { d: string }[] };
    return result.rows[0]!.d;
  };
  const version = (await db.execute(
    sql.raw('select coalesce(max(version), 0)::int as v from status_data_version'),
  )) as unknown as { rows: { v: number }[] };
  return {
    treatyActions: await count('treaty_actions'),
    snapshots: await count('snapshots'),
    snapshotFiles: await count('snapshot_files'),
    statusChanges: await count('status_changes'),
    dataVersion: Number(version.rows[0]!.v),
    /** Checksums of the rows themselves, so an update in place shows too. */
    contents: {
      treatyActions: await digest('treaty_actions', 'id'),
      snapshots: await digest('snapshots', 'id'),
      snapshotFiles: await digest('snapshot_files', 'snapshot_id, instrument_id'),
      statusChanges: await digest('status_changes', 'id'),
    },
  };
}
