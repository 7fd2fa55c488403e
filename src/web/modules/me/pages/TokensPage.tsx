import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconApi, IconPlus } from '@tabler/icons-react';
import type { ApiToken } from '../../../../shared/auth.schema';
import { errorMessage } from '../../../api/client';
import { CopyField } from '../../../ui/CopyField';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate, formatRelative } from '../../../ui/format';
import { applyServerErrors } from '../../../ui/forms';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import type { TokenScope } from '../api';
import { useCreateToken, useRevokeToken, useTokens } from '../hooks';
import { useNarrowerThan } from '../../../ui/usePhone';

const SCOPE_HELP: Record<TokenScope, string> = {
  api: 'Read and change data through the API, with your permissions',
  ingest: 'Send data into Accord (imports and integrations)',
};

function status(t: ApiToken): { label: string; color: string } {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now())
    return { label: 'Expired', color: 'orange' };
  return { label: 'Active', color: 'teal' };
}

/** What the table's columns need; narrower content gets the cards. */
const TABLE_WIDTH = 720;

export default function TokensPage() {
  const compact = useNarrowerThan(TABLE_WIDTH);
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  const confirmRevoke = (t: ApiToken) =>
    modals.openConfirmModal({
      title: `Revoke “${t.name}”?`,
      children: (
        <Text size="sm">
          Scripts that use this token stop working at once. This cannot be undone; you can create a new token
          later.
        </Text>
      ),
      labels: { confirm: 'Revoke token', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revoke.mutate(t.id, {
          onSuccess: () => notifications.show({ message: `The token “${t.name}” is revoked.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not revoked', message: errorMessage(e) }),
        }),
    });

  const items = tokens.data?.items ?? [];
  return (
    <Card radius="lg" p={0}>
      <Group justify="space-between" p="lg" pb="md" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 260px' }}>
          <Text fw={600}>API tokens</Text>
          <Text size="sm" c="dimmed">
            Personal tokens let scripts and integrations call the Accord API as you. Send one as{' '}
            <Text span ff="monospace" size="xs">
              Authorization: Bearer …
            </Text>
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          New token
        </Button>
      </Group>
      {tokens.isError ? (
        <Stack p="lg" pt={0}>
          <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
        </Stack>
      ) : !tokens.isPending && items.length === 0 ? (
        <Empty
          title="No API tokens yet"
          description="Create one when a script or an integration needs to reach Accord."
          icon={<IconApi size={22} />}
        />
      ) : compact && !tokens.isPending ? (
        <Stack gap={0}>
          {items.map((t) => {
            const s = status(t);
            return (
              <Stack
                key={t.id}
                gap={4}
                px="md"
                py="sm"
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              >
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} size="sm" truncate="end">
                    {t.name}
                  </Text>
                  <Badge color={s.color}>{s.label}</Badge>
                </Group>
                <Group gap={6}>
                  <Text ff="monospace" size="xs">
                    {t.prefix}…
                  </Text>
                  {t.scopes.map((sc) => (
                    <Badge key={sc} size="sm" variant="outline">
                      {sc}
                    </Badge>
                  ))}
                </Group>
                <Text size="xs" c="dimmed">
                  Created {formatDate(t.createdAt)} ·{' '}
                  {t.lastUsedAt ? `used ${formatRelative(t.lastUsedAt)}` : 'never used'} ·{' '}
                  {t.expiresAt ? `expires ${formatDate(t.expiresAt)}` : 'never expires'}
                </Text>
                {!t.revokedAt && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    w="fit-content"
                    px={0}
                    onClick={() => confirmRevoke(t)}
                  >
                    Revoke
                  </Button>
                )}
              </Stack>
            );
          })}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={TABLE_WIDTH}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Token</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            {tokens.isPending ? (
              <TableSkeleton cols={8} rows={3} />
            ) : (
              <Table.Tbody>
                {items.map((t) => {
                  const s = status(t);
                  return (
                    <Table.Tr key={t.id}>
                      <Table.Td fw={500}>{t.name}</Table.Td>
                      <Table.Td>
                        <Text ff="monospace" size="xs">
                          {t.prefix}…
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {t.scopes.map((sc) => (
                            <Badge key={sc} size="sm" variant="outline">
                              {sc}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>{formatDate(t.createdAt)}</Table.Td>
                      <Table.Td>
                        {t.lastUsedAt ? (
                          formatRelative(t.lastUsedAt)
                        ) : (
                          <Text c="dimmed" size="sm">
                            Never
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {t.expiresAt ? (
                          formatDate(t.expiresAt)
                        ) : (
                          <Text c="dimmed" size="sm">
                            Never
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={s.color}>{s.label}</Badge>
                      </Table.Td>
                      <Table.Td ta="right">
                        {!t.revokedAt && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            onClick={() => confirmRevoke(t)}
                          >
                            Revoke
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            )}
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, value) => {
          setCreating(false);
          setSecret({ name, secret: value });
        }}
      />
      <Modal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title="Copy your new token"
        size="lg"
        closeOnClickOutside={false}
      >
        {secret && (
          <Stack gap="md">
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
              This is the only time the token “{secret.name}” is shown. Copy it now and store it safely;
              Accord keeps only a fingerprint of it.
            </Alert>
            <div data-testid="token-secret">
              <CopyField value={secret.secret} label="Copy token" />
            </div>
            <Group justify="flex-end">
              <Button onClick={() => setSecret(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}

function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (name: string, secret: string) => void;
}) {
  const create = useCreateToken();
  const form = useForm({
    initialValues: { name: '', scopes: ['api'] as string[], expires: '90' },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the token a name, such as the script that uses it'),
      scopes: (v) => (v.length ? null : 'Choose at least one scope'),
    },
  });
  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New API token">
      <form
        onSubmit={form.onSubmit((v) =>
          create.mutate(
            {
              name: v.name.trim(),
              scopes: v.scopes as TokenScope[],
              expiresInDays: v.expires === 'never' ? null : Number(v.expires),
            },
            {
              onSuccess: (r) => {
                form.reset();
                onCreated(r.token.name, r.secret);
              },
              onError: (e) => applyServerErrors(form, e, ['name', 'scopes']),
            },
          ),
        )}
        noValidate
      >
        <Stack gap="md">
          {create.isError && Object.keys(form.errors).length === 0 && <ErrorAlert error={create.error} />}
          <TextInput
            label="Name"
            placeholder="Nightly export script"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Checkbox.Group label="Scopes" {...form.getInputProps('scopes')}>
            <Stack gap="xs" mt={6}>
              {(Object.keys(SCOPE_HELP) as TokenScope[]).map((s) => (
                <Checkbox key={s} value={s} label={s} description={SCOPE_HELP[s]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Select
            label="Expires"
            allowDeselect={false}
            data={[
              { value: '30', label: 'In 30 days' },
              { value: '90', label: 'In 90 days' },
              { value: '365', label: 'In one year' },
              { value: 'never', label: 'Never' },
            ]}
            {...form.getInputProps('expires')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Tooltip label="The token is shown once after you create it" position="top">
              <Button type="submit" loading={create.isPending}>
                Create token
              </Button>
            </Tooltip>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
