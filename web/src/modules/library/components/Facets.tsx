import { useState } from 'react';
import { Button, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FACETS, type FacetName, type SearchAnswer } from '../library.api.ts';
import { useLibraryFormat } from '../labels.ts';

/** How many values of a facet show before "show all". */
const SHOWN = 8;

/**
 * The label of a facet value: codes the web app translates (kinds, themes, categories, statuses), languages
 * through Intl, the rest (countries, regions, instruments, years) as the API names them.
 */
export function useFacetLabel() {
  const { t } = useTranslation('library');
  const format = useLibraryFormat();
  return (facet: FacetName, value: string, apiLabel?: string): string => {
    switch (facet) {
      case 'kind':
        return t(`kinds.${value}`);
      case 'category':
        return t(`categories.${value}`);
      case 'theme':
        return t(`themes.${value}`);
      case 'status':
        return t(`statuses.${value}`);
      case 'language':
        return format.language(value);
      default:
        return apiLabel || value;
    }
  };
}

/** Facet panels: each value with its count is a toggle button (pressed when it filters the results). */
export function Facets({
  facets,
  selected,
  onToggle,
}: {
  facets: SearchAnswer['facets'];
  selected: Partial<Record<FacetName, string>>;
  onToggle: (facet: FacetName, value: string) => void;
}) {
  const { t } = useTranslation('library');
  const label = useFacetLabel();
  const [expanded, setExpanded] = useState<Partial<Record<FacetName, boolean>>>({});
  const visibleFacets = FACETS.filter((facet) => facets[facet].length > 0 || selected[facet]);

  if (visibleFacets.length === 0) return <Text size="sm">{t('search.noFilters')}</Text>;
  return (
    <Stack gap="md">
      {visibleFacets.map((facet) => {
        const values = facets[facet];
        const all = expanded[facet] ?? false;
        const shown = all ? values : values.slice(0, SHOWN);
        const headingId = `facet-${facet}`;
        return (
          <section key={facet} aria-labelledby={headingId}>
            <Title order={3} size="h5" id={headingId} mb={4}>
              {t(`facets.${facet}`)}
            </Title>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {shown.map((item) => {
                const pressed = selected[facet] === item.value;
                return (
                  <li key={item.value}>
                    <UnstyledButton
                      onClick={() => onToggle(facet, item.value)}
                      aria-pressed={pressed}
                      w="100%"
                      py={2}
                      px={4}
                      style={{
                        borderRadius: 4,
                        fontWeight: pressed ? 700 : 400,
                        textDecoration: pressed ? 'underline' : 'none',
                        background: pressed ? 'var(--mantine-color-un-0)' : undefined,
                      }}
                    >
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text size="sm" component="span" lang={facet === 'language' ? item.value : undefined} c="un.8">
                          {label(facet, item.value, item.label)}
                        </Text>
                        <Text size="sm" component="span" c="dimmed">
                          <bdi>{t('search.facetCount', { count: item.count })}</bdi>
                        </Text>
                      </Group>
                    </UnstyledButton>
                  </li>
                );
              })}
            </ul>
            {values.length > SHOWN && (
              <Button
                variant="subtle"
                size="compact-xs"
                mt={4}
                onClick={() => setExpanded((previous) => ({ ...previous, [facet]: !all }))}
                aria-expanded={all}
              >
                {all ? t('search.showFewer') : t('search.showAll', { count: values.length })}
              </Button>
            )}
          </section>
        );
      })}
    </Stack>
  );
}
