import type { Language } from '../../contracts/languages.ts';
import { isInSet, type InstrumentSet } from '../instruments/instruments.service.ts';
import type { InstrumentRecord } from '../instruments/instruments.repository.ts';
import type { Names } from '../participants/participants.repository.ts';
import type { Participation, StatusDataset } from './status.dataset.ts';
import { AppError, because } from '../../lib/errors.ts';
import { didYouMean, suggest } from '../../lib/suggest.ts';

export type Basis = 'deposit' | 'in-force';
export const BASES: readonly Basis[] = ['deposit', 'in-force'];
/** A set of universal instruments, or `all` for every instrument in the catalogue (UNTOC, its Protocols and UNCAC too). */
export type SetChoice = InstrumentSet | 'all';

export const toSetChoice = (value: string): SetChoice => (value === 'all' ? 'all' : (Number(value) as InstrumentSet));

export const nameIn = (names: Names, lang: Language): string => names[lang] ?? names.en ?? '';

/** When a withdrawal takes effect, the participant stops being a party. */
const withdrawnBy = (p: Participation, asOf: string) => {
  if (!p.withdrawal || !p.consent) return false;
  const takesEffect = p.withdrawal.effectiveDate ?? p.withdrawal.date;
  return p.withdrawal.date >= p.consent.date && takesEffect <= asOf;
};

/** Party on the deposit basis (consent deposited by D, not withdrawn) or the in-force basis (in force for it by D). */
export function isPartyAsOf(p: Participation, asOf: string, basis: Basis): boolean {
  if (!p.consent || withdrawnBy(p, asOf)) return false;
  if (basis === 'deposit') return p.consent.date <= asOf;
  return p.inForceFrom !== null && p.inForceFrom <= asOf;
}

/** Signed on or before D, whether or not it later became a party. */
export const isSignatoryAsOf = (p: Participation, asOf: string): boolean =>
  p.signature !== null && p.signature.date <= asOf;

/** A 404 whose detail and `errors[]` name the nearest valid ids, so that a typo is fixed without a second lookup. */
function notFoundWithSuggestions(code: string, message: string, field: string, suggestions: string[]) {
  return new AppError({
    status: 404,
    code,
    message: `${message}${didYouMean(suggestions)}`,
    problems: suggestions.map((id) => ({ field, ...because('did_you_mean', `did you mean ${id}?`, { value: id }) })),
  });
}

/** Ids of the instruments nearest to a mistyped one, matched on ids and short names in the six languages. */
export const suggestInstruments = (dataset: StatusDataset, input: string) =>
  suggest(
    input,
    dataset.instruments.map((i) => ({ id: i.id, keys: [i.id, ...Object.values(i.shortNames)] })),
  );

/** Codes of the participants nearest to a mistyped one, matched on ISO3/ISO2 codes, names in the six languages and aliases. */
export const suggestParticipants = (dataset: StatusDataset, input: string) =>
  suggest(
    input,
    dataset.participants.map((p) => ({
      id: p.id,
      keys: [p.id, p.iso3, p.iso2, ...Object.values(p.names), ...(dataset.aliasesByParticipant.get(p.id) ?? [])],
    })),
  );

/** An instrument's short name in the language (its title where it has none), for tables, notes and feeds. */
export function instrumentLabel(dataset: StatusDataset, id: string, lang: Language): string {
  const instrument = dataset.instrumentsById.get(id);
  return instrument ? nameIn(instrument.shortNames, lang) || nameIn(instrument.titles, lang) || id : id;
}

export function requireInstrument(dataset: StatusDataset, id: string): InstrumentRecord {
  const instrument = dataset.instrumentsById.get(id);
  if (!instrument)
    throw notFoundWithSuggestions(
      'status.instrument_not_found',
      `no instrument has the id "${id}"`,
      'instrument',
      suggestInstruments(dataset, id),
    );
  return instrument;
}

export function requireParticipant(dataset: StatusDataset, code: string) {
  const participant = dataset.participantsById.get(code.toUpperCase());
  if (!participant)
    throw notFoundWithSuggestions(
      'status.participant_not_found',
      `no participant has the code "${code}"`,
      'participant',
      suggestParticipants(dataset, code),
    );
  return participant;
}

