/**
 * The root of every route: toasts and modals render here, inside the router, so a toast or a confirm
 * dialog may hold a <Link> (outside the router one throws and blanks the app).
 */
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { Outlet } from 'react-router';

export function RootShell() {
  return (
    <ModalsProvider labels={{ confirm: 'Confirm', cancel: 'Cancel' }}>
      <Notifications position="top-right" limit={4} />
      <Outlet />
    </ModalsProvider>
  );
}
