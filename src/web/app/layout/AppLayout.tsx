import { Suspense, useEffect } from 'react';
import { ActionIcon, AppShell, Burger, Group, Kbd, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure, useHotkeys, useOs } from '@mantine/hooks';
import { useSpotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { lazyModal } from '../../ui/lazyModal';
import { PageLoader } from '../../ui/PageLoader';
import { NotificationsBell } from '../../modules/notifications/components/NotificationsBell';
import { useSettings } from '../../modules/settings/hooks';
import { palette, PALETTE_SHORTCUT, paletteStore } from './palette';
import { Logo } from './Logo';
import { SIDEBAR_WIDTH } from '../../ui/usePhone';
import { Sidebar } from './Sidebar';
import { UserMenu } from './UserMenu';
import classes from './AppLayout.module.css';

const loadCommandPalette = () => import('./CommandPalette').then((m) => m.CommandPalette);
const CommandPalette = lazyModal(loadCommandPalette);
/** The palette's code is fetched this long after the shell shows, so the first Ctrl+K opens it at once. */
const PALETTE_PRELOAD_MS = 2500;

/**
 * The palette and the shortcut that opens it. Its own component: it follows the palette's store, which
 * changes on every key moved through the list, and the rest of the shell need not render again with it.
 */
function PaletteHost() {
  const { opened } = useSpotlight(paletteStore);
  useHotkeys([[PALETTE_SHORTCUT, () => palette.open()]], []);
  useEffect(() => {
    const timer = setTimeout(() => void loadCommandPalette(), PALETTE_PRELOAD_MS);
    return () => clearTimeout(timer);
  }, []);
  return <CommandPalette opened={opened} />;
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const settings = useSettings();
  const os = useOs();
  const mod = os === 'macos' || os === 'ios' ? '⌘' : 'Ctrl';
  const { pathname } = useLocation();

  useEffect(() => {
    // Chromium's scrollTo returns a promise now; an effect must not return it.
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: SIDEBAR_WIDTH, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <UnstyledButton component={Link} to="/" aria-label="Accord home">
              <Group gap={8} wrap="nowrap">
                <Logo size={28} />
                <Text fw={750} fz="lg" visibleFrom="xs">
                  Accord
                </Text>
              </Group>
            </UnstyledButton>
            {settings.data && (
              <Text c="dimmed" size="sm" visibleFrom="md" lineClamp={1} className={classes.company}>
                {settings.data.companyName}
              </Text>
            )}
          </Group>
          <Group gap={6} wrap="nowrap">
            <UnstyledButton
              className={classes.search}
              onClick={() => palette.open()}
              visibleFrom="sm"
              data-testid="open-palette"
            >
              <Group gap="xs" wrap="nowrap">
                <IconSearch size={16} stroke={1.6} />
                <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                  Search…
                </Text>
                <Kbd size="xs">{mod} K</Kbd>
              </Group>
            </UnstyledButton>
            <Tooltip label="Search">
              <ActionIcon size="lg" hiddenFrom="sm" onClick={() => palette.open()} aria-label="Search">
                <IconSearch size={20} />
              </ActionIcon>
            </Tooltip>
            <NotificationsBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <Sidebar onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <div className={classes.content}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </div>
      </AppShell.Main>
      <PaletteHost />
    </AppShell>
  );
}
