import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useUser } from '../auth';
import { navSections } from '../pages';

function isActive(pathname: string, path: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

/**
 * The page the sidebar marks: the import wizard of partners, consultants or leads (?kind=) belongs to
 * that list, not to the partnerships Import entry.
 */
export function currentPath(pathname: string, search: string): string {
  if (pathname !== '/partnerships/import') return pathname;
  const kind = new URLSearchParams(search).get('kind');
  return kind === 'partners' || kind === 'consultants' || kind === 'leads' ? `/${kind}` : pathname;
}

export function Sidebar({ onNavigate }: { onNavigate: () => void }) {
  const user = useUser();
  const location = useLocation();
  const pathname = currentPath(location.pathname, location.search);
  const sections = navSections(user);
  return (
    <ScrollArea type="scroll" style={{ flex: 1 }}>
      <Stack gap="md" component="nav" aria-label="Main">
        {sections.map((s) => (
          <Stack key={s.key} gap={2} data-testid={`nav-section-${s.key}`}>
            {s.label && (
              <Text
                size="xs"
                fw={700}
                c="dimmed"
                tt="uppercase"
                px="sm"
                mb={4}
                style={{ letterSpacing: 0.6 }}
              >
                {s.label}
              </Text>
            )}
            {s.pages.map((p) => (
              <NavLink
                key={p.key}
                component={Link}
                to={p.path}
                label={p.label}
                leftSection={<p.icon size={18} stroke={1.6} />}
                active={isActive(pathname, p.path)}
                onClick={onNavigate}
                variant="light"
                style={{ borderRadius: 8 }}
              />
            ))}
          </Stack>
        ))}
      </Stack>
    </ScrollArea>
  );
}
