import type { ReactNode } from 'react';
import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** A button for an action that is hard to undo: it asks first, in a dialog that keeps the keyboard focus. */
export function ConfirmButton({
  children,
  title,
  message,
  confirm,
  onConfirm,
  ariaLabel,
  loading,
  disabled,
  color = 'red.9',
  variant = 'outline',
  size = 'sm',
}: {
  children: ReactNode;
  title: string;
  message: string;
  confirm: string;
  onConfirm: () => void;
  ariaLabel?: string;
  loading?: boolean;
  disabled?: boolean;
  color?: string;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}) {
  const { t } = useTranslation('accounts');
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        color={color}
        variant={variant}
        size={size}
        onClick={open}
        loading={loading}
        disabled={disabled}
        aria-label={ariaLabel}
      >
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('confirm.close') }}>
        <Text>{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" data-autofocus onClick={close}>
            {t('confirm.cancel')}
          </Button>
          <Button
            color={color}
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirm}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
