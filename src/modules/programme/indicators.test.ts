import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser, sessionHeaders } from '../../../test/helpers/accounts.ts';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK } from '../../../test/helpers/db.ts';
import {
  importActionsCsv,
  importUntcFolder,
  seedReferenceData,
  UNTC_2015_03_14,
} from '../../../test/helpers/fixtures.ts';
import { parseCsv } from '../../lib/csv.ts';

/*
 * Hand-built fixtures on the shipped treaty actions (UN Treaty Collection, 14 March 2015). The expected
 * answers were worked out from the depositary lists in data/treaty-actions, not from the code:
 *   Niger:   icsft-1999 30 Sep 2004 a, hostages-1979 26 Oct 2004 a, terrorist-bombings-1997 26 Oct 2004 a,
 *            icsant-2005 2 Jul 2008 a (set 16+), protected-persons-1973 17 Jun 1985 a
 *   Chad:    hostages-1979 1 Nov 2006 a
 *   Mali:    icsant-2005 5 Nov 2009 a; everything else by 2002
 *   Lao PDR: icsft-1999 29 Sep 2008 a; hostages, protected persons, bombings 22 Aug 2002 a
 *   Sweden:  party to all five by 2002; icsant-2005 signed only
 *   Zimbabwe: icsft-1999 30 Jan 2013 a, untoc-tip-2000 13 Dec 2013 a
 */

type Headers = Record<string, string>;

