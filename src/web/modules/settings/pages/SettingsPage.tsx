import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Collapse,
  Drawer,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconHistory } from '@tabler/icons-react';
import { CURRENCIES } from '../../../../shared/money';
import { can } from '../../../../shared/permissions';
import type { Settings } from '../../../../shared/settings.schema';
import { ApiError } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyServerErrors } from '../../../ui/forms';
import { HistoryPanel } from '../../../ui/history/HistoryPanel';
import { PageHeader } from '../../../ui/PageHeader';
import type { SettingsPatch } from '../api';
import { TestEmailCard } from '../components/TestEmailCard';
import { useSaveSettings, useSettings } from '../hooks';

const FIELDS = [
  'companyName',
  'baseCurrency',
  'fiscalYearStartMonth',
  'timeZone',
  'smtp',
  'smtp.host',
  'smtp.port',
  'smtp.secure',
  'smtp.user',
  'smtp.password',
  'smtp.fromAddress',
  'smtp.fromName',
] as const;

const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', timeZone: 'UTC' });
const MONTHS = Array.from({ length: 12 }, (_, i) => ({
  value: String(i + 1),
  label: monthName.format(new Date(Date.UTC(2024, i, 1))),
}));

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...all])].sort((a, b) =>
    a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b),
  );
}

interface Values {
  companyName: string;
  baseCurrency: string;
  fiscalYearStartMonth: string;
  timeZone: string;
  smtpEnabled: boolean;
  smtp: {
    host: string;
    port: number | string;
    secure: boolean;
    user: string;
    password: string;
    fromAddress: string;
    fromName: string;
  };
}

function valuesOf(s: Settings): Values {
  return {
    companyName: s.companyName,
    baseCurrency: s.baseCurrency,
    fiscalYearStartMonth: String(s.fiscalYearStartMonth),
    timeZone: s.timeZone,
    smtpEnabled: s.smtp !== null,
    smtp: {
      host: s.smtp?.host ?? '',
      port: s.smtp?.port ?? 587,
      secure: s.smtp?.secure ?? false,
      user: s.smtp?.user ?? '',
      password: '',
      fromAddress: s.smtp?.fromAddress ?? '',
      fromName: s.smtp?.fromName ?? s.companyName,
    },
  };
}

export default function SettingsPage() {
  const settings = useSettings();
  const [historyOpen, setHistoryOpen] = useState(false);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Workspace-wide settings: your company, money, the fiscal year, time and outgoing email."
        actions={
          <Button
            variant="default"
            leftSection={<IconHistory size={16} />}
            onClick={() => setHistoryOpen(true)}
          >
            History
          </Button>
        }
      />
      <Drawer
        opened={historyOpen}
        onClose={() => setHistoryOpen(false)}
        position="right"
        size="md"
        title="History of the settings"
      >
        <HistoryPanel entity="settings" entityId="workspace" />
      </Drawer>
      {settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.isPending ? (
        <Stack gap="lg" aria-busy="true">
          <Skeleton height={260} radius="lg" />
          <Skeleton height={200} radius="lg" />
        </Stack>
      ) : (
        <SettingsForm
          key={settings.data.version}
          settings={settings.data}
          onReload={() => void settings.refetch()}
        />
      )}
    </>
  );
}

