import { Code, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';

// Commands, not words: the same in every language (README, "Importing depositary lists").
const UNTC_COMMAND = 'lexpact import untc <folder>';
const ACTIONS_COMMAND = 'lexpact import actions <file.csv> --complete';

/** Whole years from one calendar date to a later one. */
function yearsBetween(from: string, to: string) {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** How old the newest depositary data are against the date shown, and how an administrator brings them up to date. */
export function DataAge({ newest, asOf }: { newest: string | null; asOf: string }) {
  const { t } = useTranslation('status');
  const format = useFormat();
  return (
    <>
      {newest && (
        <Text size="sm" mt="xs">
          {t('overview.dataAge', { date: format.date(newest), years: Math.max(0, yearsBetween(newest, asOf)) })}
        </Text>
      )}
      <Text size="sm" mt="xs">
        {t('overview.updateHow')}
      </Text>
      <List size="sm" spacing={4} mt={4}>
        <List.Item>
          {t('overview.updateUntc')} <Code dir="ltr">{UNTC_COMMAND}</Code>
        </List.Item>
        <List.Item>
          {t('overview.updateActions')} <Code dir="ltr">{ACTIONS_COMMAND}</Code>
        </List.Item>
      </List>
    </>
  );
}
