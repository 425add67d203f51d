import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers/fixtures.ts';

const BIN = join(REPO_ROOT, 'bin', 'lexpact.js');

// Lists every module the process resolved, on standard error as it exits: what a command loads is what makes it
// slow and large, and this says so without timing anything.
const RECORD_MODULES = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
const urls = new Set();
registerHooks({ resolve(specifier, context, next) { const resolved = next(specifier, context); urls.add(resolved.url); return resolved; } });
process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify([...urls]) + '\\n'));
`)}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  loaded: string[];
}

/** Modules that only some commands need; each takes a noticeable part of a second and tens of megabytes to load. */
const HEAVY = ['@electric-sql/pglite', '/node_modules/pg/', 'exceljs', '@aws-sdk', 'mammoth', 'unpdf'];

describe('what a lexpact command loads', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  const lexpact = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        ['--import', RECORD_MODULES, BIN, ...args],
        { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          const line = stderr.split('\n').find((l) => l.startsWith('LOADED '));
          resolve({ code, stdout, stderr, loaded: line ? (JSON.parse(line.slice('LOADED '.length)) as string[]) : [] });
        },
      );
    });
  const loadedAny = (run: Run, parts: string[]) => parts.filter((part) => run.loaded.some((url) => url.includes(part)));

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lexpact-startup-'));
    // Always the embedded database: what is measured is what `lexpact` loads on a person's machine.
    env = { ...process.env, LEXPACT_DATA_DIR: dataDir, LEXPACT_SEED: 'auto', LEXPACT_LOG_LEVEL: 'silent', TZ: 'UTC' };
    delete env.LEXPACT_DATABASE_URL;
  });
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('`--help` lists every command without loading a database driver, the spreadsheet writer or the document libraries', async () => {
    const help = await lexpact('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('parties');
    expect(help.stdout).toContain('library');
    expect(help.loaded.length).toBeGreaterThan(0);
    expect(loadedAny(help, [...HEAVY, 'drizzle-orm'])).toEqual([]);
  });

  it('a status query on a seeded, up-to-date database neither migrates nor loads the seeding and import code', async () => {
    const seed = await lexpact('db', 'seed');
    expect(seed.code, seed.stderr).toBe(0);
    const parties = await lexpact('parties', 'icsft-1999', '--as-of', '2010-01-01', '--format', 'json');
    expect(parties.code, parties.stderr).toBe(0);
    expect(JSON.parse(parties.stdout)).toMatchObject({ instrument: 'icsft-1999' });
    expect(loadedAny(parties, ['@electric-sql/pglite'])).toHaveLength(1);
    expect(
      loadedAny(parties, ['/migrator', '/db/seed.ts', 'status.import.ts', 'exceljs', '@aws-sdk', 'mammoth', 'unpdf']),
    ).toEqual([]);
  });
});
