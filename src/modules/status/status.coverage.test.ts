import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.ts';
import { importActionsCsv } from '../../../test/helpers/fixtures.ts';
import type { Compare, CountryStatus, Matrix, Overview, Parties, Timeline } from '../../contracts/status.ts';
import type { Db } from '../../db/client.ts';
import { parseCsv } from '../../lib/csv.ts';

// One row from ICAO's list of the Tokyo Convention: Niger's accession, and nothing about France.
const ONE_TOKYO_ROW = [
  'instrument_id,participant,action,date,effective_date,note,notification_ref',
  'tokyo-1963,Niger,accession,1969-06-27,,,',
].join('\n');

describe('partial and stale depositary data', () => {
  let app: FastifyInstance;
  let db: Db;
  let close: () => Promise<void>;
  const getJson = async <T>(url: string): Promise<T> => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const tokyoOf = (country: CountryStatus) => country.instruments.find((i) => i.instrument === 'tokyo-1963')!;

  beforeAll(async () => {
    // The shipped UNTC snapshot of 2015-03-14 (complete lists) on a clock that says 2026-06-30.
    ({
      app,
      close,
      database: { db },
    } = await createTestApp({ seed: true }));
  });
  afterAll(async () => {
    await close?.();
  });

  describe('a partial list (a generic actions file without --complete)', () => {
    beforeAll(async () => {
      const report = await importActionsCsv(db, ONE_TOKYO_ROW, { asOf: '2015-01-31', snapshotId: 'icao-2015-01-31' });
      expect(report.complete).toBe(false);
    });

    it('counts its parties as "at least": the count is a lower bound, flagged as not complete', async () => {
      const parties = await getJson<Parties>('/api/v1/instruments/tokyo-1963/parties?asOf=2014-06-30');
      expect(parties).toMatchObject({ hasData: true, complete: false, count: 1, dataAsOf: '2015-01-31', stale: false });
      const instruments = await getJson<{ items: { id: string; hasData: boolean; complete: boolean }[] }>(
        '/api/v1/instruments',
      );
      expect(instruments.items.find((i) => i.id === 'tokyo-1963')).toMatchObject({ hasData: true, complete: false });
      expect(instruments.items.find((i) => i.id === 'icsft-1999')).toMatchObject({ hasData: true, complete: true });
    });

    it('shows a State it does not name as unknown, never as not party, and no gap', async () => {
      const france = await getJson<CountryStatus>('/api/v1/participants/FRA/status?asOf=2014-06-30');
      expect(tokyoOf(france)).toMatchObject({ status: 'unknown', hasData: true, complete: false });
      expect(france.gaps).not.toContain('tokyo-1963');
      expect(france.unknown).toEqual(['tokyo-1963']);
      expect(france.instrumentsWithPartialData).toEqual(['tokyo-1963']);
      const niger = await getJson<CountryStatus>('/api/v1/participants/NER/status?asOf=2014-06-30');
      expect(tokyoOf(niger)).toMatchObject({ status: 'party', consent: { type: 'accession', date: '1969-06-27' } });
    });

    it('marks the matrix cell unknown, in JSON and in the CSV', async () => {
      const matrix = await getJson<Matrix>('/api/v1/status/matrix?asOf=2014-06-30&region=150');
      const column = matrix.instruments.findIndex((i) => i.id === 'tokyo-1963');
      expect(matrix.instruments[column]).toMatchObject({ hasData: true, complete: false });
      expect(matrix.rows.find((r) => r.participant === 'FRA')!.cells[column]).toMatchObject({ status: 'unknown' });
      const csv = parseCsv(
        (await app.inject({ method: 'GET', url: '/api/v1/status/matrix?asOf=2014-06-30&region=150&format=csv' })).body,
      );
      expect(csv.find((r) => r.values.participant === 'FRA')!.values['tokyo-1963']).toBe('unknown');
      expect(csv.find((r) => r.values.name === 'data_complete')!.values['tokyo-1963']).toBe('no');
    });

    it('leaves "party to all" unknown, with the figure over the instruments with complete lists apart', async () => {
      const overview = await getJson<Overview>('/api/v1/status/overview?asOf=2014-06-30&set=12');
      expect(overview.partyToAll).toMatchObject({ count: null, complete: false });
      expect(overview.partyToAll.instrumentsWithPartialData).toEqual(['tokyo-1963']);
      expect(overview.instrumentsWithPartialData).toEqual(['tokyo-1963']);
      // Niger is recorded as party to Tokyo, but a partial list cannot make anyone party "to all".
      const compare = await getJson<Compare>('/api/v1/status/compare?from=2010-01-01&to=2014-06-30&set=12');
      expect(compare.instruments.find((i) => i.instrument === 'tokyo-1963')).toMatchObject({
        hasData: true,
        complete: false,
        partiesAtTo: 1,
      });
      expect(compare.partyToAllAtTo.count).toBeNull();
    });

    it('says so in the compare CSV, row by row', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/status/compare?from=2010-01-01&to=2014-06-30&set=12&format=csv',
      });
      const rows = parseCsv(res.body);
      expect(rows.find((r) => r.values.instrument === 'tokyo-1963')!.values).toMatchObject({
        data_complete: 'no',
        data_as_of: '2015-01-31',
      });
      expect(rows.find((r) => r.values.instrument === 'icsft-1999')!.values).toMatchObject({
        data_complete: 'yes',
        data_as_of: '2015-03-14',
      });
      expect(rows.find((r) => r.values.instrument === 'montreal-1971')!.values).toMatchObject({
        'parties_2010-01-01': '',
        data_as_of: '',
        data_complete: '',
      });
    });

    it('becomes complete when the same list is imported again as the complete list: then a State not named is not party', async () => {
      const report = await importActionsCsv(db, ONE_TOKYO_ROW, {
        asOf: '2015-01-31',
        snapshotId: 'icao-2015-01-31',
        complete: true,
      });
      expect(report).toMatchObject({ complete: true, outcome: 'applied' });
      const france = await getJson<CountryStatus>('/api/v1/participants/FRA/status?asOf=2014-06-30');
      expect(tokyoOf(france)).toMatchObject({ status: 'not_party', complete: true });
      expect(france.gaps).toContain('tokyo-1963');
      expect(france.unknown).toEqual([]);
    });
  });

  describe('a date later than the newest depositary data', () => {
    it('flags each figure as stale with the date of the data, and a date within the data as not stale', async () => {
      const today = await getJson<Parties>('/api/v1/instruments/icsft-1999/parties');
      expect(today).toMatchObject({ asOf: '2026-06-30', dataAsOf: '2015-03-14', stale: true, complete: true });
      const then = await getJson<Parties>('/api/v1/instruments/icsft-1999/parties?asOf=2015-03-14');
      expect(then.stale).toBe(false);
      const france = await getJson<CountryStatus>('/api/v1/participants/FRA/status');
      expect(france.instruments.find((i) => i.instrument === 'icsft-1999')).toMatchObject({
        dataAsOf: '2015-03-14',
        stale: true,
      });
      expect(france.staleInstruments).toContain('icsft-1999');
      const compare = await getJson<Compare>('/api/v1/status/compare?from=2010-01-01');
      expect(compare.instruments.find((i) => i.instrument === 'icsft-1999')).toMatchObject({
        stale: true,
        dataAsOf: '2015-03-14',
      });
    });

    it('says on the overview how old the data are', async () => {
      const overview = await getJson<Overview>('/api/v1/status/overview');
      expect(overview.latestDataAsOf).toBe('2015-03-14');
      expect(overview.staleInstruments).toContain('icsft-1999');
      expect(overview.coverage.find((c) => c.instrument === 'icsft-1999')).toEqual({
        instrument: 'icsft-1999',
        hasData: true,
        complete: true,
        dataAsOf: '2015-03-14',
        stale: true,
      });
    });

    it('stops the cumulative chart at the year of the newest data instead of running flat to today', async () => {
      const timeline = await getJson<Timeline>('/api/v1/instruments/icsft-1999/timeline');
      expect(timeline.points.at(-1)!.year).toBe(2015);
      expect(timeline).toMatchObject({ dataAsOf: '2015-03-14', stale: true, complete: true });
    });

    it('writes the warning in the language asked for into the workbook, and the coverage into every CSV row', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/instruments/icsft-1999/parties?format=xlsx&lang=fr',
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const notes = workbook.getWorksheet('notes');
      expect(notes).toBeDefined();
      expect(String(notes!.getRow(1).getCell(1).value)).toMatch(
        /14 mars 2015 : les actes postérieurs ne sont pas inclus/,
      );
      const csv = parseCsv(
        (await app.inject({ method: 'GET', url: '/api/v1/instruments/icsft-1999/parties?format=csv' })).body,
      );
      expect(csv.length).toBeGreaterThan(100);
      expect(csv.every((r) => r.values.data_stale === 'yes' && r.values.data_as_of === '2015-03-14')).toBe(true);
    });
  });
});