describe('indicators and the cohort analysis', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let officer: Headers;
  let org: string;
  const ids: Record<string, string> = {};

  const record = async (key: string, fields: Record<string, unknown>) => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/activities',
      headers: officer,
      payload: {
        title: key,
        type: 'national_workshop',
        status: 'delivered',
        organizationId: org,
        themes: ['financing_of_terrorism'],
        ...fields,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    ids[key] = response.json().id;
  };
  const get = async (url: string) => {
    const response = await context.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: officer });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    context = await createTestApp({ seed: true });
    const db = context.database.db;
    org = (await createOrganization(db, 'UNODC', 'un')).id;
    officer = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'officer@example.org', role: 'programme_officer', organizationId: org }),
      true,
    );

    // 2003–2004: the cohort's window.
    await record('ner-2004', { startDate: '2004-03-10', endDate: '2004-03-12', countries: ['NER'] });
    await record('ner-2004-again', { startDate: '2004-11-01', endDate: '2004-11-02', countries: ['NER'] });
    await record('tcd-2003', { startDate: '2003-05-05', endDate: '2003-05-07', countries: ['TCD'] });
    await record('swe-2004', { startDate: '2004-06-01', endDate: '2004-06-01', countries: ['SWE'] });
    await record('mli-2003', { startDate: '2003-02-01', endDate: '2003-02-03', countries: ['MLI'] });
    await record('lao-mission-2004', {
      type: 'advisory_mission',
      startDate: '2004-01-15',
      endDate: '2004-01-16',
      countries: ['LAO'],
    });
    await record('btn-planned-2004', {
      status: 'planned',
      startDate: '2004-01-01',
      endDate: '2004-01-02',
      countries: ['BTN'],
    });
    await record('swe-2002', { startDate: '2002-06-01', endDate: '2002-06-01', countries: ['SWE'] });

    // 2013: the indicators' period.
    await record('a1', {
      startDate: '2013-03-10',
      endDate: '2013-03-12',
      countries: ['NER'],
      participants: { total: 30, women: 10, men: 18, professions: { judges: 10, prosecutors: 12, other: 8 } },
    });
    await record('a2', {
      type: 'regional_workshop',
      startDate: '2013-05-20',
      endDate: '2013-05-22',
      countries: ['NER', 'MLI', 'TCD'],
      participants: { total: 45, women: 15, men: 30, professions: { prosecutors: 20, investigators: 25 } },
    });
    await record('a3', {
      type: 'advisory_mission',
      startDate: '2013-06-01',
      endDate: '2013-06-03',
      countries: ['LAO', 'ZWE'],
      themes: ['maritime'],
      participants: { total: 4, women: 1, men: 3, professions: {} },
    });
    await record('a4', { status: 'planned', startDate: '2013-11-01', endDate: '2013-11-01', countries: ['BTN'] });
    await record('a5', {
      status: 'cancelled',
      startDate: '2013-07-01',
      endDate: '2013-07-01',
      countries: ['SWE'],
      participants: { total: 20, women: 10, men: 10, professions: {} },
    });
    await record('a6', {
      startDate: '2012-12-01',
      endDate: '2012-12-01',
      countries: ['KWT'],
      participants: { total: 12, women: 2, men: 10, professions: {} },
    });
  });
  afterAll(async () => {
    await context?.close();
  });

  it('counts 2013: activities by type, countries assisted, participants by gender and profession, officials trained', async () => {
    const result = await get('/programme/indicators?from=2013-01-01&to=2013-12-31');
    expect(result.activitiesDelivered).toBe(3);
    const byType = Object.fromEntries(
      result.activitiesByType
        .filter((t: { delivered: number; planned: number }) => t.delivered || t.planned)
        .map((t: { type: string; delivered: number; planned: number }) => [t.type, [t.delivered, t.planned]]),
    );
    expect(byType).toEqual({ national_workshop: [1, 1], regional_workshop: [1, 0], advisory_mission: [1, 0] });
    // Niger, Mali, Chad, Lao PDR, Zimbabwe; Bhutan's workshop is only planned, Sweden's was cancelled.
    expect(result.countriesAssisted).toBe(5);
    expect(result.participants).toEqual({
      total: 79,
      women: 26,
      men: 51,
      notRecorded: 2,
      professions: { judges: 10, prosecutors: 32, investigators: 25, central_authority: 0, drafters: 0, other: 8 },
    });
    // The advisory mission trains nobody.
    expect(result.officialsTrained).toMatchObject({ total: 75, women: 25, men: 48, notRecorded: 2 });
    expect(result.byMonth).toEqual([
      { month: '2013-03', activities: 1, participants: 30 },
      { month: '2013-05', activities: 1, participants: 45 },
      { month: '2013-06', activities: 1, participants: 4 },
    ]);
    // Zimbabwe joined two instruments in 2013; Kuwait (also 2013) was not assisted in 2013.
    expect(
      result.newRatificationsList.map((r: { participantId: string; instrumentId: string; date: string }) => [
        r.participantId,
        r.instrumentId,
        r.date,
      ]),
    ).toEqual([
      ['ZWE', 'icsft-1999', '2013-01-30'],
      ['ZWE', 'untoc-tip-2000', '2013-12-13'],
    ]);
  });

  it('narrows to a region, a country or a theme', async () => {
    const africa = await get('/programme/indicators?from=2013-01-01&to=2013-12-31&region=002');
    expect(africa.countriesAssisted).toBe(4);
    expect(africa.activitiesDelivered).toBe(3);
    const mali = await get('/programme/indicators?from=2013-01-01&to=2013-12-31&country=MLI');
    expect(mali).toMatchObject({ activitiesDelivered: 1, countriesAssisted: 1, participants: { total: 45 } });
    const maritime = await get('/programme/indicators?from=2013-01-01&to=2013-12-31&theme=maritime');
    expect(maritime).toMatchObject({ activitiesDelivered: 1, countriesAssisted: 2, officialsTrained: { total: 0 } });
  });

  it('answers the cohort question for workshops in 2003–2004 and the 19 instruments', async () => {
    const result = await get(
      '/programme/indicators/cohort?from=2003-01-01&to=2004-12-31&types=national_workshop&set=19',
    );
    // Sweden was already party to everything it joined; Lao PDR's assistance was a mission; Bhutan's was planned.
    expect(result.assisted).toBe(4);
    expect(result.becameParty).toBe(3);
    const byId = Object.fromEntries(result.countries.map((c: { id: string }) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(['MLI', 'NER', 'SWE', 'TCD']);
    expect(byId.NER.firstAssistance).toBe('2004-03-10');
    expect(byId.NER.joined).toEqual([
      { instrumentId: 'icsft-1999', date: '2004-09-30' },
      { instrumentId: 'hostages-1979', date: '2004-10-26' },
      { instrumentId: 'terrorist-bombings-1997', date: '2004-10-26' },
      { instrumentId: 'icsant-2005', date: '2008-07-02' },
    ]);
    expect(byId.TCD.joined).toEqual([{ instrumentId: 'hostages-1979', date: '2006-11-01' }]);
    expect(byId.MLI.joined).toEqual([{ instrumentId: 'icsant-2005', date: '2009-11-05' }]);
    expect(byId.SWE.joined).toEqual([]);
  });

  it('depends on the instrument set, the activity types and the as-of date', async () => {
    // Among the 12 instruments, Mali joined nothing after 2003 (its 2009 accession is to a 2005 convention).
    expect(
      (await get('/programme/indicators/cohort?from=2003-01-01&to=2004-12-31&types=national_workshop&set=12'))
        .becameParty,
    ).toBe(2);
    // Any type: Lao PDR's mission counts, and Lao PDR joined the Financing Convention in 2008.
    const all = await get('/programme/indicators/cohort?from=2003-01-01&to=2004-12-31&set=19');
    expect([all.assisted, all.becameParty]).toEqual([5, 4]);
    // As of the end of 2005, only Niger had joined anything.
    expect(
      (await get('/programme/indicators/cohort?from=2003-01-01&to=2004-12-31&types=national_workshop&asOf=2005-12-31'))
        .becameParty,
    ).toBe(1);
    const bad = await context.app.inject({
      method: 'GET',
      url: '/api/v1/programme/indicators/cohort?from=2003-01-01&to=2004-12-31&types=picnic',
      headers: officer,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'types', reason: 'picnic is not an activity type' });
  });

  it('links outcomes to the activities that contributed, and counts laws drafted and adopted', async () => {
    const document = await context.app.inject({
      method: 'POST',
      url: '/api/v1/library/documents',
      ...(await (async () => {
        const form = new FormData();
        form.append(
          'metadata',
          JSON.stringify({
            kind: 'legislation',
            titles: { fr: 'Loi relative à la lutte contre le terrorisme' },
            country: 'NER',
            adoptedDate: '2013-09-01',
          }),
        );
        const response = new Response(form);
        return {
          payload: Buffer.from(await response.arrayBuffer()),
          headers: { ...officer, 'content-type': response.headers.get('content-type')! },
        };
      })()),
    });
    expect(document.statusCode, document.body).toBe(201);
    const law = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/outcomes',
      headers: officer,
      payload: {
        kind: 'library_document',
        participantId: 'NER',
        documentId: document.json().id,
        stage: 'adopted',
        date: '2013-09-01',
        contributions: [{ activityId: ids.a1, note: 'The workshop reviewed the draft law article by article.' }],
      },
    });
    expect(law.statusCode, law.body).toBe(201);
    expect(law.json()).toMatchObject({
      documentTitle: 'Loi relative à la lutte contre le terrorisme',
      contributions: [{ activityTitle: 'a1' }],
    });
    const accession = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/outcomes',
      headers: officer,
      payload: {
        kind: 'treaty_action',
        participantId: 'NER',
        instrumentId: 'icsft-1999',
        date: '2004-09-30',
        contributions: [{ activityId: ids['ner-2004'], note: 'Accession instrument prepared during the workshop.' }],
      },
    });
    expect(accession.statusCode).toBe(201);
    // A treaty action is the one the register records: Niger acceded to the Financing Convention on 30 September 2004; Sweden only signed the Nuclear Terrorism Convention.
    const wrongDate = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/outcomes',
      headers: officer,
      payload: {
        kind: 'treaty_action',
        participantId: 'NER',
        instrumentId: 'icsft-1999',
        date: '2004-10-30',
        contributions: [{ activityId: ids['ner-2004'], note: 'x' }],
      },
    });
    expect(wrongDate.json().errors).toEqual([
      {
        field: 'date',
        reason: 'the register records it on 2004-09-30',
        code: 'consent_recorded_on',
        params: { date: '2004-09-30' },
      },
    ]);
    const notParty = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/outcomes',
      headers: officer,
      payload: {
        kind: 'treaty_action',
        participantId: 'SWE',
        instrumentId: 'icsant-2005',
        date: '2010-01-01',
        contributions: [{ activityId: ids['swe-2004'], note: 'x' }],
      },
    });
    expect(notParty.json().errors[0]).toMatchObject({
      field: 'instrumentId',
      reason: expect.stringContaining('records no ratification'),
    });
    const missing = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/outcomes',
      headers: officer,
      payload: { kind: 'library_document', participantId: 'NER', date: '2013-09-01', contributions: [] },
    });
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['contributions']);
    const incomplete = await context.app.inject({
      method: 'POST',
      url: '/api/v1/programme/outcomes',
      headers: officer,
      payload: {
        kind: 'library_document',
        participantId: 'NER',
        date: '2013-09-01',
        contributions: [{ activityId: ids.a1, note: 'x' }],
      },
    });
    expect(
      incomplete
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['documentId', 'stage']);

    expect((await get('/programme/indicators?from=2013-01-01&to=2013-12-31')).laws).toEqual({ drafted: 0, adopted: 1 });
    expect((await get('/programme/indicators?from=2013-01-01&to=2013-12-31&country=MLI')).laws).toEqual({
      drafted: 0,
      adopted: 0,
    });
    expect(
      (await get(`/programme/outcomes?activity=${ids['ner-2004']}`)).items.map(
        (o: { instrumentId: string }) => o.instrumentId,
      ),
    ).toEqual(['icsft-1999']);
  });
});

