import { useState, type FormEvent } from 'react';
import { Alert, Button, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../accounts.api.ts';
import { checkNewPassword, MIN_PASSWORD_LENGTH, serverFieldErrors } from '../forms.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { PasswordField } from './PasswordField.tsx';

/** Change the password: the current one, then the new one twice. The server ends the other sessions. */
export function PasswordSection() {
  const { t } = useTranslation('accounts');
  const { t: tCommon } = useTranslation('common');
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState<{ current?: string; password?: string; confirm?: string }>({});
  const server = change.isPending
    ? {}
    : serverFieldErrors(change.error, tCommon, { currentPassword: t('form.currentWrong') }, t('form.invalid'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = { ...checkNewPassword(t, password, confirm), ...(current ? {} : { current: t('form.required') }) };
    setChecked(errors);
    if (errors.current || errors.password || errors.confirm) return;
    change.mutate(
      { currentPassword: current, newPassword: password },
      {
        onSuccess: () => {
          setCurrent('');
          setPassword('');
          setConfirm('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="password-title">
      <Title order={2} size="h3" id="password-title" mb="xs">
        {t('password.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={440}>
          <PasswordField
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={checked.current ?? server.currentPassword}
          />
          <PasswordField
            label={t('fields.newPassword')}
            description={t('form.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={checked.password ?? server.newPassword}
          />
          <PasswordField
            label={t('fields.confirmPassword')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(event) => setConfirm(event.currentTarget.value)}
            error={checked.confirm}
          />
          <ErrorAlert error={change.error} shownFields={['currentPassword', 'newPassword']} />
          {change.isSuccess && <Alert color="green" role="status" title={t('password.done')} />}
          <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
    </section>
  );
}
