import { Anchor, List, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState.tsx';
import { useSession } from '../../../lib/api.ts';
import { useCountryActivities } from '../programme.api.ts';
import { useProgrammeFormat } from '../labels.ts';
import { StatusBadge } from './ActivityStatus.tsx';

/**
 * Country profile: the technical assistance the country received, newest first. Only signed-in users read
 * the programme: anonymous visitors get nothing at all (not even a heading).
 */
export function CountryActivities({ code }: { code: string }) {
  const { t } = useTranslation('programme');
  const names = useProgrammeFormat();
  const session = useSession();
  const signedIn = Boolean(session.data?.user);
  const history = useCountryActivities(code, signedIn);
  if (!signedIn) return null;
  const items = history.data?.items ?? [];
  return (
    <section aria-labelledby="programme-activities-title">
      <Title order={2} size="h3" id="programme-activities-title" mb="xs">
        {t('country.title')}
      </Title>
      <QueryState isLoading={history.isLoading} error={history.error}>
        {history.data &&
          (items.length === 0 ? (
            <Text>{t('country.empty')}</Text>
          ) : (
            <List spacing="xs">
              {items.map((activity) => (
                <List.Item key={activity.id}>
                  <Anchor component={Link} to={`/programme/activities/${activity.id}`}>
                    {activity.title}
                  </Anchor>
                  <Text size="sm" component="div">
                    {`${names.dateRange(activity.startDate, activity.endDate)} · ${t(`types.${activity.type}`)} · ${activity.organizationName} `}
                    <StatusBadge status={activity.status} />
                  </Text>
                </List.Item>
              ))}
            </List>
          ))}
      </QueryState>
      <Anchor
        component={Link}
        to={`/programme/activities?country=${encodeURIComponent(code)}`}
        size="sm"
        mt="xs"
        display="inline-block"
      >
        {t('country.allLink')}
      </Anchor>
    </section>
  );
}
