import type { Language } from '../../contracts/languages.ts';
import { isInSet, type InstrumentSet } from '../instruments/instruments.service.ts';
import type { InstrumentRecord } from '../instruments/instruments.repository.ts';
import type { Names } from '../participants/participants.repository.ts';
import type { Participation, StatusDataset } from './status.dataset.ts';
import { notFound } from '../../lib/errors.ts';

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
export const isSignatoryAsOf = (p: Participation, asOf: string): boolean => p.signature !== null && p.signature.date <= asOf;

export function requireInstrument(dataset: StatusDataset, id: string): InstrumentRecord {
  const instrument = dataset.instrumentsById.get(id);
  if (!instrument) throw notFound('status.instrument_not_found', `no instrument has the id "${id}"`);
  return instrument;
}

export function requireParticipant(dataset: StatusDataset, code: string) {
  const participant = dataset.participantsById.get(code.toUpperCase());
  if (!participant) throw notFound('status.participant_not_found', `no participant has the code "${code}"`);
  return participant;
}

export function instrumentsOfSet(dataset: StatusDataset, set: SetChoice): InstrumentRecord[] {
  return set === 'all' ? dataset.instruments : dataset.instruments.filter((i) => isInSet(i, set));
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
export function partiesAsOf(query: { dataset: StatusDataset; instrumentId: string; asOf: string; basis: Basis; lang: Language }) {
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

function computeParties({ dataset, instrumentId, asOf, basis, lang }: { dataset: StatusDataset; instrumentId: string; asOf: string; basis: Basis; lang: Language }) {
  const instrument = requireInstrument(dataset, instrumentId);
  const hasData = dataset.instrumentsWithData.has(instrument.id);
  const participations = [...dataset.participations.get(instrument.id)!.values()];
  const parties: PartyEntry[] = [];
  for (const p of participations) {
    if (!isPartyAsOf(p, asOf, basis)) continue;
    const participant = dataset.participantsById.get(p.participantId)!;
    parties.push({
      participant: participant.id, name: nameIn(participant.names, lang), action: p.consent!.type, date: p.consent!.date,
      inForceFrom: p.inForceFrom, signatureDate: p.signature?.date ?? null, regionM49: participant.regionM49, subregionM49: participant.subregionM49, flagged: p.flagged,
    });
  }
  parties.sort((a, b) => a.name.localeCompare(b.name, lang));
  return {
    instrument: instrument.id,
    asOf,
    basis,
    hasData,
    dataAsOf: dataset.dataAsOf.get(instrument.id) ?? null,
    count: hasData ? parties.length : null,
    signatoryCount: hasData ? participations.filter((p) => isSignatoryAsOf(p, asOf)).length : null,
    parties,
  };
}

/** Number of parties at the end of each year from adoption to `untilYear`, for the cumulative chart. */
export function partiesOverTime({ dataset, instrumentId, basis, untilYear }: { dataset: StatusDataset; instrumentId: string; basis: Basis; untilYear: number }) {
  const instrument = requireInstrument(dataset, instrumentId);
  const hasData = dataset.instrumentsWithData.has(instrument.id);
  const participations = [...dataset.participations.get(instrument.id)!.values()];
  const points: { year: number; parties: number; signatories: number }[] = [];
  if (hasData) {
    for (let year = Number(instrument.adoptedDate.slice(0, 4)); year <= untilYear; year++) {
      const end = `${year}-12-31`;
      points.push({
        year,
        parties: participations.filter((p) => isPartyAsOf(p, end, basis)).length,
        signatories: participations.filter((p) => isSignatoryAsOf(p, end)).length,
      });
    }
  }
  return { instrument: instrument.id, basis, hasData, points };
}

export type CountryInstrumentStatus = 'party' | 'signatory' | 'not_party' | 'withdrawn' | 'not_adopted' | 'no_data';

/** A participant's standing with every instrument of a set, and its gaps. */
export function countryStatus({ dataset, code, asOf, set, basis, lang }: { dataset: StatusDataset; code: string; asOf: string; set: SetChoice; basis: Basis; lang: Language }) {
  const participant = requireParticipant(dataset, code);
  const instruments = instrumentsOfSet(dataset, set).map((instrument) => {
    const hasData = dataset.instrumentsWithData.has(instrument.id);
    const p = dataset.participations.get(instrument.id)!.get(participant.id);
    let status: CountryInstrumentStatus = 'no_data';
    // An instrument adopted after the date was not open to anyone then: not a gap.
    if (instrument.adoptedDate > asOf) status = 'not_adopted';
    else if (hasData) {
      if (p && isPartyAsOf(p, asOf, basis)) status = 'party';
      else if (p && p.consent && withdrawnBy(p, asOf)) status = 'withdrawn';
      else if (p && isSignatoryAsOf(p, asOf)) status = 'signatory';
      else status = 'not_party';
    }
    const visible = <T extends { date: string } | null | undefined>(action: T) => (action && action.date <= asOf ? action : null);
    const consent = visible(p?.consent);
    return {
      instrument: instrument.id,
      hasData,
      status,
      signature: visible(p?.signature) ? { type: p!.signature!.type, date: p!.signature!.date } : null,
      consent: consent ? { type: consent.type, date: consent.date, effectiveDate: consent.effectiveDate } : null,
      inForceFrom: consent ? p!.inForceFrom : null,
      withdrawal: visible(p?.withdrawal) ? { date: p!.withdrawal!.date, effectiveDate: p!.withdrawal!.effectiveDate } : null,
      statements: (p?.statements ?? []).filter((s) => s.date <= asOf),
      flagged: p?.flagged ?? false,
    };
  });
  const withData = instruments.filter((i) => i.hasData);
  return {
    participant: participant.id,
    name: nameIn(participant.names, lang),
    asOf,
    set,
    basis,
    partyCount: withData.filter((i) => i.status === 'party').length,
    instrumentCount: instruments.length,
    gaps: withData.filter((i) => i.status !== 'party' && i.status !== 'not_adopted').map((i) => i.instrument),
    instrumentsWithoutData: instruments.filter((i) => !i.hasData).map((i) => i.instrument),
    instruments,
  };
}

/**
 * Participants that are party to every instrument of the set. When some instruments have no data the
 * answer is unknown (`count: null`, `complete: false`) and the figure over the instruments with data is
 * given separately: never a silent zero.
 */
export function partyToAll({ dataset, instruments, asOf, basis }: { dataset: StatusDataset; instruments: InstrumentRecord[]; asOf: string; basis: Basis }) {
  const withData = instruments.filter((i) => dataset.instrumentsWithData.has(i.id));
  const withoutData = instruments.filter((i) => !dataset.instrumentsWithData.has(i.id)).map((i) => i.id);
  const members = withData.length === 0 ? [] : dataset.participants
    .filter((participant) => withData.every((i) => {
      const p = dataset.participations.get(i.id)!.get(participant.id);
      return p !== undefined && isPartyAsOf(p, asOf, basis);
    }))
    .map((p) => p.id);
  const complete = withoutData.length === 0;
  return { count: complete ? members.length : null, complete, countOverInstrumentsWithData: withData.length ? members.length : null, instrumentsWithoutData: withoutData, participants: members };
}

/** Parties at the first date and new parties by the second, per instrument: the annual report's table. */
export function compareDates({ dataset, from, to, set, basis }: { dataset: StatusDataset; from: string; to: string; set: SetChoice; basis: Basis }) {
  const instruments = instrumentsOfSet(dataset, set);
  return {
    from, to, set, basis,
    instruments: instruments.map((instrument) => {
      if (!dataset.instrumentsWithData.has(instrument.id)) {
        return { instrument: instrument.id, hasData: false, partiesAtFrom: null, partiesAtTo: null, newParties: null };
      }
      const participations = [...dataset.participations.get(instrument.id)!.values()];
      const atFrom = participations.filter((p) => isPartyAsOf(p, from, basis));
      const atTo = participations.filter((p) => isPartyAsOf(p, to, basis));
      const before = new Set(atFrom.map((p) => p.participantId));
      return { instrument: instrument.id, hasData: true, partiesAtFrom: atFrom.length, partiesAtTo: atTo.length, newParties: atTo.filter((p) => !before.has(p.participantId)).length };
    }),
    partyToAllAtFrom: partyToAll({ dataset, instruments, asOf: from, basis }),
    partyToAllAtTo: partyToAll({ dataset, instruments, asOf: to, basis }),
  };
}

/** True when the participant sits in the region, sub-region or intermediate region `m49`. */
export const inRegion = (p: { regionM49: string | null; subregionM49: string | null; intermediateRegionM49: string | null }, m49: string | undefined) =>
  !m49 || m49 === '001' || p.regionM49 === m49 || p.subregionM49 === m49 || p.intermediateRegionM49 === m49;

export type MatrixCell = { status: 'party' | 'signatory' | 'withdrawn' | 'none'; date: string | null; action: string | null } | null;

/** Participants × instruments as of a date: each cell says party (with date), signatory or nothing; null where no data. */
export function statusMatrix({ dataset, asOf, set, basis, region, lang }: { dataset: StatusDataset; asOf: string; set: SetChoice; basis: Basis; region?: string | undefined; lang: Language }) {
  const instruments = instrumentsOfSet(dataset, set);
  const rows = dataset.participants
    .filter((participant) => inRegion(participant, region))
    .map((participant) => {
      const cells: MatrixCell[] = instruments.map((instrument) => {
        if (!dataset.instrumentsWithData.has(instrument.id)) return null;
        const p = dataset.participations.get(instrument.id)!.get(participant.id);
        if (p && isPartyAsOf(p, asOf, basis)) return { status: 'party', date: p.consent!.date, action: p.consent!.type };
        if (p && p.consent && withdrawnBy(p, asOf)) return { status: 'withdrawn', date: p.withdrawal!.effectiveDate ?? p.withdrawal!.date, action: 'withdrawal' };
        if (p && isSignatoryAsOf(p, asOf)) return { status: 'signatory', date: p.signature!.date, action: p.signature!.type };
        return { status: 'none', date: null, action: null };
      });
      return {
        participant: participant.id, name: nameIn(participant.names, lang), regionM49: participant.regionM49, subregionM49: participant.subregionM49,
        partyCount: cells.filter((c) => c?.status === 'party').length, cells,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  return { asOf, set, basis, region: region ?? null, instruments: instruments.map((i) => ({ id: i.id, hasData: dataset.instrumentsWithData.has(i.id) })), rows };
}

/** Headline figures and, per participant, how many instruments of the set it is party to (the world map). */
export function overview({ dataset, asOf, set, basis }: { dataset: StatusDataset; asOf: string; set: SetChoice; basis: Basis }) {
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
  const dataDates = [...dataset.dataAsOf.values()].sort();
  return {
    asOf, set, basis,
    instrumentCount: instruments.length,
    instrumentsWithData: withData.map((i) => i.id),
    instrumentsWithoutData: instruments.filter((i) => !dataset.instrumentsWithData.has(i.id)).map((i) => i.id),
    participantCount: dataset.participants.length,
    partiesTotal: perParticipant.reduce((sum, p) => sum + p.partyCount, 0),
    partyToAll: partyToAll({ dataset, instruments, asOf, basis }),
    latestDataAsOf: dataDates.at(-1) ?? null,
    participants: perParticipant,
  };
}
