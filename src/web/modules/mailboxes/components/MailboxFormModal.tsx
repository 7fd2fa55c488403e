/**
 * Connect (or edit) a mailbox: IMAP for incoming mail, SMTP for sending, or a forwarder that posts to the
 * ingest address. "Test connection" tries the settings before anything is saved and shows what the server
 * said. Passwords are write-only: leaving one empty on edit keeps the stored one.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Divider,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconCircleX, IconPlugConnected } from '@tabler/icons-react';
import type { ConnectionTestResult } from '../../../../shared/mailboxes.schema';
import { fieldMessages } from '../../../api/client';
import { CopyField } from '../../../ui/CopyField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { mailboxesApi, type Mailbox, type MailboxInput } from '../api';
import { useSaveMailbox } from '../hooks';
import { usePhone } from '../../../ui/usePhone';

interface Values {
  kind: 'imap' | 'forwarder';
  email: string;
  label: string;
  imapHost: string;
  imapPort: number;
  imapTls: boolean;
  imapUser: string;
  imapAuth: 'password' | 'xoauth2';
  imapSecret: string;
  withSmtp: boolean;
  smtpHost: string;
  smtpPort: number;
  smtpTls: boolean;
  smtpUser: string;
  smtpPassword: string;
  syncSince: string | null;
}

function valuesOf(m?: Mailbox): Values {
  return {
    kind: m?.kind ?? 'imap',
    email: m?.email ?? '',
    label: m?.label ?? '',
    imapHost: m?.imap?.host ?? '',
    imapPort: m?.imap?.port ?? 993,
    imapTls: m?.imap?.tls ?? true,
    imapUser: m?.imap?.user ?? '',
    imapAuth: m?.imap?.auth ?? 'password',
    imapSecret: '',
    withSmtp: m ? m.smtp !== null : true,
    smtpHost: m?.smtp?.host ?? '',
    smtpPort: m?.smtp?.port ?? 465,
    smtpTls: m?.smtp?.tls ?? true,
    smtpUser: m?.smtp?.user ?? '',
    smtpPassword: '',
    syncSince: m?.syncSince ?? null,
  };
}

function inputOf(v: Values): MailboxInput {
  return {
    kind: v.kind,
    email: v.email.trim(),
    label: v.label.trim(),
    ...(v.kind === 'imap'
      ? {
          imap: {
            host: v.imapHost.trim(),
            port: v.imapPort,
            tls: v.imapTls,
            user: v.imapUser.trim() || v.email.trim(),
            auth: v.imapAuth,
            ...(v.imapSecret ? { secret: v.imapSecret } : {}),
          },
        }
      : {}),
    smtp: v.withSmtp
      ? {
          host: v.smtpHost.trim(),
          port: v.smtpPort,
          tls: v.smtpTls,
          user: v.smtpUser.trim(),
          ...(v.smtpPassword ? { password: v.smtpPassword } : {}),
        }
      : null,
    syncSince: v.syncSince,
  };
}

function TestLine({ label, result }: { label: string; result: { ok: boolean; message: string } | null }) {
  if (!result) return null;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid={`test-${label.toLowerCase()}`}>
      {result.ok ? (
        <IconCircleCheck size={18} color="var(--mantine-color-green-6)" style={{ flexShrink: 0 }} />
      ) : (
        <IconCircleX size={18} color="var(--mantine-color-red-6)" style={{ flexShrink: 0 }} />
      )}
      <Text size="sm">
        <b>{label}:</b> {result.message}
      </Text>
    </Group>
  );
}

export function MailboxFormModal({
  opened,
  onClose,
  mailbox,
}: {
  opened: boolean;
  onClose(): void;
  mailbox?: Mailbox;
}) {
  const phone = usePhone();
  const form = useForm<Values>({ initialValues: valuesOf(mailbox) });
  const save = useSaveMailbox();
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const [testError, setTestError] = useState<unknown>(null);
  const [secret, setSecret] = useState<{ key: string; path: string } | null>(null);
  const v = form.values;
  const imap = v.kind === 'imap';

  const runTest = async () => {
    setTesting(true);
    setTestError(null);
    setTest(null);
    try {
      const input = inputOf(v);
      setTest(await mailboxesApi.test({ mailboxId: mailbox?.id, imap: input.imap, smtp: input.smtp }));
    } catch (e) {
      setTestError(e);
    } finally {
      setTesting(false);
    }
  };

  const submit = form.onSubmit(async (values) => {
    try {
      const res = await save.mutateAsync({
        id: mailbox?.id,
        version: mailbox?.version,
        input: inputOf(values),
      });
      if (res.ingestSecret) setSecret({ key: res.ingestSecret, path: res.mailbox.ingestPath ?? '' });
      else onClose();
    } catch (e) {
      const fields = fieldMessages(e);
      form.setErrors({
        email: fields.email,
        imapHost: fields['imap.host'],
        imapSecret: fields['imap.secret'] ?? fields.imap,
        imapUser: fields['imap.user'],
        smtpHost: fields['smtp.host'],
      });
    }
  });

  if (secret)
    return (
      <Modal opened={opened} onClose={onClose} title="Forwarder connected" size="lg">
        <Stack>
          <Alert color="yellow" title="Copy the signing key now">
            It is shown once. Your forwarder signs each request with it (or uses an API token with the
            “ingest” scope).
          </Alert>
          <CopyField label="Signing key" value={secret.key} />
          <CopyField label="Ingest address" value={`${window.location.origin}${secret.path}`} />
          <Text size="sm" c="dimmed">
            Send <Code>X-Accord-Timestamp</Code> (Unix seconds) and <Code>X-Accord-Signature: sha256=…</Code>,
            the HMAC-SHA256 of “timestamp.body” with this key.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={mailbox ? `Edit ${mailbox.email}` : 'Connect a mailbox'}
      size="xl"
      fullScreen={phone}
    >
      <form onSubmit={submit}>
        <Stack gap="md">
          {!mailbox && (
            <SegmentedControl
              fullWidth
              value={v.kind}
              onChange={(k) => form.setFieldValue('kind', k as Values['kind'])}
              data={[
                { value: 'imap', label: 'IMAP mailbox' },
                { value: 'forwarder', label: 'Forwarder (Apps Script, webhook)' },
              ]}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Email address"
              description="Mail from this address is outbound"
              placeholder="you@company.com"
              withAsterisk
              data-autofocus
              {...form.getInputProps('email')}
            />
            <TextInput label="Label" placeholder="Partnerships inbox" {...form.getInputProps('label')} />
          </SimpleGrid>
          {imap && (
            <>
              <Divider label="Incoming mail (IMAP)" labelPosition="left" />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label="IMAP server"
                  placeholder="imap.gmail.com"
                  withAsterisk
                  {...form.getInputProps('imapHost')}
                />
                <NumberInput label="Port" min={1} max={65535} {...form.getInputProps('imapPort')} />
                <Switch
                  mt={{ base: 0, sm: 30 }}
                  label="TLS (port 993)"
                  {...form.getInputProps('imapTls', { type: 'checkbox' })}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label="User name"
                  placeholder="Usually the address"
                  {...form.getInputProps('imapUser')}
                />
                <SegmentedControl
                  mt={{ base: 0, sm: 24 }}
                  value={v.imapAuth}
                  onChange={(a) => form.setFieldValue('imapAuth', a as Values['imapAuth'])}
                  data={[
                    { value: 'password', label: 'Password' },
                    { value: 'xoauth2', label: 'OAuth2 token' },
                  ]}
                />
                <PasswordInput
                  label={v.imapAuth === 'xoauth2' ? 'Access token' : 'Password or app password'}
                  placeholder={mailbox?.imap?.hasSecret ? 'Unchanged' : ''}
                  withAsterisk={!mailbox}
                  autoComplete="new-password"
                  {...form.getInputProps('imapSecret')}
                />
              </SimpleGrid>
              <DateInput
                label="Import mail since"
                description="The first sync starts here; empty imports the whole mailbox"
                clearable
                valueFormat="YYYY-MM-DD"
                maw={260}
                {...form.getInputProps('syncSince')}
              />
            </>
          )}
          <Divider label="Sending (SMTP)" labelPosition="left" />
          <Checkbox
            label="Send email from Accord through this mailbox"
            {...form.getInputProps('withSmtp', { type: 'checkbox' })}
          />
          {v.withSmtp && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label="SMTP server"
                  placeholder="smtp.gmail.com"
                  withAsterisk
                  {...form.getInputProps('smtpHost')}
                />
                <NumberInput label="Port" min={1} max={65535} {...form.getInputProps('smtpPort')} />
                <Switch
                  mt={{ base: 0, sm: 30 }}
                  label="TLS (port 465)"
                  {...form.getInputProps('smtpTls', { type: 'checkbox' })}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="SMTP user" {...form.getInputProps('smtpUser')} />
                <PasswordInput
                  label="SMTP password"
                  placeholder={mailbox?.smtp?.hasPassword ? 'Unchanged' : ''}
                  autoComplete="new-password"
                  {...form.getInputProps('smtpPassword')}
                />
              </SimpleGrid>
            </>
          )}
          {(test || testError !== null) && (
            <Stack gap={6} p="sm" bg="var(--mantine-color-default-hover)" style={{ borderRadius: 8 }}>
              {testError !== null && <ErrorAlert error={testError} />}
              <TestLine label="IMAP" result={test?.imap ?? null} />
              <TestLine label="SMTP" result={test?.smtp ?? null} />
            </Stack>
          )}
          {save.isError && !Object.keys(fieldMessages(save.error)).length && (
            <ErrorAlert error={save.error} />
          )}
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconPlugConnected size={16} />}
              onClick={() => void runTest()}
              loading={testing}
              disabled={!imap && !v.withSmtp}
            >
              Test connection
            </Button>
            <Group gap="xs">
              <Button variant="subtle" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                {mailbox ? 'Save' : 'Connect'}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
