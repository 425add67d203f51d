import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';
import { fundTwoDonors } from '../../../test/helpers/funding.ts';

type Headers = Record<string, string>;

describe('donors read what their contributions funded, and nothing else', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let officer: Headers;
  let norwayUser: Headers;
  let euUser: Headers;
  let unlinkedDonor: Headers;
  let ids: Awaited<ReturnType<typeof fundTwoDonors>>;

  const get = (url: string, headers: Headers) => context.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  const csvLines = async (url: string, headers: Headers) => (await get(url, headers)).body.trim().split(/\r?\n/);

  beforeAll(async () => {
    context = await createTestApp({ seed: true });
    const db = context.database.db;
    const unodc = (await createOrganization(db, 'UNODC', 'un')).id;
    officer = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'officer@example.org', role: 'programme_officer', organizationId: unodc }),
      true,
    );
    ids = await fundTwoDonors(context.app, officer, unodc);
    const donorOrg = (await createOrganization(db, 'Norwegian Ministry of Foreign Affairs', 'donor')).id;
    norwayUser = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'nor@example.org', role: 'donor', participantId: 'NOR', donorId: ids.norway }),
      true,
    );
    euUser = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'eu@example.org', role: 'donor', organizationId: donorOrg, donorId: ids.eu }),
      true,
    );
    unlinkedDonor = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'unlinked@example.org', role: 'donor', participantId: 'NOR' }),
    );
  });
  afterAll(async () => {
    await context?.close();
  });

  it("lists to a donor the projects it funded, not another donor's", async () => {
    const codes = async (headers: Headers) =>
      (await get('/programme/projects', headers)).json().items.map((p: { code: string }) => p.code);
    expect(await codes(norwayUser)).toEqual(['GLO/A']);
    expect(await codes(euUser)).toEqual(['GLO/B']);
    expect(await codes(officer)).toEqual(['GLO/A', 'GLO/B']);
    expect((await get('/programme/projects', norwayUser)).json().total).toBe(1);
    const options = (await get('/programme/options', norwayUser)).json();
    expect(options.projects.map((p: { code: string }) => p.code)).toEqual(['GLO/A']);
    expect(options.donors.map((d: { name: string }) => d.name)).toEqual(['Norway']);
  });

  it('answers 404 for a project the donor did not fund, exactly as for one that does not exist', async () => {
    const funded = await get(`/programme/projects/${ids.projectA}`, norwayUser);
    expect(funded.statusCode).toBe(200);
    // The project's figures are the whole project's, not the donor's share.
    expect(funded.json().funding).toMatchObject({
      pledged: 500_000,
      paid: 100_000,
      expenditure: 40_000,
      balance: 60_000,
    });
    const unfunded = await get(`/programme/projects/${ids.projectB}`, norwayUser);
    const missing = await get('/programme/projects/00000000-0000-4000-8000-000000000000', norwayUser);
    expect(unfunded.statusCode).toBe(404);
    expect(unfunded.json()).toMatchObject({ code: 'programme.project_not_found' });
    expect(unfunded.json().detail).toBe(missing.json().detail);
  });

  it("shows a donor its own transactions and the spending of its projects, never another donor's", async () => {
    const rows = (await get('/programme/transactions', norwayUser)).json().items as {
      type: string;
      donorName: string | null;
      projectCode: string;
    }[];
    expect(rows.map((t) => [t.type, t.donorName, t.projectCode]).sort()).toEqual([
      ['expenditure', null, 'GLO/A'],
      ['incoming_funds', 'Norway', 'GLO/A'],
      ['pledge', 'Norway', 'GLO/A'],
    ]);
    expect((await get(`/programme/transactions?project=${ids.projectB}`, norwayUser)).json()).toEqual({
      total: 0,
      items: [],
    });
    expect((await get(`/programme/transactions?donor=${ids.eu}`, norwayUser)).json().total).toBe(0);
    expect((await get('/programme/transactions', officer)).json().total).toBe(5);
  });

  it('gives a donor its own row of the donor table, in JSON, CSV and XLSX', async () => {
    const table = (await get('/programme/funding/donors', norwayUser)).json();
    expect(table.rows.map((r: { name: string; paid: number }) => [r.name, r.paid])).toEqual([['Norway', 100_000]]);
    expect(table.total).toBe(100_000);
    expect(await csvLines('/programme/funding/donors?format=csv', norwayUser)).toEqual([
      'donor,paid_usd,general_purpose_usd',
      'Norway,100000,0',
      'Total,100000,0',
    ]);
    expect(await csvLines('/programme/funding/donors?format=csv', euUser)).toEqual([
      'donor,paid_usd,general_purpose_usd',
      'European Union,250000,0',
      'Total,250000,0',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await get('/programme/funding/donors?format=xlsx', norwayUser)).rawPayload as unknown as ArrayBuffer,
    );
    const names = workbook.worksheets[0]!.getColumn(1).values.filter((v) => typeof v === 'string');
    expect(names).toEqual(['donor', 'Norway', 'Total']);
    expect((await csvLines('/programme/funding/donors?format=csv', officer)).slice(1, 3)).toEqual([
      'European Union,250000,0',
      'Norway,100000,0',
    ]);
  });

  it('gives a donor the balances of the projects it funded only, in JSON and CSV', async () => {
    const rows = (await get('/programme/funding/projects', norwayUser)).json().rows;
    expect(rows.map((r: { code: string; balance: number }) => [r.code, r.balance])).toEqual([['GLO/A', 60_000]]);
    const csv = await csvLines('/programme/funding/projects?format=csv', norwayUser);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/^GLO\/A,/);
    expect((await csvLines('/programme/funding/projects?format=csv', officer)).map((l) => l.split(',')[0])).toEqual([
      'code',
      'GLO/A',
      'GLO/B',
    ]);
  });

  it('lists to a donor the activities of its projects and those naming it among their donors, in every view', async () => {
    const titles = async (url: string, headers: Headers) =>
      (await get(url, headers))
        .json()
        .items.map((a: { title: string }) => a.title)
        .sort();
    expect(await titles('/programme/activities', norwayUser)).toEqual([
      'Mission paid by Norway',
      'Workshop of project A',
    ]);
    expect(await titles('/programme/activities', euUser)).toEqual(['Workshop of project B']);
    expect(await titles('/programme/activities', officer)).toEqual([
      'Mission paid by Norway',
      'Workshop of project A',
      'Workshop of project B',
    ]);
    const csv = await csvLines('/programme/activities?format=csv', norwayUser);
    expect(csv).toHaveLength(3);
    expect(csv.some((line) => line.includes('Workshop of project B'))).toBe(false);
    expect(await titles('/programme/countries/NER/activities', norwayUser)).toEqual([
      'Mission paid by Norway',
      'Workshop of project A',
    ]);
    expect((await get(`/programme/activities/${ids.activityB}`, norwayUser)).statusCode).toBe(404);
    expect((await get(`/programme/activities/${ids.activityA}`, norwayUser)).statusCode).toBe(200);
    const matrix = (await get('/programme/matrix?start=2013-05&months=1', norwayUser)).json();
    expect(matrix.activityCount).toBe(2);
    expect(JSON.stringify(matrix)).not.toContain('Workshop of project B');
  });

  it("shows a donor the outcomes its activities contributed to, and no one else's", async () => {
    expect((await get('/programme/outcomes', norwayUser)).json().items).toEqual([]);
    const [outcome] = (await get('/programme/outcomes', euUser)).json().items;
    expect(outcome).toMatchObject({ id: ids.outcomeB, contributions: [{ activityTitle: 'Workshop of project B' }] });
  });

  it("keeps other organisations' activities out of a donor's overlap check", async () => {
    const query = {
      startDate: '2013-05-06',
      endDate: '2013-05-08',
      countries: ['NER'],
      themes: [],
      organizationId: '00000000-0000-4000-8000-000000000000',
    };
    const overlaps = async (headers: Headers) =>
      (
        await context.app.inject({
          method: 'POST',
          url: '/api/v1/programme/activities/overlaps',
          headers,
          payload: query,
        })
      )
        .json()
        .overlaps.map((o: { title: string }) => o.title)
        .sort();
    expect(await overlaps(euUser)).toEqual(['Workshop of project B']);
    expect(await overlaps(officer)).toHaveLength(3);
  });

  it('shows a donor not linked to a donor record nothing at all, and says so in its account', async () => {
    for (const url of ['/programme/projects', '/programme/transactions', '/programme/activities']) {
      expect((await get(url, unlinkedDonor)).json(), url).toMatchObject({ total: 0, items: [] });
    }
    expect((await get('/programme/donors', unlinkedDonor)).json().items).toEqual([]);
    expect((await get('/programme/funding/projects', unlinkedDonor)).json().rows).toEqual([]);
    expect((await get('/programme/funding/donors', unlinkedDonor)).json()).toMatchObject({ rows: [], total: 0 });
    expect(await csvLines('/programme/funding/donors?format=csv', unlinkedDonor)).toEqual([
      'donor,paid_usd,general_purpose_usd',
      'Total,0,0',
    ]);
    expect((await get(`/programme/projects/${ids.projectA}`, unlinkedDonor)).statusCode).toBe(404);
    expect((await get('/account', unlinkedDonor)).json()).toMatchObject({ role: 'donor', donorId: null });
  });
});
