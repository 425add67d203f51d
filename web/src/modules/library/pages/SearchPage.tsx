import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  NativeSelect,
  Pagination,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState.tsx';
import { apiUrl } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { currentSearchParams, useSearchState } from '../../../lib/useSearchState.ts';
import { Facets, useFacetLabel } from '../components/Facets.tsx';
import { Snippet } from '../components/Highlight.tsx';
import {
  FACETS,
  SEARCH_SORTS,
  searchParams,
  useCanWrite,
  useLibrarySearch,
  type FacetName,
  type SearchAnswer,
  type SearchFilters,
  type SearchResult,
} from '../library.api.ts';
import { useLibraryFormat } from '../labels.ts';

const PAGE_SIZE = 20;

const DEFAULTS = {
  q: '',
  sort: 'relevance',
  page: '1',
  country: '',
  region: '',
  kind: '',
  category: '',
  theme: '',
  instrument: '',
  language: '',
  year: '',
  status: '',
};
type Key = keyof typeof DEFAULTS;

/** The search box: its draft is the form's own until submitted, then the query lives in the address. */
function SearchForm({
  query,
  sort,
  onSubmit,
  onSort,
}: {
  query: string;
  sort: string;
  onSubmit: (q: string) => void;
  onSort: (sort: string) => void;
}) {
  const { t } = useTranslation('library');
  const [draft, setDraft] = useState(query);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(draft.trim());
  };
  return (
    <form role="search" onSubmit={submit} aria-label={t('search.formLabel')}>
      <Group align="end" gap="md" wrap="wrap">
        <TextInput
          type="search"
          name="q"
          label={t('search.label')}
          description={t('search.syntax')}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          style={{ flex: '1 1 20rem' }}
        />
        <Button type="submit">{t('search.submit')}</Button>
        <NativeSelect
          label={t('search.sort')}
          value={sort}
          onChange={(event) => onSort(event.currentTarget.value)}
          w={220}
          data={SEARCH_SORTS.map((value) => ({ value, label: t(`sorts.${value}`) }))}
        />
      </Group>
    </form>
  );
}

function ResultItem({ result, query }: { result: SearchResult; query: string }) {
  const { t } = useTranslation('library');
  const format = useFormat();
  const names = useLibraryFormat();
  const to = `/library/${result.id}${query ? `?q=${encodeURIComponent(query)}` : ''}`;
  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Title order={3} size="h4">
        <Anchor component={Link} to={to}>
          {result.title}
        </Anchor>
      </Title>
      <Group gap="xs" mt={6} wrap="wrap">
        <Badge variant="light" color="un">
          {t(`kinds.${result.kind}`)}
        </Badge>
        {result.visibility === 'restricted' && (
          <Badge variant="outline" color="red.9">
            {t('visibilities.restricted')}
          </Badge>
        )}
        {result.countryName && <Text size="sm">{result.countryName}</Text>}
        {result.symbol && (
          <Text size="sm" className="ltr-figures">
            {result.symbol}
          </Text>
        )}
        <Text size="sm">{t('search.inLanguage', { language: names.language(result.language) })}</Text>
        {result.date && <Text size="sm">{format.date(result.date)}</Text>}
      </Group>
      {result.snippet && (
        <Text size="sm" mt="xs" lang={result.language} dir="auto">
          <Snippet text={result.snippet} />
        </Text>
      )}
    </Paper>
  );
}

function Downloads({ filters }: { filters: SearchFilters }) {
  const { t, i18n } = useTranslation('library');
  const params = searchParams(filters, i18n.language);
  return (
    <Group gap="sm">
      <Text size="sm">{t('export.label', { ns: 'common' })}</Text>
      <Anchor
        size="sm"
        href={apiUrl('/library/search', { ...params, page: undefined, pageSize: undefined, format: 'csv' })}
        download
      >
        {t('export.csv', { ns: 'common' })}
      </Anchor>
      <Anchor
        size="sm"
        href={apiUrl('/library/search', { ...params, page: undefined, pageSize: undefined, format: 'xlsx' })}
        download
      >
        {t('export.xlsx', { ns: 'common' })}
      </Anchor>
    </Group>
  );
}

