import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';
import { useCompleteLink } from '../accounts.api.ts';
import { NewPasswordForm } from './NewPasswordForm.tsx';

/**
 * The page a one-time link from a mail opens (?token=…): choose a password, then sign in. `reset` for a
 * forgotten password, `invitation` for a new account.
 */
export function OneTimeLinkPage({ kind }: { kind: 'reset' | 'invitation' }) {
  const { t } = useTranslation('accounts');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const complete = useCompleteLink(kind);
  const linkInvalid =
    !token || (complete.error instanceof ApiError && complete.error.problem.code === 'auth.link_invalid');

  return (
    <Stack gap="lg" maw={520}>
      <div>
        <Title order={1}>{t(kind === 'reset' ? 'reset.title' : 'invitation.title')}</Title>
        {!complete.isSuccess && !linkInvalid && (
          <Text mt="xs">{t(kind === 'reset' ? 'reset.intro' : 'invitation.intro')}</Text>
        )}
      </div>
      {complete.isSuccess ? (
        <Alert color="green" role="status" title={t(kind === 'reset' ? 'reset.done' : 'invitation.done')}>
          <Anchor component={Link} to="/sign-in">
            {t('links.signIn')}
          </Anchor>
        </Alert>
      ) : linkInvalid ? (
        <Alert color="red" role="alert" title={t('errors.codes.auth_link_invalid', { ns: 'common' })}>
          {kind === 'reset' ? (
            <Anchor component={Link} to="/forgot-password">
              {t('reset.newLink')}
            </Anchor>
          ) : (
            <Text>{t('invitation.askAgain')}</Text>
          )}
        </Alert>
      ) : (
        <NewPasswordForm
          submitLabel={t(kind === 'reset' ? 'reset.submit' : 'invitation.submit')}
          pending={complete.isPending}
          error={complete.error}
          onSubmit={(password) => complete.mutate({ token, password })}
        />
      )}
    </Stack>
  );
}
