import { useState } from 'react';
import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconArrowLeft, IconShieldLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import type { LoginResult } from '../../../../shared/auth.schema';
import { ApiError, errorMessage, setCsrfToken } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { applyServerErrors } from '../../../ui/forms';
import { authApi } from '../api';
import { AuthShell } from '../components/AuthShell';
import { DemoAccounts } from '../components/DemoAccounts';

export function LoginPage() {
  const location = useLocation();
  const expired = (location.state as { ended?: string } | null)?.ended === 'expired';
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [notice, setNotice] = useState<string | null>(
    expired ? 'Your session ended, perhaps after a while without use. Sign in again to continue.' : null,
  );
  const { signedIn } = useAuth();

  const finish = (r: LoginResult) => {
    if (r.status === 'ok') signedIn(r.session);
    else {
      // The half-signed-in session has its own CSRF token; the code step must send it.
      setCsrfToken(r.csrfToken);
      setNotice(null);
      setStep('code');
    }
  };

  if (step === 'code')
    return (
      <TwoFactorStep
        onDone={finish}
        onRestart={(message) => {
          setNotice(message);
          setStep('password');
        }}
      />
    );
  return <PasswordStep onDone={finish} notice={notice} />;
}

function PasswordStep({ onDone, notice }: { onDone: (r: LoginResult) => void; notice: string | null }) {
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter your email address'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });
  const login = useMutation({
    mutationFn: (v: { email: string; password: string }) => authApi.login(v.email.trim(), v.password),
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e, ['email', 'password']),
  });
  const error = login.error;
  const locked = error instanceof ApiError && error.status === 429;

  return (
    <AuthShell
      title="Sign in"
      subtitle="Welcome back. Sign in with your work email."
      below={<DemoAccounts onPick={(email, password) => form.setValues({ email, password })} />}
    >
      <form onSubmit={form.onSubmit((v) => login.mutate(v))} noValidate>
        <Stack gap="md">
          {notice && (
            <Alert color="orange" variant="light">
              {notice}
            </Alert>
          )}
          {error && !(error instanceof ApiError && Object.keys(error.fields).length) && (
            <Alert
              color={locked ? 'orange' : 'red'}
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title={locked ? 'Sign-in paused' : 'Could not sign you in'}
              role="alert"
            >
              {errorMessage(error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            placeholder="you@company.com"
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" mt={-6}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
          <Button type="submit" fullWidth size="md" loading={login.isPending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}

function TwoFactorStep({
  onDone,
  onRestart,
}: {
  onDone: (r: LoginResult) => void;
  onRestart: (message: string | null) => void;
}) {
  const [recovery, setRecovery] = useState(false);
  const form = useForm({
    initialValues: { code: '' },
    validate: {
      code: (v) =>
        recovery
          ? v.trim().length >= 6
            ? null
            : 'Enter one of your recovery codes'
          : /^\d{6}$/.test(v.replace(/\s/g, ''))
            ? null
            : 'Enter the 6-digit code from your app',
    },
  });
  const verify = useMutation({
    mutationFn: (code: string) => authApi.loginTwoFactor(code),
    onSuccess: onDone,
    onError: (e) => {
      // The password step expired (10 minutes) or was replaced: start again.
      if (e instanceof ApiError && (e.code === 'unauthorized' || e.code === 'two_factor_not_pending'))
        onRestart('Your sign-in timed out before the code was entered. Sign in again.');
      else form.setFieldValue('code', '');
    },
  });
  const error = verify.error;

  return (
    <AuthShell
      title="Two-factor sign-in"
      subtitle={
        recovery
          ? 'Enter one of the recovery codes you saved when you turned on two-factor sign-in. Each code works once.'
          : 'Open your authenticator app and enter the 6-digit code it shows for Accord.'
      }
    >
      <form
        onSubmit={form.onSubmit((v) => verify.mutate(recovery ? v.code.trim() : v.code.replace(/\s/g, '')))}
        noValidate
      >
        <Stack gap="md">
          {error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {errorMessage(error)}
            </Alert>
          )}
          <TextInput
            key={recovery ? 'recovery' : 'totp'}
            label={recovery ? 'Recovery code' : 'Authentication code'}
            placeholder={recovery ? 'xxxxx-xxxxx' : '123 456'}
            autoComplete="one-time-code"
            inputMode={recovery ? 'text' : 'numeric'}
            autoFocus
            leftSection={<IconShieldLock size={16} />}
            styles={{
              input: { letterSpacing: recovery ? 1 : 4, fontFamily: 'var(--mantine-font-family-monospace)' },
            }}
            {...form.getInputProps('code')}
          />
          <Button type="submit" fullWidth size="md" loading={verify.isPending}>
            Verify and sign in
          </Button>
          <Group justify="space-between">
            <Anchor component="button" type="button" size="sm" onClick={() => onRestart(null)}>
              <Group gap={4}>
                <IconArrowLeft size={14} />
                Back
              </Group>
            </Anchor>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setRecovery((r) => !r);
                form.reset();
              }}
            >
              {recovery ? 'Use the authenticator app' : 'Use a recovery code instead'}
            </Anchor>
          </Group>
          <Text size="xs" c="dimmed" ta="center">
            Lost your device and your recovery codes? Ask an administrator to help you.
          </Text>
        </Stack>
      </form>
    </AuthShell>
  );
}
