import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { LANGUAGES, isLanguage, type Language } from '../../../../../src/contracts/languages.ts';
import { useChooseLanguage } from '../../../i18n/address.ts';
import { LANGUAGE_NAMES, currentLanguage } from '../../../i18n/index.ts';
import { useUpdateProfile } from '../accounts.api.ts';
import { serverFieldErrors } from '../forms.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Display name and preferred language; saving a changed language also switches the interface to it. */
export function ProfileSection({ user }: { user: User }) {
  const { t } = useTranslation('accounts');
  const { t: tCommon } = useTranslation('common');
  const chooseLanguage = useChooseLanguage();
  const update = useUpdateProfile();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [language, setLanguage] = useState<Language>(
    isLanguage(user.preferredLanguage) ? user.preferredLanguage : currentLanguage(),
  );
  const [missing, setMissing] = useState(false);
  const server = serverFieldErrors(update.error, tCommon, {}, t('form.invalid'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = displayName.trim();
    setMissing(!name);
    if (!name) return;
    update.mutate(
      { displayName: name, preferredLanguage: language },
      {
        // Only a changed language: saving a new name must not undo the language the address asked for.
        onSuccess: async (saved) => {
          const lang = saved.preferredLanguage;
          if (isLanguage(lang) && lang !== user.preferredLanguage) await chooseLanguage(lang);
        },
      },
    );
  };
  const edited = () => update.isSuccess && update.reset();

  return (
    <section aria-labelledby="profile-title">
      <Title order={2} size="h3" id="profile-title" mb="xs">
        {t('profile.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('profile.signedInAs', { email: user.email, role: t(`roles.${user.role}`) })}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={440}>
          <TextInput
            label={t('fields.displayName')}
            autoComplete="name"
            required
            value={displayName}
            maxLength={200}
            onChange={(event) => {
              setDisplayName(event.currentTarget.value);
              edited();
            }}
            error={missing ? t('form.required') : server.displayName}
          />
          <NativeSelect
            label={t('fields.preferredLanguage')}
            description={t('profile.languageHint')}
            value={language}
            onChange={(event) => {
              setLanguage(event.currentTarget.value as Language);
              edited();
            }}
            data={LANGUAGES.map((lang) => ({ value: lang, label: LANGUAGE_NAMES[lang] }))}
          />
          <ErrorAlert error={update.error} shownFields={['displayName']} />
          <Group gap="md">
            <Button type="submit" loading={update.isPending}>
              {t('profile.save')}
            </Button>
            {update.isSuccess && (
              <Text role="status" fw={600}>
                {t('profile.saved')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </section>
  );
}
