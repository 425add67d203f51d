import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB_KIND, createPostgresDatabase } from '../../test/helpers/db.ts';
import { REPO_ROOT } from '../../test/helpers/fixtures.ts';

const BIN = join(REPO_ROOT, 'bin', 'lexpact.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `lexpact organization add` and `lexpact activities import`, as a user runs them, in order on one database. */
describe('the lexpact activities import command', { timeout: 180_000 }, () => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let dropDatabase = async () => {};

  const lexpact = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lexpact-programme-cli-'));
    env = {
      ...process.env,
      LEXPACT_DATA_DIR: join(dir, 'data'),
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
    writeFileSync(
      join(dir, 'activities.csv'),
      'code,title,type,status,start_date,end_date,countries\nNE-1,Atelier national,national_workshop,delivered,2013-03-10,2013-03-12,Niger\nML-1,Regional workshop,regional_workshop,planned,2013-05-20,2013-05-22,MLI;TCD\n',
    );
    writeFileSync(
      join(dir, 'bad.csv'),
      'code,title,type,start_date,end_date,countries\nX-1,Bad,national_workshop,2013-03-10,2013-03-01,Atlantis\n',
    );
  });
  afterAll(async () => {
    await dropDatabase();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adds an organisation, imports its activities, and updates instead of duplicating on a second run', async () => {
    const added = await lexpact('organization', 'add', 'Sahel Partners', '--kind', 'partner');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    const first = await lexpact(
      'activities',
      'import',
      join(dir, 'activities.csv'),
      '--organization',
      'sahel partners',
      '--format',
      'json',
    );
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const second = await lexpact(
      'activities',
      'import',
      join(dir, 'activities.csv'),
      '--organization',
      'Sahel Partners',
    );
    expect(second.stdout.trim()).toBe('0 created, 0 updated, 2 unchanged');
  });

  it('refuses a bad file with its line numbers and exit code 1, and a wrong option with exit code 2', async () => {
    const bad = await lexpact('activities', 'import', join(dir, 'bad.csv'), '--organization', 'Sahel Partners');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.csv, line 2, end_date: must be on or after the start date');
    expect(bad.stderr).toContain('"Atlantis" is not a known country');
    const unknown = await lexpact('activities', 'import', join(dir, 'activities.csv'), '--organization', 'Nobody');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--organization: no organization is called "Nobody"');
  });
});
