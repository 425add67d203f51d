import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/db.ts';
import { documentInputSchema } from '../../../contracts/library.ts';
import { fixedClock } from '../../../lib/dates.ts';
import { CLI_CONTEXT } from '../../audit/audit.service.ts';
import {
  COMMAND_LINE_ACTOR,
  createDocument,
  deleteDocument,
  prepareUpload,
  storeOriginal,
  type LibraryDeps,
} from '../library.documents.ts';
import { postgresSearchIndex } from '../search/postgres-search.ts';
import { localFileStore, sha256Hex, storageKeyFor } from './file-store.ts';
import { sweepOrphanedOriginals } from './file-sweep.ts';

const HOUR = 60 * 60 * 1000;
const text = (words: string) => new TextEncoder().encode(`${words}\n`);
const keyOf = (bytes: Uint8Array) => storageKeyFor(sha256Hex(bytes));

describe('sweeping orphaned originals from the local folder', () => {
  let database: TestDb;
  let filesDir: string;
  let deps: LibraryDeps;
  // The sweep's "now": file ages are set relative to it, so no test waits.
  const now = new Date();
  const clock = fixedClock(now.toISOString());
  const age = (key: string, ms: number) => {
    const at = new Date(now.getTime() - ms);
    utimesSync(join(filesDir, key), at, at);
  };
  const stored = (key: string) => existsSync(join(filesDir, key));
  const upload = (bytes: Uint8Array, filename: string) => ({
    bytes,
    filename,
    language: 'en' as const,
    versionDate: null,
  });
  const addDocument = (title: string, bytes: Uint8Array) =>
    createDocument(
      deps,
      COMMAND_LINE_ACTOR,
      CLI_CONTEXT,
      documentInputSchema.parse({ kind: 'legislation', titles: { en: title } }),
      upload(bytes, `${title}.txt`),
    );
  /** What a killed import leaves: the original stored, the transaction never committed. */
  const storeWithoutRecord = async (bytes: Uint8Array) =>
    storeOriginal(deps, await prepareUpload(deps, upload(bytes, 'orphan.txt')));

  beforeAll(async () => {
    database = await createTestDb();
    filesDir = mkdtempSync(join(tmpdir(), 'lexpact-sweep-'));
    deps = {
      db: database.db,
      files: localFileStore(filesDir),
      search: postgresSearchIndex,
      clock,
      maxUploadBytes: 1_048_576,
    };
  });
  afterAll(async () => {
    await database?.destroy();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  it('removes an unreferenced original older than an hour, keeps a recent one, and keeps every referenced one', async () => {
    const law = text('Law on the financing of terrorism. Article 1.');
    const repealed = text('Repealed law, deleted from the library but restorable.');
    const killedOld = text('Left by an import killed yesterday.');
    const killedRecent = text('Left by an import still running, or killed a minute ago.');
    await addDocument('law', law);
    await deleteDocument(deps, COMMAND_LINE_ACTOR, CLI_CONTEXT, await addDocument('repealed', repealed));
    await storeWithoutRecord(killedOld);
    await storeWithoutRecord(killedRecent);
    // A half-written copy from a process killed during put, and a file a person put there.
    const partial = `${keyOf(killedOld)}.4242.1700000000000.part`;
    writeFileSync(join(filesDir, partial), 'half');
    mkdirSync(join(filesDir, 'ab'), { recursive: true });
    writeFileSync(join(filesDir, 'ab', 'notes.txt'), 'mine');
    for (const key of [keyOf(law), keyOf(repealed), keyOf(killedOld), partial, 'ab/notes.txt']) age(key, 2 * HOUR);
    age(keyOf(killedRecent), 59 * 60 * 1000);

    const dryRun = await sweepOrphanedOriginals({ db: database.db, files: deps.files, clock, dryRun: true });
    expect(dryRun.removed.map((file) => file.key).sort()).toEqual([keyOf(killedOld), partial].sort());
    expect(stored(keyOf(killedOld)) && stored(partial)).toBe(true);

    const report = await sweepOrphanedOriginals({ db: database.db, files: deps.files, clock });
    expect(report).toMatchObject({ dryRun: false, keptRecent: 1, referenced: 2, bytes: killedOld.byteLength + 4 });
    expect(report.removed.map((file) => file.key).sort()).toEqual([keyOf(killedOld), partial].sort());
    expect([keyOf(killedOld), partial].map(stored)).toEqual([false, false]);
    expect([keyOf(law), keyOf(repealed), keyOf(killedRecent), 'ab/notes.txt'].map(stored)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    // The referenced originals still read back whole.
    expect(await deps.files.get(keyOf(law))).toEqual(law);
  });

  it('an old unreferenced copy that an import in progress stores again is kept until that import commits', async () => {
    const bytes = text('Imported, the import killed, imported again the next day.');
    await storeWithoutRecord(bytes);
    age(keyOf(bytes), 24 * HOUR);
    // The second import has stored its originals and not yet committed.
    await storeWithoutRecord(bytes);
    const report = await sweepOrphanedOriginals({
      db: database.db,
      files: deps.files,
      clock: fixedClock(new Date().toISOString()),
    });
    expect(report.removed.map((file) => file.key)).not.toContain(keyOf(bytes));
    expect(stored(keyOf(bytes))).toBe(true);
  });

  it('an empty or missing folder is nothing to sweep', async () => {
    const files = localFileStore(join(filesDir, 'never-created'));
    expect(await sweepOrphanedOriginals({ db: database.db, files, clock })).toEqual({
      dryRun: false,
      removed: [],
      bytes: 0,
      keptRecent: 0,
      referenced: 0,
    });
  });
});
