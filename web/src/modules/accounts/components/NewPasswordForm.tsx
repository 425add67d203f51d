import { useState, type FormEvent } from 'react';
import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';
import { checkNewPassword, MIN_PASSWORD_LENGTH, serverFieldErrors } from '../forms.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { PasswordField } from './PasswordField.tsx';

/** A new password and its confirmation, checked here first (length, equality) then by the server. */
export function NewPasswordForm({
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
}) {
  const { t } = useTranslation('accounts');
  const { t: tCommon } = useTranslation('common');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState<{ password?: string; confirm?: string }>({});
  const [submitted, setSubmitted] = useState(false);
  const server = serverFieldErrors(error, tCommon, {}, t('form.invalid'));
  // The link error is about the whole form, not the password.
  const linkInvalid = error instanceof ApiError && error.problem.code === 'auth.link_invalid';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = checkNewPassword(t, password, confirm);
    setChecked(errors);
    setSubmitted(true);
    if (!errors.password && !errors.confirm) onSubmit(password);
  };
  const fieldError = (own: string | undefined, fromServer: string | undefined) =>
    own ?? (submitted && !pending ? fromServer : undefined);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={420}>
        <PasswordField
          label={t('fields.newPassword')}
          description={t('form.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldError(checked.password, server.password)}
        />
        <PasswordField
          label={t('fields.confirmPassword')}
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(event) => setConfirm(event.currentTarget.value)}
          error={fieldError(checked.confirm, undefined)}
        />
        {!linkInvalid && <ErrorAlert error={error} shownFields={['password']} />}
        <Button type="submit" loading={pending} style={{ alignSelf: 'flex-start' }}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
