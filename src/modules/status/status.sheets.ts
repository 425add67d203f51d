import type { Language } from '../../contracts/languages.ts';
import { longDate, translate } from '../../lib/locales.ts';
import type { Sheet } from '../../lib/spreadsheet.ts';
import type { StatusDataset } from './status.dataset.ts';
import {
  instrumentLabel,
  type compareDates,
  type Coverage,
  type partiesAsOf,
  type statusMatrix,
} from './status.service.ts';

/*
 * The register's tables as spreadsheets, for the API's downloads and the command line alike. Every
 * row that holds a count carries its instrument's coverage (complete or partial list, data as of,
 * stale), so a CSV read far from Lexpact still says which figures are lower bounds or out of date.
 */

/** One sentence per instrument whose figures need a warning: no data, a partial list, or data older than the date asked for. */
export function dataNotes(dataset: StatusDataset, coverage: Coverage[], lang: Language): string[] {
  return coverage.flatMap((c) => {
    const instrument = instrumentLabel(dataset, c.instrument, lang);
    if (!c.hasData) return [translate(lang, 'status', 'dataNotes.noData', { instrument })];
    const date = longDate(c.dataAsOf!, lang);
    const notes: string[] = [];
    if (!c.complete) notes.push(translate(lang, 'status', 'dataNotes.partial', { instrument, date }));
    if (c.stale) notes.push(translate(lang, 'status', 'dataNotes.stale', { instrument, date }));
    return notes;
  });
}

const coverageHeader = ['data_as_of', 'data_complete', 'data_stale'];
const coverageLabels = (lang: Language) =>
  ['sheetColumns.dataAsOf', 'sheetColumns.dataComplete', 'sheetColumns.dataStale'].map((key) =>
    translate(lang, 'status', key),
  );
const coverageCells = (c: Coverage) => [
  c.dataAsOf,
  c.hasData ? (c.complete ? 'yes' : 'no') : '',
  c.hasData ? (c.stale ? 'yes' : 'no') : '',
];

export function partiesSheet(dataset: StatusDataset, result: ReturnType<typeof partiesAsOf>, lang: Language): Sheet {
  const coverage: Coverage = {
    instrument: result.instrument,
    hasData: result.hasData,
    complete: result.complete,
    dataAsOf: result.dataAsOf,
    stale: result.stale,
  };
  return {
    name: result.instrument,
    header: ['participant', 'name', 'action', 'date', 'in_force_from', 'signature_date', ...coverageHeader],
    rows: result.parties.map((p) => [
      p.participant,
      p.name,
      p.action,
      p.date,
      p.inForceFrom,
      p.signatureDate,
      ...coverageCells(coverage),
    ]),
    notes: dataNotes(dataset, [coverage], lang),
  };
}

export function compareSheet(dataset: StatusDataset, result: ReturnType<typeof compareDates>, lang: Language): Sheet {
  return {
    name: 'compare',
    header: ['instrument', 'name', `parties_${result.from}`, `parties_${result.to}`, 'new_parties', ...coverageHeader],
    labels: [
      translate(lang, 'status', 'columns.code'),
      translate(lang, 'status', 'columns.instrument'),
      translate(lang, 'status', 'compare.partiesAt', { date: longDate(result.from, lang) }),
      translate(lang, 'status', 'compare.partiesAt', { date: longDate(result.to, lang) }),
      translate(lang, 'status', 'compare.newParties'),
      ...coverageLabels(lang),
    ],
    rows: result.instruments.map((i) => [
      i.instrument,
      instrumentLabel(dataset, i.instrument, lang),
      i.partiesAtFrom,
      i.partiesAtTo,
      i.newParties,
      ...coverageCells(i),
    ]),
    notes: dataNotes(dataset, result.instruments, lang),
  };
}

const CELL_CODES = { party: 'P', signatory: 'S', withdrawn: 'W' } as const;

export function matrixSheet(dataset: StatusDataset, result: ReturnType<typeof statusMatrix>, lang: Language): Sheet {
  const coverage = result.instruments.map(({ id, ...rest }) => ({ instrument: id, ...rest }));
  return {
    name: 'matrix',
    header: ['participant', 'name', ...result.instruments.map((i) => i.id), 'party_count'],
    rows: [
      ...result.rows.map((row) => [
        row.participant,
        row.name,
        ...row.cells.map((cell) => {
          if (cell === null) return 'no data';
          if (cell.status === 'none') return '';
          if (cell.status === 'unknown') return 'unknown';
          return `${CELL_CODES[cell.status]} ${cell.date}`;
        }),
        row.partyCount,
      ]),
      // Two closing rows give each column's coverage, as a matrix has no room for it on every row.
      ['', 'data_as_of', ...coverage.map((c) => c.dataAsOf), ''],
      ['', 'data_complete', ...coverage.map((c) => (c.hasData ? (c.complete ? 'yes' : 'no') : '')), ''],
    ],
    notes: dataNotes(dataset, coverage, lang),
  };
}
