import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.ts';
import { importActionsCsv, readNormalizedShippedActions, type ExpectedAction } from '../../../test/helpers/fixtures.ts';
import { SHIPPED_DATA_DIR } from '../../db/seed.ts';
import { parseCsv } from '../../lib/csv.ts';
import { addDays } from '../../lib/dates.ts';
import { loadDataset, type StatusDataset } from './status.dataset.ts';
import {
  compareDates,
  countryStatus,
  instrumentsOfSet,
  overview,
  partiesAsOf,
  partiesOverTime,
  partyToAll,
  statusMatrix,
  type Basis,
} from './status.service.ts';

/** The 14 universal instruments whose depositary is not the UN: no data are shipped for them. */
const WITHOUT_DATA = [
  'tokyo-1963',
  'hague-1970',
  'montreal-1971',
  'cppnm-1980',
  'airports-protocol-1988',
  'sua-1988',
  'sua-fp-1988',
  'plastic-explosives-1991',
  'cppnm-amendment-2005',
  'sua-protocol-2005',
  'sua-fp-protocol-2005',
  'beijing-convention-2010',
  'beijing-protocol-2010',
  'montreal-protocol-2014',
];
const CONSENTS = new Set(['ratification', 'acceptance', 'approval', 'accession', 'succession']);

const ids = (parties: { participant: string }[]) => parties.map((p) => p.participant).sort();

