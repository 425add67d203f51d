import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../../src/contracts/languages.ts';
import { LANGUAGE_NAMES } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../accounts/components/ErrorAlert.tsx';
import { serverFieldErrors } from '../../accounts/forms.ts';
import { ROLES, type Role, type UserInput } from '../admin.api.ts';
import { checkScope, scopeFor, ScopeFields, type Scope } from './ScopeFields.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The fields of a user an administrator sets: email (when inviting only), name, role and its scope,
 * language. Checked here first, then by the server, whose problems show on their fields.
 */
export function UserForm({
  initial,
  withEmail,
  roleLocked = false,
  disabled = false,
  submitLabel,
  pending,
  error,
  onSubmit,
  after,
}: {
  initial: UserInput;
  withEmail: boolean;
  roleLocked?: boolean;
  disabled?: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: UserInput) => void;
  after?: ReactNode;
}) {
  const { t } = useTranslation('accounts');
  const { t: tCommon } = useTranslation('common');
  const [email, setEmail] = useState(initial.email);
  const [displayName, setDisplayName] = useState(initial.displayName);
  const [role, setRole] = useState<Role>(initial.role);
  const [scope, setScope] = useState<Scope>({
    participantId: initial.participantId,
    organizationId: initial.organizationId,
    donorId: initial.donorId,
  });
  const [language, setLanguage] = useState(initial.preferredLanguage);
  const [checked, setChecked] = useState<Record<string, string | undefined>>({});
  const server = pending ? {} : serverFieldErrors(error, tCommon, {}, t('form.invalid'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string | undefined> = {
      ...(withEmail && !EMAIL.test(email.trim()) ? { email: t('form.emailInvalid') } : {}),
      ...(displayName.trim() ? {} : { displayName: t('form.required') }),
      ...checkScope(t, role, scope),
    };
    setChecked(errors);
    if (Object.values(errors).some(Boolean)) return;
    onSubmit({
      email: email.trim(),
      displayName: displayName.trim(),
      role,
      ...scopeFor(role, scope),
      preferredLanguage: language,
    });
  };
  const error$ = (field: string) => checked[field] ?? server[field];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group align="start" gap="md" wrap="wrap">
          {withEmail && (
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="off"
              required
              value={email}
              className="field-wide"
              disabled={disabled}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={error$('email')}
            />
          )}
          <TextInput
            label={t('fields.displayName')}
            autoComplete="off"
            required
            value={displayName}
            maxLength={200}
            className="field-wide"
            disabled={disabled}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            error={error$('displayName')}
          />
        </Group>
        <Group align="start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('fields.role')}
            value={role}
            className="field-wide"
            disabled={disabled || roleLocked}
            description={roleLocked ? t('users.ownRole') : t(`roles.hints.${role}`)}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
            data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            error={error$('role')}
          />
          <NativeSelect
            label={t('fields.preferredLanguage')}
            value={language}
            className="field"
            disabled={disabled}
            onChange={(event) => setLanguage(event.currentTarget.value)}
            data={LANGUAGES.map((lang) => ({ value: lang, label: LANGUAGE_NAMES[lang] }))}
          />
        </Group>
        <fieldset className="plain-fieldset" disabled={disabled}>
          <legend className="field-legend">{t('scope.title')}</legend>
          <ScopeFields
            role={role}
            scope={scope}
            onChange={setScope}
            errors={{
              participantId: error$('participantId'),
              organizationId: error$('organizationId'),
              donorId: error$('donorId'),
            }}
          />
        </fieldset>
        <ErrorAlert
          error={error}
          shownFields={['email', 'displayName', 'role', 'participantId', 'organizationId', 'donorId']}
        />
        <Group gap="md">
          <Button type="submit" loading={pending} disabled={disabled}>
            {submitLabel}
          </Button>
          {after}
        </Group>
      </Stack>
    </form>
  );
}
