import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useNarrowerThan } from '../../../ui/usePhone';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { ListFooter } from '../../../ui/LoadMore';
import { PageHeader } from '../../../ui/PageHeader';
import { rolesApi } from '../../roles/api';
import type { User } from '../api';
import type { UserActions } from '../components/UserActionsMenu';
import { UserFormModal } from '../components/UserFormModal';
import { UserHistoryDrawer } from '../components/UserHistoryDrawer';
import { UserRows } from '../components/UserRows';
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
  // Rows as cards until the content has room for all the table's columns: at 820 px the table squeezed each
  // role to its first letter, and at 1100 px its row menus were scrolled out of sight.
  const compact = useNarrowerThan(900);

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
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: rolesApi.list,
    enabled: can(me.permissions, 'roles.view'),
  });
  const departments = useDepartments();
  const save = useSaveUser();
  const remove = useDeleteUser();
  const restore = useRestoreUser();

  const users = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || roleId || departmentId || active);

  const clearFilters = () => {
    setSearch('');
    setRoleId(null);
    setDepartmentId(null);
    setActive(null);
    if (urlQ) {
      setSeenUrlQ('');
      setParams({}, { replace: true });
    }
  };

  const openForm = (u: User | null) => {
    setEditing(u);
    setFormKey((k) => k + 1);
    setFormOpen(true);
  };

  const setActiveState = (u: User) =>
    save.mutate(
      { id: u.id, version: u.version, input: { active: !u.active } },
      {
        onSuccess: (s) =>
          notifications.show({ message: `${s.name} is ${s.active ? 'active again' : 'deactivated'}.` }),
        onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) }),
      },
    );

  const actions: UserActions = {
    selfId: me.id,
    history: setHistoryOf,
    edit: mayEdit ? openForm : undefined,
    toggleActive: mayEdit
      ? (u) =>
          u.active
            ? modals.openConfirmModal({
                title: `Deactivate ${u.name}?`,
                children: (
                  <Text size="sm">
                    They cannot sign in until someone activates them again. Their records stay.
                  </Text>
                ),
                labels: { confirm: 'Deactivate', cancel: 'Cancel' },
                confirmProps: { color: 'orange' },
                onConfirm: () => setActiveState(u),
              })
            : setActiveState(u)
      : undefined,
    remove: mayDelete
      ? (u) =>
          modals.openConfirmModal({
            title: `Delete ${u.name}?`,
            children: (
              <Text size="sm">
                They can no longer sign in and disappear from lists. You can restore them from “Show deleted”.
              </Text>
            ),
            labels: { confirm: 'Delete user', cancel: 'Cancel' },
            confirmProps: { color: 'red' },
            onConfirm: () =>
              remove.mutate(u.id, {
                onSuccess: () => notifications.show({ message: `${u.name} is deleted.` }),
                onError: (e) =>
                  notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
              }),
          })
      : undefined,
    restore: mayDelete
      ? (u) =>
          restore.mutate(u.id, {
            onSuccess: () => notifications.show({ color: 'teal', message: `${u.name} is restored.` }),
            onError: (e) =>
              notifications.show({ color: 'red', title: 'Not restored', message: errorMessage(e) }),
          })
      : undefined,
  };

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
        <Stack gap="sm" p="md">
          <Group gap="sm" wrap="wrap">
            <TextInput
              placeholder="Search name or email"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                if (urlQ) {
                  // Typing takes over from the search the palette put in the address.
                  setSeenUrlQ('');
                  setParams({}, { replace: true });
                }
              }}
              style={{ flex: '3 1 240px' }}
              aria-label="Search users"
            />
            {roles.data && (
              <Select
                placeholder="Any role"
                data={roles.data.items.map((r) => ({ value: r.id, label: r.name }))}
                value={roleId}
                onChange={setRoleId}
                clearable
                style={{ flex: '1 1 160px' }}
                aria-label="Filter by role"
              />
            )}
            <Select
              placeholder="Any department"
              data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={departmentId}
              onChange={setDepartmentId}
              clearable
              style={{ flex: '1 1 160px' }}
              aria-label="Filter by department"
            />
            <Select
              placeholder="Any status"
              data={[
                { value: 'true', label: 'Active' },
                { value: 'false', label: 'Inactive' },
              ]}
              value={active}
              onChange={setActive}
              clearable
              style={{ flex: '1 1 130px' }}
              aria-label="Filter by status"
            />
          </Group>
          <Group justify="space-between" gap="sm">
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed">
                Sort
              </Text>
              <Select
                data={SORTS}
                value={sort}
                onChange={(v) => setSort(v ?? 'name')}
                allowDeselect={false}
                size="xs"
                w={150}
                aria-label="Sort"
              />
            </Group>
            {mayDelete && (
              <Switch
                label="Show deleted"
                checked={deleted}
                onChange={(e) => setDeleted(e.currentTarget.checked)}
              />
            )}
          </Group>
        </Stack>
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
                <Button variant="light" onClick={clearFilters}>
                  Clear filters
                </Button>
              )
            }
          />
        ) : (
          <UserRows
            users={users}
            loading={list.isPending}
            dimmed={list.isPlaceholderData}
            actions={actions}
            compact={compact}
          />
        )}
        {users.length > 0 && <ListFooter query={list} shown={users.length} noun="user" />}
      </Card>
      {formOpen && (
        <UserFormModal key={formKey} user={editing} opened={formOpen} onClose={() => setFormOpen(false)} />
      )}
      <UserHistoryDrawer user={historyOf} onClose={() => setHistoryOf(null)} />
    </>
  );
}