describe('status queries on the shipped snapshot', () => {
  let database: TestDb;
  let dataset: StatusDataset;
  let shipped: ExpectedAction[];

  /** Independent answer from the normalised fixture: who had deposited a consent to `instrumentId` by `asOf`. */
  const depositedBy = (instrumentId: string, asOf: string) =>
    shipped
      .filter((a) => a.instrumentId === instrumentId && CONSENTS.has(a.type) && a.date <= asOf)
      .map((a) => a.participantId)
      .sort();
  const parties = (instrumentId: string, asOf: string, basis: Basis) =>
    partiesAsOf({ dataset, instrumentId, asOf, basis, lang: 'en' });

  beforeAll(async () => {
    database = await createTestDb({ seed: true });
    dataset = await loadDataset(database.db);
    shipped = readNormalizedShippedActions();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  describe('parties to the Terrorist Financing Convention around its entry into force (10 April 2002)', () => {
    it('on the deposit basis, counts on 9 April 2002 every State that had deposited by then', () => {
      const result = parties('icsft-1999', '2002-04-09', 'deposit');
      expect(result.count).toBeGreaterThan(0);
      expect(ids(result.parties)).toEqual(depositedBy('icsft-1999', '2002-04-09'));
      expect(result.count).toBe(result.parties.length);
    });

    it('on the in-force basis, counts nobody before the general entry into force', () => {
      for (const asOf of ['2000-12-31', '2002-03-11', '2002-04-09']) {
        const result = parties('icsft-1999', asOf, 'in-force');
        expect(result.count).toBe(0);
        expect(result.parties).toEqual([]);
      }
    });

    it('on the day of entry into force, counts in force exactly the States that had deposited thirty days before (by 11 March 2002)', () => {
      const inForce = parties('icsft-1999', '2002-04-10', 'in-force');
      const deposited = parties('icsft-1999', '2002-03-11', 'deposit');
      expect(inForce.count).toBe(deposited.count);
      expect(ids(inForce.parties)).toEqual(ids(deposited.parties));
      expect(inForce.parties.every((p) => p.inForceFrom === '2002-04-10')).toBe(true);
      // More had deposited by 10 April, but the Convention was not yet in force for them.
      expect(parties('icsft-1999', '2002-04-10', 'deposit').count).toBeGreaterThan(inForce.count!);
    });
  });

  describe('entry into force for a State that joins later', () => {
    it('is thirty days after its deposit for the Terrorist Financing Convention', () => {
      const later = parties('icsft-1999', '2014-12-31', 'deposit').parties.filter(
        (p) => p.date > '2002-03-11' && p.action !== 'succession',
      );
      expect(later.length).toBeGreaterThan(50);
      for (const p of later) expect(p.inForceFrom).toBe(addDays(p.date, 30));
      // Afghanistan acceded on 24 September 2003.
      expect(later.find((p) => p.participant === 'AFG')).toMatchObject({
        date: '2003-09-24',
        inForceFrom: '2003-10-24',
      });
    });

    it('is thirty days, not ninety, after its deposit for UNTOC', () => {
      const later = parties('untoc-2000', '2014-12-31', 'deposit').parties.filter(
        (p) => p.date > '2003-08-30' && p.action !== 'succession',
      );
      expect(later.length).toBeGreaterThan(50);
      for (const p of later) {
        expect(p.inForceFrom).toBe(addDays(p.date, 30));
        expect(p.inForceFrom).not.toBe(addDays(p.date, 90));
      }
      // Australia ratified on 27 May 2004.
      expect(later.find((p) => p.participant === 'AUS')).toMatchObject({
        date: '2004-05-27',
        inForceFrom: '2004-06-26',
      });
    });

    it('makes the State a party on the in-force basis from that date, not before', () => {
      expect(ids(parties('icsft-1999', '2003-10-23', 'in-force').parties)).not.toContain('AFG');
      expect(ids(parties('icsft-1999', '2003-10-24', 'in-force').parties)).toContain('AFG');
      expect(ids(parties('icsft-1999', '2003-09-24', 'deposit').parties)).toContain('AFG');
    });
  });

  describe('signatories', () => {
    const signedBy = (instrumentId: string, asOf: string) =>
      shipped
        .filter(
          (a) =>
            a.instrumentId === instrumentId &&
            (a.type === 'signature' || a.type === 'succession_to_signature') &&
            a.date <= asOf,
        )
        .map((a) => a.participantId);

    it('counts every signature on or before the date, whether or not the State later ratified', () => {
      for (const asOf of ['2000-06-30', '2001-01-10', '2001-12-31', '2014-12-31']) {
        expect(parties('icsft-1999', asOf, 'deposit').signatoryCount).toBe(signedBy('icsft-1999', asOf).length);
      }
      const signers = signedBy('icsft-1999', '2014-12-31');
      const laterParties = new Set(depositedBy('icsft-1999', '2014-12-31'));
      expect(signers.some((id) => laterParties.has(id))).toBe(true);
      expect(signers.some((id) => !laterParties.has(id))).toBe(true);
    });

    it('includes a signature made on the date itself', () => {
      // Montenegro succeeded to the signature of the Nuclear Terrorism Convention on 23 October 2006.
      const onTheDay = parties('icsant-2005', '2006-10-23', 'deposit').signatoryCount!;
      const dayBefore = parties('icsant-2005', '2006-10-22', 'deposit').signatoryCount!;
      expect(onTheDay - dayBefore).toBe(
        shipped.filter(
          (a) => a.instrumentId === 'icsant-2005' && a.date === '2006-10-23' && a.type.includes('signature'),
        ).length,
      );
      expect(onTheDay).toBeGreaterThan(dayBefore);
    });
  });

  describe('instruments without data', () => {
    it('give no count rather than zero', () => {
      const result = parties('tokyo-1963', '2014-12-31', 'deposit');
      expect(result).toMatchObject({ hasData: false, count: null, signatoryCount: null, dataAsOf: null, parties: [] });
      expect(partiesOverTime({ dataset, instrumentId: 'tokyo-1963', basis: 'deposit', untilYear: 2014 })).toMatchObject(
        { hasData: false, points: [] },
      );
    });

    it('make "party to all 19 instruments" unknown and list the instruments without data', () => {
      const result = partyToAll({
        dataset,
        instruments: instrumentsOfSet(dataset, 19),
        asOf: '2014-12-31',
        basis: 'deposit',
      });
      expect(result.complete).toBe(false);
      expect(result.count).toBeNull();
      expect([...result.instrumentsWithoutData].sort()).toEqual([...WITHOUT_DATA].sort());
      expect(typeof result.countOverInstrumentsWithData).toBe('number');
      expect(result.countOverInstrumentsWithData).toBe(result.participants.length);
    });

    it('do not hold back the figure over a set of instruments that all have data', () => {
      const withData = instrumentsOfSet(dataset, 19).filter((i) => dataset.instrumentsWithData.has(i.id));
      expect(withData.map((i) => i.id)).toEqual([
        'protected-persons-1973',
        'hostages-1979',
        'terrorist-bombings-1997',
        'icsft-1999',
        'icsant-2005',
      ]);
      const result = partyToAll({ dataset, instruments: withData, asOf: '2014-12-31', basis: 'deposit' });
      expect(result.complete).toBe(true);
      expect(typeof result.count).toBe('number');
      expect(result.count).toBe(result.countOverInstrumentsWithData);
      // Each member really is a party to each of the five, by the fixture.
      for (const instrument of withData) {
        const partiesToIt = new Set(depositedBy(instrument.id, '2014-12-31'));
        for (const member of result.participants) expect(partiesToIt.has(member)).toBe(true);
      }
    });
  });

  it('compare() gives, per instrument, the parties at each date and as new parties those at the second date that were not parties at the first', () => {
    for (const basis of ['deposit', 'in-force'] as const) {
      const result = compareDates({ dataset, from: '2013-01-01', to: '2014-06-30', set: 'all', basis });
      expect(result.instruments).toHaveLength(24);
      for (const row of result.instruments) {
        if (!dataset.instrumentsWithData.has(row.instrument)) {
          expect(row).toMatchObject({ hasData: false, partiesAtFrom: null, partiesAtTo: null, newParties: null });
          continue;
        }
        const atFrom = new Set(ids(parties(row.instrument, '2013-01-01', basis).parties));
        const atTo = ids(parties(row.instrument, '2014-06-30', basis).parties);
        expect(row.partiesAtFrom).toBe(atFrom.size);
        expect(row.partiesAtTo).toBe(atTo.length);
        expect(row.newParties).toBe(atTo.filter((id) => !atFrom.has(id)).length);
      }
    }
    // Djibouti ratified the Nuclear Terrorism Convention on 25 April 2014.
    const icsant = compareDates({
      dataset,
      from: '2013-01-01',
      to: '2014-06-30',
      set: 19,
      basis: 'deposit',
    }).instruments.find((i) => i.instrument === 'icsant-2005')!;
    expect(icsant.newParties).toBeGreaterThanOrEqual(1);
  });

  describe("a country's status", () => {
    it('lists gaps only among instruments with data, and the others as without data', () => {
      const result = countryStatus({
        dataset,
        code: 'NER',
        asOf: '2004-01-01',
        set: 'all',
        basis: 'deposit',
        lang: 'en',
      });
      const withData = result.instruments.filter((i) => i.hasData);
      expect(withData).toHaveLength(10);
      expect(result.gaps.length).toBeGreaterThan(0);
      expect(result.gaps).toEqual(
        withData.filter((i) => i.status !== 'party' && i.status !== 'not_adopted').map((i) => i.instrument),
      );
      expect(result.gaps.some((id) => WITHOUT_DATA.includes(id))).toBe(false);
      expect([...result.instrumentsWithoutData].sort()).toEqual([...WITHOUT_DATA].sort());
      // Adopted after 2004: not a gap then. Every other instrument without data is simply unknown.
      expect(
        result.instruments
          .filter((i) => i.status === 'not_adopted')
          .map((i) => i.instrument)
          .sort(),
      ).toEqual([
        'beijing-convention-2010',
        'beijing-protocol-2010',
        'cppnm-amendment-2005',
        'icsant-2005',
        'montreal-protocol-2014',
        'sua-fp-protocol-2005',
        'sua-protocol-2005',
      ]);
      expect(
        result.instruments.filter((i) => !i.hasData && i.status !== 'not_adopted').every((i) => i.status === 'no_data'),
      ).toBe(true);
      expect(result.partyCount + result.gaps.length).toBe(9);
    });

    it('does not count an instrument adopted after the date as a gap', () => {
      const before = countryStatus({ dataset, code: 'NER', asOf: '2004-01-01', set: 16, basis: 'deposit', lang: 'en' });
      expect(before.instruments.find((i) => i.instrument === 'icsant-2005')!.status).toBe('not_adopted');
      expect(before.gaps).not.toContain('icsant-2005');
      const after = countryStatus({ dataset, code: 'NER', asOf: '2005-06-01', set: 16, basis: 'deposit', lang: 'en' });
      expect(after.instruments.find((i) => i.instrument === 'icsant-2005')!.status).not.toBe('not_adopted');
    });

    it('agrees with the parties list for each instrument', () => {
      const result = countryStatus({ dataset, code: 'ner', asOf: '2014-06-30', set: 19, basis: 'deposit', lang: 'fr' });
      expect(result.participant).toBe('NER');
      for (const row of result.instruments.filter((i) => i.hasData)) {
        const isParty = ids(parties(row.instrument, '2014-06-30', 'deposit').parties).includes('NER');
        expect(row.status === 'party').toBe(isParty);
      }
    });
  });

  it('the matrix for Africa (M49 002) holds only African participants, and all of them', () => {
    const african = parseCsv(readFileSync(join(SHIPPED_DATA_DIR, 'participants.csv')))
      .filter((r) => r.values.region_m49 === '002')
      .map((r) => r.values.id!)
      .sort();
    const result = statusMatrix({ dataset, asOf: '2014-06-30', set: 19, basis: 'deposit', region: '002', lang: 'en' });
    expect(result.rows.map((r) => r.participant).sort()).toEqual(african);
    expect(result.rows.every((r) => r.regionM49 === '002')).toBe(true);
    expect(result.rows.map((r) => r.participant)).toContain('NER');
    expect(result.rows.map((r) => r.participant)).not.toContain('FRA');
    for (const row of result.rows) {
      expect(row.cells).toHaveLength(result.instruments.length);
      result.instruments.forEach((instrument, index) => {
        if (!instrument.hasData) expect(row.cells[index]).toBeNull();
        else expect(row.cells[index]).not.toBeNull();
      });
    }
    // A sub-region narrows further: Western Africa (011) is inside Africa.
    const western = statusMatrix({ dataset, asOf: '2014-06-30', set: 19, basis: 'deposit', region: '011', lang: 'en' });
    expect(western.rows.length).toBeGreaterThan(0);
    expect(western.rows.length).toBeLessThan(result.rows.length);
    expect(western.rows.every((r) => african.includes(r.participant))).toBe(true);
  });
});

describe('withdrawals and successions loaded from a generic actions file', () => {
  let database: TestDb;
  let dataset: StatusDataset;
  const parties = (asOf: string, basis: Basis) =>
    partiesAsOf({ dataset, instrumentId: 'hague-1970', asOf, basis, lang: 'en' });

  beforeAll(async () => {
    database = await createTestDb({ seed: true });
    // Test data for an instrument without shipped data; not the real status of the Hague Convention.
    await importActionsCsv(
      database.db,
      [
        'instrument_id,participant,action,date,effective_date,note,notification_ref',
        'hague-1970,France,ratification,1972-09-18,,,',
        'hague-1970,Niger,accession,1971-10-15,,,',
        'hague-1970,Niger,withdrawal,2010-03-01,2011-03-01,,',
        'hague-1970,Montenegro,succession,2006-10-23,2006-06-03,,',
      ].join('\n'),
      { asOf: '2024-01-01', snapshotId: 'icao-2024-01-01', complete: true },
    );
    dataset = await loadDataset(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('keeps a withdrawing party until its withdrawal takes effect, and drops it from that date on', () => {
    for (const basis of ['deposit', 'in-force'] as const) {
      expect(ids(parties('2010-03-01', basis).parties)).toContain('NER');
      expect(ids(parties('2011-02-28', basis).parties)).toContain('NER');
      expect(ids(parties('2011-03-01', basis).parties)).not.toContain('NER');
      expect(parties('2011-03-01', basis).count).toBe(parties('2011-02-28', basis).count! - 1);
    }
  });

  it('counts a withdrawn State in no figure afterwards', () => {
    const asOf = '2015-01-01';
    expect(ids(parties(asOf, 'deposit').parties)).toEqual(['FRA', 'MNE']);

    const compared = compareDates({
      dataset,
      from: '2010-01-01',
      to: asOf,
      set: 'all',
      basis: 'deposit',
    }).instruments.find((i) => i.instrument === 'hague-1970')!;
    expect(compared).toMatchObject({ hasData: true, partiesAtFrom: 3, partiesAtTo: 2, newParties: 0 });

    const niger = countryStatus({ dataset, code: 'NER', asOf, set: 19, basis: 'deposit', lang: 'en' });
    expect(niger.instruments.find((i) => i.instrument === 'hague-1970')).toMatchObject({
      status: 'withdrawn',
      withdrawal: { date: '2010-03-01', effectiveDate: '2011-03-01' },
    });
    expect(niger.gaps).toContain('hague-1970');
    const matrixCell = (date: string) => {
      const matrix = statusMatrix({ dataset, asOf: date, set: 19, basis: 'deposit', region: '011', lang: 'en' });
      return matrix.rows.find((r) => r.participant === 'NER')!.cells[
        matrix.instruments.findIndex((i) => i.id === 'hague-1970')
      ];
    };
    expect(matrixCell(asOf)).toEqual({ status: 'withdrawn', date: '2011-03-01', action: 'withdrawal' });
    expect(matrixCell('2010-12-31')).toMatchObject({ status: 'party', date: '1971-10-15' });
    const nigerBefore = countryStatus({
      dataset,
      code: 'NER',
      asOf: '2010-12-31',
      set: 19,
      basis: 'deposit',
      lang: 'en',
    });
    expect(nigerBefore.instruments.find((i) => i.instrument === 'hague-1970')!.status).toBe('party');

    const nigerOnMap = (date: string) =>
      overview({ dataset, asOf: date, set: 19, basis: 'deposit' }).participants.find((p) => p.participant === 'NER')!
        .partyCount;
    expect(nigerOnMap('2010-12-31') - nigerOnMap(asOf)).toBe(1);

    const row = statusMatrix({ dataset, asOf, set: 19, basis: 'deposit', region: '002', lang: 'en' });
    const column = row.instruments.findIndex((i) => i.id === 'hague-1970');
    expect(row.rows.find((r) => r.participant === 'NER')!.cells[column]).toMatchObject({ status: 'withdrawn' });

    const timeline = partiesOverTime({ dataset, instrumentId: 'hague-1970', basis: 'deposit', untilYear: 2015 });
    const at = (year: number) => timeline.points.find((p) => p.year === year)!.parties;
    expect([at(2010), at(2011), at(2015)]).toEqual([3, 2, 2]);

    const hague = instrumentsOfSet(dataset, 'all').filter((i) => i.id === 'hague-1970');
    expect(partyToAll({ dataset, instruments: hague, asOf, basis: 'deposit' }).participants).not.toContain('NER');
  });

  it('counts a succession on the in-force basis from its effective date, before it was notified', () => {
    expect(parties('2015-01-01', 'deposit').parties.find((p) => p.participant === 'MNE')).toMatchObject({
      action: 'succession',
      date: '2006-10-23',
      inForceFrom: '2006-06-03',
    });
    expect(ids(parties('2006-06-02', 'in-force').parties)).not.toContain('MNE');
    expect(ids(parties('2006-06-03', 'in-force').parties)).toContain('MNE');
    // On the deposit basis it counts from the notification.
    expect(ids(parties('2006-10-22', 'deposit').parties)).not.toContain('MNE');
    expect(ids(parties('2006-10-23', 'deposit').parties)).toContain('MNE');
  });

  it('binds a ratifying State thirty days after its deposit, as the Convention provides', () => {
    expect(parties('2015-01-01', 'deposit').parties.find((p) => p.participant === 'FRA')).toMatchObject({
      date: '1972-09-18',
      inForceFrom: '1972-10-18',
    });
  });
});
