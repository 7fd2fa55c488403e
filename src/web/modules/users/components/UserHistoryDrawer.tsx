import { Drawer, Stack, Text } from '@mantine/core';
import { HistoryPanel } from '../../../ui/history/HistoryPanel';
import type { User } from '../api';
import { useUserValueResolver } from '../hooks';

export function UserHistoryDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  const resolve = useUserValueResolver();
  return (
    <Drawer
      opened={user !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={
        user && (
          <Stack gap={0}>
            <Text fw={600}>History of {user.name}</Text>
            <Text size="xs" c="dimmed">
              Every change to this user, newest first
            </Text>
          </Stack>
        )
      }
    >
      {user && <HistoryPanel entity="user" entityId={user.id} resolve={resolve} />}
    </Drawer>
  );
}