function SettingsForm({ settings, onReload }: { settings: Settings; onReload: () => void }) {
  const me = useUser();
  const mayConfigure = can(me.permissions, 'settings.configure');
  const save = useSaveSettings();
  const zones = useMemo(() => timeZones(settings.timeZone), [settings.timeZone]);
  const currencies = useMemo(
    () => [...new Set([settings.baseCurrency, ...CURRENCIES])],
    [settings.baseCurrency],
  );
  const form = useForm<Values>({
    initialValues: valuesOf(settings),
    validate: {
      companyName: (v) => (v.trim() ? null : 'Enter the company name'),
      smtp: {
        host: (v, all) => (all.smtpEnabled && !v.trim() ? 'Enter the SMTP server' : null),
        port: (v, all) =>
          all.smtpEnabled && !(Number(v) >= 1 && Number(v) <= 65535) ? 'Enter a port from 1 to 65535' : null,
        fromAddress: (v, all) =>
          all.smtpEnabled && !/^\S+@\S+\.\S+$/.test(v.trim()) ? 'Enter the sender address' : null,
      },
    },
  });
  const v = form.values;

  const submit = (values: Values) => {
    const patch: SettingsPatch = {
      version: settings.version,
      companyName: values.companyName.trim(),
      baseCurrency: values.baseCurrency,
      fiscalYearStartMonth: Number(values.fiscalYearStartMonth),
      timeZone: values.timeZone,
      smtp: values.smtpEnabled
        ? {
            host: values.smtp.host.trim(),
            port: Number(values.smtp.port),
            secure: values.smtp.secure,
            user: values.smtp.user.trim(),
            fromAddress: values.smtp.fromAddress.trim(),
            fromName: values.smtp.fromName.trim(),
            ...(values.smtp.password ? { password: values.smtp.password } : {}),
          }
        : null,
    };
    save.mutate(patch, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          icon: <IconCircleCheck size={16} />,
          message: 'Settings saved.',
        }),
      onError: (e) => applyServerErrors(form, e, FIELDS),
    });
  };
  const conflict = save.error instanceof ApiError && save.error.isConflict;

  return (
    <Stack gap="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="lg">
          {save.isError && (conflict || Object.keys(form.errors).length === 0) && (
            <ErrorAlert
              error={save.error}
              title={conflict ? undefined : 'Settings not saved'}
              onReload={onReload}
            />
          )}
          <Card radius="lg">
            <Stack gap="md">
              <Stack gap={2}>
                <Text fw={600}>Company</Text>
                <Text size="sm" c="dimmed">
                  Shown on the sign-in page, in emails and on documents.
                </Text>
              </Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  label="Company name"
                  withAsterisk
                  disabled={!mayConfigure}
                  {...form.getInputProps('companyName')}
                />
                <Select
                  label="Base currency"
                  description="Totals and reports are in this currency."
                  data={currencies}
                  searchable
                  allowDeselect={false}
                  disabled={!mayConfigure}
                  {...form.getInputProps('baseCurrency')}
                />
                <Select
                  label="Fiscal year starts in"
                  data={MONTHS}
                  allowDeselect={false}
                  disabled={!mayConfigure}
                  {...form.getInputProps('fiscalYearStartMonth')}
                />
                <Select
                  label="Time zone"
                  description="Decides what “today” means for due dates and reports."
                  data={zones}
                  searchable
                  allowDeselect={false}
                  limit={100}
                  disabled={!mayConfigure}
                  {...form.getInputProps('timeZone')}
                />
              </SimpleGrid>
            </Stack>
          </Card>

          <Card radius="lg">
            <Stack gap="md">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2}>
                  <Text fw={600}>Outgoing email (SMTP)</Text>
                  <Text size="sm" c="dimmed">
                    Password resets and notifications are sent through this server.
                  </Text>
                </Stack>
                <Switch
                  label="Send email"
                  disabled={!mayConfigure}
                  {...form.getInputProps('smtpEnabled', { type: 'checkbox' })}
                />
              </Group>
              <Collapse expanded={v.smtpEnabled}>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  <TextInput
                    label="SMTP server"
                    placeholder="smtp.example.com"
                    withAsterisk
                    disabled={!mayConfigure}
                    {...form.getInputProps('smtp.host')}
                  />
                  <Group grow align="flex-start" gap="sm">
                    <NumberInput
                      label="Port"
                      min={1}
                      max={65535}
                      allowDecimal={false}
                      withAsterisk
                      disabled={!mayConfigure}
                      {...form.getInputProps('smtp.port')}
                    />
                    <Switch
                      label="TLS from the start"
                      description="Usually on for port 465"
                      mt={28}
                      disabled={!mayConfigure}
                      {...form.getInputProps('smtp.secure', { type: 'checkbox' })}
                    />
                  </Group>
                  <TextInput
                    label="User name"
                    autoComplete="off"
                    disabled={!mayConfigure}
                    {...form.getInputProps('smtp.user')}
                  />
                  <PasswordInput
                    label="Password"
                    autoComplete="new-password"
                    placeholder={settings.smtp?.hasPassword ? '•••••••• (saved; leave empty to keep)' : ''}
                    disabled={!mayConfigure}
                    {...form.getInputProps('smtp.password')}
                  />
                  <TextInput
                    label="Sender address"
                    placeholder="crm@example.com"
                    withAsterisk
                    disabled={!mayConfigure}
                    {...form.getInputProps('smtp.fromAddress')}
                  />
                  <TextInput
                    label="Sender name"
                    disabled={!mayConfigure}
                    {...form.getInputProps('smtp.fromName')}
                  />
                </SimpleGrid>
              </Collapse>
              {!v.smtpEnabled && (
                <Text size="sm" c="dimmed">
                  Email is off: Accord does not send password reset links or notification emails.
                </Text>
              )}
            </Stack>
          </Card>

          {mayConfigure && (
            <Group justify="flex-end">
              <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
                Discard changes
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty() || conflict}>
                Save settings
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      {mayConfigure && (
        <TestEmailCard configured={settings.smtp !== null} dirty={form.isDirty()} defaultTo={me.email} />
      )}
    </Stack>
  );
}