export function instrumentsOfSet(dataset: StatusDataset, set: SetChoice): InstrumentRecord[] {
  return set === 'all' ? dataset.instruments : dataset.instruments.filter((i) => isInSet(i, set));
}

/** How far an instrument's figures can be trusted as of a date: the same fields in every answer that counts. */
export interface Coverage {
  instrument: string;
  /** Some depositary data are loaded. */
  hasData: boolean;
  /** The depositary's complete list is loaded: a participant it does not name is not a party. Otherwise counts are lower bounds. */
  complete: boolean;
  /** Date up to which the data are known (newest complete list, else newest list); null without data. */
  dataAsOf: string | null;
  /** The date asked for is later than `dataAsOf`: actions after that date are not included. */
  stale: boolean;
}

export function coverageOf(dataset: StatusDataset, instrumentId: string, asOf: string): Coverage {
  const hasData = dataset.instrumentsWithData.has(instrumentId);
  const dataAsOf = dataset.dataAsOf.get(instrumentId) ?? null;
  return {
    instrument: instrumentId,
    hasData,
    complete: dataset.instrumentsWithCompleteData.has(instrumentId),
    dataAsOf,
    stale: dataAsOf !== null && asOf > dataAsOf,
  };
}

/**
 * Which of some instruments a count of treaty actions may rest on: only those with the depositary's
 * complete list. The rest are named, so that a figure over them is never read as covering them.
 */
export function countableInstruments(dataset: StatusDataset, instrumentIds: string[], asOf: string) {
  const coverage = instrumentIds.map((id) => coverageOf(dataset, id, asOf));
  const counted = coverage.filter((c) => c.complete);
  const dates = counted.map((c) => c.dataAsOf!).sort();
  return {
    instrumentsCounted: counted.map((c) => c.instrument),
    instrumentsWithoutData: coverage.filter((c) => !c.hasData).map((c) => c.instrument),
    instrumentsWithPartialData: coverage.filter((c) => c.hasData && !c.complete).map((c) => c.instrument),
    /** The oldest of the counted instruments' data dates: up to it, every counted instrument is known. */
    dataAsOf: dates[0] ?? null,
    staleInstruments: counted.filter((c) => c.stale).map((c) => c.instrument),
    stale: counted.some((c) => c.stale),
  };
}

export interface PartyEntry {
  participant: string;
  name: string;
  action: string;
  date: string;
  inForceFrom: string | null;
  signatureDate: string | null;
  regionM49: string | null;
  subregionM49: string | null;
  flagged: boolean;
}

// Answers computed from one dataset version; a new import brings a new dataset and so an empty memo.
const partiesMemo = new WeakMap<StatusDataset, Map<string, ReturnType<typeof computeParties>>>();
const MEMO_LIMIT = 2000;

/** Parties to one instrument as of a date, sorted by name in the requested language. */
export function partiesAsOf(query: {
  dataset: StatusDataset;
  instrumentId: string;
  asOf: string;
  basis: Basis;
  lang: Language;
}) {
  let memo = partiesMemo.get(query.dataset);
  if (!memo) partiesMemo.set(query.dataset, (memo = new Map()));
  const key = `${query.instrumentId}|${query.asOf}|${query.basis}|${query.lang}`;
  let result = memo.get(key);
  if (!result) {
    result = computeParties(query);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, result);
  }
  return result;
}

