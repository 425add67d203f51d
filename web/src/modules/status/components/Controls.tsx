import { NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../status.api.ts';

const SETS = ['12', '16', '18', '19', 'all'] as const;
// Drop-downs as wide as their longest option, never wider than the screen: a fixed width cut 'since 2014'.
const FIT = { maw: '100%' } as const;

export function DateControl({
  label,
  value,
  onChange,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  name: string;
}) {
  return (
    <TextInput
      type="date"
      name={name}
      label={label}
      value={value}
      min="1963-01-01"
      onChange={(event) => {
        // Browsers give '' while a date is half typed; keep the last complete date.
        if (event.currentTarget.value) onChange(event.currentTarget.value);
      }}
      w={170}
    />
  );
}

export function SetControl({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('status');
  return (
    <NativeSelect
      label={t('controls.set')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={SETS.map((set) => ({ value: set, label: t(`sets.${set}`) }))}
      {...FIT}
    />
  );
}

export function BasisControl({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('status');
  return (
    <NativeSelect
      label={t('controls.basis')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[
        { value: 'deposit', label: t('basis.deposit') },
        { value: 'in-force', label: t('basis.inForce') },
      ]}
      {...FIT}
    />
  );
}

/** Regions as the UN M49 standard groups them, indented by level. */
export function RegionControl({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('status');
  const regions = useRegions();
  const items = regions.data?.items ?? [];
  const byParent = new Map<string | null, typeof items>();
  for (const region of items) byParent.set(region.parentM49, [...(byParent.get(region.parentM49) ?? []), region]);
  const ordered: { value: string; label: string }[] = [];
  const walk = (parent: string, depth: number) => {
    for (const region of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push({ value: region.m49, label: `${'\u00a0\u00a0'.repeat(depth)}${region.name}` });
      walk(region.m49, depth + 1);
    }
  };
  walk('001', 0);
  return (
    <NativeSelect
      label={t('controls.region')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[{ value: '', label: t('controls.allRegions') }, ...ordered]}
      {...FIT}
    />
  );
}
