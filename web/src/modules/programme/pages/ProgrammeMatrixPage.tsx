import { Fragment, useState } from 'react';
import { Anchor, Button, Group, NativeSelect, NumberInput, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../../lib/api.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { RegionControl } from '../../status/components/Controls.tsx';
import { ActivityChip, StatusLegend } from '../components/ActivityStatus.tsx';
import { ProgrammeQueryState } from '../components/Errors.tsx';
import { ProgrammeFrame } from '../components/ProgrammeNav.tsx';
import {
  ACTIVITY_TYPES,
  MATRIX_MAX_MONTHS,
  THEMES,
  useMatrix,
  useProgrammeOptions,
  type Matrix,
  type MatrixParams,
} from '../programme.api.ts';
import { addMonths, isMonth, monthOf, useProgrammeFormat } from '../labels.ts';

// Twelve months from this month, as the API answers without a start.
const DEFAULTS = {
  start: monthOf(new Date()),
  months: '12',
  region: '',
  theme: '',
  type: '',
  organization: '',
  project: '',
  donor: '',
  partner: '',
};
type Key = keyof typeof DEFAULTS;

/**
 * A partner organisation's name, matched whole (in any case) against each activity's partners: a partly typed name
 * would match nothing, so it applies on Enter or on leaving the field, not at each keystroke.
 */
function PartnerFilter({ value, onApply }: { value: string; onApply: (value: string) => void }) {
  const { t } = useTranslation('programme');
  const [draft, setDraft] = useState(value);
  // The address changed otherwise (back, forward, a shared link): the field shows what applies.
  const [applied, setApplied] = useState(value);
  if (applied !== value) {
    setApplied(value);
    setDraft(value);
  }
  const apply = () => {
    const next = draft.trim();
    if (next !== value) onApply(next);
  };
  return (
    <TextInput
      label={t('filters.partner')}
      description={t('filters.partnerHint')}
      value={draft}
      maxLength={300}
      className="field-wide"
      onChange={(event) => setDraft(event.currentTarget.value)}
      onBlur={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          apply();
        }
      }}
    />
  );
}

