import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB_KIND, createPostgresDatabase } from '../../test/helpers/db.ts';
import { REPO_ROOT } from '../../test/helpers/fixtures.ts';
import { sha256Hex, storageKeyFor } from '../modules/library/storage/file-store.ts';

const BIN = join(REPO_ROOT, 'bin', 'lexpact.js');
const STACK_FRAME = /\n\s+at\s+\S+/;
const HOUR = 60 * 60 * 1000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('`lexpact files gc`, the sweep of orphaned originals', { timeout: 180_000 }, () => {
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let filesDir: string;
  let dropDatabase = async () => {};

  const lexpact = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  /** Puts a file in the store as a killed import would have, written `ms` ago. */
  const orphan = (text: string, ms: number) => {
    const key = storageKeyFor(sha256Hex(new TextEncoder().encode(text)));
    mkdirSync(join(filesDir, key.slice(0, 2)), { recursive: true });
    writeFileSync(join(filesDir, key), text);
    age(key, ms);
    return key;
  };
  const age = (key: string, ms: number) => {
    const at = new Date(Date.now() - ms);
    utimesSync(join(filesDir, key), at, at);
  };
  const storedKeys = () =>
    readdirSync(filesDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(name))
      .sort();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lexpact-files-cli-'));
    filesDir = join(dataDir, 'files');
    env = { ...process.env, LEXPACT_DATA_DIR: dataDir, LEXPACT_SEED: 'off', LEXPACT_LOG_LEVEL: 'silent', TZ: 'UTC' };
    for (const name of Object.keys(env))
      if (name.startsWith('LEXPACT_S3_') || name === 'LEXPACT_DATABASE_URL' || name === 'LEXPACT_FILES_DIR')
        delete env[name];
    if (TEST_DB_KIND === 'postgres') {
      const database = await createPostgresDatabase();
      env.LEXPACT_DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
  });
  afterAll(async () => {
    await dropDatabase();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('--dry-run lists what would go and removes nothing; without it the old orphan goes and the rest stays', async () => {
    const add = await lexpact(
      'library',
      'add',
      'test/fixtures/library/law-en.pdf',
      '--kind',
      'legislation',
      '--language',
      'en',
    );
    expect(add.code, add.stderr).toBe(0);
    const [referenced] = storedKeys();
    age(referenced!, 3 * HOUR);
    const old = orphan('Left by an import killed yesterday.', 3 * HOUR);
    const recent = orphan('Stored a minute ago by an import still running.', 60 * 1000);
    const before = storedKeys();
    expect(before).toHaveLength(3);

    const dryRun = await lexpact('files', 'gc', '--dry-run', '--format', 'json');
    expect(dryRun.stderr).not.toMatch(STACK_FRAME);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(JSON.parse(dryRun.stdout)).toEqual({
      dryRun: true,
      count: 1,
      bytes: 35,
      keptRecent: 1,
      referenced: 1,
      removed: [{ key: old, size: 35, modifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
    });
    expect(storedKeys()).toEqual(before);

    const gc = await lexpact('files', 'gc');
    expect(gc.code, gc.stderr).toBe(0);
    expect(gc.stdout).toMatch(
      /^1 unreferenced original \(35 bytes\) removed; 1 unreferenced but younger than an hour kept, 1 in use\n/,
    );
    expect(gc.stdout).toContain(old);
    expect(existsSync(join(filesDir, old))).toBe(false);
    expect(storedKeys()).toEqual([referenced!, recent].sort());

    const again = await lexpact('files', 'gc', '--format', 'json');
    expect(JSON.parse(again.stdout)).toMatchObject({ dryRun: false, count: 0, bytes: 0, removed: [] });
  });

  it('the server sweeps old orphans in the background when it starts, and logs how many it removed', async () => {
    const old = orphan('Left by an import killed last night.', 2 * HOUR);
    const recent = orphan('Being imported right now.', 0);
    const server = spawn(process.execPath, [join(REPO_ROOT, 'src', 'server', 'main.ts')], {
      cwd: REPO_ROOT,
      env: { ...env, LEXPACT_LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' },
    });
    let log = '';
    const swept = await new Promise<Record<string, unknown> | null>((resolve) => {
      server.stdout.on('data', (chunk) => {
        log += String(chunk);
        const line = log.split('\n').find((entry) => entry.includes('unreferenced original'));
        if (line) resolve(JSON.parse(line) as Record<string, unknown>);
      });
      server.on('exit', () => resolve(null));
    });
    const exited =
      server.exitCode !== null ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    expect(swept, log).toMatchObject({ msg: 'removed 1 unreferenced original file (36 bytes)', removed: 1, bytes: 36 });
    expect(existsSync(join(filesDir, old))).toBe(false);
    expect(existsSync(join(filesDir, recent))).toBe(true);
  });

  it('a wrong --format is refused with exit code 2 before anything is opened', async () => {
    const wrong = await lexpact('files', 'gc', '--format', 'xml');
    expect(wrong).toMatchObject({ code: 2, stderr: 'error: --format: "xml" is not one of text, json\n' });
  });
});