function computeParties({
  dataset,
  instrumentId,
  asOf,
  basis,
  lang,
}: {
  dataset: StatusDataset;
  instrumentId: string;
  asOf: string;
  basis: Basis;
  lang: Language;
}) {
  const instrument = requireInstrument(dataset, instrumentId);
  const { hasData, complete, dataAsOf, stale } = coverageOf(dataset, instrument.id, asOf);
  const participations = [...dataset.participations.get(instrument.id)!.values()];
  const parties: PartyEntry[] = [];
  for (const p of participations) {
    if (!isPartyAsOf(p, asOf, basis)) continue;
    const participant = dataset.participantsById.get(p.participantId)!;
    parties.push({
      participant: participant.id,
      name: nameIn(participant.names, lang),
      action: p.consent!.type,
      date: p.consent!.date,
      inForceFrom: p.inForceFrom,
      signatureDate: p.signature?.date ?? null,
      regionM49: participant.regionM49,
      subregionM49: participant.subregionM49,
      flagged: p.flagged,
    });
  }
  parties.sort((a, b) => a.name.localeCompare(b.name, lang));
  return {
    instrument: instrument.id,
    asOf,
    basis,
    hasData,
    complete,
    dataAsOf,
    stale,
    count: hasData ? parties.length : null,
    signatoryCount: hasData ? participations.filter((p) => isSignatoryAsOf(p, asOf)).length : null,
    parties,
  };
}

/** Number of parties at the end of each year from adoption to `untilYear`, for the cumulative chart. */
export function partiesOverTime({
  dataset,
  instrumentId,
  basis,
  untilYear,
}: {
  dataset: StatusDataset;
  instrumentId: string;
  basis: Basis;
  untilYear: number;
}) {
  const instrument = requireInstrument(dataset, instrumentId);
  const { hasData, complete, dataAsOf } = coverageOf(dataset, instrument.id, `${untilYear}-12-31`);
  const participations = [...dataset.participations.get(instrument.id)!.values()];
  const points: { year: number; parties: number; signatories: number }[] = [];
  // Past the year of the newest data the line would only repeat the last count: the chart stops there.
  const lastYear = Math.min(untilYear, dataAsOf ? Number(dataAsOf.slice(0, 4)) : untilYear);
  if (hasData) {
    for (let year = Number(instrument.adoptedDate.slice(0, 4)); year <= lastYear; year++) {
      const end = `${year}-12-31`;
      points.push({
        year,
        parties: participations.filter((p) => isPartyAsOf(p, end, basis)).length,
        signatories: participations.filter((p) => isSignatoryAsOf(p, end)).length,
      });
    }
  }
  return {
    instrument: instrument.id,
    basis,
    hasData,
    complete,
    dataAsOf,
    stale: dataAsOf !== null && lastYear < untilYear,
    points,
  };
}

/** `unknown`: the instrument's data are partial and name no consent of this participant, so it may or may not be a party. */
export type CountryInstrumentStatus =
  'party' | 'signatory' | 'not_party' | 'withdrawn' | 'not_adopted' | 'no_data' | 'unknown';

/** A participant's standing with every instrument of a set, and its gaps. */
export function countryStatus({
  dataset,
  code,
  asOf,
  set,
  basis,
  lang,
}: {
  dataset: StatusDataset;
  code: string;
  asOf: string;
  set: SetChoice;
  basis: Basis;
  lang: Language;
}) {
  const participant = requireParticipant(dataset, code);
  const instruments = instrumentsOfSet(dataset, set).map((instrument) => {
    const coverage = coverageOf(dataset, instrument.id, asOf);
    const p = dataset.participations.get(instrument.id)!.get(participant.id);
    let status: CountryInstrumentStatus = 'no_data';
    // An instrument adopted after the date was not open to anyone then: not a gap.
    if (instrument.adoptedDate > asOf) status = 'not_adopted';
    else if (coverage.hasData) {
      if (p && isPartyAsOf(p, asOf, basis)) status = 'party';
      else if (p && p.consent && withdrawnBy(p, asOf)) status = 'withdrawn';
      // A partial list proves what it names; it cannot prove that a state has not joined.
      else if (!coverage.complete) status = 'unknown';
      else if (p && isSignatoryAsOf(p, asOf)) status = 'signatory';
      else status = 'not_party';
    }
    const visible = <T extends { date: string } | null | undefined>(action: T) =>
      action && action.date <= asOf ? action : null;
    const consent = visible(p?.consent);
    return {
      ...coverage,
      status,
      signature: visible(p?.signature) ? { type: p!.signature!.type, date: p!.signature!.date } : null,
      consent: consent ? { type: consent.type, date: consent.date, effectiveDate: consent.effectiveDate } : null,
      inForceFrom: consent ? p!.inForceFrom : null,
      withdrawal: visible(p?.withdrawal)
        ? { date: p!.withdrawal!.date, effectiveDate: p!.withdrawal!.effectiveDate }
        : null,
      statements: (p?.statements ?? []).filter((s) => s.date <= asOf),
      flagged: p?.flagged ?? false,
    };
  });
  const withCompleteData = instruments.filter((i) => i.complete);
  return {
    participant: participant.id,
    name: nameIn(participant.names, lang),
    asOf,
    set,
    basis,
    partyCount: instruments.filter((i) => i.status === 'party').length,
    instrumentCount: instruments.length,
    gaps: withCompleteData.filter((i) => i.status !== 'party' && i.status !== 'not_adopted').map((i) => i.instrument),
    unknown: instruments.filter((i) => i.status === 'unknown').map((i) => i.instrument),
    instrumentsWithoutData: instruments.filter((i) => !i.hasData).map((i) => i.instrument),
    instrumentsWithPartialData: instruments.filter((i) => i.hasData && !i.complete).map((i) => i.instrument),
    staleInstruments: instruments.filter((i) => i.stale).map((i) => i.instrument),
    instruments,
  };
}

