import type { Language } from '../../contracts/languages.ts';
import type { Indicators } from '../../contracts/programme.ts';
import { longDate, translate } from '../../lib/locales.ts';
import type { Cell, Sheet } from '../../lib/spreadsheet.ts';
import type { StatusDataset } from '../status/status.dataset.ts';
import { instrumentLabel, type countableInstruments } from '../status/status.service.ts';
import type { cohort } from './indicators.ts';

type RatificationData = ReturnType<typeof countableInstruments>;

/** What the ratification figures leave out, in the reader's language: they go beside the figures in every export. */
export function ratificationNotes(dataset: StatusDataset, data: RatificationData, lang: Language): string[] {
  if (data.instrumentsCounted.length === 0) return [translate(lang, 'programme', 'ratificationNotes.none')];
  const label = (id: string) => instrumentLabel(dataset, id, lang);
  const notes: string[] = [];
  const left = [...data.instrumentsWithoutData, ...data.instrumentsWithPartialData];
  if (left.length) {
    notes.push(
      translate(lang, 'programme', 'ratificationNotes.notCounted', {
        count: data.instrumentsCounted.length,
        instruments: left.map(label).join(', '),
      }),
    );
  }
  if (data.stale)
    notes.push(translate(lang, 'programme', 'ratificationNotes.stale', { date: longDate(data.dataAsOf!, lang) }));
  return notes;
}

export function indicatorsSheet(dataset: StatusDataset, result: Indicators, lang: Language): Sheet {
  const rows: Cell[][] = [
    ['activities_delivered', '', result.activitiesDelivered],
    ['countries_assisted', '', result.countriesAssisted],
    ...result.activitiesByType.map((t) => ['activities_delivered_by_type', t.type, t.delivered]),
    ...(['total', 'women', 'men', 'notRecorded'] as const).map((k) => ['participants', k, result.participants[k]]),
    ...Object.entries(result.participants.professions).map(([k, v]) => ['participants_by_profession', k, v]),
    ...(['total', 'women', 'men', 'notRecorded'] as const).map((k) => [
      'officials_trained',
      k,
      result.officialsTrained[k],
    ]),
    // An unknown stays an empty cell, never a zero; the rows after it say what the figure covers.
    ['new_ratifications', '', result.newRatifications],
    ['new_ratifications', 'instruments_counted', result.ratificationData.instrumentsCounted.length],
    ['new_ratifications', 'data_as_of', result.ratificationData.dataAsOf],
    ['laws_drafted', '', result.laws.drafted],
    ['laws_adopted', '', result.laws.adopted],
  ];
  return {
    name: 'indicators',
    header: ['indicator', 'breakdown', 'value'],
    rows,
    notes: ratificationNotes(dataset, result.ratificationData, lang),
  };
}

export function cohortSheet(dataset: StatusDataset, result: Awaited<ReturnType<typeof cohort>>, lang: Language): Sheet {
  const known = result.becameParty !== null;
  return {
    name: 'cohort',
    header: ['country', 'name', 'first_assistance', 'became_party', 'instruments_joined', 'data_as_of'],
    rows: result.countries.map((c) => [
      c.id,
      c.name,
      c.firstAssistance,
      known ? (c.joined.length ? 'yes' : 'no') : 'unknown',
      c.joined.map((j) => `${j.instrumentId} (${j.date})`).join('; '),
      result.ratificationData.dataAsOf,
    ]),
    notes: ratificationNotes(dataset, result.ratificationData, lang),
  };
}
