import {
  Anchor,
  Avatar,
  Badge,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowRight, IconShieldCheck, IconShieldExclamation } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useUser } from '../../../app/auth';
import { AREA_LABELS, openablePages, type PageDef } from '../../../app/pages';
import { initials } from '../../../ui/format';
import classes from './HomePage.module.css';

function greeting(hour: number): string {
  if (hour < 5) return 'Good evening';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function HomePage() {
  const user = useUser();
  const pages = openablePages(user).filter((p) => p.group !== 'home');
  const work = pages.filter((p) => p.group !== 'account');
  const account = pages.filter((p) => p.group === 'account');
  const firstName = user.name.split(/\s+/)[0] ?? user.name;

  return (
    <Stack gap="xl">
      <Card p={{ base: 'lg', sm: 'xl' }} radius="lg" className={classes.welcome} data-testid="welcome-card">
        <Group gap="lg" wrap="nowrap" align="center">
          <Avatar size={64} radius="xl" color="indigo" variant="filled" visibleFrom="xs">
            {initials(user.name)}
          </Avatar>
          <Stack gap={6} style={{ minWidth: 0 }}>
            <Title order={2} fz={{ base: 22, sm: 28 }}>
              {greeting(new Date().getHours())}, {firstName}
            </Title>
            <Group gap="xs">
              <Badge size="lg" variant="light" data-testid="home-role">
                {user.roleName}
              </Badge>
              {user.departmentName && (
                <Badge size="lg" variant="outline" color="gray">
                  {user.departmentName}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              Signed in as {user.email}
            </Text>
          </Stack>
        </Group>
      </Card>

      {work.length > 0 && (
        <Stack gap="sm">
          <Title order={3} fz="lg">
            Quick links
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            {work.map((p) => (
              <QuickLink
                key={p.key}
                page={p}
                caption={
                  p.group in AREA_LABELS ? AREA_LABELS[p.group as keyof typeof AREA_LABELS] : undefined
                }
              />
            ))}
          </SimpleGrid>
        </Stack>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card radius="lg">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon
              size={42}
              radius="md"
              variant="light"
              color={user.twoFactorEnabled ? 'teal' : 'orange'}
            >
              {user.twoFactorEnabled ? <IconShieldCheck size={22} /> : <IconShieldExclamation size={22} />}
            </ThemeIcon>
            <Stack gap={4}>
              <Text fw={600}>Account security</Text>
              <Text size="sm" c="dimmed">
                {user.twoFactorEnabled
                  ? 'Two-factor sign-in is on. A stolen password alone cannot open your account.'
                  : 'Two-factor sign-in is off. Turn it on so a stolen password alone cannot open your account.'}
              </Text>
              <Anchor component={Link} to="/account/two-factor" size="sm">
                {user.twoFactorEnabled ? 'Manage two-factor sign-in' : 'Turn on two-factor sign-in'}
              </Anchor>
            </Stack>
          </Group>
        </Card>
        <Card radius="lg">
          <Stack gap="xs">
            <Text fw={600}>Your account</Text>
            <Group gap="xs">
              {account.map((p) => (
                <Anchor key={p.key} component={Link} to={p.path} size="sm" className={classes.chip}>
                  <Group gap={6} wrap="nowrap">
                    <p.icon size={16} stroke={1.6} />
                    {p.label}
                  </Group>
                </Anchor>
              ))}
            </Group>
            <Text size="xs" c="dimmed" visibleFrom="sm">
              Press Ctrl+K (⌘K on a Mac) anywhere to jump to a page.
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

function QuickLink({ page, caption }: { page: PageDef; caption?: string }) {
  return (
    <UnstyledButton component={Link} to={page.path} className={classes.link}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <ThemeIcon size={38} radius="md" variant="light">
          <page.icon size={20} stroke={1.6} />
        </ThemeIcon>
        <IconArrowRight size={16} className={classes.arrow} />
      </Group>
      <Text fw={600} mt="sm">
        {page.label}
      </Text>
      <Text size="sm" c="dimmed" mt={2}>
        {page.description}
      </Text>
      {caption && (
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="xs" style={{ letterSpacing: 0.5 }}>
          {caption}
        </Text>
      )}
    </UnstyledButton>
  );
}