/**
 * Participants that are party to every instrument of the set. When some instruments have no data, or
 * only a partial list, the answer is unknown (`count: null`, `complete: false`) and the figure over the
 * instruments with complete data is given separately: never a silent zero.
 */
export function partyToAll({
  dataset,
  instruments,
  asOf,
  basis,
}: {
  dataset: StatusDataset;
  instruments: InstrumentRecord[];
  asOf: string;
  basis: Basis;
}) {
  const withCompleteData = instruments.filter((i) => dataset.instrumentsWithCompleteData.has(i.id));
  const withoutData = instruments.filter((i) => !dataset.instrumentsWithData.has(i.id)).map((i) => i.id);
  const withPartialData = instruments
    .filter((i) => dataset.instrumentsWithData.has(i.id) && !dataset.instrumentsWithCompleteData.has(i.id))
    .map((i) => i.id);
  const members =
    withCompleteData.length === 0
      ? []
      : dataset.participants
          .filter((participant) =>
            withCompleteData.every((i) => {
              const p = dataset.participations.get(i.id)!.get(participant.id);
              return p !== undefined && isPartyAsOf(p, asOf, basis);
            }),
          )
          .map((p) => p.id);
  const complete = withCompleteData.length === instruments.length;
  return {
    count: complete ? members.length : null,
    complete,
    countOverInstrumentsWithData: withCompleteData.length ? members.length : null,
    instrumentsWithoutData: withoutData,
    instrumentsWithPartialData: withPartialData,
    participants: members,
  };
}

/** Parties at the first date and new parties by the second, per instrument: the annual report's table. */
export function compareDates({
  dataset,
  from,
  to,
  set,
  basis,
}: {
  dataset: StatusDataset;
  from: string;
  to: string;
  set: SetChoice;
  basis: Basis;
}) {
  const instruments = instrumentsOfSet(dataset, set);
  return {
    from,
    to,
    set,
    basis,
    instruments: instruments.map((instrument) => {
      const coverage = coverageOf(dataset, instrument.id, to);
      if (!coverage.hasData) return { ...coverage, partiesAtFrom: null, partiesAtTo: null, newParties: null };
      const participations = [...dataset.participations.get(instrument.id)!.values()];
      const atFrom = participations.filter((p) => isPartyAsOf(p, from, basis));
      const atTo = participations.filter((p) => isPartyAsOf(p, to, basis));
      const before = new Set(atFrom.map((p) => p.participantId));
      return {
        ...coverage,
        partiesAtFrom: atFrom.length,
        partiesAtTo: atTo.length,
        newParties: atTo.filter((p) => !before.has(p.participantId)).length,
      };
    }),
    partyToAllAtFrom: partyToAll({ dataset, instruments, asOf: from, basis }),
    partyToAllAtTo: partyToAll({ dataset, instruments, asOf: to, basis }),
  };
}

