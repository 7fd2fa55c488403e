import { Avatar, Badge, Group, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { formatDateTime, formatRelative, initials } from '../../../ui/format';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import type { User } from '../api';
import { UserActionsMenu, type UserActions } from './UserActionsMenu';
import classes from './UserRows.module.css';

function StatusBadges({ u }: { u: User }) {
  return (
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
  );
}

function LastSignIn({ at }: { at: string | null }) {
  if (!at)
    return (
      <Text size="sm" c="dimmed">
        Never
      </Text>
    );
  return (
    <Tooltip label={formatDateTime(at)}>
      <Text size="sm" w="fit-content">
        {formatRelative(at)}
      </Text>
    </Tooltip>
  );
}

function Person({ u }: { u: User }) {
  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
      <Avatar size={34} radius="xl" color={u.active && !u.deletedAt ? 'indigo' : 'gray'}>
        {initials(u.name)}
      </Avatar>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} truncate="end">
          {u.name}
        </Text>
        <Text size="xs" c="dimmed" truncate="end">
          {u.email}
        </Text>
      </Stack>
    </Group>
  );
}

interface Props {
  users: User[];
  loading: boolean;
  dimmed: boolean;
  actions: UserActions;
  /** Phone layout: one card-like row per user instead of table columns. */
  compact: boolean;
}

export function UserRows({ users, loading, dimmed, actions, compact }: Props) {
  if (compact)
    return (
      <Stack gap={0} data-testid="users-table" style={{ opacity: dimmed ? 0.6 : 1 }}>
        {loading
          ? [0, 1, 2, 3, 4].map((i) => (
              <Group key={i} className={classes.item} gap="sm" wrap="nowrap">
                <Skeleton circle height={34} />
                <Stack gap={6} style={{ flex: 1 }}>
                  <Skeleton height={12} width="50%" />
                  <Skeleton height={10} width="70%" />
                </Stack>
              </Group>
            ))
          : users.map((u) => (
              <div key={u.id} className={classes.item}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Person u={u} />
                  <UserActionsMenu user={u} actions={actions} />
                </Group>
                <Group gap={6} mt={8} pl={46}>
                  <Badge color="indigo">{u.roleName}</Badge>
                  {u.departmentName && (
                    <Badge color="gray" variant="outline">
                      {u.departmentName}
                    </Badge>
                  )}
                  <StatusBadges u={u} />
                </Group>
              </div>
            ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover data-testid="users-table" style={{ opacity: dimmed ? 0.6 : 1 }}>
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
        {loading ? (
          <TableSkeleton cols={6} />
        ) : (
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td maw={340}>
                  <Person u={u} />
                </Table.Td>
                <Table.Td>
                  <Badge color="indigo">{u.roleName}</Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={u.departmentName ? undefined : 'dimmed'}>
                    {u.departmentName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadges u={u} />
                </Table.Td>
                <Table.Td>
                  <LastSignIn at={u.lastLoginAt} />
                </Table.Td>
                <Table.Td>
                  <UserActionsMenu user={u} actions={actions} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
