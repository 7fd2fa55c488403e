import { Alert, Anchor, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { authApi } from '../api';
import { AuthShell } from '../components/AuthShell';

export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (v.length >= 10 ? null : 'Use at least 10 characters'),
      confirm: (v, all) => (v === all.password ? null : 'The two passwords are not the same'),
    },
  });
  const confirm = useMutation({
    mutationFn: (password: string) => authApi.confirmReset(token, password),
    onError: (e) => applyServerErrors(form, e, ['password']),
  });

  if (!token)
    return (
      <AuthShell title="Reset your password">
        <Stack gap="md">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            This page needs the link from the reset email. Open the link from the email again, or ask for a
            new one.
          </Alert>
          <Button component={Link} to="/forgot-password" fullWidth>
            Ask for a new link
          </Button>
        </Stack>
      </AuthShell>
    );

  return (
    <AuthShell
      title="Choose a new password"
      subtitle="Use at least 10 characters. A passphrase of a few words is easy to remember and hard to guess."
    >
      {confirm.isSuccess ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="Password changed">
            Your password is changed and every session of your account was signed out. Sign in with the new
            password.
          </Alert>
          <Button component={Link} to="/login" fullWidth>
            Sign in
          </Button>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((v) => confirm.mutate(v.password))} noValidate>
          <Stack gap="md">
            {confirm.isError && Object.keys(form.errors).length === 0 && (
              <ErrorAlert error={confirm.error} title="The password was not changed" />
            )}
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              autoFocus
              {...form.getInputProps('password')}
            />
            <PasswordInput
              label="Repeat the new password"
              autoComplete="new-password"
              {...form.getInputProps('confirm')}
            />
            <Button type="submit" fullWidth size="md" loading={confirm.isPending}>
              Set new password
            </Button>
            <Group justify="center">
              <Anchor component={Link} to="/forgot-password" size="sm">
                Ask for a new link
              </Anchor>
            </Group>
          </Stack>
        </form>
      )}
    </AuthShell>
  );
}