/** True when the participant sits in the region, sub-region or intermediate region `m49`. */
export const inRegion = (
  p: { regionM49: string | null; subregionM49: string | null; intermediateRegionM49: string | null },
  m49: string | undefined,
) => !m49 || m49 === '001' || p.regionM49 === m49 || p.subregionM49 === m49 || p.intermediateRegionM49 === m49;

export type MatrixCell = {
  status: 'party' | 'signatory' | 'withdrawn' | 'none' | 'unknown';
  date: string | null;
  action: string | null;
} | null;

/** Participants × instruments as of a date: each cell says party (with date), signatory or nothing; null where no data. */
export function statusMatrix({
  dataset,
  asOf,
  set,
  basis,
  region,
  lang,
}: {
  dataset: StatusDataset;
  asOf: string;
  set: SetChoice;
  basis: Basis;
  region?: string | undefined;
  lang: Language;
}) {
  const instruments = instrumentsOfSet(dataset, set);
  const rows = dataset.participants
    .filter((participant) => inRegion(participant, region))
    .map((participant) => {
      const cells: MatrixCell[] = instruments.map((instrument) => {
        if (!dataset.instrumentsWithData.has(instrument.id)) return null;
        const p = dataset.participations.get(instrument.id)!.get(participant.id);
        if (p && isPartyAsOf(p, asOf, basis))
          return { status: 'party', date: p.consent!.date, action: p.consent!.type };
        if (p && p.consent && withdrawnBy(p, asOf))
          return { status: 'withdrawn', date: p.withdrawal!.effectiveDate ?? p.withdrawal!.date, action: 'withdrawal' };
        if (!dataset.instrumentsWithCompleteData.has(instrument.id))
          return { status: 'unknown', date: null, action: null };
        if (p && isSignatoryAsOf(p, asOf))
          return { status: 'signatory', date: p.signature!.date, action: p.signature!.type };
        return { status: 'none', date: null, action: null };
      });
      return {
        participant: participant.id,
        name: nameIn(participant.names, lang),
        regionM49: participant.regionM49,
        subregionM49: participant.subregionM49,
        partyCount: cells.filter((c) => c?.status === 'party').length,
        cells,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  return {
    asOf,
    set,
    basis,
    region: region ?? null,
    instruments: instruments.map((i) => {
      const { instrument: id, ...coverage } = coverageOf(dataset, i.id, asOf);
      return { id, ...coverage };
    }),
    rows,
  };
}

/** Headline figures and, per participant, how many instruments of the set it is party to (the world map). */
export function overview({
  dataset,
  asOf,
  set,
  basis,
}: {
  dataset: StatusDataset;
  asOf: string;
  set: SetChoice;
  basis: Basis;
}) {
  const instruments = instrumentsOfSet(dataset, set);
  const withData = instruments.filter((i) => dataset.instrumentsWithData.has(i.id));
  const perParticipant = dataset.participants.map((participant) => ({
    participant: participant.id,
    m49: participant.m49,
    partyCount: withData.filter((i) => {
      const p = dataset.participations.get(i.id)!.get(participant.id);
      return p !== undefined && isPartyAsOf(p, asOf, basis);
    }).length,
  }));
  const coverage = instruments.map((i) => coverageOf(dataset, i.id, asOf));
  const dataDates = coverage.flatMap((c) => (c.dataAsOf ? [c.dataAsOf] : [])).sort();
  return {
    asOf,
    set,
    basis,
    instrumentCount: instruments.length,
    instrumentsWithData: withData.map((i) => i.id),
    instrumentsWithPartialData: coverage.filter((c) => c.hasData && !c.complete).map((c) => c.instrument),
    instrumentsWithoutData: instruments.filter((i) => !dataset.instrumentsWithData.has(i.id)).map((i) => i.id),
    staleInstruments: coverage.filter((c) => c.stale).map((c) => c.instrument),
    participantCount: dataset.participants.length,
    partiesTotal: perParticipant.reduce((sum, p) => sum + p.partyCount, 0),
    partyToAll: partyToAll({ dataset, instruments, asOf, basis }),
    latestDataAsOf: dataDates.at(-1) ?? null,
    oldestDataAsOf: dataDates[0] ?? null,
    coverage,
    participants: perParticipant,
  };
}