describe('ratification figures over missing, partial or old depositary data', () => {
  let context: Awaited<ReturnType<typeof createTestApp>>;
  let officer: Headers;
  const get = async (url: string) => {
    const response = await context.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: officer });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  beforeAll(async () => {
    // Participants and instruments, but no depositary list at all.
    context = await createTestApp({ seed: false });
    const db = context.database.db;
    await seedReferenceData(db);
    const org = (await createOrganization(db, 'UNODC', 'un')).id;
    officer = await sessionHeaders(
      db,
      TEST_CLOCK,
      await createUser(db, { email: 'officer@example.org', role: 'programme_officer', organizationId: org }),
      true,
    );
    for (const [title, startDate, country] of [
      ['ner-2004', '2004-03-10', 'NER'],
      ['tcd-2004', '2004-05-05', 'TCD'],
      ['mli-2004', '2004-06-01', 'MLI'],
    ]) {
      const response = await context.app.inject({
        method: 'POST',
        url: '/api/v1/programme/activities',
        headers: officer,
        payload: {
          title,
          type: 'national_workshop',
          status: 'delivered',
          organizationId: org,
          themes: ['financing_of_terrorism'],
          startDate,
          endDate: startDate,
          countries: [country],
        },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
  afterAll(async () => {
    await context?.close();
  });

  it('says "unknown", never zero, when no instrument has data: the indicators, the cohort and their exports', async () => {
    const indicators = (await get('/programme/indicators?from=2004-01-01&to=2004-12-31')).json();
    expect(indicators.countriesAssisted).toBe(3);
    expect(indicators.newRatifications).toBeNull();
    expect(indicators.ratificationData).toMatchObject({ instrumentsCounted: [], dataAsOf: null });
    expect(indicators.ratificationData.instrumentsWithoutData).toHaveLength(24);
    const cohort = (await get('/programme/indicators/cohort?from=2004-01-01&to=2004-12-31&set=19')).json();
    expect(cohort).toMatchObject({ assisted: 3, becameParty: null });

    const csv = parseCsv(
      (await get('/programme/indicators/cohort?from=2004-01-01&to=2004-12-31&set=19&format=csv')).body,
    );
    expect(csv.map((r) => r.values.became_party)).toEqual(['unknown', 'unknown', 'unknown']);
    const indicatorRows = parseCsv((await get('/programme/indicators?from=2004-01-01&to=2004-12-31&format=csv')).body);
    expect(
      indicatorRows.find((r) => r.values.indicator === 'new_ratifications' && r.values.breakdown === '')!.values.value,
    ).toBe('');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await get('/programme/indicators/cohort?from=2004-01-01&to=2004-12-31&format=xlsx&lang=es'))
        .rawPayload as unknown as ArrayBuffer,
    );
    expect(String(workbook.getWorksheet('notes')!.getRow(1).getCell(1).value)).toMatch(
      /las nuevas ratificaciones se desconocen, no son cero/,
    );
  });

  it('counts only instruments whose complete list is loaded, names the others, and flags a period past the data', async () => {
    await importUntcFolder(context.database.db, UNTC_2015_03_14);
    // A one-row list for Tokyo shows Chad's accession in 2005; being partial, it is not counted.
    await importActionsCsv(
      context.database.db,
      [
        'instrument_id,participant,action,date,effective_date,note,notification_ref',
        'tokyo-1963,Chad,accession,2005-02-01,,,',
      ].join('\n'),
      { asOf: '2015-01-31', snapshotId: 'icao-2015-01-31' },
    );
    const cohort = (
      await get('/programme/indicators/cohort?from=2004-01-01&to=2004-12-31&set=19&asOf=2014-12-31')
    ).json();
    expect(cohort.ratificationData.instrumentsWithPartialData).toEqual(['tokyo-1963']);
    expect(cohort.ratificationData.instrumentsCounted).toHaveLength(5);
    const chad = cohort.countries.find((c: { id: string }) => c.id === 'TCD');
    expect(chad.joined).toEqual([{ instrumentId: 'hostages-1979', date: '2006-11-01' }]);
    expect(cohort.ratificationData.stale).toBe(false);

    const later = (await get('/programme/indicators?from=2020-01-01&to=2020-12-31')).json();
    expect(later.ratificationData).toMatchObject({ stale: true, dataAsOf: '2015-03-14' });
    expect(later.newRatifications).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await get('/programme/indicators?from=2020-01-01&to=2020-12-31&format=xlsx&lang=en'))
        .rawPayload as unknown as ArrayBuffer,
    );
    const notes = workbook.getWorksheet('notes')!.getColumn(1).values.map(String).join('\n');
    expect(notes).toMatch(/not counted \(no data or a partial list\): .*Tokyo/);
    expect(notes).toMatch(/Depositary data as of March 14, 2015: ratifications after that date are not included/);
  });
});
