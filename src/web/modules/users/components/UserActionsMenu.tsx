import { ActionIcon, Menu } from '@mantine/core';
import {
  IconDots,
  IconHistory,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconRestore,
  IconTrash,
} from '@tabler/icons-react';
import type { User } from '../api';

export interface UserActions {
  edit?: (u: User) => void;
  history: (u: User) => void;
  toggleActive?: (u: User) => void;
  remove?: (u: User) => void;
  restore?: (u: User) => void;
  /** The signed-in user: they cannot deactivate or delete themselves. */
  selfId: string;
}

/** The "…" menu of one user row: only the actions the role allows and the record's state permits. */
export function UserActionsMenu({ user: u, actions: a }: { user: User; actions: UserActions }) {
  const live = !u.deletedAt;
  const self = u.id === a.selfId;
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={200}>
      <Menu.Target>
        <ActionIcon aria-label={`Actions for ${u.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {a.edit && live && (
          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => a.edit?.(u)}>
            Edit
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconHistory size={16} />} onClick={() => a.history(u)}>
          History
        </Menu.Item>
        {a.toggleActive && live && !self && (
          <Menu.Item
            leftSection={u.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
            onClick={() => a.toggleActive?.(u)}
          >
            {u.active ? 'Deactivate' : 'Activate'}
          </Menu.Item>
        )}
        {a.remove && live && !self && (
          <>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => a.remove?.(u)}>
              Delete
            </Menu.Item>
          </>
        )}
        {a.restore && !live && (
          <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => a.restore?.(u)}>
            Restore
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
