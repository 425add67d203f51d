import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.ts';
import {
  UNTC_2013_06_06,
  UNTC_2013_12_22,
  UNTC_2015_03_14,
  importActionsCsv,
  importUntcFolder,
  makeTempFolder,
  readCrosswalk,
  readNormalizedShippedActions,
  readShippedFile,
  removeTempFolders,
  seedReferenceData,
  statusTableCounts,
} from '../../../test/helpers/fixtures.ts';
import { parseCsv, parseCsvRows } from '../../lib/csv.ts';
import type { FieldProblem } from '../../lib/errors.ts';
import { loadDataset } from './status.dataset.ts';
import { ImportRejectedError, importSnapshot, type ImportChange, type ImportReport } from './status.import.ts';
import { partiesAsOf } from './status.service.ts';
import { statusChanges, treatyActions } from './status.table.ts';

afterAll(() => removeTempFolders());

// ---------------------------------------------------------------------------------------------
// An independent reading of the raw UNTC files, used as the oracle for change detection.
// ---------------------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CONSENT_SUFFIX: Record<string, string> = {
  '': 'ratification',
  a: 'accession',
  A: 'acceptance',
  AA: 'approval',
  d: 'succession',
};

function untcCell(cell: string): { date: string; suffix: string } {
  const [day, month, year, suffix = ''] = cell.trim().split(/\s+/);
  const m = MONTHS.indexOf(month!) + 1;
  if (m === 0) throw new Error(`oracle cannot read "${cell}"`);
  return { date: `${year}-${String(m).padStart(2, '0')}-${day!.padStart(2, '0')}`, suffix };
}

/** instrument|participant|signature-or-consent → { type, date } for a whole UNTC folder. */
function oracleActions(folder: string): Map<string, { type: string; date: string }> {
  const crosswalk = readCrosswalk();
  const instrumentOf = untcNumberToInstrument();
  const actions = new Map<string, { type: string; date: string }>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.csv'))) {
    const instrumentId = instrumentOf.get(file.replace(/\.csv$/, ''));
    if (!instrumentId) throw new Error(`oracle knows no instrument for ${file}`);
    const [, ...rows] = parseCsvRows(readFileSync(join(folder, file)));
    for (const { cells } of rows) {
      const participantId = crosswalk.get(cells[0]!.trim());
      if (!participantId) throw new Error(`oracle: "${cells[0]}" is not in the crosswalk`);
      if (cells[1]?.trim()) {
        const { date, suffix } = untcCell(cells[1]);
        actions.set(`${instrumentId}|${participantId}|signature`, {
          type: suffix === 'd' ? 'succession_to_signature' : 'signature',
          date,
        });
      }
      if (cells[2]?.trim()) {
        const { date, suffix } = untcCell(cells[2]);
        actions.set(`${instrumentId}|${participantId}|consent`, { type: CONSENT_SUFFIX[suffix]!, date });
      }
    }
  }
  return actions;
}

/** UNTC reference (file name) → instrument id, as the independent normalisation pairs them. */
function untcNumberToInstrument(): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const { values } of parseCsv(
    readFileSync(new URL('../../../test/fixtures/untc/normalized-2015-03-14.csv', import.meta.url)),
  )) {
    pairs.set(values.untc_mtdsg_no!, values.instrument_id!);
  }
  return pairs;
}

/** The changes a correct importer reports going from one folder to the next, sorted. */
function expectedChanges(previous: string, next: string) {
  const before = oracleActions(previous);
  const after = oracleActions(next);
  const changes: string[] = [];
  for (const [key, value] of after) {
    const old = before.get(key);
    if (!old) changes.push(`added ${key} ${value.type} ${value.date}`);
    else if (old.type !== value.type || old.date !== value.date)
      changes.push(`corrected ${key} ${old.type} ${old.date} → ${value.type} ${value.date}`);
  }
  for (const [key, value] of before)
    if (!after.has(key)) changes.push(`missing_from_source ${key} ${value.type} ${value.date}`);
  return changes.sort();
}

