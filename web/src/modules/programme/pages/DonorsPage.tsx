import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { useParticipants } from '../../status/status.api.ts';
import {
  FundingErrorAlert,
  FundingFrame,
  FundingQueryState,
  useFundingFieldErrors,
} from '../components/FundingCommon.tsx';
import { useCreateDonor, useDonors, useFundingRights, type Donor, type DonorInput } from '../funding.api.ts';

type Kind = DonorInput['kind'];

/** Adds a donor: a state (chosen among the participants) or an organisation (by its name). */
function AddDonor({ existing }: { existing: Donor[] }) {
  const { t, i18n } = useTranslation('funding');
  const participants = useParticipants();
  const create = useCreateDonor();
  const [kind, setKind] = useState<Kind>('state');
  const [participantId, setParticipantId] = useState('');
  const [name, setName] = useState('');
  const [checked, setChecked] = useState<Record<string, string>>({});
  const server = useFundingFieldErrors(create.isPending ? null : create.error);
  const collator = new Intl.Collator(i18n.language);
  const already = new Set(existing.map((d) => d.participantId).filter(Boolean));
  // States that are donors already are left out of the list.
  const countries = [...(participants.data?.items ?? [])]
    .filter((p) => !already.has(p.id))
    .sort((a, b) => collator.compare(a.name, b.name));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    const problems: Record<string, string> = {};
    if (kind === 'state' && !participantId) problems.participantId = t('donors.countryRequired');
    if (kind === 'organization' && !name.trim()) problems.name = t('form.required');
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    const input: DonorInput =
      kind === 'state' ? { kind, participantId, name: null } : { kind, participantId: null, name: name.trim() };
    create.mutate(input, {
      onSuccess: () => {
        setParticipantId('');
        setName('');
      },
    });
  };

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="add-donor-title"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="add-donor-title">
          {t('donors.addTitle')}
        </Title>
        <Radio.Group
          label={t('donors.kind')}
          value={kind}
          onChange={(value) => {
            setKind(value as Kind);
            setChecked({});
          }}
          error={server('kind')}
        >
          <Group gap="lg" mt={6}>
            <Radio value="state" label={t('donors.kinds.state')} />
            <Radio value="organization" label={t('donors.kinds.organization')} />
          </Group>
        </Radio.Group>
        {kind === 'state' ? (
          <NativeSelect
            label={t('fields.country')}
            required
            value={participantId}
            className="field-wide"
            error={checked.participantId ?? server('participantId')}
            onChange={(event) => setParticipantId(event.currentTarget.value)}
            data={[{ value: '', label: t('form.choose') }, ...countries.map((p) => ({ value: p.id, label: p.name }))]}
          />
        ) : (
          <TextInput
            label={t('donors.organizationName')}
            required
            value={name}
            maxLength={300}
            className="field-wide"
            error={checked.name ?? server('name')}
            onChange={(event) => setName(event.currentTarget.value)}
          />
        )}
        <FundingErrorAlert
          error={create.isPending ? null : create.error}
          shownFields={['kind', 'participantId', 'name']}
        />
        {create.isSuccess && (
          <Text role="status" fw={600}>
            {t('donors.added', { name: create.data.name })}
          </Text>
        )}
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('donors.add')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Donors() {
  const { t } = useTranslation('funding');
  const rights = useFundingRights();
  const donors = useDonors();
  const rows = donors.data?.items ?? [];
  const kindLabel = (d: Donor) => t(`donors.kinds.${d.kind}`);
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('donors.title')}</Title>
        <Text mt="xs">{t('donors.intro')}</Text>
      </div>
      {rights.canWrite && <AddDonor existing={rows} />}
      <FundingQueryState isLoading={donors.isLoading} error={donors.error}>
        <DataTable<Donor>
          caption={t('donors.caption', { count: rows.length })}
          rows={rows}
          rowKey={(d) => d.id}
          empty={t('donors.empty')}
          initialSort={{ key: 'name', direction: 'asc' }}
          columns={[
            {
              key: 'name',
              label: t('fields.name'),
              sortValue: (d) => d.name,
              render: (d) =>
                d.participantId ? (
                  <Anchor component={Link} to={`/countries/${d.participantId}`}>
                    {d.name}
                  </Anchor>
                ) : (
                  d.name
                ),
            },
            { key: 'kind', label: t('donors.kind'), sortValue: kindLabel, render: kindLabel },
          ]}
        />
      </FundingQueryState>
    </Stack>
  );
}

/** /programme/donors: the states and organisations that fund the programme. */
export function DonorsPage() {
  return <FundingFrame>{() => <Donors />}</FundingFrame>;
}
