import {
  ActionIcon,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useEffect } from 'react';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconBellCheck, IconChecks } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../../shared/notifications.schema';
import { useAuth } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatRelative } from '../../../ui/format';
import { useMarkAllRead, useMarkRead, useNotifications } from '../hooks';
import classes from './NotificationsBell.module.css';

export function NotificationsBell() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const q = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const unread = q.data?.unread ?? 0;

  // A new role means new permissions: reload the session so the sidebar and pages follow at once.
  const { refresh } = useAuth();
  const roleChange = q.data?.items.find((n) => n.kind === 'role_changed' && !n.readAt)?.id;
  useEffect(() => {
    if (roleChange) void refresh();
  }, [roleChange, refresh]);

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) {
      close();
      void navigate(n.link);
    }
  };

  return (
    <Popover
      opened={opened}
      onChange={(o) => (o ? undefined : close())}
      width={360}
      position="bottom-end"
      shadow="lg"
      withinPortal
    >
      <Popover.Target>
        <Tooltip label="Notifications" disabled={opened}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={16}
            offset={6}
            disabled={unread === 0}
            color="red"
            inline
          >
            <ActionIcon
              size="lg"
              onClick={toggle}
              aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
              data-testid="notifications-bell"
            >
              <IconBell size={20} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="md" py="sm">
          <Text fw={600}>Notifications</Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconChecks size={14} />}
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </Button>
        </Group>
        <Divider />
        {q.isPending ? (
          <Stack p="md" gap="sm">
            <Skeleton height={12} width="70%" />
            <Skeleton height={10} width="90%" />
            <Skeleton height={12} width="60%" />
          </Stack>
        ) : q.isError ? (
          <Box p="md">
            <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
          </Box>
        ) : q.data.items.length === 0 ? (
          <Empty
            title="You are all caught up"
            description="New notifications will appear here."
            icon={<IconBellCheck size={22} />}
          />
        ) : (
          <ScrollArea.Autosize mah={400}>
            {q.data.items.map((n) => (
              <UnstyledButton
                key={n.id}
                className={classes.item}
                data-unread={!n.readAt || undefined}
                onClick={() => open(n)}
              >
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <Box className={classes.dot} />
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={n.readAt ? 400 : 600} lineClamp={2}>
                      {n.title}
                    </Text>
                    {n.body && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {n.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed" title={formatDateTime(n.createdAt)}>
                      {formatRelative(n.createdAt)}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
            ))}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
