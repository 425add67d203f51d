import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers/fixtures.ts';
import { openPglite, rowsOf } from './client.ts';

const BIN = join(REPO_ROOT, 'bin', 'lexpact.js');
const SERVER = join(REPO_ROOT, 'src', 'server', 'main.ts');
const HOLDER = join(REPO_ROOT, 'test', 'helpers', 'hold-database.ts');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The lock of the embedded database, between real processes. These tests are about PGlite on disk
 * whichever database the rest of the suite runs on, so the environment never names PostgreSQL.
 */
describe('the embedded database is opened by one process at a time', { timeout: 120_000 }, () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];
  const dbDir = () => join(dataDir, 'db');
  const lockFile = () => `${dbDir()}.lock`;
  const inUse = (pid: number) =>
    `error: the database in ${dbDir()} is in use by process ${pid}; stop it or use PostgreSQL\n`;

  const run = (file: string, ...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(process.execPath, [file, ...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });

  /** Starts hold-database.ts; resolves once it holds the database (or has exited without it). */
  const hold = (...args: string[]) => {
    const child = spawn(process.execPath, [HOLDER, dbDir(), ...args], { cwd: REPO_ROOT, env });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | string>((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
    );
    const ready = new Promise<boolean>((resolve) => {
      child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve(true));
      void exited.then(() => resolve(false));
    });
    return { child, ready, exited, stderr: () => stderr };
  };

  const countRows = async (table: string) => {
    const database = await openPglite(dbDir());
    try {
      return rowsOf<{ n: number }>(await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
    } finally {
      await database.close();
    }
  };

  beforeAll(() => {
    // One folder for all: the first test migrates it, which takes long enough to do once.
    dataDir = mkdtempSync(join(tmpdir(), 'lexpact-lock-'));
    env = { ...process.env, LEXPACT_SEED: 'off', LEXPACT_LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', TZ: 'UTC' };
    for (const name of Object.keys(env))
      if (name.startsWith('LEXPACT_S3_') || name === 'LEXPACT_DATABASE_URL' || name === 'LEXPACT_FILES_DIR')
        delete env[name];
    env.LEXPACT_DATA_DIR = dataDir;
  });
  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a CLI command or a server started while another process holds the database stops with exit code 2 and writes nothing', async () => {
    const holder = hold();
    expect(await holder.ready, holder.stderr()).toBe(true);
    const pid = holder.child.pid!;

    const add = await run(
      BIN,
      'library',
      'add',
      'test/fixtures/library/law-en.pdf',
      '--kind',
      'legislation',
      '--language',
      'en',
    );
    expect(add).toEqual({ code: 2, stdout: '', stderr: inUse(pid) });
    const server = await run(SERVER);
    expect(server).toEqual({ code: 2, stdout: '', stderr: inUse(pid) });
    // Neither opened the database or the files folder: no original stored, the lock still the holder's.
    expect(existsSync(join(dataDir, 'files'))).toBe(false);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid });

    holder.child.kill('SIGTERM');
    expect(await holder.exited).toBe(0);
    expect(existsSync(lockFile())).toBe(false);
    expect(await countRows('library_documents')).toBe(0);
    expect(await countRows('audit_log')).toBe(0);
  });

  it('a lock left by a killed process is taken over by the next command', async () => {
    const holder = hold();
    expect(await holder.ready, holder.stderr()).toBe(true);
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(existsSync(lockFile())).toBe(true);

    const migrate = await run(BIN, 'db', 'migrate');
    expect(migrate, migrate.stderr).toEqual({ code: 0, stdout: 'migrations applied\n', stderr: '' });
    expect(existsSync(lockFile())).toBe(false);
  });

  it('a lock whose process number now belongs to another process is taken over (start time differs)', async () => {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    // This test runner is alive under that pid, but it did not start at time 1 tick after boot.
    writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: process.pid,
        hostname: hostname(),
        bootId,
        startTime: '1',
        nonce: 'old',
        since: '2020-01-01T00:00:00Z',
      }),
    );
    const migrate = await run(BIN, 'db', 'migrate');
    expect(migrate, migrate.stderr).toEqual({ code: 0, stdout: 'migrations applied\n', stderr: '' });
    expect(existsSync(lockFile())).toBe(false);
  });

  it('of four processes starting at the same moment exactly one gets the lock; SIGINT releases it', async () => {
    const racers = Array.from({ length: 4 }, () => hold('--lock-only'));
    const ready = await Promise.all(racers.map((racer) => racer.ready));
    expect(ready.filter(Boolean)).toHaveLength(1);
    const winner = racers[ready.indexOf(true)]!;
    for (const loser of racers.filter((racer) => racer !== winner)) {
      expect(await loser.exited).toBe(2);
      expect(loser.stderr()).toBe(inUse(winner.child.pid!));
    }

    winner.child.kill('SIGINT');
    expect(await winner.exited).toBe(130);
    // Neither the lock nor any temporary file is left behind.
    expect(readdirSync(dataDir).filter((name) => name.startsWith('db.lock'))).toEqual([]);
  });
});
