import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  CopyButton,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../../../src/contracts/accounts.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useCreateToken, useRevokeToken, useTokens, type TokenScope } from '../accounts.api.ts';
import { serverFieldErrors } from '../forms.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const MAX_DAYS = 365;
const SCOPE_KEYS: Record<TokenScope, string> = { read: 'tokens.scopes.read', 'read-write': 'tokens.scopes.readWrite' };

function tokenState(token: ApiToken): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  return token.active ? 'active' : 'expired';
}

/** The secret of a token just created: shown this once, read-only, with a copy button and a warning. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation('accounts');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  return (
    <Alert color="yellow" title={t('tokens.secretTitle', { name })} role="status">
      <Stack gap="sm">
        <Text>{t('tokens.secretWarning')}</Text>
        <TextInput
          ref={field}
          label={t('tokens.secretLabel')}
          value={secret}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          classNames={{ input: 'ltr-figures' }}
          ff="monospace"
        />
        <Group gap="sm">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button onClick={copy} variant="filled">
                {copied ? t('tokens.copied') : t('tokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            {t('tokens.secretDone')}
          </Button>
        </Group>
        <Text size="sm">{t('tokens.usage')}</Text>
      </Stack>
    </Alert>
  );
}

/** API tokens for scripts and other programs: list, create (the secret shown once), revoke. */
export function TokensSection() {
  const { t } = useTranslation('accounts');
  const { t: tCommon } = useTranslation('common');
  const format = useFormat();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('read');
  const [days, setDays] = useState<number | string>(90);
  const [checked, setChecked] = useState<{ name?: string; days?: string }>({});
  const server = create.isPending ? {} : serverFieldErrors(create.error, tCommon, {}, t('form.invalid'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const validity = Number(days);
    const errors = {
      ...(name.trim() ? {} : { name: t('form.required') }),
      ...(Number.isInteger(validity) && validity >= 1 && validity <= MAX_DAYS
        ? {}
        : { days: t('tokens.daysInvalid', { max: MAX_DAYS }) }),
    };
    setChecked(errors);
    if (errors.name || errors.days) return;
    create.mutate({ name: name.trim(), scope, expiresInDays: validity }, { onSuccess: () => setName('') });
  };

  return (
    <section aria-labelledby="tokens-title">
      <Title order={2} size="h3" id="tokens-title" mb="xs">
        {t('tokens.title')}
      </Title>
      <Text mb="sm">{t('tokens.intro')}</Text>
      <Stack gap="md">
        {create.data && <NewSecret name={create.data.name} secret={create.data.token} onDone={() => create.reset()} />}
        <QueryState isLoading={tokens.isLoading} error={tokens.error}>
          <DataTable<ApiToken>
            caption={t('tokens.caption', { count: tokens.data?.items.length ?? 0 })}
            rows={tokens.data?.items ?? []}
            rowKey={(token) => token.id}
            empty={t('tokens.empty')}
            initialSort={{ key: 'created', direction: 'desc' }}
            columns={[
              {
                key: 'name',
                label: t('tokens.columns.name'),
                sortValue: (token) => token.name,
                render: (token) => token.name,
              },
              {
                key: 'prefix',
                label: t('tokens.columns.prefix'),
                render: (token) => <code className="ltr-figures">{`${token.prefix}…`}</code>,
              },
              {
                key: 'scope',
                label: t('tokens.columns.scope'),
                sortValue: (token) => token.scope,
                render: (token) => t(SCOPE_KEYS[token.scope]),
              },
              {
                key: 'created',
                label: t('tokens.columns.created'),
                sortValue: (token) => token.createdAt,
                render: (token) => format.dateTime(token.createdAt),
              },
              {
                key: 'expires',
                label: t('tokens.columns.expires'),
                sortValue: (token) => token.expiresAt,
                render: (token) => format.dateTime(token.expiresAt),
              },
              {
                key: 'lastUsed',
                label: t('tokens.columns.lastUsed'),
                sortValue: (token) => token.lastUsedAt,
                render: (token) => (token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.neverUsed')),
              },
              {
                key: 'state',
                label: t('tokens.columns.state'),
                sortValue: (token) => tokenState(token),
                render: (token) => (
                  <StatusBadge tone={token.active ? 'green' : 'gray'}>
                    {t(`tokens.states.${tokenState(token)}`)}
                  </StatusBadge>
                ),
              },
              {
                key: 'action',
                label: t('columns.actions'),
                render: (token) =>
                  token.active && (
                    <ConfirmButton
                      title={t('tokens.revokeTitle')}
                      message={t('tokens.revokeMessage', { name: token.name })}
                      confirm={t('tokens.revoke')}
                      ariaLabel={t('tokens.revokeNamed', { name: token.name })}
                      size="xs"
                      loading={revoke.isPending && revoke.variables === token.id}
                      onConfirm={() => revoke.mutate(token.id)}
                    >
                      {t('tokens.revoke')}
                    </ConfirmButton>
                  ),
              },
            ]}
          />
        </QueryState>
        <ErrorAlert error={revoke.error} />
        <Paper
          withBorder
          p="md"
          radius="md"
          component="form"
          onSubmit={submit}
          noValidate
          aria-labelledby="token-create-title"
        >
          <Stack gap="md">
            <Title order={3} size="h4" id="token-create-title">
              {t('tokens.createTitle')}
            </Title>
            <Group align="start" gap="md" wrap="wrap">
              <TextInput
                label={t('tokens.columns.name')}
                description={t('tokens.nameHint')}
                required
                value={name}
                maxLength={100}
                className="field-wide"
                onChange={(event) => setName(event.currentTarget.value)}
                error={checked.name ?? server.name}
              />
              <NativeSelect
                label={t('tokens.columns.scope')}
                value={scope}
                className="field"
                onChange={(event) => setScope(event.currentTarget.value as TokenScope)}
                data={(['read', 'read-write'] as const).map((value) => ({ value, label: t(SCOPE_KEYS[value]) }))}
              />
              <NumberInput
                label={t('tokens.days')}
                description={t('tokens.daysHint', { max: MAX_DAYS })}
                required
                value={days}
                onChange={setDays}
                min={1}
                max={MAX_DAYS}
                allowDecimal={false}
                allowNegative={false}
                className="field"
                error={checked.days ?? server.expiresInDays}
              />
            </Group>
            <ErrorAlert error={create.error} shownFields={['name', 'expiresInDays']} />
            <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('tokens.create')}
            </Button>
          </Stack>
        </Paper>
      </Stack>
    </section>
  );
}
