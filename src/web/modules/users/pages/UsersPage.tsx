import { useState } from 'react';
import {
  ActionIcon,
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconHistory,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
  IconRestore,
  IconSearch,
  IconShieldLock,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatRelative, initials, plural } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { rolesApi } from '../../roles/api';
import type { User } from '../api';
import { UserFormModal } from '../components/UserFormModal';
import { UserHistoryDrawer } from '../components/UserHistoryDrawer';
import { useDeleteUser, useDepartments, useRestoreUser, useSaveUser, useUserList } from '../hooks';

const SORTS = [
  { value: 'name', label: 'Name, A–Z' },
  { value: '-name', label: 'Name, Z–A' },
  { value: 'email', label: 'Email, A–Z' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
];

export default function UsersPage() {
  const me = useUser();
  const mayCreate = can(me.permissions, 'users.create');
  const mayEdit = can(me.permissions, 'users.edit');
  const mayDelete = can(me.permissions, 'users.delete');

  const [params, setParams] = useSearchParams();
  const urlQ = params.get('q') ?? '';
  const [search, setSearch] = useState(urlQ);
  const [seenUrlQ, setSeenUrlQ] = useState(urlQ);
  if (urlQ !== seenUrlQ) {
    // The command palette sent us here with a new search: follow it.
    setSeenUrlQ(urlQ);
    setSearch(urlQ);
  }
  const [q] = useDebouncedValue(search.trim(), 300);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [sort, setSort] = useState('name');
  const [deleted, setDeleted] = useState(false);

  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [historyOf, setHistoryOf] = useState<User | null>(null);

  const list = useUserList({
    q,
    roleId,
    departmentId,
    active: active as 'true' | 'false' | null,
    deleted,
    sort,
  });
  const roles = useQuery({ queryKey: ['roles'], queryFn: rolesApi.list, enabled: can(me.permissions, 'roles.view') });
  const departments = useDepartments();
  const save = useSaveUser();
  const remove = useDeleteUser();
  const restore = useRestoreUser();

  const users = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || roleId || departmentId || active);

  const openForm = (u: User | null) => {
    setEditing(u);
    setFormKey((k) => k + 1);
    setFormOpen(true);
  };

  const toggleActive = (u: User) => {
    const go = () =>
      save.mutate(
        { id: u.id, version: u.version, input: { active: !u.active } },
        {
          onSuccess: (s) => notifications.show({ message: `${s.name} is ${s.active ? 'active again' : 'deactivated'}.` }),
          onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) }),
        },
      );
    if (!u.active) return go();
    modals.openConfirmModal({
      title: `Deactivate ${u.name}?`,
      children: <Text size="sm">They will not be able to sign in until someone activates them again. Their records stay.</Text>,
      labels: { confirm: 'Deactivate', cancel: 'Cancel' },
      confirmProps: { color: 'orange' },
      onConfirm: go,
    });
  };

  const confirmDelete = (u: User) =>
    modals.openConfirmModal({
      title: `Delete ${u.name}?`,
      children: (
        <Text size="sm">
          They can no longer sign in and disappear from lists. You can restore them later from “Show deleted”.
        </Text>
      ),
      labels: { confirm: 'Delete user', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(u.id, {
          onSuccess: () => notifications.show({ message: `${u.name} is deleted.` }),
          onError: (e) => notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  const doRestore = (u: User) =>
    restore.mutate(u.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: `${u.name} is restored.` }),
      onError: (e) => notifications.show({ color: 'red', title: 'Not restored', message: errorMessage(e) }),
    });

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to Accord, with their role and department."
        actions={
          mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)}>
              New user
            </Button>
          )
        }
      />
      <Card radius="lg" p={0}>
        <Group p="md" gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            placeholder="Search name or email"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: '2 1 220px' }}
            aria-label="Search users"
          />
          {roles.data && (
            <Select
              placeholder="All roles"
              data={roles.data.items.map((r) => ({ value: r.id, label: r.name }))}
              value={roleId}
              onChange={setRoleId}
              clearable
              style={{ flex: '1 1 150px' }}
              aria-label="Filter by role"
            />
          )}
          <Select
            placeholder="All departments"
            data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={departmentId}
            onChange={setDepartmentId}
            clearable
            style={{ flex: '1 1 150px' }}
            aria-label="Filter by department"
          />
          <Select
            placeholder="Active and inactive"
            data={[
              { value: 'true', label: 'Active only' },
              { value: 'false', label: 'Inactive only' },
            ]}
            value={active}
            onChange={setActive}
            clearable
            style={{ flex: '1 1 150px' }}
            aria-label="Filter by status"
          />
          <Select
            data={SORTS}
            value={sort}
            onChange={(v) => setSort(v ?? 'name')}
            allowDeselect={false}
            style={{ flex: '1 1 140px' }}
            aria-label="Sort"
          />
          {mayDelete && (
            <Switch
              label="Show deleted"
              checked={deleted}
              onChange={(e) => setDeleted(e.currentTarget.checked)}
              style={{ alignSelf: 'center' }}
            />
          )}
        </Group>
        {list.isError ? (
          <Stack p="md" pt={0}>
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </Stack>
        ) : !list.isPending && users.length === 0 ? (
          <Empty
            icon={<IconUsers size={22} />}
            title={deleted ? 'No deleted users' : filtered ? 'No users match' : 'No users yet'}
            description={
              deleted
                ? 'Deleted users appear here so you can restore them.'
                : filtered
                  ? 'Try another search or clear the filters.'
                  : 'Create the first user to let your team in.'
            }
            action={
              filtered && (
                <Button
                  variant="light"
                  onClick={() => {
                    setSearch('');
                    setRoleId(null);
                    setDepartmentId(null);
                    setActive(null);
                    if (urlQ) setParams({}, { replace: true });
                  }}
                >
                  Clear filters
                </Button>
              )
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={780}>
            <Table highlightOnHover data-testid="users-table" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>User</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Department</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last sign-in</Table.Th>
                  <Table.Th w={52} />
                </Table.Tr>
              </Table.Thead>
              {list.isPending ? (
                <TableSkeleton cols={6} />
              ) : (
                <Table.Tbody>
                  {users.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>
                        <Group gap="sm" wrap="nowrap">
                          <Avatar size={34} radius="xl" color={u.active && !u.deletedAt ? 'indigo' : 'gray'}>
                            {initials(u.name)}
                          </Avatar>
                          <Stack gap={0} style={{ minWidth: 0 }}>
                            <Text size="sm" fw={600} lineClamp={1}>
                              {u.name}
                            </Text>
                            <Text size="xs" c="dimmed" lineClamp={1}>
                              {u.email}
                            </Text>
                          </Stack>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color="indigo">
                          {u.roleName}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={u.departmentName ? undefined : 'dimmed'}>
                          {u.departmentName ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          {u.deletedAt ? (
                            <Badge color="red">Deleted</Badge>
                          ) : u.active ? (
                            <Badge color="teal">Active</Badge>
                          ) : (
                            <Badge color="gray">Inactive</Badge>
                          )}
                          {u.twoFactorEnabled && (
                            <Tooltip label="Two-factor sign-in is on">
                              <IconShieldLock size={16} color="var(--mantine-color-teal-6)" aria-label="Two-factor on" />
                            </Tooltip>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {u.lastLoginAt ? (
                          <Tooltip label={formatDateTime(u.lastLoginAt)}>
                            <Text size="sm">{formatRelative(u.lastLoginAt)}</Text>
                          </Tooltip>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Never
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Menu position="bottom-end" withinPortal shadow="md" width={200}>
                          <Menu.Target>
                            <ActionIcon aria-label={`Actions for ${u.name}`}>
                              <IconDots size={18} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            {mayEdit && !u.deletedAt && (
                              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => openForm(u)}>
                                Edit
                              </Menu.Item>
                            )}
                            <Menu.Item leftSection={<IconHistory size={16} />} onClick={() => setHistoryOf(u)}>
                              History
                            </Menu.Item>
                            {mayEdit && !u.deletedAt && u.id !== me.id && (
                              <Menu.Item
                                leftSection={u.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                                onClick={() => toggleActive(u)}
                              >
                                {u.active ? 'Deactivate' : 'Activate'}
                              </Menu.Item>
                            )}
                            {mayDelete && !u.deletedAt && u.id !== me.id && (
                              <>
                                <Menu.Divider />
                                <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => confirmDelete(u)}>
                                  Delete
                                </Menu.Item>
                              </>
                            )}
                            {mayDelete && u.deletedAt && (
                              <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => doRestore(u)}>
                                Restore
                              </Menu.Item>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              )}
            </Table>
          </Table.ScrollContainer>
        )}
        {users.length > 0 && (
          <Group justify="space-between" p="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            <Text size="sm" c="dimmed">
              Showing {plural(users.length, 'user')}
              {list.hasNextPage ? '' : ' — all loaded'}
            </Text>
            {list.hasNextPage && (
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            )}
          </Group>
        )}
      </Card>
      {formOpen && <UserFormModal key={formKey} user={editing} opened={formOpen} onClose={() => setFormOpen(false)} />}
      <UserHistoryDrawer user={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
