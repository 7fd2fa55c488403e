import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconChevronRight, IconPlus, IconShieldCheck, IconTrash } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../../shared/permissions';
import type { Role } from '../../../../shared/roles.schema';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatRelative, plural } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { CreateRoleModal } from '../components/CreateRoleModal';
import { useDeleteRole, useRoles } from '../hooks';
import { countGrants } from '../matrix';
import { useNarrowerThan } from '../../../ui/usePhone';

/** What the table's columns need; narrower content gets the cards. */
const TABLE_WIDTH = 720;

export default function RolesPage() {
  const me = useUser();
  const roles = useRoles();
  const remove = useDeleteRole();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const mayCreate = can(me.permissions, 'roles.create');
  const mayDelete = can(me.permissions, 'roles.delete');
  const compact = useNarrowerThan(TABLE_WIDTH);

  const confirmDelete = (r: Role) =>
    modals.openConfirmModal({
      title: `Delete the role ${r.name}?`,
      children: (
        <Text size="sm">
          Nobody has this role, so nobody loses access. The change is kept in the audit log.
        </Text>
      ),
      labels: { confirm: 'Delete role', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(r.id, {
          onSuccess: () => notifications.show({ message: `The role ${r.name} is deleted.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  const items = roles.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Roles"
        description="A role decides which areas and modules people see, what they may do there, and on whose records."
        actions={
          mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New role
            </Button>
          )
        }
      />
      <Card radius="lg" p={0}>
        {roles.isError ? (
          <Stack p="md">
            <ErrorAlert error={roles.error} onRetry={() => void roles.refetch()} />
          </Stack>
        ) : !roles.isPending && items.length === 0 ? (
          <Empty title="No roles" icon={<IconShieldCheck size={22} />} />
        ) : compact ? (
          <Stack gap={0} data-testid="roles-table">
            {items.map((r) => (
              <UnstyledButton
                key={r.id}
                component={Link}
                to={`/admin/roles/${r.id}`}
                px="md"
                py="sm"
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap={6}>
                      <Text fw={600} size="sm">
                        {r.name}
                      </Text>
                      {r.system ? <Badge color="gray">Built-in</Badge> : <Badge color="grape">Custom</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {r.description || 'No description'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {plural(r.userCount, 'user')} · {plural(countGrants(r.permissions), 'grant')}
                    </Text>
                  </Stack>
                  <IconChevronRight size={16} style={{ opacity: 0.4, flexShrink: 0 }} />
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={TABLE_WIDTH}>
            <Table highlightOnHover data-testid="roles-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th ta="right">Users</Table.Th>
                  <Table.Th ta="right">Permissions</Table.Th>
                  <Table.Th>Changed</Table.Th>
                  <Table.Th w={84} />
                </Table.Tr>
              </Table.Thead>
              {roles.isPending ? (
                <TableSkeleton cols={6} rows={6} />
              ) : (
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr
                      key={r.id}
                      className="accord-row-link"
                      onClick={() => void navigate(`/admin/roles/${r.id}`)}
                    >
                      <Table.Td maw={420}>
                        <Text
                          component={Link}
                          to={`/admin/roles/${r.id}`}
                          fw={600}
                          size="sm"
                          onClick={(e) => e.stopPropagation()}
                          style={{ color: 'inherit', textDecoration: 'none' }}
                        >
                          {r.name}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {r.description || 'No description'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {r.system ? (
                          <Badge color="gray">Built-in</Badge>
                        ) : (
                          <Badge color="grape">Custom</Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{r.userCount}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" c="dimmed">
                          {plural(countGrants(r.permissions), 'grant')} in{' '}
                          {plural(Object.keys(r.permissions).length, 'module')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {formatRelative(r.updatedAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={2} justify="flex-end" wrap="nowrap">
                          {mayDelete && !r.system && (
                            <Tooltip
                              label={r.userCount ? 'Give its users another role first' : 'Delete role'}
                            >
                              <ActionIcon
                                color="red"
                                disabled={r.userCount > 0}
                                aria-label={`Delete ${r.name}`}
                                onClick={(e) => {
                                  e.stopPropagation();
                                  confirmDelete(r);
                                }}
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Tooltip>
                          )}
                          <IconChevronRight size={16} style={{ opacity: 0.4 }} />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              )}
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {mayCreate && <CreateRoleModal opened={creating} onClose={() => setCreating(false)} roles={items} />}
    </>
  );
}
