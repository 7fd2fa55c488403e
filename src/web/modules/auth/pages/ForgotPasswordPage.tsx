import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { authApi } from '../api';
import { AuthShell } from '../components/AuthShell';

export default function ForgotPasswordPage() {
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your email address') },
  });
  const request = useMutation({
    mutationFn: (email: string) => authApi.requestReset(email.trim()),
    onError: (e) => applyServerErrors(form, e, ['email']),
  });

  return (
    <AuthShell
      title="Reset your password"
      subtitle="Enter the email of your account and we will send you a link to choose a new password."
    >
      {request.isSuccess ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />} title="Check your inbox">
            {request.data.message}
          </Alert>
          <Button component={Link} to="/login" variant="light" fullWidth>
            Back to sign in
          </Button>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((v) => request.mutate(v.email))} noValidate>
          <Stack gap="md">
            {request.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={request.error} />}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" fullWidth size="md" loading={request.isPending}>
              Send reset link
            </Button>
            <Group justify="center">
              <Anchor component={Link} to="/login" size="sm">
                <Group gap={4}>
                  <IconArrowLeft size={14} />
                  Back to sign in
                </Group>
              </Anchor>
            </Group>
          </Stack>
        </form>
      )}
    </AuthShell>
  );
}
