import { badRequest } from './errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written as YYYY-MM-DD (rejects 2014-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Validates a date query parameter, naming the parameter in the error. */
export function parseIsoDateParam(value: string, field: string): string {
  if (!isIsoDate(value)) {
    throw badRequest('validation.invalid_date', `${field} must be a real date written as YYYY-MM-DD`, [
      { field, reason: `"${value}" is not a valid date in the form YYYY-MM-DD` },
    ]);
  }
  return value;
}

/** Adds whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** First day of the second month after the month of `isoDate` (ICAO instruments' EIF rule). */
export function firstDayOfSecondMonthAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 2, 1)).toISOString().slice(0, 10);
}

export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** Today's date in UTC as YYYY-MM-DD, from an injectable clock. */
export function today(clock: Clock = systemClock): string {
  return clock.now().toISOString().slice(0, 10);
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/**
 * Parses the UNTC date form `D Mon YYYY` with an optional trailing suffix (`24 Sep 2003 a`).
 * Returns null when the text is not of that form or is not a real date.
 */
export function parseUntcDate(text: string): { date: string; suffix: string } | null {
  const match = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?:\s+([A-Za-z]+))?$/.exec(text.trim());
  if (!match) return null;
  const [, day, mon, year, suffix = ''] = match as unknown as [string, string, string, string, string | undefined];
  const month = MONTHS[mon];
  if (!month) return null;
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? { date: iso, suffix } : null;
}

/** A database timestamp (`2026-11-22 19:14:19.763+00`) as ISO 8601 (`2026-11-22T19:14:19.763Z`), for API answers. */
export const isoTimestamp = <T extends string | null>(value: T): T =>
  value === null ? value : (new Date(value).toISOString() as T);
