import { useId, useState, type FormEvent } from 'react';
import { Button, Group, Input, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../../src/contracts/languages.ts';
import { useAddVersion } from '../library.api.ts';
import { useLibraryFormat } from '../labels.ts';
import { LibraryErrorAlert, useFieldErrors } from './Errors.tsx';

export const ACCEPTED_FILES =
  '.pdf,.docx,.html,.htm,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,text/plain,text/markdown';

export interface FileChoice {
  file: File | null;
  language: string;
  versionDate: string;
}

/**
 * A file with the language of its text and the date from which it is the law. A plain file input
 * (with its label), which every browser and assistive technology knows how to operate.
 */
export function FileFields({
  value,
  onChange,
  errors,
  required = false,
  disabled = false,
}: {
  value: FileChoice;
  onChange: (value: FileChoice) => void;
  errors: Record<string, string | undefined>;
  required?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation('library');
  const names = useLibraryFormat();
  const id = useId();
  return (
    <Group align="start" gap="md" wrap="wrap">
      <Input.Wrapper
        label={t('form.file')}
        description={t('form.fileHint')}
        error={errors.file}
        required={required}
        id={`${id}-file`}
        className="field-wide"
      >
        <input
          id={`${id}-file`}
          type="file"
          accept={ACCEPTED_FILES}
          disabled={disabled}
          required={required}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={errors.file ? `${id}-file-error ${id}-file-description` : `${id}-file-description`}
          onChange={(event) => onChange({ ...value, file: event.currentTarget.files?.[0] ?? null })}
          style={{ display: 'block', marginBlockStart: 4, maxInlineSize: '100%' }}
        />
      </Input.Wrapper>
      <NativeSelect
        label={t('form.fileLanguage')}
        value={value.language}
        disabled={disabled}
        className="field"
        error={errors.language}
        onChange={(event) => onChange({ ...value, language: event.currentTarget.value })}
        data={LANGUAGES.map((lang) => ({ value: lang, label: names.language(lang) }))}
      />
      <TextInput
        type="date"
        label={t('form.versionDate')}
        description={t('form.versionDateHint')}
        value={value.versionDate}
        disabled={disabled}
        className="field-wide"
        error={errors.versionDate}
        onChange={(event) => onChange({ ...value, versionDate: event.currentTarget.value })}
      />
    </Group>
  );
}

/** Upload a text: a new language, or a new version in time (an amended text). */
export function UploadVersionForm({ id, defaultLanguage }: { id: string; defaultLanguage: string }) {
  const { t } = useTranslation('library');
  const upload = useAddVersion(id);
  const [choice, setChoice] = useState<FileChoice>({ file: null, language: defaultLanguage, versionDate: '' });
  const [missing, setMissing] = useState(false);
  const server = useFieldErrors(upload.isPending ? null : upload.error);
  const [formKey, setFormKey] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice.file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    upload.mutate(
      { file: choice.file, language: choice.language, versionDate: choice.versionDate },
      {
        onSuccess: () => {
          setChoice({ file: null, language: choice.language, versionDate: '' });
          // The file input cannot be emptied from script state: a new one replaces it.
          setFormKey((n) => n + 1);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FileFields
          key={formKey}
          value={choice}
          onChange={setChoice}
          required
          errors={{ ...server, file: missing ? t('form.fileRequired') : server.file }}
        />
        <LibraryErrorAlert error={upload.error} shownFields={['file', 'language', 'versionDate']} />
        <Group gap="md">
          <Button type="submit" loading={upload.isPending}>
            {t('document.uploadSubmit')}
          </Button>
          {upload.isSuccess && (
            <Text role="status" fw={600}>
              {t('document.uploaded')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
