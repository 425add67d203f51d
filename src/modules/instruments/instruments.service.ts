import { addDays, firstDayOfSecondMonthAfter, maxDate } from '../../lib/dates.ts';

/** The instrument sets cited in reports: 12 (2002), 16 (2008), 18 (2010-2014), 19 (since 2014). */
export const INSTRUMENT_SETS = [12, 16, 18, 19] as const;
export type InstrumentSet = (typeof INSTRUMENT_SETS)[number];
export const DEFAULT_SET: InstrumentSet = 19;

export const isInstrumentSet = (value: number): value is InstrumentSet =>
  (INSTRUMENT_SETS as readonly number[]).includes(value);

export interface EifRule {
  entryIntoForceDate: string | null;
  eifRuleKind: string;
  eifDaysAfter: number | null;
  eifDaysAfterLaterJoiners: number | null;
}

/** Whether an instrument belongs to a set: sets are cumulative, so one first counted in 12 is in all four. */
export function isInSet(instrument: { ctSetFirstCounted: number | null }, set: InstrumentSet): boolean {
  return instrument.ctSetFirstCounted !== null && instrument.ctSetFirstCounted <= set;
}

/**
 * Date from which an instrument is in force for one participant, from its consent to be bound.
 *
 * A participant among the first K to deposit is bound from the general entry into force. A later
 * joiner is bound N days after its own deposit (N may differ from the general rule, e.g. UNTOC 90/30),
 * never before the general entry into force ("whichever is later"). The ICAO instruments of 2010 and
 * 2014 use "the first day of the second month following the deposit". A succession continues the
 * predecessor's status, so it takes effect from its effective date, not after a waiting period.
 * Returns null while the instrument itself is not in force.
 */
export function entryIntoForceFor(
  rule: EifRule,
  consent: { type: string; date: string; effectiveDate: string | null },
): string | null {
  const general = rule.entryIntoForceDate;
  if (!general) return null;
  if (consent.type === 'succession') return maxDate(general, consent.effectiveDate ?? consent.date);

  if (rule.eifRuleKind === 'first_day_of_second_month') {
    return maxDate(general, firstDayOfSecondMonthAfter(consent.date));
  }
  const generalDays = rule.eifDaysAfter ?? 0;
  // Deposited no later than the deposit that triggered general entry into force: bound from that date.
  if (addDays(consent.date, generalDays) <= general) return general;
  return maxDate(general, addDays(consent.date, rule.eifDaysAfterLaterJoiners ?? generalDays));
}
