import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParticipantList } from '../../library/library.api.ts';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, THEMES, useProgrammeOptions } from '../programme.api.ts';
import { useProgrammeFormat } from '../labels.ts';

export const FILTER_KEYS = ['from', 'to', 'country', 'type', 'status', 'theme', 'organization'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The activity list's filters; each applies at once (and is kept in the address). */
export function ActivityFilters({
  values,
  onChange,
}: {
  values: Record<FilterKey, string>;
  onChange: (changes: Partial<Record<FilterKey, string>>) => void;
}) {
  const { t, i18n } = useTranslation('programme');
  const names = useProgrammeFormat();
  const participants = useParticipantList();
  const options = useProgrammeOptions();
  const collator = new Intl.Collator(i18n.language);
  const countries = [...(participants.data?.items ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const organizations = [...(options.data?.organizations ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const active = FILTER_KEYS.some((key) => values[key] !== '');
  const select = (key: FilterKey) => ({
    value: values[key],
    onChange: (event: { currentTarget: { value: string } }) => onChange({ [key]: event.currentTarget.value }),
  });
  return (
    <Group align="end" gap="md" wrap="wrap">
      <TextInput type="date" label={t('filters.from')} className="field-date" {...select('from')} />
      <TextInput type="date" label={t('filters.to')} className="field-date" {...select('to')} />
      <NativeSelect
        label={t('filters.country')}
        className="field"
        {...select('country')}
        data={[
          { value: '', label: t('filters.allCountries') },
          ...countries.map((p) => ({ value: p.id, label: p.name })),
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
        label={t('filters.status')}
        className="field"
        {...select('status')}
        data={[
          { value: '', label: t('filters.allStatuses') },
          ...ACTIVITY_STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}`) })),
        ]}
      />
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
        label={t('filters.organization')}
        className="field"
        {...select('organization')}
        data={[
          { value: '', label: t('filters.allOrganizations') },
          ...organizations.map((o) => ({ value: o.id, label: o.name })),
        ]}
      />
      {active && (
        <Button variant="subtle" onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])))}>
          {t('filters.clear')}
        </Button>
      )}
    </Group>
  );
}
