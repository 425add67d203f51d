import { NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../../src/contracts/accounts.ts';
import type { Participant } from '../../../../../src/contracts/status.ts';
import { useDonors } from '../../programme/funding.api.ts';
import { useParticipants } from '../../status/status.api.ts';
import { ROLE_SCOPE, useOrganizations, type Role } from '../admin.api.ts';

export interface Scope {
  participantId: string | null;
  organizationId: string | null;
  donorId: string | null;
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** The scope to send for a role: only the fields the role uses (a changed role drops the other one). */
export function scopeFor(role: Role, scope: Scope): Scope {
  const need = ROLE_SCOPE[role];
  return {
    participantId: need === 'participant' || need === 'either' ? scope.participantId || null : null,
    organizationId: need === 'organization' || need === 'either' ? scope.organizationId || null : null,
    donorId: role === 'donor' ? scope.donorId || null : null,
  };
}

/** The client-side check of a role's scope, with translated messages by field (the server checks again). */
export function checkScope(t: T, role: Role, scope: Scope): Partial<Record<keyof Scope, string>> {
  const need = ROLE_SCOPE[role];
  if (need === 'participant' && !scope.participantId) return { participantId: t('scope.needCountry') };
  if (need === 'organization' && !scope.organizationId) return { organizationId: t('scope.needOrganization') };
  if (need === 'either' && !scope.organizationId && !scope.participantId)
    return { organizationId: t('scope.needEither') };
  return {};
}

/** Names for the scope column: countries in the UI language, organisations (deleted ones too), donor records. */
export function useScopeNames() {
  const participants = useParticipants();
  const organizations = useOrganizations(true);
  const donorRecords = useDonors();
  const countries = new Map((participants.data?.items ?? []).map((p) => [p.id, p.name]));
  const orgs = new Map((organizations.data?.items ?? []).map((o) => [o.id, o.name]));
  const donors = new Map((donorRecords.data?.items ?? []).map((d) => [d.id, d.name]));
  return (scope: Scope) =>
    [
      scope.participantId ? (countries.get(scope.participantId) ?? scope.participantId) : null,
      scope.organizationId ? (orgs.get(scope.organizationId) ?? '') : null,
      scope.donorId ? (donors.get(scope.donorId) ?? '') : null,
    ]
      .filter((name): name is string => name !== null && name !== '')
      .join(' · ');
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The role-dependent scope field: a country select, an organisation select, both (donors), or none. */
export function ScopeFields({
  role,
  scope,
  onChange,
  errors = {},
}: {
  role: Role;
  scope: Scope;
  onChange: (scope: Scope) => void;
  errors?: Partial<Record<keyof Scope, string | undefined>>;
}) {
  const { t } = useTranslation('accounts');
  const participants = useParticipants();
  const organizations = useOrganizations(true);
  const donorRecords = useDonors();
  const need = ROLE_SCOPE[role];
  const countries: Participant[] = [...(participants.data?.items ?? [])].sort(byName);
  // Deleted organisations cannot be chosen; the one a user already has still shows.
  const orgs: Organization[] = (organizations.data?.items ?? [])
    .filter((o) => !o.deletedAt || o.id === scope.organizationId)
    .sort(byName);

  if (need === 'none') return <Text size="sm">{t('scope.none')}</Text>;
  return (
    <Stack gap="sm">
      {need === 'either' && <Text size="sm">{t('scope.eitherHint')}</Text>}
      {(need === 'organization' || need === 'either') && (
        <NativeSelect
          label={t('fields.organization')}
          required={need === 'organization'}
          value={scope.organizationId ?? ''}
          className="field-wide"
          onChange={(event) => onChange({ ...scope, organizationId: event.currentTarget.value || null })}
          data={[
            { value: '', label: t('scope.chooseOrganization') },
            ...orgs.map((o) => ({ value: o.id, label: o.name })),
          ]}
          error={errors.organizationId}
        />
      )}
      {(need === 'participant' || need === 'either') && (
        <NativeSelect
          label={t('fields.country')}
          required={need === 'participant'}
          value={scope.participantId ?? ''}
          className="field-wide"
          onChange={(event) => onChange({ ...scope, participantId: event.currentTarget.value || null })}
          data={[
            { value: '', label: t('scope.chooseCountry') },
            ...countries.map((p) => ({ value: p.id, label: p.name })),
          ]}
          error={errors.participantId}
        />
      )}
      {role === 'donor' && (
        <NativeSelect
          label={t('fields.donorRecord')}
          description={t('scope.donorRecordHint')}
          value={scope.donorId ?? ''}
          className="field-wide"
          onChange={(event) => onChange({ ...scope, donorId: event.currentTarget.value || null })}
          data={[
            { value: '', label: t('scope.noDonorRecord') },
            ...(donorRecords.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
          ]}
          error={errors.donorId}
        />
      )}
    </Stack>
  );
}
