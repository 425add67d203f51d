import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParticipantList } from '../library/library.api.ts';

const day = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * Names the programme shows that need no translation file: date ranges and months through Intl (in the
 * reader's language), country names from the participants list (in the UI language), themes from the library's files.
 */
export function useProgrammeFormat() {
  const { t, i18n } = useTranslation('programme');
  const participants = useParticipantList();
  const items = participants.data?.items;
  return useMemo(() => {
    const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    const monthFormat = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const longMonthFormat = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const list = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' });
    const units = new Intl.ListFormat(i18n.language, { style: 'short', type: 'unit' });
    const names = new Map((items ?? []).map((p) => [p.id, p.name]));
    return {
      /** "3–5 Mar 2026": one date when both are the same day. */
      dateRange: (start: string, end: string) =>
        start === end || !end ? dateFormat.format(day(start)) : dateFormat.formatRange(day(start), day(end)),
      /** Short month name and year of a YYYY-MM month. */
      month: (month: string) => monthFormat.format(day(`${month}-01`)),
      longMonth: (month: string) => longMonthFormat.format(day(`${month}-01`)),
      /** A country's name in the UI language, else the name the API gave, else its code. */
      country: (code: string, apiName?: string) => names.get(code) ?? apiName ?? code,
      theme: (theme: string) => t(`themes.${theme}`, { ns: 'library', defaultValue: theme }),
      /** "Niger, Mali and Chad". */
      list: (values: string[]) => list.format(values),
      /** "Niger, Mali, Chad": the first items of a longer list ("… and 3 others"). */
      items: (values: string[]) => units.format(values),
    };
  }, [i18n.language, items, t]);
}

/** The YYYY-MM month of a date, and months counted from it. */
export const monthOf = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;

export function addMonths(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + count, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
export const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** First and last day (YYYY-MM-DD) of a YYYY-MM month. */
export function monthBounds(month: string): { from: string; to: string; days: number } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(days).padStart(2, '0')}`, days };
}
