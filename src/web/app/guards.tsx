import type { ReactNode } from 'react';
import { Center, Loader, Stack, Text } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { can, describePermission, type Permission } from '../../shared/permissions';
import { ErrorAlert } from '../ui/ErrorAlert';
import { NotAllowed } from '../ui/NotAllowed';
import { useAuth, useUser } from './auth';

function FullPageLoader() {
  return (
    <Center h="100dvh">
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text size="sm" c="dimmed">
          Loading Accord…
        </Text>
      </Stack>
    </Center>
  );
}

/** Signed-in pages: waits for the session, sends signed-out visitors to the login page and back afterwards. */
export function RequireSession() {
  const { session, ended, loading, error, refresh } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageLoader />;
  if (error && !session)
    return (
      <Center h="100dvh" p="md">
        <ErrorAlert error={error} title="Accord could not load your session" onRetry={() => void refresh()} />
      </Center>
    );
  if (!session) {
    // After "Sign out" start afresh; otherwise come back here after signing in.
    const next = location.pathname + location.search;
    const to = ended === 'signed-out' || next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace state={{ ended }} />;
  }
  return <Outlet />;
}

/** The login pages: a signed-in visitor goes straight in. */
export function PublicOnly() {
  const { session, loading } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageLoader />;
  if (session) {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
  }
  return <Outlet />;
}

/** A page that needs a permission: without it, a clear "not allowed" page instead of the content. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const user = useUser();
  if (!can(user.permissions, permission))
    return <NotAllowed what={describePermission(permission)} roleName={user.roleName} />;
  return <>{children}</>;
}
