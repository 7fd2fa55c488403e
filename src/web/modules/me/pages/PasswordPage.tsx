import { Alert, Button, Card, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { meApi } from '../api';

export default function PasswordPage() {
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v, all) =>
        v.length < 10
          ? 'Use at least 10 characters'
          : v === all.currentPassword
            ? 'Choose a password different from the current one'
            : null,
      confirm: (v, all) => (v === all.newPassword ? null : 'The two new passwords are not the same'),
    },
  });
  const change = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      meApi.changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => form.reset(),
    onError: (e) => applyServerErrors(form, e, ['currentPassword', 'newPassword']),
  });

  return (
    <Card radius="lg" maw={560}>
      <form onSubmit={form.onSubmit((v) => change.mutate(v))} noValidate>
        <Stack gap="md">
          <Stack gap={2}>
            <Text fw={600}>Change password</Text>
            <Text size="sm" c="dimmed">
              Changing your password signs out your other sessions; this one stays signed in.
            </Text>
          </Stack>
          {change.isSuccess && (
            <Alert
              color="teal"
              variant="light"
              icon={<IconCircleCheck size={18} />}
              withCloseButton
              onClose={() => change.reset()}
            >
              Your password is changed. Your other sessions were signed out.
            </Alert>
          )}
          {change.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={change.error} />}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description="At least 10 characters."
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            {...form.getInputProps('confirm')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
