import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  CopyButton,
  Group,
  Image,
  List,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconDownload, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useAuth, useUser } from '../../../app/auth';
import { CopyField } from '../../../ui/CopyField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { meApi } from '../api';

export default function TwoFactorPage() {
  const user = useUser();
  const { refresh } = useAuth();
  const setup = useMutation({ mutationFn: meApi.setupTwoFactor });
  const enable = useMutation({ mutationFn: meApi.enableTwoFactor, onSuccess: () => refresh() });

  if (enable.data)
    return (
      <RecoveryCodes
        codes={enable.data.recoveryCodes}
        onDone={() => {
          enable.reset();
          setup.reset();
        }}
      />
    );
  if (user.twoFactorEnabled) return <Enabled />;
  if (setup.data)
    return (
      <SetUp
        secret={setup.data.secret}
        qrDataUrl={setup.data.qrDataUrl}
        enable={enable}
        onCancel={() => setup.reset()}
      />
    );

  return (
    <Card radius="lg" maw={720}>
      <Stack gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="md" variant="light" color="orange">
            <IconShieldOff size={24} />
          </ThemeIcon>
          <Stack gap={4}>
            <Group gap="xs">
              <Text fw={600}>Two-factor sign-in</Text>
              <Badge color="orange">Off</Badge>
            </Group>
            <Text size="sm" c="dimmed">
              With two-factor sign-in, Accord asks for a code from an authenticator app (such as 1Password,
              Google Authenticator or Authy) after your password. Someone who learns your password still
              cannot sign in.
            </Text>
          </Stack>
        </Group>
        {setup.isError && <ErrorAlert error={setup.error} />}
        <Group justify="flex-end">
          <Button
            onClick={() => setup.mutate()}
            loading={setup.isPending}
            leftSection={<IconShieldCheck size={16} />}
          >
            Set up two-factor sign-in
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function SetUp({
  secret,
  qrDataUrl,
  enable,
  onCancel,
}: {
  secret: string;
  qrDataUrl: string;
  enable: UseMutationResult<{ recoveryCodes: string[] }, Error, string>;
  onCancel: () => void;
}) {
  const form = useForm({
    initialValues: { code: '' },
    validate: {
      code: (v) => (/^\d{6}$/.test(v.replace(/\s/g, '')) ? null : 'Enter the 6-digit code from your app'),
    },
  });
  return (
    <Card radius="lg" maw={820}>
      <Stack gap="lg">
        <Text fw={600}>Set up two-factor sign-in</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              1. Scan this code with your authenticator app
            </Text>
            <Box
              p="sm"
              bg="white"
              w="fit-content"
              style={{ borderRadius: 12, border: '1px solid var(--mantine-color-default-border)' }}
            >
              <Image
                src={qrDataUrl}
                alt="QR code for your authenticator app"
                w={200}
                h={200}
                data-testid="totp-qr"
              />
            </Box>
            <Text size="sm" c="dimmed">
              Cannot scan? Enter this key in the app instead:
            </Text>
            <Box data-testid="totp-secret">
              <CopyField value={secret} label="Copy key" />
            </Box>
          </Stack>
          <form
            onSubmit={form.onSubmit((v) =>
              enable.mutate(v.code.replace(/\s/g, ''), {
                onError: (e) => applyServerErrors(form, e, ['code']),
              }),
            )}
            noValidate
          >
            <Stack gap="sm">
              <Text size="sm" fw={600}>
                2. Enter the code the app shows
              </Text>
              {enable.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={enable.error} />}
              <TextInput
                label="6-digit code"
                placeholder="123456"
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={7}
                styles={{ input: { letterSpacing: 4, fontFamily: 'var(--mantine-font-family-monospace)' } }}
                {...form.getInputProps('code')}
              />
              <Group justify="flex-end" gap="xs" mt="xs">
                <Button variant="default" onClick={onCancel}>
                  Cancel
                </Button>
                <Button type="submit" loading={enable.isPending}>
                  Turn on
                </Button>
              </Group>
            </Stack>
          </form>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`Accord recovery codes\n\n${text}\n`], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'accord-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Card radius="lg" maw={720}>
      <Stack gap="md">
        <Alert
          color="teal"
          variant="light"
          icon={<IconShieldCheck size={18} />}
          title="Two-factor sign-in is on"
        >
          From now on Accord asks for a code from your app when you sign in.
        </Alert>
        <Stack gap={4}>
          <Text fw={600}>Save your recovery codes</Text>
          <Text size="sm" c="dimmed">
            If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, such
            as a password manager. They are shown only now.
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" data-testid="recovery-codes">
          {codes.map((c) => (
            <Text
              key={c}
              ff="monospace"
              size="sm"
              ta="center"
              py={6}
              style={{ borderRadius: 6, background: 'var(--mantine-color-default-hover)' }}
            >
              {c}
            </Text>
          ))}
        </SimpleGrid>
        <Group justify="space-between">
          <Group gap="xs">
            <CopyButton value={text}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? 'Copied' : 'Copy codes'}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={download}>
              Download
            </Button>
          </Group>
          <Button onClick={onDone}>I saved them</Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Enabled() {
  const { refresh } = useAuth();
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (v) => (v ? null : 'Enter your password') },
  });
  const disable = useMutation({
    mutationFn: meApi.disableTwoFactor,
    onSuccess: async () => {
      form.reset();
      await refresh();
      notifications.show({ color: 'orange', message: 'Two-factor sign-in is off.' });
    },
    onError: (e) => applyServerErrors(form, e, ['password']),
  });
  return (
    <Card radius="lg" maw={720}>
      <Stack gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="md" variant="light" color="teal">
            <IconShieldCheck size={24} />
          </ThemeIcon>
          <Stack gap={4}>
            <Group gap="xs">
              <Text fw={600}>Two-factor sign-in</Text>
              <Badge color="teal">On</Badge>
            </Group>
            <Text size="sm" c="dimmed">
              Accord asks for a code from your authenticator app after your password. If you lose the device,
              sign in with one of your recovery codes.
            </Text>
          </Stack>
        </Group>
        <form onSubmit={form.onSubmit((v) => disable.mutate(v.password))} noValidate>
          <Stack
            gap="sm"
            p="md"
            style={{ borderRadius: 12, border: '1px solid var(--mantine-color-default-border)' }}
          >
            <Text size="sm" fw={600}>
              Turn off two-factor sign-in
            </Text>
            <List size="sm" c="dimmed">
              <List.Item>Your recovery codes stop working.</List.Item>
              <List.Item>Signing in needs only your password again.</List.Item>
            </List>
            {disable.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={disable.error} />}
            <Group align="flex-end" gap="sm">
              <PasswordInput
                label="Your password"
                autoComplete="current-password"
                style={{ flex: '1 1 220px' }}
                {...form.getInputProps('password')}
              />
              <Button type="submit" color="red" variant="light" loading={disable.isPending}>
                Turn off
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
