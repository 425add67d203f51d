import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';

type Headers = Record<string, string>;

describe('funding: rates, donors, projects, transactions and the annual report tables', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let admin: Headers;
  let officer: Headers;
  let donorUser: Headers;
  let donorUserId: string;
  let partner: Headers;
  let norway: string;
  let eu: string;
  let project: string;

  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: unknown,
  ) =>
    context.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  let unodcId: string;
  const transactionCount = async () =>
    (await inject('GET', '/programme/transactions?limit=500', officer)).json().total as number;

  beforeAll(async () => {
    context = await createTestApp({ seed: true });
    const db = context.database.db;
    const unodc = await createOrganization(db, 'UNODC', 'un');
    unodcId = unodc.id;
    admin = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'admin@example.org', role: 'administrator' }),
      true,
    );
    officer = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'officer@example.org', role: 'programme_officer', organizationId: unodc.id }),
      true,
    );
    const donorAccount = await createUser(db, { email: 'donor@example.org', role: 'donor', participantId: 'NOR' });
    donorUserId = donorAccount.id;
    donorUser = await sessionHeaders(db, TEST_CLOCK, donorAccount, true);
    partner = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, {
        email: 'partner@example.org',
        role: 'partner',
        organizationId: (await createOrganization(db, 'Partner')).id,
      }),
      true,
    );
  });
  afterAll(async () => {
    await context?.close();
  });

  it('lets administrators keep the rate table, and refuses a duplicate date or a rate for the dollar', async () => {
    expect(
      (await inject('POST', '/programme/rates', admin, { currency: 'EUR', validFrom: '2013-01-01', usdPerUnit: 1.3 }))
        .statusCode,
    ).toBe(201);
    expect(
      (await inject('POST', '/programme/rates', admin, { currency: 'EUR', validFrom: '2013-07-01', usdPerUnit: 1.35 }))
        .statusCode,
    ).toBe(201);
    expect(
      (await inject('POST', '/programme/rates', admin, { currency: 'NOK', validFrom: '2013-01-01', usdPerUnit: 0.17 }))
        .statusCode,
    ).toBe(201);
    const duplicate = await inject('POST', '/programme/rates', admin, {
      currency: 'EUR',
      validFrom: '2013-07-01',
      usdPerUnit: 1.4,
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().errors[0]).toMatchObject({
      field: 'validFrom',
      code: 'rate_exists',
      params: { currency: 'EUR', date: '2013-07-01' },
    });
    expect(
      (
        await inject('POST', '/programme/rates', admin, { currency: 'USD', validFrom: '2013-01-01', usdPerUnit: 1 })
      ).json().errors[0].field,
    ).toBe('currency');
    expect(
      (
        await inject('POST', '/programme/rates', admin, { currency: 'euro', validFrom: '2013-01-01', usdPerUnit: 1 })
      ).json().errors[0].field,
    ).toBe('currency');
    expect(
      (await inject('POST', '/programme/rates', officer, { currency: 'GBP', validFrom: '2013-01-01', usdPerUnit: 1.5 }))
        .statusCode,
    ).toBe(403);
    const { items } = (await inject('GET', '/programme/rates?currency=EUR', officer)).json();
    expect(items.map((r: { validFrom: string; usdPerUnit: number }) => [r.validFrom, r.usdPerUnit])).toEqual([
      ['2013-07-01', 1.35],
      ['2013-01-01', 1.3],
    ]);
  });

  it('records donors and a project, refusing an unknown country and a second project with the same code', async () => {
    norway = (await inject('POST', '/programme/donors', officer, { kind: 'state', participantId: 'NOR' })).json().id;
    eu = (await inject('POST', '/programme/donors', officer, { kind: 'organization', name: 'European Union' })).json()
      .id;
    // The donor user reads what the Norwegian donor record funds.
    expect((await inject('PATCH', `/admin/users/${donorUserId}`, admin, { donorId: norway })).json().donorId).toBe(
      norway,
    );
    expect(
      (await inject('POST', '/programme/donors', officer, { kind: 'state', participantId: 'XXX' })).json().errors[0],
    ).toMatchObject({
      field: 'participantId',
      reason: 'XXX is not a known country',
      code: 'unknown_country',
      params: { value: 'XXX' },
    });
    expect(
      (await inject('POST', '/programme/donors', officer, { kind: 'state', participantId: 'NOR' })).json().errors[0],
    ).toMatchObject({ field: 'participantId', reason: 'is already a donor', code: 'already_donor' });
    const donors = (await inject('GET', '/programme/donors?lang=fr', officer)).json().items;
    expect(donors.map((d: { name: string }) => d.name)).toEqual(['European Union', 'Norvège']);

    const input = {
      code: 'GLO/R35',
      title: 'Strengthening the legal regime against terrorism',
      scope: 'global',
      startDate: '2003-01-01',
      organizationId: unodcId,
      themes: ['financing_of_terrorism'],
      budgetAmount: 2_000_000,
      budgetCurrency: 'USD',
    };
    const created = await inject('POST', '/programme/projects', officer, input);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ organizationId: unodcId, organizationName: 'UNODC' });
    expect((await inject('GET', `/programme/projects/${created.json().id}`, officer)).json()).toMatchObject({
      organizationId: unodcId,
      organizationName: 'UNODC',
    });
    // One way only, by id, as for an activity: a name is refused, so is an id no organisation has.
    const byName = await inject('POST', '/programme/projects', officer, {
      ...input,
      code: 'X3',
      organizationId: undefined,
      organization: 'UNODC',
    });
    expect(byName.statusCode).toBe(400);
    expect(byName.json().errors[0]).toMatchObject({ field: 'organizationId' });
    const unknownOrganisation = await inject('POST', '/programme/projects', officer, {
      ...input,
      code: 'X4',
      organizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownOrganisation.json().errors).toEqual([
      { field: 'organizationId', reason: 'is not a known organization', code: 'unknown_organization' },
    ]);
    project = created.json().id;
    expect(
      (await inject('POST', '/programme/projects', officer, { ...input, code: 'glo/r35' })).json().errors[0],
    ).toMatchObject({ field: 'code' });
    expect(
      (await inject('POST', '/programme/projects', officer, { ...input, code: 'X1', endDate: '2002-01-01' })).json()
        .errors[0],
    ).toMatchObject({ field: 'endDate' });
    expect((await inject('POST', '/programme/projects', partner, { ...input, code: 'X2' })).statusCode).toBe(403);
  });

  it('converts each payment at the rate of its date and keeps the dollar amount with it', async () => {
    const pay = (payload: Record<string, unknown>) =>
      inject('POST', '/programme/transactions', officer, {
        donorId: norway,
        projectId: project,
        earmarking: 'project',
        ...payload,
      });
    const nok = await pay({
      type: 'incoming_funds',
      date: '2013-03-01',
      amount: 1_000_000,
      currency: 'NOK',
      earmarking: 'general',
      projectId: null,
    });
    expect(nok.statusCode).toBe(201);
    expect(nok.json()).toMatchObject({ usdRate: 0.17, usdAmount: 170_000, iatiCode: '1', donorName: 'Norway' });
    expect(
      (await pay({ type: 'incoming_funds', date: '2013-06-30', amount: 100_000, currency: 'EUR', donorId: eu })).json()
        .usdAmount,
    ).toBe(130_000);
    expect(
      (await pay({ type: 'incoming_funds', date: '2013-07-01', amount: 100_000, currency: 'EUR', donorId: eu })).json()
        .usdAmount,
    ).toBe(135_000);
    expect((await pay({ type: 'pledge', date: '2013-01-15', amount: 500_000, currency: 'USD' })).json().iatiCode).toBe(
      '13',
    );
    expect(
      (await pay({ type: 'expenditure', date: '2013-09-01', amount: 300_000, currency: 'USD', donorId: null }))
        .statusCode,
    ).toBe(201);
    expect(
      (await pay({ type: 'incoming_funds', date: '2012-12-01', amount: 50_000, currency: 'USD' })).statusCode,
    ).toBe(201);
  });

  it.each([
    ['a currency not in the rate table', { currency: 'GBP' }, 'currency', 'GBP is not in the rate table'],
    [
      "a date before the currency's first rate",
      { currency: 'EUR', date: '2012-12-31' },
      'currency',
      'EUR has no rate on or before 2012-12-31',
    ],
    ['a negative amount', { amount: -5 }, 'amount', 'must be more than zero'],
    ['funds without their donor', { donorId: null }, 'donorId', 'incoming funds need their donor'],
    [
      'an expenditure without a project',
      { type: 'expenditure', projectId: null, earmarking: 'general' },
      'projectId',
      'expenditure is recorded against a project',
    ],
    ['a sub-cent amount', { amount: 10.005 }, 'amount', 'must have at most two decimals'],
  ])('refuses %s, naming the field, and records nothing', async (_, change, field, reason) => {
    const before = await transactionCount();
    const response = await inject('POST', '/programme/transactions', officer, {
      type: 'incoming_funds',
      donorId: norway,
      projectId: project,
      earmarking: 'project',
      date: '2013-05-01',
      amount: 1000,
      currency: 'USD',
      ...change,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.find((e: { field: string }) => e.field === field)?.reason).toBe(reason);
    expect(await transactionCount()).toBe(before);
  });

  it("gives a project's funding for a period, carrying the earlier balance", async () => {
    const [row] = (await inject('GET', '/programme/funding/projects?from=2013-01-01&to=2013-12-31', donorUser)).json()
      .rows;
    // Paid in 2013 to the project: 130,000 + 135,000 (the NOK payment was general purpose). Before 2013: 50,000.
    expect(row).toMatchObject({
      code: 'GLO/R35',
      pledged: 500_000,
      paid: 265_000,
      expenditure: 300_000,
      openingBalance: 50_000,
      fundsAvailable: 315_000,
      balance: 15_000,
    });
    expect(row.executionRate).toBeCloseTo(300_000 / 315_000, 10);
    const detail = (await inject('GET', `/programme/projects/${project}`, officer)).json();
    expect(detail.funding).toMatchObject({ paid: 315_000, expenditure: 300_000, balance: 15_000 });
  });

  it('tabulates donors like the annual report, largest first with a total row, also as a spreadsheet', async () => {
    const table = (await inject('GET', '/programme/funding/donors?from=2013-01-01&to=2013-12-31', officer)).json();
    expect(table.rows.map((r: { name: string; paid: number }) => [r.name, r.paid])).toEqual([
      ['European Union', 265_000],
      ['Norway', 170_000],
    ]);
    expect(table.total).toBe(435_000);
    expect(table.generalPurposeShare).toBeCloseTo(170_000 / 435_000, 10);
    const csv = await inject('GET', '/programme/funding/donors?from=2013-01-01&to=2013-12-31&format=csv', officer);
    expect(csv.body.trim().split(/\r?\n/).at(-1)).toBe('Total,435000,170000');
    expect(
      (await inject('GET', '/programme/funding/donors?from=2013-12-31&to=2013-01-01', officer)).json().errors[0].field,
    ).toBe('to');
  });

  it('keeps funding from partners and officials, and lets donors read without writing', async () => {
    expect((await inject('GET', '/programme/funding/donors', partner)).statusCode).toBe(403);
    expect((await inject('GET', '/programme/transactions', donorUser)).statusCode).toBe(200);
    expect((await inject('POST', '/programme/donors', donorUser, { kind: 'organization', name: 'X' })).statusCode).toBe(
      403,
    );
  });

  it('keeps a results framework per project: baseline, target and actual values per period', async () => {
    const created = await inject('POST', '/programme/indicators', officer, {
      projectId: project,
      name: 'States party to all 19 instruments',
      unit: 'states',
      baseline: 80,
      target: 120,
      values: [
        { period: '2014', value: 101 },
        { period: '2013', value: 95 },
      ],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().values.map((v: { period: string }) => v.period)).toEqual(['2013', '2014']);
    const twice = await inject('POST', '/programme/indicators', officer, {
      projectId: project,
      name: 'X',
      values: [
        { period: '2013', value: 1 },
        { period: '2013', value: 2 },
      ],
    });
    expect(twice.json().errors[0]).toMatchObject({ field: 'values.1.period', reason: '2013 is given twice' });
    expect(
      (
        await inject('POST', '/programme/indicators', officer, {
          projectId: project,
          name: 'X',
          values: [{ period: '2013-Q5', value: 1 }],
        })
      ).json().errors[0].field,
    ).toBe('values.0.period');
    expect((await inject('GET', `/programme/projects/${project}`, officer)).json().indicators).toHaveLength(1);
  });
});
