import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp } from '../../../test/helpers/app.ts';
import { TEST_CLOCK, TEST_DB_KIND } from '../../../test/helpers/db.ts';
import {
  UNTC_2013_06_06,
  UNTC_2013_12_22,
  UNTC_2015_03_14,
  importUntcFolder,
  seedReferenceData,
} from '../../../test/helpers/fixtures.ts';
import { problemSchema } from '../../contracts/common.ts';
import {
  changesPageSchema,
  compareSchema,
  countryStatusSchema,
  instrumentSchema,
  matrixSchema,
  overviewSchema,
  participantSchema,
  partiesSchema,
  regionSchema,
  snapshotSchema,
  timelineSchema,
} from '../../contracts/status.ts';
import { SHIPPED_DATA_DIR } from '../../db/seed.ts';
import { parseCsv } from '../../lib/csv.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Parses the body with the documented schema and checks that it has exactly the documented top-level fields. */
function expectShape<T extends z.ZodObject>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.parse(body);
  expect(Object.keys(body as object).sort()).toEqual(Object.keys(schema.shape).sort());
  return parsed;
}

describe('the HTTP API', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let totalChanges: number;

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    const created = await createTestApp({ seed: false });
    app = created.app;
    close = created.close;
    // Three snapshots in turn, so that the change log has entries.
    await seedReferenceData(created.database.db);
    await importUntcFolder(created.database.db, UNTC_2013_06_06);
    const middle = await importUntcFolder(created.database.db, UNTC_2013_12_22);
    const newest = await importUntcFolder(created.database.db, UNTC_2015_03_14);
    totalChanges = middle.changes.length + newest.changes.length;
  });
  afterAll(async () => {
    await close?.();
  });

  describe('answers each endpoint with its documented shape', () => {
    it('GET /api/v1/instruments lists the 24 instruments, 10 of them with data', async () => {
      const res = await get('/api/v1/instruments');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const { items } = res.json() as { items: unknown[] };
      expect(items).toHaveLength(24);
      const instruments = items.map((item) => expectShape(instrumentSchema, item));
      expect(instruments.filter((i) => i.hasData)).toHaveLength(10);
      expect(instruments.filter((i) => !i.hasData).every((i) => i.dataAsOf === null)).toBe(true);
    });

    it('GET /api/v1/instruments/{id} describes one instrument with its entry-into-force rule and sets', async () => {
      const res = await get('/api/v1/instruments/icsft-1999');
      expect(res.statusCode).toBe(200);
      const instrument = expectShape(instrumentSchema, res.json());
      expect(instrument).toMatchObject({
        id: 'icsft-1999',
        untcNo: 'XVIII-11',
        adoptedDate: '1999-12-09',
        entryIntoForceDate: '2002-04-10',
        sets: [12, 16, 18, 19],
        hasData: true,
        dataAsOf: '2015-03-14',
        eifRule: { kind: 'days_after', daysAfter: 30, daysAfterForLaterJoiners: 30 },
      });
    });

    it('GET /api/v1/instruments/{id}/parties lists the parties as of a date, sorted by name', async () => {
      const res = await get('/api/v1/instruments/icsft-1999/parties?asOf=2010-01-01');
      expect(res.statusCode).toBe(200);
      const parties = expectShape(partiesSchema, res.json());
      expect(parties).toMatchObject({
        instrument: 'icsft-1999',
        asOf: '2010-01-01',
        basis: 'deposit',
        hasData: true,
        dataAsOf: '2015-03-14',
      });
      expect(parties.count).toBe(parties.parties.length);
      expect(parties.count).toBeGreaterThan(100);
      const names = parties.parties.map((p) => p.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
      expect(parties.parties.every((p) => p.date <= '2010-01-01')).toBe(true);
    });

    it('GET /api/v1/instruments/{id}/parties defaults the date to today', async () => {
      const parties = expectShape(
        partiesSchema,
        (await get('/api/v1/instruments/icsft-1999/parties?basis=in-force')).json(),
      );
      expect(parties.asOf).toBe(TEST_CLOCK.now().toISOString().slice(0, 10));
      expect(parties.basis).toBe('in-force');
    });

    it('GET /api/v1/instruments/{id}/timeline gives cumulative counts at the end of each year from adoption to the year of the newest data', async () => {
      const res = await get('/api/v1/instruments/icsft-1999/timeline');
      expect(res.statusCode).toBe(200);
      const timeline = expectShape(timelineSchema, res.json());
      expect(timeline.points[0]!.year).toBe(1999);
      expect(timeline.points.at(-1)!.year).toBe(2015);
      expect(timeline).toMatchObject({ dataAsOf: '2015-03-14', stale: true });
      for (let i = 1; i < timeline.points.length; i++)
        expect(timeline.points[i]!.parties).toBeGreaterThanOrEqual(timeline.points[i - 1]!.parties);
      const today = expectShape(partiesSchema, (await get('/api/v1/instruments/icsft-1999/parties')).json());
      expect(timeline.points.at(-1)!.parties).toBe(today.count);
    });

    it('GET /api/v1/participants lists every participant, and filters by region and by part of a name', async () => {
      const all = (await get('/api/v1/participants')).json() as { items: unknown[] };
      expect(all.items).toHaveLength(198);
      all.items.forEach((item) => expectShape(participantSchema, item));

      const africa = (await get('/api/v1/participants?region=002')).json() as {
        items: { id: string; regionM49: string }[];
      };
      expect(africa.items.length).toBe(
        parseCsv(readFileSync(join(SHIPPED_DATA_DIR, 'participants.csv'))).filter((r) => r.values.region_m49 === '002')
          .length,
      );
      expect(africa.items.every((p) => p.regionM49 === '002')).toBe(true);

      const found = (await get('/api/v1/participants?q=ivoire')).json() as { items: { id: string }[] };
      expect(found.items.map((p) => p.id)).toEqual(['CIV']);
    });

    it('GET /api/v1/participants/{code} describes one participant, whatever the case of the code', async () => {
      const res = await get('/api/v1/participants/ner');
      expect(res.statusCode).toBe(200);
      expect(expectShape(participantSchema, res.json())).toMatchObject({
        id: 'NER',
        iso2: 'NE',
        m49: '562',
        name: 'Niger',
        regionM49: '002',
      });
    });

    it('GET /api/v1/participants/resolve resolves a former name (Swaziland) to the participant', async () => {
      const res = await get('/api/v1/participants/resolve?name=Swaziland');
      expect(res.statusCode).toBe(200);
      expect(expectShape(participantSchema, res.json())).toMatchObject({ id: 'SWZ', name: 'Eswatini' });
    });

    it("GET /api/v1/participants/{code}/status gives a country's status for a set, with its gaps", async () => {
      const res = await get('/api/v1/participants/NER/status?asOf=2004-01-01&set=all');
      expect(res.statusCode).toBe(200);
      const status = expectShape(countryStatusSchema, res.json());
      expect(status).toMatchObject({
        participant: 'NER',
        asOf: '2004-01-01',
        set: 'all',
        basis: 'deposit',
        instrumentCount: 24,
      });
      expect(status.gaps.length).toBeGreaterThan(0);
      expect(status.instrumentsWithoutData).toHaveLength(14);
      expect(status.gaps.every((id) => !status.instrumentsWithoutData.includes(id))).toBe(true);

      const byDefault = expectShape(countryStatusSchema, (await get('/api/v1/participants/NER/status')).json());
      expect(byDefault).toMatchObject({ asOf: '2026-06-30', set: 19, instrumentCount: 19 });
    });

    it('GET /api/v1/regions lists the UN M49 regions', async () => {
      const res = await get('/api/v1/regions');
      expect(res.statusCode).toBe(200);
      const { items } = res.json() as { items: unknown[] };
      const regions = items.map((item) => expectShape(regionSchema, item));
      expect(regions.find((r) => r.m49 === '002')).toEqual({
        m49: '002',
        parentM49: '001',
        level: 'region',
        name: 'Africa',
      });
    });

    it('GET /api/v1/status/compare gives parties at both dates and new parties per instrument', async () => {
      const res = await get('/api/v1/status/compare?from=2013-01-01&to=2014-06-30');
      expect(res.statusCode).toBe(200);
      const compare = expectShape(compareSchema, res.json());
      expect(compare).toMatchObject({ from: '2013-01-01', to: '2014-06-30', set: 19, basis: 'deposit' });
      expect(compare.instruments).toHaveLength(19);
      const icsant = compare.instruments.find((i) => i.instrument === 'icsant-2005')!;
      expect(icsant.partiesAtTo! - icsant.partiesAtFrom!).toBe(icsant.newParties);
      expect(compare.partyToAllAtTo).toMatchObject({ complete: false, count: null });
    });

    it('GET /api/v1/status/matrix gives participants × instruments for a region', async () => {
      const res = await get('/api/v1/status/matrix?asOf=2014-06-30&region=002');
      expect(res.statusCode).toBe(200);
      const matrix = expectShape(matrixSchema, res.json());
      expect(matrix.region).toBe('002');
      expect(matrix.instruments).toHaveLength(19);
      expect(matrix.rows.length).toBeGreaterThan(40);
      expect(matrix.rows.every((r) => r.regionM49 === '002' && r.cells.length === 19)).toBe(true);
    });

    it('GET /api/v1/status/overview gives headline figures and never a silent zero for "party to all"', async () => {
      const res = await get('/api/v1/status/overview?asOf=2014-06-30');
      expect(res.statusCode).toBe(200);
      const overview = expectShape(overviewSchema, res.json());
      expect(overview).toMatchObject({ instrumentCount: 19, participantCount: 198, latestDataAsOf: '2015-03-14' });
      expect(overview.instrumentsWithData).toHaveLength(5);
      expect(overview.instrumentsWithoutData).toHaveLength(14);
      expect(overview.partyToAll).toMatchObject({ complete: false, count: null });
      expect(typeof overview.partyToAll.countOverInstrumentsWithData).toBe('number');
      expect(overview.participants).toHaveLength(198);
      expect(overview.partiesTotal).toBe(overview.participants.reduce((sum, p) => sum + p.partyCount, 0));
    });

    it('GET /api/v1/status/changes pages through the whole change log, newest first, with a cursor', async () => {
      expect(totalChanges).toBeGreaterThan(40);
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(`/api/v1/status/changes?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const page = expectShape(changesPageSchema, res.json());
        expect(page.items.length).toBeLessThanOrEqual(20);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 10);

      expect(cursor).toBeNull();
      expect(pages).toBe(Math.ceil(totalChanges / 20));
      expect(seen).toHaveLength(totalChanges);
      expect(new Set(seen).size).toBe(totalChanges);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
    });

    it('GET /api/v1/status/changes describes each change with its snapshot, time, participant name and before/after', async () => {
      const page = expectShape(changesPageSchema, (await get('/api/v1/status/changes?participant=DJI')).json());
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({
        snapshot: 'untc-2015-03-14',
        snapshotAsOf: '2015-03-14',
        instrument: 'icsant-2005',
        participant: 'DJI',
        participantName: 'Djibouti',
        change: 'added',
        before: null,
        after: { type: 'ratification', date: '2014-04-25' },
      });
      expect(page.items[0]!.detectedAt).toBe(TEST_CLOCK.now().toISOString());

      const corrections = expectShape(
        changesPageSchema,
        (await get('/api/v1/status/changes?instrument=untoc-som-2000&participant=MDA')).json(),
      );
      expect(corrections.items.map((i) => [i.snapshot, i.change])).toEqual([
        ['untc-2015-03-14', 'corrected'],
        ['untc-2013-12-22', 'corrected'],
      ]);
      expect(corrections.items[0]).toMatchObject({
        before: { type: 'accession', date: '2006-02-28' },
        after: { type: 'ratification', date: '2005-09-16' },
      });
    });

    it('GET /api/v1/status/changes.atom is an Atom feed of the same changes', async () => {
      const res = await get('/api/v1/status/changes.atom?instrument=icsant-2005');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
      expect(res.body).toMatch(
        /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
      );
      const page = expectShape(changesPageSchema, (await get('/api/v1/status/changes?instrument=icsant-2005')).json());
      const entries = res.body.match(/<entry>/g) ?? [];
      expect(entries).toHaveLength(page.items.length);
      expect(entries.length).toBeGreaterThan(0);
      for (const item of page.items) expect(res.body).toContain(`<id>urn:lexpact:status-change:${item.id}</id>`);
      expect(res.body).toContain('Djibouti · Nuclear Terrorism Convention 2005: New: Ratification Apr 25, 2014');
      expect(res.body).not.toContain('<category term="icsft-1999"/>');
    });

    it("GET /api/v1/status/changes.atom speaks the language asked for, with the web app's translations", async () => {
      const ru = JSON.parse(readFileSync(new URL('../../../locales/ru/status.json', import.meta.url), 'utf8')) as {
        actions: Record<string, string>;
      };
      const res = await get('/api/v1/status/changes.atom?participant=DJI&lang=ru');
      expect(res.body).toContain('xml:lang="ru"');
      expect(res.body).toContain('Джибути');
      expect(res.body).toContain(ru.actions.ratification);
      expect(res.body).not.toContain('Ratification');
    });

    it('GET /api/v1/status/snapshots lists the imported snapshots, newest first, with file checksums', async () => {
      const res = await get('/api/v1/status/snapshots');
      expect(res.statusCode).toBe(200);
      const { items } = res.json() as { items: unknown[] };
      const snapshots = items.map((item) => expectShape(snapshotSchema, item));
      expect(snapshots.map((s) => s.id)).toEqual(['untc-2015-03-14', 'untc-2013-12-22', 'untc-2013-06-06']);
      for (const snapshot of snapshots) {
        expect(snapshot.files).toHaveLength(10);
        expect(snapshot.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
        expect(new Date(snapshot.importedAt).toISOString()).toBe(TEST_CLOCK.now().toISOString());
      }
    });

    it('GET /healthz and /readyz say the process is up and the database answers', async () => {
      const health = await get('/healthz');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
      const ready = await get('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', database: TEST_DB_KIND });
    });

    it('GET /api/v1/openapi.json documents every endpoint', async () => {
      const res = await get('/api/v1/openapi.json');
      expect(res.statusCode).toBe(200);
      const spec = res.json() as { openapi: string; paths: Record<string, unknown> };
      expect(spec.openapi).toBe('3.1.0');
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/instruments',
          '/api/v1/instruments/{id}',
          '/api/v1/instruments/{id}/parties',
          '/api/v1/instruments/{id}/timeline',
          '/api/v1/participants',
          '/api/v1/participants/{code}',
          '/api/v1/participants/resolve',
          '/api/v1/participants/{code}/status',
          '/api/v1/regions',
          '/api/v1/status/compare',
          '/api/v1/status/matrix',
          '/api/v1/status/overview',
          '/api/v1/status/changes',
          '/api/v1/status/changes.atom',
          '/api/v1/status/snapshots',
          '/healthz',
          '/readyz',
        ]),
      );
    });
  });

  describe('answers in the language asked for', () => {
    it('gives names in French with lang=fr', async () => {
      expect(((await get('/api/v1/participants/DEU?lang=fr')).json() as { name: string }).name).toBe('Allemagne');
      expect(((await get('/api/v1/instruments/icsft-1999?lang=fr')).json() as { title: string }).title).toBe(
        'Convention internationale pour la répression du financement du terrorisme',
      );
      const regions = (await get('/api/v1/regions?lang=fr')).json() as { items: { m49: string; name: string }[] };
      expect(regions.items.find((r) => r.m49 === '002')!.name).toBe('Afrique');
      const parties = (await get('/api/v1/instruments/icsft-1999/parties?asOf=2010-01-01&lang=fr')).json() as {
        parties: { participant: string; name: string }[];
      };
      expect(parties.parties.find((p) => p.participant === 'DEU')!.name).toBe('Allemagne');
    });

    it('gives names in Arabic with Accept-Language: ar', async () => {
      const participant = (await get('/api/v1/participants/DEU', { 'accept-language': 'ar' })).json() as {
        name: string;
        names: Record<string, string>;
      };
      expect(participant.name).toBe('ألمانيا');
      expect(participant.name).toBe(participant.names.ar);
      const status = (await get('/api/v1/participants/NER/status', { 'accept-language': 'ar' })).json() as {
        name: string;
      };
      expect(status.name).toBe('النيجر');
    });

    it('prefers the lang parameter to Accept-Language, and honours quality values', async () => {
      expect(
        ((await get('/api/v1/participants/DEU?lang=es', { 'accept-language': 'ar' })).json() as { name: string }).name,
      ).toBe('Alemania');
      expect(
        (
          (await get('/api/v1/participants/DEU', { 'accept-language': 'de-DE, ru;q=0.9, ar;q=0.5' })).json() as {
            name: string;
          }
        ).name,
      ).toBe('Германия');
    });
  });

  describe('downloads', () => {
    it('format=csv answers text/csv with a header row and one line per party', async () => {
      const res = await get('/api/v1/instruments/icsft-1999/parties?asOf=2010-01-01&format=csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="icsft-1999-parties-2010-01-01.csv"');
      const records = parseCsv(res.body);
      expect(Object.keys(records[0]!.values)).toEqual([
        'participant',
        'name',
        'action',
        'date',
        'in_force_from',
        'signature_date',
        'data_as_of',
        'data_complete',
        'data_stale',
      ]);
      expect(records[0]!.values).toMatchObject({ data_as_of: '2015-03-14', data_complete: 'yes', data_stale: 'no' });
      const json = (await get('/api/v1/instruments/icsft-1999/parties?asOf=2010-01-01')).json() as { count: number };
      expect(records).toHaveLength(json.count);
    });

    it('format=csv works for the comparison and the matrix too', async () => {
      const compare = await get('/api/v1/status/compare?from=2013-01-01&to=2014-06-30&format=csv');
      expect(compare.headers['content-type']).toMatch(/^text\/csv/);
      expect(compare.body.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
        'instrument,name,parties_2013-01-01,parties_2014-06-30,new_parties,data_as_of,data_complete,data_stale',
      );
      const matrix = await get('/api/v1/status/matrix?asOf=2014-06-30&region=002&format=csv');
      expect(matrix.headers['content-type']).toMatch(/^text\/csv/);
      expect(matrix.headers['content-disposition']).toMatch(/filename="status-matrix-2014-06-30\.csv"/);
      expect(matrix.body.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/^participant,name,tokyo-1963,.*,party_count$/);
    });

    it('format=xlsx answers a workbook (a ZIP file) with the xlsx content type and a file name', async () => {
      const res = await get('/api/v1/instruments/icsft-1999/parties?asOf=2010-01-01&format=xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      expect(res.headers['content-disposition']).toBe('attachment; filename="icsft-1999-parties-2010-01-01.xlsx"');
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'participant',
        'name',
        'action',
        'date',
        'in_force_from',
        'signature_date',
        'data_as_of',
        'data_complete',
        'data_stale',
      ]);
      const json = (await get('/api/v1/instruments/icsft-1999/parties?asOf=2010-01-01')).json() as { count: number };
      expect(sheet.rowCount).toBe(json.count + 1);
    });
    it("the comparison workbook titles its columns for people in the request's language; its CSV keeps the machine names", async () => {
      const headerOf = async (lang: string) => {
        const res = await get(`/api/v1/status/compare?from=2013-01-01&to=2014-06-30&format=xlsx&lang=${lang}`);
        expect(res.statusCode).toBe(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        return (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
      };
      const english = await headerOf('en');
      expect(english.slice(0, 5)).toEqual([
        'Code',
        'Instrument',
        'Parties on January 1, 2013',
        'Parties on June 30, 2014',
        'New parties',
      ]);
      expect(english.join(' ')).not.toMatch(/parties_|new_parties|data_as_of/);
      const french = await headerOf('fr');
      expect(french.slice(2, 5)).toEqual(['Parties au 1 janvier 2013', 'Parties au 30 juin 2014', 'Nouvelles parties']);
      expect((await headerOf('zh'))[4]).toBe('新缔约方');
    });
  });

  describe('bad input answers RFC 9457 problem details', () => {
    const expectProblem = (res: LightMyRequestResponse, status: number, code: string, field?: string) => {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = expectShape(problemSchema, res.json());
      expect(problem).toMatchObject({ status, code });
      expect(problem.type).toMatch(/^https?:\/\//);
      expect(problem.title.length).toBeGreaterThan(0);
      expect(problem.detail.length).toBeGreaterThan(0);
      if (field) expect(problem.errors.map((e) => e.field)).toContain(field);
      // Nothing about the internals: no stack frames, no source paths.
      expect(res.body).not.toMatch(/\s+at\s+\S+\s+\(|node_modules|\.ts:\d+|\/work\//);
      return problem;
    };

    it('an unknown instrument id is 404 status.instrument_not_found', async () => {
      expectProblem(await get('/api/v1/instruments/icsft-2099'), 404, 'status.instrument_not_found');
      expectProblem(await get('/api/v1/instruments/icsft-2099/parties'), 404, 'status.instrument_not_found');
      expectProblem(await get('/api/v1/instruments/icsft-2099/timeline'), 404, 'status.instrument_not_found');
      expectProblem(await get('/api/v1/status/changes?instrument=icsft-2099'), 404, 'status.instrument_not_found');
    });

    it('an unknown participant code is 404', async () => {
      expectProblem(await get('/api/v1/participants/XYZ'), 404, 'status.participant_not_found');
      expectProblem(await get('/api/v1/participants/XYZ/status'), 404, 'status.participant_not_found');
      expectProblem(await get('/api/v1/participants/resolve?name=Atlantis'), 404, 'participants.name_not_resolved');
    });

    it('an unknown instrument or participant names the nearest valid ids in the detail and in errors[]', async () => {
      const instrument = expectProblem(
        await get('/api/v1/instruments/icsft/parties'),
        404,
        'status.instrument_not_found',
        'instrument',
      );
      expect(instrument.detail).toContain('did you mean icsft-1999?');
      expect(instrument.errors).toContainEqual({
        field: 'instrument',
        reason: 'did you mean icsft-1999?',
        code: 'did_you_mean',
        params: { value: 'icsft-1999' },
      });
      const byShortName = expectProblem(
        await get('/api/v1/instruments/Convention%20sur%20le%20financement'),
        404,
        'status.instrument_not_found',
      );
      expect(byShortName.detail).toContain('icsft-1999');
      const byName = expectProblem(
        await get('/api/v1/participants/Nigr/status'),
        404,
        'status.participant_not_found',
        'participant',
      );
      expect(byName.errors.map((e) => e.reason)).toContain('did you mean NER?');
      expect(expectProblem(await get('/api/v1/participants/FR'), 404, 'status.participant_not_found').detail).toContain(
        'did you mean FRA?',
      );
      expect(
        expectProblem(await get('/api/v1/participants/Swaziland'), 404, 'status.participant_not_found').detail,
      ).toContain('SWZ');
      expect(
        expectProblem(await get('/api/v1/status/changes?instrument=icsft-1998'), 404, 'status.instrument_not_found')
          .detail,
      ).toContain('icsft-1999');
    });

    it('a malformed date (2014-13-01) and an impossible date (2014-02-30) are 400, naming the parameter', async () => {
      expectProblem(
        await get('/api/v1/instruments/icsft-1999/parties?asOf=2014-13-01'),
        400,
        'validation.invalid_request',
        'asOf',
      );
      expectProblem(
        await get('/api/v1/instruments/icsft-1999/parties?asOf=2014-02-30'),
        400,
        'validation.invalid_request',
        'asOf',
      );
      expectProblem(await get('/api/v1/status/compare?from=2014-02-30'), 400, 'validation.invalid_request', 'from');
      expectProblem(await get('/api/v1/status/overview?asOf=14-01-2014'), 400, 'validation.invalid_request', 'asOf');
    });

    it('each field problem carries a stable code, with the values a translation needs', async () => {
      const date = expectProblem(
        await get('/api/v1/status/compare?from=2014-02-30'),
        400,
        'validation.invalid_request',
        'from',
      );
      expect(date.errors).toContainEqual(expect.objectContaining({ field: 'from', code: 'invalid_date' }));
      const tooBig = expectProblem(
        await get('/api/v1/status/changes?limit=501'),
        400,
        'validation.invalid_request',
        'limit',
      );
      expect(tooBig.errors).toContainEqual(
        expect.objectContaining({
          field: 'limit',
          code: 'too_big',
          params: expect.objectContaining({ maximum: 500, origin: 'number', inclusive: 'true' }),
        }),
      );
      const region = expectProblem(
        await get('/api/v1/status/matrix?region=Africa'),
        400,
        'validation.invalid_request',
        'region',
      );
      expect(region.errors).toContainEqual(expect.objectContaining({ field: 'region', code: 'invalid_format' }));
    });

    it('an unknown basis or set is 400, naming the parameter', async () => {
      expectProblem(
        await get('/api/v1/instruments/icsft-1999/parties?basis=ratified'),
        400,
        'validation.invalid_request',
        'basis',
      );
      expectProblem(await get('/api/v1/status/overview?set=17'), 400, 'validation.invalid_request', 'set');
      expectProblem(await get('/api/v1/participants/NER/status?set=17'), 400, 'validation.invalid_request', 'set');
    });

    it('a comparison whose first date is after the second is 400', async () => {
      expectProblem(
        await get('/api/v1/status/compare?from=2014-06-30&to=2013-01-01'),
        400,
        'status.dates_reversed',
        'from',
      );
    });

    it('an unknown region is 400, naming the parameter', async () => {
      expectProblem(await get('/api/v1/status/matrix?region=999'), 400, 'status.unknown_region', 'region');
      expectProblem(await get('/api/v1/participants?region=999'), 400, 'status.unknown_region', 'region');
      expectProblem(await get('/api/v1/status/matrix?region=Africa'), 400, 'validation.invalid_request', 'region');
    });

    it('a malformed cursor is 400', async () => {
      expectProblem(await get('/api/v1/status/changes?cursor=next'), 400, 'validation.invalid_request', 'cursor');
    });

    it('an unknown path under /api/v1 is a 404 problem', async () => {
      expectProblem(await get('/api/v1/treaties'), 404, 'http.not_found');
      expectProblem(await get('/api/v1/status/nothing-here?asOf=2014-01-01'), 404, 'http.not_found');
    });
  });
});