function Controls({ state, set }: { state: Record<Key, string>; set: (key: Key, value: string) => void }) {
  const { t, i18n } = useTranslation('programme');
  const names = useProgrammeFormat();
  const options = useProgrammeOptions();
  const collator = new Intl.Collator(i18n.language);
  const byName = <T extends { name: string }>(items: T[] | undefined) =>
    [...(items ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const select = (key: Key) => ({
    value: state[key],
    onChange: (event: { currentTarget: { value: string } }) => set(key, event.currentTarget.value),
  });
  return (
    <Group align="end" gap="md" wrap="wrap" className="no-print">
      <TextInput
        type="month"
        label={t('matrix.start')}
        description={t('matrix.startHint')}
        value={state.start}
        className="field-date"
        dir="ltr"
        onChange={(event) => {
          // Browsers give '' while a month is half typed (and take YYYY-MM typed by hand where they have no month picker).
          if (isMonth(event.currentTarget.value)) set('start', event.currentTarget.value);
        }}
      />
      <NumberInput
        label={t('matrix.months')}
        description={t('matrix.monthsHint', { max: MATRIX_MAX_MONTHS })}
        value={Number(state.months)}
        min={1}
        max={MATRIX_MAX_MONTHS}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="strict"
        className="field-date"
        onChange={(value) => {
          const months = Number(value);
          if (Number.isInteger(months) && months >= 1 && months <= MATRIX_MAX_MONTHS) set('months', String(months));
        }}
      />
      <RegionControl value={state.region} onChange={(value) => set('region', value)} />
      <NativeSelect
        label={t('filters.theme')}
        className="field"
        {...select('theme')}
        data={[
          { value: '', label: t('filters.allThemes') },
          ...THEMES.map((theme) => ({ value: theme, label: names.theme(theme) })),
        ]}
      />
      <NativeSelect
        label={t('filters.type')}
        className="field"
        {...select('type')}
        data={[
          { value: '', label: t('filters.allTypes') },
          ...ACTIVITY_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) })),
        ]}
      />
      <NativeSelect
        label={t('filters.organization')}
        className="field"
        {...select('organization')}
        data={[
          { value: '', label: t('filters.allOrganizations') },
          ...byName(options.data?.organizations).map((o) => ({ value: o.id, label: o.name })),
        ]}
      />
      <NativeSelect
        label={t('filters.project')}
        className="field"
        {...select('project')}
        data={[
          { value: '', label: t('filters.allProjects') },
          ...(options.data?.projects ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` })),
        ]}
      />
      <NativeSelect
        label={t('filters.donor')}
        className="field"
        {...select('donor')}
        data={[
          { value: '', label: t('filters.allDonors') },
          ...byName(options.data?.donors).map((d) => ({ value: d.id, label: d.name })),
        ]}
      />
      <PartnerFilter value={state.partner} onApply={(value) => set('partner', value)} />
    </Group>
  );
}

/** Countries as rows under their region and subregion, months as columns, each cell the month's activities. */
function MatrixTable({ data }: { data: Matrix }) {
  const { t } = useTranslation('programme');
  const names = useProgrammeFormat();
  const columns = data.months.length + 1;
  const first = data.months[0];
  const last = data.months[data.months.length - 1];
  return (
    <div className="table-scroll programme-matrix-scroll" tabIndex={0} role="region" aria-label={t('matrix.title')}>
      <Table withTableBorder withColumnBorders className="programme-matrix" fz="xs">
        <Table.Caption>
          {first && last
            ? t('matrix.caption', {
                count: data.activityCount,
                from: names.longMonth(first),
                to: names.longMonth(last),
              })
            : t('matrix.title')}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className="programme-matrix-country">
              {t('matrix.country')}
            </Table.Th>
            {data.months.map((month) => (
              <Table.Th scope="col" key={month} className="programme-matrix-month">
                {names.month(month)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        {data.regions.map((region) => (
          <Table.Tbody key={region.region ?? region.regionName}>
            <Table.Tr className="programme-matrix-region">
              <Table.Th scope="rowgroup" colSpan={columns}>
                {region.regionName || t('matrix.otherRegion')}
              </Table.Th>
            </Table.Tr>
            {region.subregions.map((subregion) => (
              <Fragment key={subregion.subregion ?? subregion.subregionName}>
                {subregion.subregionName && subregion.subregionName !== region.regionName && (
                  <Table.Tr className="programme-matrix-subregion">
                    <Table.Th scope="rowgroup" colSpan={columns}>
                      {subregion.subregionName}
                    </Table.Th>
                  </Table.Tr>
                )}
                {subregion.countries.map((country) => (
                  <Table.Tr key={country.id}>
                    <Table.Th scope="row" className="programme-matrix-country">
                      <Anchor component={Link} to={`/countries/${country.id}`} size="xs">
                        {country.name}
                      </Anchor>
                    </Table.Th>
                    {data.months.map((month, index) => {
                      const entries = country.cells[index] ?? [];
                      return (
                        <Table.Td key={month} className="programme-matrix-cell">
                          {entries.length > 0 && (
                            <ul className="programme-matrix-entries">
                              {entries.map((entry) => (
                                <li key={entry.id}>
                                  <ActivityChip activity={entry} />
                                </li>
                              ))}
                            </ul>
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Fragment>
            ))}
          </Table.Tbody>
        ))}
      </Table>
    </div>
  );
}

/** /programme/matrix: who does what where and when — beneficiary countries by month, to print on one A4 landscape page. */
export function ProgrammeMatrixPage() {
  const { t, i18n } = useTranslation('programme');
  const names = useProgrammeFormat();
  const [state, set] = useSearchState(DEFAULTS);
  const params: MatrixParams = {
    start: state.start,
    months: state.months,
    ...Object.fromEntries(
      (['region', 'theme', 'type', 'organization', 'project', 'donor', 'partner'] as const).map((key) => [
        key,
        state[key] || undefined,
      ]),
    ),
  };
  const matrix = useMatrix(params);
  const data = matrix.data;
  const end = addMonths(state.start, Number(state.months) - 1);

  return (
    <ProgrammeFrame>
      {() => (
        <>
          <div>
            <Title order={1}>{t('matrix.title')}</Title>
            <Text mt="xs" maw={760} className="no-print">
              {t('matrix.intro')}
            </Text>
            <Text mt="xs" className="print-only">
              {t('matrix.window', { from: names.longMonth(state.start), to: names.longMonth(end) })}
            </Text>
          </div>
          <section aria-labelledby="matrix-controls-title" className="no-print">
            <Title order={2} size="h3" id="matrix-controls-title" mb="sm">
              {t('filters.title')}
            </Title>
            <Controls state={state} set={set} />
          </section>
          <Group justify="space-between" align="center" wrap="wrap">
            <StatusLegend />
            <Group gap="md" className="no-print">
              <Anchor
                size="sm"
                href={apiUrl('/programme/matrix', { ...params, lang: i18n.language, format: 'xlsx' })}
                download
              >
                {t('matrix.export')}
              </Anchor>
              <Button variant="default" size="compact-sm" onClick={() => window.print()}>
                {t('matrix.print')}
              </Button>
            </Group>
          </Group>
          <ProgrammeQueryState isLoading={matrix.isLoading} error={matrix.error}>
            {data &&
              (data.activityCount === 0 ? (
                <Paper withBorder p="md" radius="md">
                  <Text fw={600}>{t('matrix.emptyTitle')}</Text>
                  <Text size="sm" mt={4}>
                    {t('matrix.emptyHint')}
                  </Text>
                </Paper>
              ) : (
                <MatrixTable data={data} />
              ))}
          </ProgrammeQueryState>
        </>
      )}
    </ProgrammeFrame>
  );
}
