import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';

/** Dates and numbers in the UI language's conventions (Intl), dates read as calendar days in UTC. */
export function useFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
    const numberFormat = new Intl.NumberFormat(i18n.language);
    return {
      date: (iso: string | null | undefined) => (iso ? dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : ''),
      number: (value: number | null | undefined) => (value === null || value === undefined ? '' : numberFormat.format(value)),
    };
  }, [i18n.language]);
}

export const todayIso = () => new Date().toISOString().slice(0, 10);
