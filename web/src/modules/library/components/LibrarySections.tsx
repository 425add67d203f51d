import { Anchor, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useCiting, useLibrarySearch, type DocumentSummary, type SearchResult } from '../library.api.ts';

type Item = Pick<SearchResult, 'id' | 'title' | 'date'> & { kind: string; countryName?: string | null };

function DocumentList({ items, empty, withCountry = false }: { items: Item[]; empty: string; withCountry?: boolean }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  if (items.length === 0) return <Text size="sm">{empty}</Text>;
  return (
    <List spacing={6}>
      {items.map((item) => (
        <List.Item key={item.id}>
          <Anchor component={Link} to={`/library/${item.id}`}>
            {item.title}
          </Anchor>
          <Group gap={6} component="span" ms="xs" style={{ display: 'inline-flex' }}>
            <Badge size="sm" variant="light">
              {t(`kinds.${item.kind}`, { defaultValue: item.kind })}
            </Badge>
            {withCountry && item.countryName && (
              <Text size="sm" component="span">
                {item.countryName}
              </Text>
            )}
            {item.date && (
              <Text size="sm" component="span" c="dimmed">
                {format.date(item.date)}
              </Text>
            )}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

const summaries = (items: DocumentSummary[] | undefined): Item[] => items ?? [];

/** Country profile: the country's own documents in the library, and documents elsewhere that mention it. */
export function CountryLibrary({ code, name }: { code: string; name: string }) {
  const { t } = useTranslation('library');
  const own = useLibrarySearch({ country: code, sort: 'date_desc', pageSize: '20' });
  const citing = useCiting('country', code);
  const citingOthers = summaries(citing.data?.items).filter(
    (item) => item.id && !(own.data?.results ?? []).some((r) => r.id === item.id),
  );
  return (
    <section aria-labelledby="library-title">
      <Title order={2} size="h3" id="library-title" mb="xs">
        {t('country.title')}
      </Title>
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('country.ownTitle', { name })}
          </Title>
          <QueryState isLoading={own.isLoading} error={own.error}>
            {own.data && (
              <>
                <DocumentList items={own.data.results} empty={t('country.ownEmpty', { name })} />
                {own.data.total > own.data.results.length && (
                  <Text size="sm" mt="xs">
                    {t('country.more', { count: own.data.total })}
                  </Text>
                )}
              </>
            )}
          </QueryState>
        </div>
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('country.citingTitle', { name })}
          </Title>
          <QueryState isLoading={citing.isLoading} error={citing.error}>
            {citing.data && (
              <DocumentList items={citingOthers} empty={t('country.citingEmpty', { name })} withCountry />
            )}
          </QueryState>
        </div>
        <Anchor component={Link} to={`/library?country=${encodeURIComponent(code)}`}>
          {t('country.searchLink', { name })}
        </Anchor>
      </Stack>
    </section>
  );
}

/** Instrument page: laws that implement it, and documents whose text cites it. */
export function InstrumentLibrary({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('library');
  const implementing = useLibrarySearch({ instrument: id, kind: 'legislation', sort: 'date_desc', pageSize: '20' });
  const citing = useCiting('instrument', id);
  return (
    <section aria-labelledby="library-title">
      <Title order={2} size="h3" id="library-title" mb="xs">
        {t('instrument.title')}
      </Title>
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('instrument.implementingTitle')}
          </Title>
          <QueryState isLoading={implementing.isLoading} error={implementing.error}>
            {implementing.data && (
              <>
                <DocumentList
                  items={implementing.data.results}
                  empty={t('instrument.implementingEmpty', { name })}
                  withCountry
                />
                {implementing.data.total > implementing.data.results.length && (
                  <Text size="sm" mt="xs">
                    {t('country.more', { count: implementing.data.total })}
                  </Text>
                )}
              </>
            )}
          </QueryState>
        </div>
        <div>
          <Title order={3} size="h4" mb="xs">
            {t('instrument.citingTitle')}
          </Title>
          <QueryState isLoading={citing.isLoading} error={citing.error}>
            {citing.data && (
              <DocumentList
                items={summaries(citing.data.items)}
                empty={t('instrument.citingEmpty', { name })}
                withCountry
              />
            )}
          </QueryState>
        </div>
        <Anchor component={Link} to={`/library?instrument=${encodeURIComponent(id)}`}>
          {t('instrument.searchLink', { name })}
        </Anchor>
      </Stack>
    </section>
  );
}
