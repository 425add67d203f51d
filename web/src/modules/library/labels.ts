import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Names the library shows that need no translation file: languages through Intl (in the reader's
 * language), file sizes with localised units.
 */
export function useLibraryFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const languages = new Intl.DisplayNames([i18n.language], { type: 'language' });
    const unit = (name: string) =>
      new Intl.NumberFormat(i18n.language, {
        style: 'unit',
        unit: name,
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      });
    const bytes = unit('byte');
    const kilobytes = unit('kilobyte');
    const megabytes = unit('megabyte');
    return {
      language: (code: string) => languages.of(code) ?? code,
      fileSize: (size: number) =>
        size < 1024
          ? bytes.format(size)
          : size < 1024 * 1024
            ? kilobytes.format(Math.round(size / 1024))
            : megabytes.format(size / (1024 * 1024)),
    };
  }, [i18n.language]);
}
