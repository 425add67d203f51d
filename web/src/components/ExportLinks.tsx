import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../lib/api.ts';

/** Download links for the spreadsheet versions of what the page shows. */
export function ExportLinks({ path, params }: { path: string; params: Record<string, string | undefined> }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="sm">
      <Text size="sm">{t('export.label')}</Text>
      <Anchor size="sm" href={apiUrl(path, { ...params, lang: i18n.language, format: 'csv' })} download>
        {t('export.csv')}
      </Anchor>
      <Anchor size="sm" href={apiUrl(path, { ...params, lang: i18n.language, format: 'xlsx' })} download>
        {t('export.xlsx')}
      </Anchor>
    </Group>
  );
}
