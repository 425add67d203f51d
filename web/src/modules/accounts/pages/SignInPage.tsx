import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Divider, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../lib/api.ts';
import { useSignIn } from '../accounts.api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PasswordField } from '../components/PasswordField.tsx';
import { safeNext } from '../forms.ts';

/** Where the server sends a failed sign-in through the organisation: /sign-in?error=… */
const OIDC_ERRORS = ['oidc_failed', 'oidc_no_account', 'oidc_not_configured'];

export function SignInPage() {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState({ email: false, password: false });
  const next = safeNext(params.get('next'));
  const oidcError = params.get('error');
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const user = session.data?.user;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const nowMissing = { email: !email.trim(), password: !password };
    setMissing(nowMissing);
    if (nowMissing.email || nowMissing.password) return;
    signIn.mutate(
      { email: email.trim(), password },
      {
        // The profile's language applies in the layout, and only where the address and this browser say nothing.
        onSuccess: () => navigate(next, { replace: true }),
      },
    );
  };

  return (
    <Stack gap="lg" maw={440}>
      <div>
        <Title order={1}>{t('signIn.title')}</Title>
        <Text mt="xs">{t('signIn.intro')}</Text>
      </div>
      {signedOut && !user && <Alert color="green" role="status" title={t('signIn.signedOut')} />}
      {user && !signIn.isPending && (
        <Alert color="un" role="status" title={t('signIn.already', { name: user.displayName })}>
          <Anchor component={Link} to={next}>
            {t('signIn.continue')}
          </Anchor>
        </Alert>
      )}
      {oidcError && OIDC_ERRORS.includes(oidcError) && (
        <Alert color="red" role="alert" title={t('errors.title', { ns: 'common' })}>
          {t(`signIn.oidcErrors.${oidcError}`)}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={missing.email ? t('form.required') : undefined}
          />
          <PasswordField
            label={t('fields.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={missing.password ? t('form.required') : undefined}
          />
          <ErrorAlert error={signIn.error} />
          <Button type="submit" loading={signIn.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/forgot-password">
        {t('signIn.forgot')}
      </Anchor>
      {session.data?.singleSignOn && (
        <>
          <Divider label={t('signIn.or')} labelPosition="center" />
          <Button component="a" href="/api/v1/auth/oidc/start" variant="outline">
            {t('signIn.organisation')}
          </Button>
        </>
      )}
    </Stack>
  );
}