const describeChange = (c: ImportChange) => {
  const before = c.before as { type: string; date: string } | null;
  const after = c.after as { type: string; date: string } | null;
  const key = `${c.instrumentId}|${c.participantId}|${c.actionKey}`;
  if (c.change === 'added') return `added ${key} ${after!.type} ${after!.date}`;
  if (c.change === 'corrected')
    return `corrected ${key} ${before!.type} ${before!.date} → ${after!.type} ${after!.date}`;
  if (c.change === 'missing_from_source') return `missing_from_source ${key} ${before!.type} ${before!.date}`;
  return `reappeared ${key} ${after!.type} ${after!.date}`;
};

async function expectRejected(run: Promise<unknown>): Promise<FieldProblem[]> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  return (error as ImportRejectedError).problems;
}

// ---------------------------------------------------------------------------------------------

describe('the shipped UNTC snapshot', () => {
  let database: TestDb;

  beforeAll(async () => {
    database = await createTestDb({ seed: true });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('holds exactly the actions of the independent normalisation, action for action', async () => {
    const expected = readNormalizedShippedActions();
    const normalizedRaw = parseCsv(
      readFileSync(new URL('../../../test/fixtures/untc/normalized-2015-03-14.csv', import.meta.url)),
    ).map((r) => r.values.raw_value);
    const rows = await database.db.select().from(treatyActions);

    expect(rows).toHaveLength(expected.length);
    expect(rows).toHaveLength(2490);
    const stored = rows.map((r) => `${r.instrumentId}|${r.participantId}|${r.type}|${r.date}`).sort();
    const wanted = expected.map((a) => `${a.instrumentId}|${a.participantId}|${a.type}|${a.date}`).sort();
    expect(stored).toEqual(wanted);
    expect(rows.map((r) => r.rawValue).sort()).toEqual([...normalizedRaw].sort());
    expect(new Set(rows.map((r) => r.firstSnapshotId))).toEqual(new Set(['untc-2015-03-14']));
    expect(new Set(rows.map((r) => r.reviewStatus))).toEqual(new Set(['current']));
  });

  it('records the seeding as a baseline: no change-log entries', async () => {
    expect((await statusTableCounts(database.db)).statusChanges).toBe(0);
  });

  it('reports "unchanged" when the shipped folder is imported again, and writes nothing', async () => {
    const before = await statusTableCounts(database.db);
    const report = await importUntcFolder(database.db, UNTC_2015_03_14);

    expect(report.outcome).toBe('unchanged');
    expect(report.files).toHaveLength(10);
    expect(report.files.every((f) => f.outcome === 'unchanged')).toBe(true);
    expect(report.changes).toEqual([]);
    expect(report.counts).toEqual({ added: 0, corrected: 0, flagged: 0, reappeared: 0, unchanged: 2490 });
    expect(await statusTableCounts(database.db)).toEqual(before);
  });

  it('rejects a folder with broken files as a whole, listing every problem with file, line and reason, and writes nothing', async () => {
    const folder = makeTempFolder('untc-2015-06-01', {
      // A valid file: it must not be written either.
      'XVIII-5.csv': readShippedFile('XVIII-5.csv'),
      'XVIII-11.csv': [
        'Participant,Signature,"Ratification, Accession(a)"',
        'Turkey,10 Jan 2000,28 Jun 2002', // 2 valid
        'Atlantis,10 Jan 2000,', // 3 unknown participant
        'Türkiye,,28 Jun 2002', // 4 the same participant again, under its new name
      ].join('\n'),
      'XVIII-9.csv': [
        'Participant,Signature,"Ratification, Accession(a)"',
        'Albania,31 Feb 2004,', // 2 not a real date
        'Algeria,,12 Mar 2004 x', // 3 unknown suffix
      ].join('\n'),
      'XVIII-15.csv': [
        'Participant,"Signature, Succession to signature(d)","Ratification, Accession(a)"',
        'Andorra,,1 Jan 2004 a', // 2 before adoption (2005-04-13)
        'Angola,,1 Jul 2015 a', // 3 after the snapshot date
      ].join('\n'),
      'XVIII-99.csv': 'Participant,Signature,Ratification\nAfghanistan,,1 Jan 2005 a\n',
    });
    const before = await statusTableCounts(database.db);

    const problems = await expectRejected(importUntcFolder(database.db, folder));

    const summary = problems.map((p) => ({ file: p.file, line: p.line }));
    expect(summary).toHaveLength(7);
    expect(summary).toEqual(
      expect.arrayContaining([
        { file: 'XVIII-11.csv', line: 3 },
        { file: 'XVIII-11.csv', line: 4 },
        { file: 'XVIII-9.csv', line: 2 },
        { file: 'XVIII-9.csv', line: 3 },
        { file: 'XVIII-15.csv', line: 2 },
        { file: 'XVIII-15.csv', line: 3 },
        { file: 'XVIII-99.csv', line: 1 },
      ]),
    );
    const reason = (file: string, line: number) => problems.find((p) => p.file === file && p.line === line)!.reason;
    expect(reason('XVIII-11.csv', 3)).toMatch(/unknown participant name "Atlantis"/);
    expect(reason('XVIII-11.csv', 4)).toMatch(/listed twice.*line 2/);
    expect(reason('XVIII-9.csv', 2)).toContain('31 Feb 2004');
    expect(reason('XVIII-9.csv', 3)).toContain('12 Mar 2004 x');
    expect(reason('XVIII-15.csv', 2)).toMatch(/before the instrument was adopted/);
    expect(reason('XVIII-15.csv', 3)).toMatch(/after the snapshot date 2015-06-01/);
    expect(reason('XVIII-99.csv', 1)).toContain('XVIII-99');
    expect(await statusTableCounts(database.db)).toEqual(before);
  });

  it('rejects consent suffixes that are not UNTC action kinds even when they are names of built-in object properties ("constructor", "toString")', async () => {
    const before = await statusTableCounts(database.db);
    const folder = makeTempFolder('untc-2015-06-01', {
      'XVIII-11.csv':
        'Participant,Signature,Ratification\nAfghanistan,,24 Sep 2003 constructor\nAlbania,,10 Apr 2002 toString\n',
    });
    const problems = await expectRejected(importUntcFolder(database.db, folder));
    expect(problems.map((p) => [p.file, p.line, p.field])).toEqual([
      ['XVIII-11.csv', 2, 'consent'],
      ['XVIII-11.csv', 3, 'consent'],
    ]);
    expect(await statusTableCounts(database.db)).toEqual(before);
  });
});

describe('importing successive UNTC snapshots', () => {
  let database: TestDb;
  let first: ImportReport;

  beforeAll(async () => {
    database = await createTestDb();
    await seedReferenceData(database.db);
    first = await importUntcFolder(database.db, UNTC_2013_06_06);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('records the first snapshot as a baseline, without change-log entries', async () => {
    expect(first.outcome).toBe('applied');
    expect(first.files.map((f) => f.outcome)).toEqual(Array(10).fill('baseline'));
    expect(first.changes).toEqual([]);
    expect(first.counts.added).toBe(oracleActions(UNTC_2013_06_06).size);
    const counts = await statusTableCounts(database.db);
    expect(counts.statusChanges).toBe(0);
    expect(counts.treatyActions).toBe(oracleActions(UNTC_2013_06_06).size);
  });

  it("resolves the damaged name Cte d'Ivoire and the former name Cape Verde to CIV and CPV", async () => {
    const civ = await database.db.select().from(treatyActions).where(eq(treatyActions.participantId, 'CIV'));
    const cpv = await database.db.select().from(treatyActions).where(eq(treatyActions.participantId, 'CPV'));
    expect(civ.find((a) => a.instrumentId === 'icsft-1999')).toMatchObject({
      type: 'accession',
      date: '2002-03-13',
      rawValue: '13 Mar 2002 a',
    });
    expect(cpv.find((a) => a.instrumentId === 'icsft-1999' && a.actionKey === 'consent')).toMatchObject({
      type: 'ratification',
      date: '2002-05-10',
    });
    expect(civ.length).toBeGreaterThanOrEqual(10);
  });

  it('a dry run reports exactly what the real import then does, and writes nothing', async () => {
    const before = await statusTableCounts(database.db);
    const dry = await importUntcFolder(database.db, UNTC_2013_12_22, { dryRun: true });
    expect(await statusTableCounts(database.db)).toEqual(before);

    const real = await importUntcFolder(database.db, UNTC_2013_12_22);
    expect(dry.dryRun).toBe(true);
    expect(real.dryRun).toBe(false);
    expect({ ...dry, dryRun: false }).toEqual(real);
    expect(real.counts.added).toBeGreaterThan(0);
    expect(await statusTableCounts(database.db)).not.toEqual(before);
  });

  it('records the differences of the middle snapshot as added and corrected actions with before and after', async () => {
    const changes = await database.db.select().from(statusChanges);
    const asText = changes.map((c) =>
      describeChange({
        ...c,
        change: c.change as ImportChange['change'],
        before: c.before as Record<string, unknown> | null,
        after: c.after as Record<string, unknown> | null,
      }),
    );
    const expected = expectedChanges(UNTC_2013_06_06, UNTC_2013_12_22);
    expect(expected.length).toBeGreaterThan(20);
    expect(asText.sort()).toEqual(expected);
    expect(new Set(changes.map((c) => c.snapshotId))).toEqual(new Set(['untc-2013-12-22']));
    // Republic of Moldova's consent to the Smuggling of Migrants Protocol was shown differently.
    expect(asText).toContain('corrected untoc-som-2000|MDA|consent ratification 2005-09-16 → accession 2006-02-28');
  });

  it('records the differences of the newest snapshot, and a signature-only row that gains a ratification appears as an added consent', async () => {
    const report = await importUntcFolder(database.db, UNTC_2015_03_14);
    expect(report.outcome).toBe('applied');
    const expected = expectedChanges(UNTC_2013_12_22, UNTC_2015_03_14);
    expect(expected.length).toBeGreaterThan(10);
    expect(report.changes.map(describeChange).sort()).toEqual(expected);

    // Djibouti had only signed the Nuclear Terrorism Convention in 2013; by 2015 it had ratified.
    expect(oracleActions(UNTC_2013_12_22).has('icsant-2005|DJI|consent')).toBe(false);
    const djibouti = report.changes.filter((c) => c.participantId === 'DJI');
    expect(djibouti).toEqual([
      {
        instrumentId: 'icsant-2005',
        participantId: 'DJI',
        actionKey: 'consent',
        change: 'added',
        before: null,
        after: { type: 'ratification', date: '2014-04-25', effectiveDate: null, text: null },
      },
    ]);
    // "Cape Verde" became "Cabo Verde": the same participant, so nothing changed for it.
    expect(report.changes.filter((c) => c.participantId === 'CPV')).toEqual([]);

    const logged = await database.db
      .select()
      .from(statusChanges)
      .where(eq(statusChanges.snapshotId, 'untc-2015-03-14'));
    expect(logged).toHaveLength(report.changes.length);
  });

  it('ends with exactly the actions of the newest snapshot', async () => {
    const rows = await database.db.select().from(treatyActions);
    const stored = rows.map((r) => `${r.instrumentId}|${r.participantId}|${r.type}|${r.date}`).sort();
    expect(stored).toEqual(
      readNormalizedShippedActions()
        .map((a) => `${a.instrumentId}|${a.participantId}|${a.type}|${a.date}`)
        .sort(),
    );
  });

  it('reports an older snapshot imported again as "superseded" and changes nothing', async () => {
    const before = await statusTableCounts(database.db);
    const report = await importUntcFolder(database.db, UNTC_2013_06_06);
    expect(report.outcome).toBe('superseded');
    expect(report.files.every((f) => f.outcome === 'superseded' && f.newerSnapshot === 'untc-2015-03-14')).toBe(true);
    expect(report.changes).toEqual([]);
    expect(await statusTableCounts(database.db)).toEqual(before);
  });
});

describe('an action that a newer snapshot no longer shows', () => {
  let database: TestDb;

  beforeAll(async () => {
    database = await createTestDb({ seed: true });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const partiesToIcsant = async (asOf: string) =>
    partiesAsOf({
      dataset: await loadDataset(database.db),
      instrumentId: 'icsant-2005',
      asOf,
      basis: 'deposit',
      lang: 'en',
    });

  it('is flagged missing_from_source, kept, and still counted', async () => {
    const countBefore = (await partiesToIcsant('2015-06-01')).count;
    const withoutDjibouti = readShippedFile('XVIII-15.csv')
      .split('\n')
      .filter((line) => !line.startsWith('Djibouti,'))
      .join('\n');
    const report = await importUntcFolder(
      database.db,
      makeTempFolder('untc-2015-06-01', { 'XVIII-15.csv': withoutDjibouti }),
    );

    expect(report.counts.flagged).toBe(2);
    expect(report.changes.map((c) => [c.change, c.participantId, c.actionKey]).sort()).toEqual([
      ['missing_from_source', 'DJI', 'consent'],
      ['missing_from_source', 'DJI', 'signature'],
    ]);
    expect(report.changes.find((c) => c.actionKey === 'consent')).toMatchObject({
      before: { type: 'ratification', date: '2014-04-25' },
      after: null,
    });

    const rows = await database.db.select().from(treatyActions).where(eq(treatyActions.participantId, 'DJI'));
    expect(rows.filter((r) => r.instrumentId === 'icsant-2005').map((r) => r.reviewStatus)).toEqual([
      'missing_from_source',
      'missing_from_source',
    ]);
    const parties = await partiesToIcsant('2015-06-01');
    expect(parties.count).toBe(countBefore);
    expect(parties.parties.find((p) => p.participant === 'DJI')).toMatchObject({ flagged: true, date: '2014-04-25' });
    // Other instruments were not in that snapshot: nothing of theirs is flagged.
    expect(rows.filter((r) => r.instrumentId !== 'icsant-2005').every((r) => r.reviewStatus === 'current')).toBe(true);
  });

  it('records "reappeared" when a later snapshot shows it again, and clears the flag', async () => {
    const report = await importUntcFolder(
      database.db,
      makeTempFolder('untc-2015-09-01', { 'XVIII-15.csv': readShippedFile('XVIII-15.csv') }),
    );

    expect(report.counts).toMatchObject({ reappeared: 2, flagged: 0, added: 0, corrected: 0 });
    expect(report.changes.map((c) => [c.change, c.participantId, c.actionKey]).sort()).toEqual([
      ['reappeared', 'DJI', 'consent'],
      ['reappeared', 'DJI', 'signature'],
    ]);
    const logged = await database.db.select().from(statusChanges).where(eq(statusChanges.participantId, 'DJI'));
    expect(logged.map((c) => `${c.snapshotId} ${c.change} ${c.actionKey}`).sort()).toEqual([
      'untc-2015-06-01 missing_from_source consent',
      'untc-2015-06-01 missing_from_source signature',
      'untc-2015-09-01 reappeared consent',
      'untc-2015-09-01 reappeared signature',
    ]);
    const parties = await partiesToIcsant('2015-09-01');
    expect(parties.parties.find((p) => p.participant === 'DJI')).toMatchObject({ flagged: false });
  });
});

describe('the generic actions format', () => {
  let database: TestDb;

  beforeAll(async () => {
    database = await createTestDb({ seed: true });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const HEADER = 'instrument_id,participant,action,date,effective_date,note,notification_ref';

  it('imports ratifications, accessions, withdrawals, successions and declarations for an instrument without data, which then has data', async () => {
    const datasetBefore = await loadDataset(database.db);
    expect(datasetBefore.instrumentsWithData.has('tokyo-1963')).toBe(false);

    // Test data shaped like an ICAO status list; not the real status of the Tokyo Convention.
    const csv = [
      HEADER,
      'tokyo-1963,France,ratification,1970-09-11,,,',
      'tokyo-1963,Niger,accession,1969-06-27,,,',
      'tokyo-1963,Niger,denunciation,2010-03-01,2011-03-01,,LE 3/1-10/1',
      'tokyo-1963,Montenegro,succession,2006-10-23,2006-06-03,,',
      'tokyo-1963,France,declaration,1970-09-11,,"The French Republic declares that Article 1, paragraph 4, applies.",',
    ].join('\n');
    const report = await importActionsCsv(database.db, csv, { asOf: '2024-01-01', snapshotId: 'icao-2024-01-01' });

    expect(report.outcome).toBe('applied');
    expect(report.counts.added).toBe(5);
    expect(report.changes.map((c) => c.change)).toEqual(Array(5).fill('added'));

    const rows = await database.db.select().from(treatyActions).where(eq(treatyActions.instrumentId, 'tokyo-1963'));
    const byType = (participant: string, type: string) =>
      rows.find((r) => r.participantId === participant && r.type === type);
    expect(byType('NER', 'withdrawal')).toMatchObject({
      date: '2010-03-01',
      effectiveDate: '2011-03-01',
      notificationRef: 'LE 3/1-10/1',
    });
    expect(byType('MNE', 'succession')).toMatchObject({ date: '2006-10-23', effectiveDate: '2006-06-03' });
    expect(byType('FRA', 'declaration')?.text).toBe(
      'The French Republic declares that Article 1, paragraph 4, applies.',
    );
    expect(byType('FRA', 'ratification')).toBeDefined();
    expect(byType('NER', 'accession')).toBeDefined();

    const dataset = await loadDataset(database.db);
    expect(dataset.instrumentsWithData.has('tokyo-1963')).toBe(true);
    const parties = partiesAsOf({
      dataset,
      instrumentId: 'tokyo-1963',
      asOf: '2024-01-01',
      basis: 'deposit',
      lang: 'en',
    });
    expect(parties).toMatchObject({ hasData: true, dataAsOf: '2024-01-01', count: 2 });
    expect(parties.parties.map((p) => p.participant).sort()).toEqual(['FRA', 'MNE']);
  });

  it('reports "unchanged" when the same generic file is imported again', async () => {
    const csv = [
      HEADER,
      'tokyo-1963,France,ratification,1970-09-11,,,',
      'tokyo-1963,Niger,accession,1969-06-27,,,',
      'tokyo-1963,Niger,denunciation,2010-03-01,2011-03-01,,LE 3/1-10/1',
      'tokyo-1963,Montenegro,succession,2006-10-23,2006-06-03,,',
      'tokyo-1963,France,declaration,1970-09-11,,"The French Republic declares that Article 1, paragraph 4, applies.",',
    ].join('\n');
    const before = await statusTableCounts(database.db);
    const report = await importActionsCsv(database.db, csv, { asOf: '2024-01-01', snapshotId: 'icao-2024-01-01' });
    expect(report.outcome).toBe('unchanged');
    expect(await statusTableCounts(database.db)).toEqual(before);
  });

  it('imports together the actions of two files that cover the same instrument', async () => {
    const first = Buffer.from([HEADER, 'montreal-1971,France,ratification,1976-06-30,,,'].join('\n'));
    const second = Buffer.from(
      [HEADER, 'montreal-1971,Niger,accession,1972-09-03,,,', 'montreal-1971,Chad,accession,1972-07-12,,,'].join('\n'),
    );
    const report = await importSnapshot({
      db: database.db,
      format: 'actions',
      asOf: '2024-02-01',
      snapshotId: 'gov-2024-02-01',
      files: [
        { name: 'gbr.csv', content: first },
        { name: 'usa.csv', content: second },
      ],
    });
    expect(report.counts.added).toBe(3);
    expect(report.files).toEqual([
      expect.objectContaining({ instrumentId: 'montreal-1971', rows: 3, file: 'gbr.csv, usa.csv' }),
    ]);
    const dataset = await loadDataset(database.db);
    expect(
      partiesAsOf({ dataset, instrumentId: 'montreal-1971', asOf: '2024-01-01', basis: 'deposit', lang: 'en' })
        .parties.map((p) => p.participant)
        .sort(),
    ).toEqual(['FRA', 'NER', 'TCD']);
  });

  it('rejects a file that lacks a required column, naming the column', async () => {
    const before = await statusTableCounts(database.db);
    const problems = await expectRejected(
      importActionsCsv(database.db, 'instrument_id,participant,date\nhague-1970,France,1972-09-18\n', {
        asOf: '2024-01-01',
        snapshotId: 'icao-2024-01-02',
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'actions.csv', line: 1 });
    expect(problems[0]!.reason).toContain('action');
    expect(await statusTableCounts(database.db)).toEqual(before);
  });

  it('rejects a file that holds no actions instead of recording an empty snapshot', async () => {
    const before = await statusTableCounts(database.db);
    for (const content of [`${HEADER}\n`, '']) {
      const problems = await expectRejected(
        importActionsCsv(database.db, content, { asOf: '2024-02-01', snapshotId: 'icao-2024-02-01' }),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file: 'actions.csv', line: 1 });
      expect(problems[0]!.reason).toMatch(/no actions/);
    }
    expect(await statusTableCounts(database.db)).toEqual(before);
  });

  it('rejects unknown instruments, unknown action words and declarations without text, with their line numbers', async () => {
    const before = await statusTableCounts(database.db);
    const csv = [
      HEADER,
      'hague-1970,France,ratification,1972-09-18,,,', // 2 valid
      'hague-2099,France,ratification,1972-09-18,,,', // 3 unknown instrument
      'hague-1970,Germany,ratifikation,1974-10-11,,,', // 4 unknown action
      'hague-1970,Germany,declaration,1974-10-11,,,', // 5 declaration without text
    ].join('\n');
    const problems = await expectRejected(
      importActionsCsv(database.db, csv, { asOf: '2024-01-01', snapshotId: 'icao-2024-01-03' }),
    );

    expect(problems.map((p) => ({ line: p.line, field: p.field }))).toEqual([
      { line: 3, field: 'instrument_id' },
      { line: 4, field: 'action' },
      { line: 5, field: 'note' },
    ]);
    expect(problems[0]!.reason).toContain('hague-2099');
    expect(problems[1]!.reason).toContain('ratifikation');
    expect(problems.every((p) => p.file === 'actions.csv')).toBe(true);
    expect(await statusTableCounts(database.db)).toEqual(before);
    expect((await loadDataset(database.db)).instrumentsWithData.has('hague-1970')).toBe(false);
  });
});

describe('two imports of the same snapshot at the same time', () => {
  let database: TestDb;

  beforeAll(async () => {
    database = await createTestDb();
    await seedReferenceData(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('run one after the other: the first writes, the second finds nothing to change, and nothing fails', async () => {
    const reports = await Promise.all([
      importUntcFolder(database.db, UNTC_2015_03_14),
      importUntcFolder(database.db, UNTC_2015_03_14),
    ]);
    expect(reports.map((r) => r.outcome).sort()).toEqual(['applied', 'unchanged']);
    expect((await statusTableCounts(database.db)).treatyActions).toBe(2490);
  });
});
