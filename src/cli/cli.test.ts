import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/helpers/app.ts';
import { TEST_DB_KIND, createPostgresDatabase } from '../../test/helpers/db.ts';
import { REPO_ROOT, makeTempFolder, readShippedFile, removeTempFolders } from '../../test/helpers/fixtures.ts';

const BIN = join(REPO_ROOT, 'bin', 'lexpact.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const STACK_FRAME = /\n\s+at\s+\S+/;

describe('the lexpact command line', () => {
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let dropDatabase = async () => {};
  let app: Awaited<ReturnType<typeof createTestApp>>;

  /** Runs `node bin/lexpact.js …` as a user would, against the test database. */
  const lexpact = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  const json = (run: Run) => {
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lexpact-cli-'));
    env = { ...process.env, LEXPACT_DATA_DIR: dataDir, LEXPACT_SEED: 'auto', LEXPACT_LOG_LEVEL: 'silent', TZ: 'UTC' };
    delete env.LEXPACT_DATABASE_URL;
    if (TEST_DB_KIND === 'postgres') {
      const database = await createPostgresDatabase();
      env.LEXPACT_DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
    await dropDatabase();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    removeTempFolders();
  });

  it('`parties --format json` prints exactly what the API answers for the same question', async () => {
    // The first command also creates and seeds the database, as on a first run.
    const cli = json(await lexpact('parties', 'icsft-1999', '--as-of', '2010-01-01', '--format', 'json'));
    const api = await app.app.inject({ method: 'GET', url: '/api/v1/instruments/icsft-1999/parties?asOf=2010-01-01' });
    expect(api.statusCode).toBe(200);
    expect(cli).toEqual(api.json());
    expect(cli.count).toBeGreaterThan(100);
  });

  it("`country NER --format json` gives the country's gaps among the instruments with data", async () => {
    const cli = json(await lexpact('country', 'NER', '--format', 'json'));
    expect(cli).toMatchObject({ participant: 'NER', name: 'Niger', set: 19, basis: 'deposit' });
    expect(Array.isArray(cli.gaps)).toBe(true);
    expect(cli.instrumentsWithoutData).toHaveLength(14);
    const instruments = cli.instruments as { instrument: string; hasData: boolean; status: string }[];
    expect(cli.gaps).toEqual(instruments.filter((i) => i.hasData && i.status !== 'party').map((i) => i.instrument));
    // The date defaults to today; the API answers the same for that date.
    const api = await app.app.inject({
      method: 'GET',
      url: `/api/v1/participants/NER/status?asOf=${String(cli.asOf)}`,
    });
    expect(cli).toEqual(api.json());
  });

  it('`compare --format json` has the documented keys and the same figures as the API', async () => {
    const cli = json(await lexpact('compare', '--from', '2013-01-01', '--to', '2014-06-30', '--format', 'json'));
    expect(Object.keys(cli).sort()).toEqual([
      'basis',
      'from',
      'instruments',
      'partyToAllAtFrom',
      'partyToAllAtTo',
      'set',
      'to',
    ]);
    expect(cli).toMatchObject({ from: '2013-01-01', to: '2014-06-30', set: 19, basis: 'deposit' });
    const api = await app.app.inject({ method: 'GET', url: '/api/v1/status/compare?from=2013-01-01&to=2014-06-30' });
    expect(cli).toEqual(api.json());
  });

  it('rejects an impossible date with a message naming the option, a non-zero exit and no stack trace', async () => {
    const run = await lexpact('parties', 'icsft-1999', '--as-of', '2014-02-30', '--format', 'json');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--as-of');
    expect(run.stderr).toContain('2014-02-30');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stdout).toBe('');
  });

  it('an unknown instrument or country exits with 2 and names the nearest valid ids', async () => {
    const instrument = await lexpact('parties', 'icsft', '--as-of', '2010-01-01');
    expect(instrument.code).toBe(2);
    expect(instrument.stderr).toContain('no instrument has the id "icsft" (did you mean icsft-1999?)');
    expect(instrument.stderr).not.toMatch(STACK_FRAME);
    const country = await lexpact('country', 'Nigr');
    expect(country.code).toBe(2);
    expect(country.stderr).toContain('did you mean NER');
    expect((await lexpact('country', 'XXX')).code).toBe(2);
  });

  it('rejects a broken folder on import, listing each file and line, with a non-zero exit and no stack trace', async () => {
    const folder = makeTempFolder('untc-2015-06-01', {
      'XVIII-5.csv': readShippedFile('XVIII-5.csv'),
      'XVIII-11.csv': 'Participant,Signature,Ratification\nAfghanistan,,24 Sep 2003 a\nAtlantis,10 Jan 2000,\n',
      'XVIII-9.csv': 'Participant,Signature,Ratification\nAlbania,31 Feb 2004,\n',
    });
    const run = await lexpact('import', 'untc', folder);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toMatch(/XVIII-11\.csv, line 3.*Atlantis/);
    expect(run.stderr).toMatch(/XVIII-9\.csv, line 2.*31 Feb 2004/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('says nothing changed when the shipped snapshot is imported again', async () => {
    const run = await lexpact('import', 'untc', 'data/treaty-actions/untc-2015-03-14');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('snapshot untc-2015-03-14 (as of 2015-03-14) is already imported: nothing changed');
  });

  it('`db reset --yes` empties the database and `db seed` loads the reference data again', async () => {
    const reset = await lexpact('db', 'reset', '--yes');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('database emptied');

    const seed = await lexpact('db', 'seed');
    expect(seed.stderr).not.toMatch(STACK_FRAME);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain('loaded 24 instruments, 198 participants, snapshot untc-2015-03-14 (2490 actions)');
  });

  /** Runs a command with its standard input from a pipe (not a terminal), in an environment with these additions. */
  const withInputIn = (extraEnv: NodeJS.ProcessEnv, input: string, ...args: string[]) =>
    new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...env, ...extraEnv } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.end(input);
    });

  it('`user create-admin` creates the first administrator with a password from standard input, and refuses weak passwords and duplicates', async () => {
    const withInput = (input: string, ...args: string[]) => withInputIn({}, input, ...args);
    const weak = await withInput(
      'password\n',
      'user',
      'create-admin',
      '--email',
      'first@example.org',
      '--name',
      'First',
      '--password-stdin',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
    expect(weak.stderr).not.toMatch(STACK_FRAME);

    const created = await withInput(
      'a long and private passphrase\n',
      'user',
      'create-admin',
      '--email',
      'first@example.org',
      '--name',
      'First',
      '--password-stdin',
    );
    expect(created.stderr).not.toMatch(STACK_FRAME);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('administrator first@example.org created');

    const again = await withInput(
      'a long and private passphrase\n',
      'user',
      'create-admin',
      '--email',
      'FIRST@example.org',
      '--name',
      'First',
      '--password-stdin',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it("`user create-admin` takes --language, refuses one not of the six, and otherwise the locale's", async () => {
    const passphrase = 'a long and private passphrase\n';
    const admin = (extraEnv: NodeJS.ProcessEnv, email: string, ...more: string[]) =>
      withInputIn(
        extraEnv,
        passphrase,
        'user',
        'create-admin',
        '--email',
        email,
        '--name',
        'Admin',
        '--password-stdin',
        ...more,
      );
    const english = { LC_ALL: '', LC_MESSAGES: '', LANG: 'en_GB.UTF-8' };

    const wrong = await admin(english, 'wrong-language@example.org', '--language', 'de');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--language: "de" is not one of ar, zh, en, fr, ru, es');
    expect(wrong.stderr).not.toMatch(STACK_FRAME);

    const chosen = await admin(english, 'wrong-language@example.org', '--language', 'ar');
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).toContain('administrator wrong-language@example.org created (id ');
    expect(chosen.stdout).toContain('language ar)');

    const spanish = await admin({ LC_ALL: '', LC_MESSAGES: '', LANG: 'es_ES.UTF-8' }, 'spanish-locale@example.org');
    expect(spanish.code, spanish.stderr).toBe(0);
    expect(spanish.stdout).toContain('language es)');
  });

  it('tells a partial list from a complete one, says "at least" and "unknown", and warns beside figures past the newest data', async () => {
    const file = join(
      makeTempFolder('icao', {
        'icao-tokyo.csv': [
          'instrument_id,participant,action,date,effective_date,note,notification_ref',
          'tokyo-1963,Niger,accession,1969-06-27,,,',
        ].join('\n'),
      }),
      'icao-tokyo.csv',
    );
    const partial = await lexpact('import', 'actions', file, '--source', 'icao', '--as-of', '2015-01-31');
    expect(partial.code, partial.stderr).toBe(0);
    expect(partial.stdout).toContain('partial data');
    const tokyo = await lexpact('parties', 'tokyo-1963', '--as-of', '2014-06-30');
    expect(tokyo.stdout).toContain('at least 1 parties');
    expect(tokyo.stdout).toMatch(/only part of the depositary's list is loaded/);
    const france = await lexpact('country', 'FRA', '--as-of', '2014-06-30');
    expect(france.stdout).toMatch(/tokyo-1963\s+unknown/);
    expect(france.stdout).toMatch(/unknown \(partial depositary data, no consent recorded\): tokyo-1963/);
    expect(france.stdout).not.toMatch(/gaps: .*tokyo-1963/);

    // The same list said to be complete: France is then not party, a gap.
    const complete = await lexpact(
      'import',
      'actions',
      file,
      '--source',
      'icao',
      '--as-of',
      '2015-01-31',
      '--complete',
      '--format',
      'json',
    );
    expect(json(complete)).toMatchObject({ complete: true, outcome: 'applied' });
    expect((await lexpact('country', 'FRA', '--as-of', '2014-06-30')).stdout).toMatch(/gaps: .*tokyo-1963/);

    // Today is years after the shipped lists: every figure says how old its data are.
    const today = await lexpact('parties', 'icsft-1999');
    expect(today.stdout).toMatch(/depositary data as of March 14, 2015: later actions are not included/);
    const csv = await lexpact('compare', '--from', '2010-01-01', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toContain('data_as_of,data_complete,data_stale');
    expect(csv.stderr).toMatch(/note: .*later actions are not included/);
  });

  it('`indicators` and `cohort` print the figures with what the ratifications cover, and refuse a reversed period', async () => {
    const indicators = json(
      await lexpact('indicators', '--from', '2013-01-01', '--to', '2013-12-31', '--format', 'json'),
    );
    expect(indicators).toMatchObject({
      activitiesDelivered: 0,
      newRatifications: 0,
      ratificationData: { stale: false, dataAsOf: '2015-01-31' },
    });
    const later = await lexpact('cohort', '--from', '2020-01-01', '--to', '2020-12-31', '--lang', 'fr');
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toMatch(/of the 0 countries assisted, 0 became party/);
    expect(later.stdout).toMatch(
      /note: Données du dépositaire au .*les ratifications postérieures ne sont pas incluses/,
    );
    const reversed = await lexpact('indicators', '--from', '2014-01-01', '--to', '2013-01-01');
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('--from 2014-01-01 is after --to 2013-01-01');
  });
});
