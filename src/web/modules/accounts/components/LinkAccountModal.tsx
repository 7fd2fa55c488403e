import '@mantine/dates/styles.css';
import { useState } from 'react';
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { ApiError, fieldMessages } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import type { Account } from '../api';
import { useLinkAccount } from '../hooks';
import { AccountSelect } from './AccountSelect';

/**
 * The partner starts managing a customer account from a date: one that exists (moved from its current
 * managing partner, if any), or a new one created here.
 */
export function LinkAccountModal({
  partnerId,
  partnerName,
  linked,
  mayCreate,
  opened,
  onClose,
}: {
  partnerId: string;
  partnerName: string;
  /** Accounts the partner already manages. */
  linked: ReadonlySet<string>;
  mayCreate: boolean;
  opened: boolean;
  onClose(): void;
}) {
  const link = useLinkAccount(partnerId);
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [account, setAccount] = useState<Account | null>(null);
  const [name, setName] = useState('');
  const [since, setSince] = useState<string | null>(new Date().toLocaleDateString('en-CA'));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    const day = since ? since.slice(0, 10) : undefined;
    if (mode === 'existing' && !account) return setErrors({ account: 'Choose the account' });
    if (mode === 'new' && !name.trim()) return setErrors({ name: 'Enter the account’s name' });
    setErrors({});
    link.mutate(
      mode === 'existing'
        ? { account: account!, since: day }
        : { create: { name: name.trim(), managedSince: day ?? null } },
      {
        onSuccess: (a) => {
          notifications.show({
            color: 'teal',
            message: `${partnerName} manages ${a.name} since ${formatDate(a.managedSince)}.`,
          });
          onClose();
        },
        onError: (e) => {
          const f = fieldMessages(e);
          setErrors({ name: f.name ?? '', since: f.since ?? f.managedSince ?? '' });
        },
      },
    );
  };

  const conflict = link.error instanceof ApiError && link.error.isConflict;
  const fieldShown = Object.values(errors).some(Boolean);
  return (
    <Modal opened={opened} onClose={onClose} title="Link a managed account" size="md">
      <Stack gap="md">
        {link.isError && (conflict || !fieldShown) && <ErrorAlert error={link.error} />}
        {mayCreate && (
          <SegmentedControl
            fullWidth
            value={mode}
            onChange={(v) => setMode(v as 'existing' | 'new')}
            data={[
              { value: 'existing', label: 'An existing account' },
              { value: 'new', label: 'A new account' },
            ]}
          />
        )}
        {mode === 'existing' ? (
          <AccountSelect
            label="Account"
            placeholder="Type to search customer accounts"
            value={account?.id ?? null}
            onChange={(_id, a) => setAccount(a)}
            exclude={linked}
            error={errors.account || undefined}
            data-autofocus
          />
        ) : (
          <TextInput
            label="Account name"
            withAsterisk
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name || undefined}
            data-autofocus
          />
        )}
        {mode === 'existing' && account?.managedByName && account.managedById !== partnerId && (
          <Alert color="yellow" variant="light">
            <Text size="sm">
              {account.name} is managed by {account.managedByName} today; linking moves it to {partnerName}.
            </Text>
          </Alert>
        )}
        <DateInput
          label="Managed since"
          valueFormat="YYYY-MM-DD"
          value={since}
          onChange={setSince}
          error={errors.since || undefined}
          popoverProps={{ withinPortal: true }}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={link.isPending}>
            Link account
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
