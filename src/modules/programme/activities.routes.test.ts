import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';

type Headers = Record<string, string>;

describe('activities: recording, validation, roles, overlaps and the monthly matrix', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let unodc: string;
  let partnerOrg: string;
  let officer: Headers;
  let partner: Headers;
  let official: Headers;

  const activity = (overrides: Record<string, unknown> = {}) => ({
    title: 'National workshop on the financing of terrorism',
    type: 'national_workshop',
    status: 'planned',
    startDate: '2013-03-10',
    endDate: '2013-03-12',
    venueCity: 'Niamey',
    venueCountry: 'NER',
    countries: ['NER'],
    organizationId: unodc,
    themes: ['financing_of_terrorism'],
    participants: { total: 30, women: 10, men: 18, professions: { judges: 10, prosecutors: 12 } },
    ...overrides,
  });
  const post = (headers: Headers, payload: unknown) =>
    context.app.inject({ method: 'POST', url: '/api/v1/programme/activities', headers, payload: payload as object });
  const count = async () =>
    (
      await context.app.inject({ method: 'GET', url: '/api/v1/programme/activities?limit=200', headers: officer })
    ).json().total as number;

  beforeAll(async () => {
    context = await createTestApp({ seed: true });
    const db = context.database.db;
    unodc = (await createOrganization(db, 'UNODC Terrorism Prevention Branch', 'un')).id;
    partnerOrg = (await createOrganization(db, 'Partner Institute')).id;
    officer = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'officer@example.org', role: 'programme_officer', organizationId: unodc }),
      true,
    );
    partner = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'partner@example.org', role: 'partner', organizationId: partnerOrg }),
      true,
    );
    official = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'ner@example.org', role: 'member_state_official', participantId: 'NER' }),
      true,
    );
  });
  afterAll(async () => {
    await context?.close();
  });

  it('records an activity and shows it with its participants, including those whose gender was not recorded', async () => {
    const response = await post(officer, activity());
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      title: 'National workshop on the financing of terrorism',
      organizationName: 'UNODC Terrorism Prevention Branch',
      canEdit: true,
      overlaps: [],
    });
    expect(created.countries).toEqual([{ id: 'NER', name: 'Niger' }]);
    expect(created.participants).toEqual({
      total: 30,
      women: 10,
      men: 18,
      notRecorded: 2,
      professions: { judges: 10, prosecutors: 12 },
    });
  });

  it.each([
    ['the end before the start', { endDate: '2013-03-09' }, 'endDate', /on or after the start date/],
    ['an unknown beneficiary country', { countries: ['NER', 'XXX'] }, 'countries.1', /XXX is not a known country/],
    [
      'a negative participant count',
      { participants: { total: 10, women: -1, men: 5, professions: {} } },
      'participants.women',
      /cannot be negative/,
    ],
    [
      'more women and men than participants',
      { participants: { total: 20, women: 12, men: 9, professions: {} } },
      'participants.women',
      /more than the total \(20\)/,
    ],
    [
      'professions adding up to more than the total',
      { participants: { total: 5, women: 1, men: 1, professions: { judges: 4, prosecutors: 2 } } },
      'participants.professions',
      /add up to 6/,
    ],
    ['a date that does not exist', { startDate: '2013-02-30' }, 'startDate', /real date/],
    ['no beneficiary country', { countries: [] }, 'countries', /at least one/],
  ])('refuses %s, naming the field, and saves nothing', async (_, change, field, reason) => {
    const before = await count();
    const response = await post(officer, activity(change));
    expect(response.statusCode).toBe(400);
    const problem = response.json().errors.find((e: { field: string }) => e.field === field);
    expect(problem?.reason).toMatch(reason);
    expect(await count()).toBe(before);
  });

  it("lets partners record and change only their own organisation's activities", async () => {
    const refused = await post(partner, activity({ title: 'Not ours' }));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors[0]).toMatchObject({ field: 'organizationId' });
    const own = await post(
      partner,
      activity({ organizationId: partnerOrg, title: 'Partner seminar', countries: ['MLI'], themes: ['victims'] }),
    );
    expect(own.statusCode).toBe(201);
    const unodcActivity = (
      await context.app.inject({
        method: 'GET',
        url: '/api/v1/programme/activities?organization=' + unodc,
        headers: partner,
      })
    ).json().items[0];
    expect(unodcActivity.canEdit).toBe(false);
    const change = await context.app.inject({
      method: 'PUT',
      url: `/api/v1/programme/activities/${unodcActivity.id}`,
      headers: partner,
      payload: activity({ organizationId: partnerOrg }),
    });
    expect(change.statusCode).toBe(403);
    const remove = await context.app.inject({
      method: 'DELETE',
      url: `/api/v1/programme/activities/${unodcActivity.id}`,
      headers: partner,
    });
    expect(remove.statusCode).toBe(403);
    // Officials read the programme but do not record it.
    expect((await post(official, activity())).statusCode).toBe(403);
    expect(
      (await context.app.inject({ method: 'GET', url: '/api/v1/programme/activities', headers: official })).statusCode,
    ).toBe(200);
    expect((await context.app.inject({ method: 'GET', url: '/api/v1/programme/activities' })).statusCode).toBe(401);
  });

  it("warns of another organisation's activity for the same country, on a shared theme, within 14 days", async () => {
    const check = (payload: Record<string, unknown>) =>
      context.app.inject({
        method: 'POST',
        url: '/api/v1/programme/activities/overlaps',
        headers: partner,
        payload: { countries: ['NER'], themes: ['financing_of_terrorism'], organizationId: partnerOrg, ...payload },
      });
    // UNODC's workshop runs 10–12 March 2013 in Niger.
    const overlapping = (await check({ startDate: '2013-03-11', endDate: '2013-03-11' })).json();
    expect(overlapping.windowDays).toBe(14);
    expect(overlapping.overlaps).toEqual([
      expect.objectContaining({
        title: 'National workshop on the financing of terrorism',
        organizationName: 'UNODC Terrorism Prevention Branch',
        countries: ['NER'],
        themes: ['financing_of_terrorism'],
        daysApart: 0,
      }),
    ]);
    expect((await check({ startDate: '2013-03-26', endDate: '2013-03-27' })).json().overlaps[0].daysApart).toBe(14);
    expect((await check({ startDate: '2013-03-27', endDate: '2013-03-28' })).json().overlaps).toEqual([]);
    expect(
      (await check({ startDate: '2013-03-27', endDate: '2013-03-28', windowDays: 30 })).json().overlaps,
    ).toHaveLength(1);
    expect(
      (await check({ startDate: '2013-03-11', endDate: '2013-03-11', themes: ['maritime'] })).json().overlaps,
    ).toEqual([]);
    expect(
      (await check({ startDate: '2013-03-11', endDate: '2013-03-11', countries: ['TCD'] })).json().overlaps,
    ).toEqual([]);
    // One's own organisation's activities are not "others'".
    const own = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/activities/overlaps',
      headers: officer,
      payload: {
        countries: ['NER'],
        themes: ['financing_of_terrorism'],
        organizationId: unodc,
        startDate: '2013-03-11',
        endDate: '2013-03-11',
      },
    });
    expect(own.json().overlaps).toEqual([]);
    // Saving a neighbouring activity returns the same warning; it does not block the save.
    const saved = await post(
      partner,
      activity({
        organizationId: partnerOrg,
        title: 'Partner mission',
        type: 'advisory_mission',
        startDate: '2013-03-20',
        endDate: '2013-03-21',
      }),
    );
    expect(saved.statusCode).toBe(201);
    expect(saved.json().overlaps).toEqual([
      expect.objectContaining({ organizationName: 'UNODC Terrorism Prevention Branch', daysApart: 8 }),
    ]);
  });

  it("takes its default window from the server's setting", async () => {
    const wide = await createTestApp({ seed: true, programme: { overlapWindowDays: 30 } });
    try {
      const org = (await createOrganization(wide.database.db, 'Another')).id;
      const headers = await sessionHeaders(
        wide.database.db,
        TEST_CLOCK,
        await createUser(wide.database.db, { email: 'o@example.org', role: 'programme_officer', organizationId: org }),
        true,
      );
      const response = await wide.app.inject({
        method: 'POST',
        url: '/api/v1/programme/activities/overlaps',
        headers,
        payload: {
          countries: ['NER'],
          themes: [],
          organizationId: org,
          startDate: '2013-03-11',
          endDate: '2013-03-11',
        },
      });
      expect(response.json()).toEqual({ windowDays: 30, overlaps: [] });
    } finally {
      await wide.close();
    }
  });

  it("moving an activity onto another's dates is warned about too, and cancelled activities are not", async () => {
    const mission = (
      await context.app.inject({
        method: 'GET',
        url: '/api/v1/programme/activities?q=&organization=' + partnerOrg + '&type=advisory_mission',
        headers: partner,
      })
    ).json().items[0];
    const moved = await context.app.inject({
      method: 'PUT',
      url: `/api/v1/programme/activities/${mission.id}`,
      headers: partner,
      payload: activity({
        organizationId: partnerOrg,
        title: 'Partner mission',
        type: 'advisory_mission',
        startDate: '2013-06-01',
        endDate: '2013-06-02',
      }),
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().overlaps).toEqual([]);
    const back = await context.app.inject({
      method: 'PUT',
      url: `/api/v1/programme/activities/${mission.id}`,
      headers: partner,
      payload: activity({
        organizationId: partnerOrg,
        title: 'Partner mission',
        type: 'advisory_mission',
        startDate: '2013-03-12',
        endDate: '2013-03-13',
      }),
    });
    expect(back.json().overlaps).toHaveLength(1);
    const cancelled = await context.app.inject({
      method: 'PUT',
      url: `/api/v1/programme/activities/${mission.id}`,
      headers: partner,
      payload: activity({
        organizationId: partnerOrg,
        title: 'Partner mission',
        type: 'advisory_mission',
        status: 'cancelled',
        startDate: '2013-03-12',
        endDate: '2013-03-13',
      }),
    });
    expect(cancelled.statusCode).toBe(200);
    const check = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/activities/overlaps',
      headers: officer,
      payload: {
        countries: ['NER'],
        themes: [],
        organizationId: unodc,
        startDate: '2013-03-12',
        endDate: '2013-03-12',
      },
    });
    expect(check.json().overlaps).toEqual([]);
  });

  it("lays the month's activities out by region, subregion and country, and refuses a window over 36 months", async () => {
    await post(
      officer,
      activity({
        title: 'Regional workshop for the Sahel',
        type: 'regional_workshop',
        status: 'delivered',
        startDate: '2013-04-29',
        endDate: '2013-05-02',
        countries: ['NER', 'MLI', 'TCD'],
        venueCountry: 'MLI',
        venueCity: 'Bamako',
      }),
    );
    await post(
      officer,
      activity({
        title: 'Drafting mission in Vientiane',
        type: 'legislative_drafting_workshop',
        startDate: '2013-03-04',
        endDate: '2013-03-06',
        countries: ['LAO'],
        venueCountry: 'LAO',
        venueCity: 'Vientiane',
        themes: [],
      }),
    );
    await post(officer, activity({ title: 'Next year', startDate: '2014-03-04', endDate: '2014-03-06' }));
    const response = await context.app.inject({
      method: 'GET',
      url: '/api/v1/programme/matrix?start=2013-01&months=12&lang=en',
      headers: official,
    });
    expect(response.statusCode).toBe(200);
    const matrix = response.json();
    expect(matrix.months).toHaveLength(12);
    expect(matrix.months[0]).toBe('2013-01');
    expect(matrix.regions.map((r: { regionName: string }) => r.regionName)).toEqual(['Africa', 'Asia']);
    const africa = matrix.regions[0].subregions.flatMap((s: { countries: unknown[] }) => s.countries);
    const niger = africa.find((c: { id: string }) => c.id === 'NER');
    // Cancelled activities stay in the matrix, marked so: providers see what did not happen.
    expect(niger.cells[2].map((e: { title: string; status: string }) => [e.title, e.status])).toEqual([
      ['National workshop on the financing of terrorism', 'planned'],
      ['Partner mission', 'cancelled'],
    ]);
    // Spanning April and May, the regional workshop shows in both months.
    expect(niger.cells[3].map((e: { title: string; status: string }) => [e.title, e.status])).toEqual([
      ['Regional workshop for the Sahel', 'delivered'],
    ]);
    expect(niger.cells[4]).toHaveLength(1);
    expect(africa.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Chad', 'Mali', 'Niger']));
    const asia = matrix.regions[1].subregions[0];
    expect(asia.subregionName).toBe('South-eastern Asia');
    expect(asia.countries[0].cells[2][0].title).toBe('Drafting mission in Vientiane');
    // The 2014 workshop is outside the window.
    expect(JSON.stringify(matrix)).not.toContain('Next year');

    const filtered = (
      await context.app.inject({
        method: 'GET',
        url: '/api/v1/programme/matrix?start=2013-01&months=12&type=regional_workshop',
        headers: official,
      })
    ).json();
    expect(filtered.activityCount).toBe(1);
    const byCountry = (
      await context.app.inject({
        method: 'GET',
        url: '/api/v1/programme/matrix?start=2013-01&months=12&country=LAO',
        headers: official,
      })
    ).json();
    expect(
      byCountry.regions.flatMap((r: { subregions: { countries: { id: string }[] }[] }) =>
        r.subregions.flatMap((s) => s.countries.map((c) => c.id)),
      ),
    ).toEqual(['LAO']);

    const tooLong = await context.app.inject({
      method: 'GET',
      url: '/api/v1/programme/matrix?start=2013-01&months=37',
      headers: official,
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0]).toMatchObject({ field: 'months', reason: expect.stringMatching(/36 months/) });
    const badStart = await context.app.inject({
      method: 'GET',
      url: '/api/v1/programme/matrix?start=2013-13',
      headers: official,
    });
    expect(badStart.json().errors[0]).toMatchObject({ field: 'start' });
  });

  it('exports the matrix as a workbook laid out like the screen, for A4 landscape', async () => {
    const response = await context.app.inject({
      method: 'GET',
      url: '/api/v1/programme/matrix?start=2013-01&months=12&format=xlsx&lang=fr',
      headers: official,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('activity-matrix-2013-01-12m.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    const texts = sheet
      .getSheetValues()
      .flatMap((row) => (Array.isArray(row) ? row.filter((v) => typeof v === 'string') : [])) as string[];
    expect(texts).toContain('Afrique');
    expect(texts).toContain('Niger');
    expect(texts.some((t) => t.startsWith('Regional workshop for the Sahel (') && t.includes('UNODC'))).toBe(true);
    expect(sheet.getRow(2).getCell(2).value).toMatch(/janv/);
  });

  it("lists a country's history and exports the activity list as CSV", async () => {
    const history = (
      await context.app.inject({ method: 'GET', url: '/api/v1/programme/countries/NER/activities', headers: official })
    ).json();
    expect(history.items[0].title).toBe('Next year');
    expect(history.items.map((a: { title: string }) => a.title)).toContain('Regional workshop for the Sahel');
    const csv = await context.app.inject({
      method: 'GET',
      url: '/api/v1/programme/activities?country=LAO&format=csv',
      headers: official,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Drafting mission in Vientiane');
    expect(csv.body.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('deletes softly: the activity leaves the lists, and the audit trail keeps it', async () => {
    const target = (
      await post(officer, activity({ title: 'To be deleted', startDate: '2015-01-01', endDate: '2015-01-01' }))
    ).json();
    expect(
      (
        await context.app.inject({
          method: 'DELETE',
          url: `/api/v1/programme/activities/${target.id}`,
          headers: officer,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await context.app.inject({ method: 'GET', url: `/api/v1/programme/activities/${target.id}`, headers: officer }))
        .statusCode,
    ).toBe(404);
    const admin = await sessionHeaders(
      context.database.db,
      TEST_CLOCK,
      await createUser(context.database.db, { email: 'admin@example.org', role: 'administrator' }),
    );
    const audit = (
      await context.app.inject({ method: 'GET', url: `/api/v1/admin/audit?entityId=${target.id}`, headers: admin })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      'programme.activity.delete',
      'programme.activity.create',
    ]);
  });
  it('shows the twelve months from this one when the matrix is asked for without a start', async () => {
    await post(
      officer,
      activity({
        title: 'Upcoming workshop in Nairobi',
        startDate: '2026-07-06',
        endDate: '2026-07-08',
        countries: ['KEN'],
        venueCountry: 'KEN',
        venueCity: 'Nairobi',
      }),
    );
    await post(
      officer,
      activity({
        title: 'Workshop a year away',
        startDate: '2027-06-01',
        endDate: '2027-06-02',
        countries: ['KEN'],
        venueCountry: 'KEN',
        venueCity: 'Nairobi',
      }),
    );
    const response = await context.app.inject({
      method: 'GET',
      url: '/api/v1/programme/matrix?country=KEN',
      headers: official,
    });
    expect(response.statusCode).toBe(200);
    const matrix = response.json();
    // The test clock reads 30 June 2026.
    expect(matrix.months).toHaveLength(12);
    expect([matrix.months[0], matrix.months.at(-1)]).toEqual(['2026-06', '2027-05']);
    expect(JSON.stringify(matrix)).toContain('Upcoming workshop in Nairobi');
    expect(JSON.stringify(matrix)).not.toContain('Workshop a year away');
  });
});