function Results({
  data,
  state,
  onPage,
}: {
  data: SearchAnswer;
  state: Record<Key, string>;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation('library');
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <Stack gap="sm">
      {data.fuzzy && data.total > 0 && (
        <Alert color="yellow" title={t('search.fuzzyTitle')}>
          {t('search.fuzzyBody')}
        </Alert>
      )}
      {data.total === 0 ? (
        <Paper withBorder p="md" radius="md">
          <Text fw={600}>{t('search.emptyTitle')}</Text>
          <Text size="sm" mt={4}>
            {t('search.emptyHint')}
          </Text>
        </Paper>
      ) : (
        <>
          <Stack component="ol" gap="sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.results.map((result) => (
              <ResultItem key={result.id} result={result} query={state.q} />
            ))}
          </Stack>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={data.page}
              onChange={onPage}
              mt="sm"
              getControlProps={(control) => ({ 'aria-label': t(`table.${control}`, { ns: 'common' }) })}
              getItemProps={(n) => ({ 'aria-label': t('table.page', { ns: 'common', page: n }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

/** /library: full-text search of the legal library in the six languages, with facets. */
export function SearchPage() {
  const { t, i18n } = useTranslation('library');
  const [state, set] = useSearchState(DEFAULTS);
  const [, setParams] = useSearchParams();
  const canWrite = useCanWrite();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const facetLabel = useFacetLabel();
  const filters: SearchFilters = { ...state, pageSize: String(PAGE_SIZE) };
  const search = useLibrarySearch(filters);
  const data = search.data;

  // A new query, filter or order starts again at the first page; each is a step the Back button undoes.
  const change = (changes: Partial<Record<Key, string>>) => {
    setParams(() => {
      const next = currentSearchParams();
      for (const [key, value] of Object.entries(changes)) {
        if (value === '' || value === DEFAULTS[key as Key]) next.delete(key);
        else next.set(key, value);
      }
      next.delete('page');
      return next;
    });
  };
  const active = FACETS.filter((facet) => state[facet] !== '');
  const labelOf = (facet: FacetName) =>
    facetLabel(facet, state[facet], data?.facets[facet].find((f) => f.value === state[facet])?.label);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="start" wrap="wrap">
        <div>
          <Title order={1}>{t('search.title')}</Title>
          <Text mt="xs" maw={760}>
            {t('search.intro')}
          </Text>
        </div>
        {canWrite && (
          <Button component={Link} to="/library/new">
            {t('search.add')}
          </Button>
        )}
      </Group>
      {deleted && <Alert color="green" role="status" title={t('search.deleted', { title: deleted })} />}
      <SearchForm
        key={state.q}
        query={state.q}
        sort={state.sort}
        onSubmit={(q) => change({ q })}
        onSort={(sort) => change({ sort })}
      />
      {active.length > 0 && (
        <Group gap="xs" wrap="wrap" aria-label={t('search.activeFilters')} role="group">
          <Text size="sm" fw={500} component="span">
            {t('search.activeFilters')}
          </Text>
          {active.map((facet) => (
            <Button
              key={facet}
              size="compact-sm"
              variant="light"
              radius="xl"
              onClick={() => change({ [facet]: '' })}
              rightSection={<span aria-hidden="true">×</span>}
              aria-label={t('search.removeFilter', { filter: `${t(`facets.${facet}`)}: ${labelOf(facet)}` })}
            >
              {`${t(`facets.${facet}`)}: ${labelOf(facet)}`}
            </Button>
          ))}
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => change(Object.fromEntries(FACETS.map((facet) => [facet, ''])))}
          >
            {t('search.clearFilters')}
          </Button>
        </Group>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <aside aria-labelledby="filters-title">
            <Title order={2} size="h3" id="filters-title" mb="sm">
              {t('search.filters')}
            </Title>
            {data && (
              <Facets
                facets={data.facets}
                selected={state}
                onToggle={(facet, value) => change({ [facet]: state[facet] === value ? '' : value })}
              />
            )}
          </aside>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <section aria-labelledby="results-title">
            <Group justify="space-between" align="baseline" wrap="wrap" mb="sm">
              <Title order={2} size="h3" id="results-title">
                {t('search.results')}
              </Title>
              {data && (
                <Text role="status" fw={500}>
                  {t('search.total', { count: data.total })}
                </Text>
              )}
            </Group>
            <QueryState isLoading={search.isLoading} error={search.error}>
              {data && <Results data={data} state={state} onPage={(page) => set('page', String(page))} />}
            </QueryState>
            <Group justify="space-between" wrap="wrap" mt="md">
              <Downloads filters={filters} />
              <Anchor
                size="sm"
                href={apiUrl('/library/feed.atom', {
                  country: state.country,
                  instrument: state.instrument,
                  lang: i18n.language,
                })}
              >
                {t('search.feed')}
              </Anchor>
            </Group>
            <link
              rel="alternate"
              type="application/atom+xml"
              title={t('feed.title')}
              href={apiUrl('/library/feed.atom', { lang: i18n.language })}
            />
          </section>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
