import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB_KIND, createPostgresDatabase, createTestDb, type TestDb } from '../../../test/helpers/db.ts';
import {
  REPO_ROOT,
  importUntcFolder,
  makeTempFolder,
  readShippedFile,
  removeTempFolders,
  statusTableCounts,
} from '../../../test/helpers/fixtures.ts';
import { ImportRejectedError, importSnapshot } from './status.import.ts';

const HEADER = 'instrument_id,participant,action,date,note\n';
/** An ICAO list saved by a spreadsheet in Latin-1: Côte d'Ivoire on line 3. */
const LATIN1 = Buffer.from(
  `${HEADER}tokyo-1963,Niger,accession,1969-06-27,\ntokyo-1963,Côte d'Ivoire,ratification,1969-02-13,\n`,
  'latin1',
);
const declaration = (noteLength: number) =>
  Buffer.from(`${HEADER}tokyo-1963,Niger,declaration,1969-06-27,"${'x'.repeat(noteLength)}"\n`);

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  return (error as ImportRejectedError).problems;
}

describe('importing a depositary file that is not UTF-8 or too long', () => {
  let database: TestDb;

  beforeAll(async () => {
    database = await createTestDb({ seed: true });
  });
  afterAll(async () => {
    await database?.destroy();
    removeTempFolders();
  });

  const importActions = (content: Buffer, dryRun = false) =>
    importSnapshot({
      db: database.db,
      format: 'actions',
      files: [{ name: 'icao.csv', content }],
      asOf: '2015-03-14',
      snapshotId: 'icao-2015-03-14',
      dryRun,
    });

  it('rejects a Latin-1 actions file with one problem naming file and line, and writes nothing', async () => {
    const before = await statusTableCounts(database.db);
    expect(await rejection(importActions(LATIN1))).toEqual([
      {
        file: 'icao.csv',
        line: 3,
        reason: expect.stringMatching(/^this file is not UTF-8 \(line 3, character 13: byte 0xF4\)/),
      },
    ]);
    expect(await statusTableCounts(database.db)).toEqual(before);
  });

  it('rejects a declaration over 10,000 characters, in a dry run too, and writes nothing', async () => {
    const before = await statusTableCounts(database.db);
    for (const dryRun of [true, false]) {
      expect(await rejection(importActions(declaration(10_001), dryRun))).toEqual([
        { file: 'icao.csv', line: 2, field: 'note', reason: 'is 10,001 characters long; at most 10,000 are accepted' },
      ]);
    }
    expect(await statusTableCounts(database.db)).toEqual(before);
  });

  it('rejects a UNTC folder holding a Latin-1 file as a whole, naming the file and line', async () => {
    const folder = makeTempFolder('untc-2015-06-01', { 'XVIII-5.csv': readShippedFile('XVIII-5.csv') });
    writeFileSync(
      join(folder, 'XVIII-11.csv'),
      Buffer.from(
        "Participant,Signature,Ratification\nAfghanistan,,24 Sep 2003 a\nCôte d'Ivoire,,13 Mar 2002 AA\n",
        'latin1',
      ),
    );
    const before = await statusTableCounts(database.db);
    expect(await rejection(importUntcFolder(database.db, folder))).toEqual([
      {
        file: 'XVIII-11.csv',
        line: 3,
        reason: expect.stringMatching(/^this file is not UTF-8 \(line 3, character 2: byte 0xF4\)/),
      },
    ]);
    expect(await statusTableCounts(database.db)).toEqual(before);
  });
});

describe('`lexpact import actions` with a file it cannot take', () => {
  let env: NodeJS.ProcessEnv;
  let folder: string;
  let dropDatabase = async () => {};
  let partiesBefore: unknown;

  const lexpact = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(REPO_ROOT, 'bin', 'lexpact.js'), ...args],
        { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        },
      );
    });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'lexpact-limits-'));
    env = {
      ...process.env,
      LEXPACT_DATA_DIR: join(folder, 'data'),
      LEXPACT_SEED: 'auto',
      LEXPACT_LOG_LEVEL: 'silent',
      TZ: 'UTC',
    };
    delete env.LEXPACT_DATABASE_URL;
    if (TEST_DB_KIND === 'postgres') {
      const database = await createPostgresDatabase();
      env.LEXPACT_DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
    // The first command creates and seeds the database, which takes longer than a test may.
    partiesBefore = JSON.parse(
      (await lexpact('parties', 'tokyo-1963', '--as-of', '2015-03-14', '--format', 'json')).stdout,
    );
  });
  afterAll(async () => {
    await dropDatabase();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('says a Latin-1 file is not UTF-8, on which line, exits 1 and imports nothing', async () => {
    writeFileSync(join(folder, 'icao.csv'), LATIN1);
    const run = await lexpact(
      'import',
      'actions',
      join(folder, 'icao.csv'),
      '--as-of',
      '2015-03-14',
      '--source',
      'icao',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/icao\.csv, line 3: this file is not UTF-8 \(line 3/);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).not.toContain('unknown participant');
    // The instrument still has no depositary data: nothing of the file was recorded.
    const parties = JSON.parse(
      (await lexpact('parties', 'tokyo-1963', '--as-of', '2015-03-14', '--format', 'json')).stdout,
    );
    expect(parties).toMatchObject({ hasData: false });
    expect(parties).toEqual(partiesBefore);
  });

  it('refuses a 20 MB note in a dry run without printing it', async () => {
    writeFileSync(join(folder, 'huge.csv'), declaration(20 * 1024 * 1024));
    const run = await lexpact('import', 'actions', join(folder, 'huge.csv'), '--as-of', '2015-03-14', '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('huge.csv: the file is 20.0 MB; at most 10 MB is accepted');
    expect(run.stdout.length + run.stderr.length).toBeLessThan(2_000);
  });
});
