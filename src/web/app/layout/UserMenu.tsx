import {
  Avatar,
  Group,
  Menu,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
  useMantineColorScheme,
} from '@mantine/core';
import { IconChevronDown, IconDeviceDesktop, IconLogout, IconMoon, IconSun } from '@tabler/icons-react';
import { Link } from 'react-router';
import { initials } from '../../ui/format';
import { useAuth, useUser } from '../auth';
import { PAGES } from '../pages';
import { useThemeChoice } from '../../modules/me/hooks';
import type { Theme } from '../../modules/me/api';

const ACCOUNT_PAGES = PAGES.filter((p) => p.group === 'account');

export function UserMenu() {
  const user = useUser();
  const { signOut } = useAuth();
  const { colorScheme } = useMantineColorScheme();
  const chooseTheme = useThemeChoice();

  return (
    <Menu position="bottom-end" width={260} shadow="lg" withinPortal closeOnItemClick>
      <Menu.Target>
        <UnstyledButton
          aria-label="Account menu"
          data-testid="user-menu"
          px={4}
          py={2}
          style={{ borderRadius: 8 }}
        >
          <Group gap={8} wrap="nowrap">
            <Avatar color="indigo" radius="xl" size={32}>
              {initials(user.name)}
            </Avatar>
            <Stack gap={0} visibleFrom="md" style={{ lineHeight: 1.1 }}>
              <Text size="sm" fw={600} lineClamp={1} maw={160}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1} maw={160}>
                {user.roleName}
              </Text>
            </Stack>
            <IconChevronDown size={14} style={{ opacity: 0.6 }} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Stack gap={0} px="sm" py={6}>
          <Text size="sm" fw={600}>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {user.email}
          </Text>
        </Stack>
        <Menu.Divider />
        {ACCOUNT_PAGES.map((p) => (
          <Menu.Item key={p.key} component={Link} to={p.path} leftSection={<p.icon size={16} stroke={1.6} />}>
            {p.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>Theme</Menu.Label>
        <Stack px="xs" pb={6}>
          <SegmentedControl
            size="xs"
            fullWidth
            value={colorScheme}
            onChange={(v) => chooseTheme(v as Theme)}
            aria-label="Theme"
            data-testid="theme-switch"
            data={[
              { value: 'light', label: <ThemeLabel icon={<IconSun size={14} />} text="Light" /> },
              { value: 'dark', label: <ThemeLabel icon={<IconMoon size={14} />} text="Dark" /> },
              { value: 'auto', label: <ThemeLabel icon={<IconDeviceDesktop size={14} />} text="System" /> },
            ]}
          />
        </Stack>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} stroke={1.6} />}
          onClick={() => void signOut()}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function ThemeLabel({ icon, text }: { icon: React.ReactNode; text: string }) {
  return (
    <Group gap={4} wrap="nowrap" justify="center">
      {icon}
      <span>{text}</span>
    </Group>
  );
}
