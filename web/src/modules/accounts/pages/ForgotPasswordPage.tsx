import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';
import { useRequestPasswordReset } from '../accounts.api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Asks for a reset link; the answer is the same whether the address has an account or not. */
export function ForgotPasswordPage() {
  const { t } = useTranslation('accounts');
  const reset = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const serverInvalid = reset.error instanceof ApiError && reset.error.problem.errors.some((p) => p.field === 'email');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = !EMAIL.test(email.trim());
    setInvalid(bad);
    if (!bad) reset.mutate({ email: email.trim() });
  };

  return (
    <Stack gap="lg" maw={520}>
      <div>
        <Title order={1}>{t('forgot.title')}</Title>
        {!reset.isSuccess && <Text mt="xs">{t('forgot.intro')}</Text>}
      </div>
      {reset.isSuccess ? (
        <Alert color="green" role="status" title={t('forgot.doneTitle')}>
          <Text>{t('forgot.done')}</Text>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={invalid || serverInvalid ? t('form.emailInvalid') : undefined}
            />
            <ErrorAlert error={reset.error} shownFields={['email']} />
            <Button type="submit" loading={reset.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in">
        {t('links.backToSignIn')}
      </Anchor>
    </Stack>
  );
}
