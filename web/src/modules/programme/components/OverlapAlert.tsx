import { Alert, Anchor, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Overlap } from '../programme.api.ts';
import { useProgrammeFormat } from '../labels.ts';

/**
 * Other organisations' activities close to this one (same countries, a shared theme): for coordination,
 * never a reason to refuse the activity.
 */
export function OverlapAlert({
  overlaps,
  saved = false,
  windowDays,
}: {
  overlaps: Overlap[];
  saved?: boolean;
  windowDays?: number;
}) {
  const { t } = useTranslation('programme');
  const names = useProgrammeFormat();
  if (overlaps.length === 0) return null;
  return (
    <Alert color="yellow" role="status" title={t('overlaps.title')} className="overlap-alert">
      <Text size="sm" mb="xs">
        {windowDays === undefined ? t('overlaps.intro') : t('overlaps.introWindow', { count: windowDays })}
      </Text>
      <List spacing="xs" size="sm">
        {overlaps.map((overlap) => (
          <List.Item key={overlap.id}>
            <Anchor component={Link} to={`/programme/activities/${overlap.id}`} fw={600}>
              {overlap.title}
            </Anchor>
            <Text
              size="sm"
              component="span"
            >{` · ${overlap.organizationName} · ${names.dateRange(overlap.startDate, overlap.endDate)} · `}</Text>
            <Text size="sm" component="span" fw={600}>
              {overlap.daysApart === 0
                ? t('overlaps.overlapping')
                : t('overlaps.daysApart', { count: overlap.daysApart })}
            </Text>
            <Text size="sm">
              {t('overlaps.sharedCountries', { countries: names.list(overlap.countries.map((c) => names.country(c))) })}
              {overlap.themes.length > 0 &&
                ` · ${t('overlaps.sharedThemes', { themes: names.list(overlap.themes.map((theme) => names.theme(theme))) })}`}
            </Text>
            <Text
              size="sm"
              c="dimmed"
            >{`${t(`types.${overlap.type}`, { defaultValue: overlap.type })} · ${t(`statuses.${overlap.status}`, { defaultValue: overlap.status })}`}</Text>
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs">
        {saved ? t('overlaps.coordinate') : t('overlaps.neverBlocks')}
      </Text>
    </Alert>
  );
}
