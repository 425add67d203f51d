import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';

/** Dates, moments and numbers in the UI language's conventions (Intl), dates read as calendar days in UTC. */
export function useFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    const numberFormat = new Intl.NumberFormat(i18n.language);
    const dateTimeFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      /** A moment (ISO timestamp) in the reader's own time zone. */
      dateTime: (iso: string | null | undefined) => {
        if (!iso) return '';
        const moment = parseMoment(iso);
        return moment ? dateTimeFormat.format(moment) : iso;
      },
      date: (iso: string | null | undefined) =>
        iso ? dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '',
      number: (value: number | null | undefined) =>
        value === null || value === undefined ? '' : numberFormat.format(value),
    };
  }, [i18n.language]);
}

/**
 * A timestamp as ISO 8601 (2026-01-31T12:00:00Z) or as PostgreSQL writes it (2026-01-31 12:00:00.123+00),
 * which not every browser parses; null when it is not a moment.
 */
export function parseMoment(value: string): Date | null {
  const normal = value
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d{2})$/, '$1:00');
  const moment = new Date(normal);
  return Number.isNaN(moment.getTime()) ? null : moment;
}

export const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * A code (an article number, a project code, an address) set inside a translated sentence, between Unicode
 * isolates: in an Arabic sentence '2(1)(a)' otherwise has its brackets mirrored and its parts reordered.
 * Outside a sentence, a <bdi> element does the same.
 */
export const isolate = (code: string) => `\u2068${code}\u2069`;
