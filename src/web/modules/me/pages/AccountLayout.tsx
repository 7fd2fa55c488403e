import { ScrollArea, Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PAGES } from '../../../app/pages';
import { PageHeader } from '../../../ui/PageHeader';

const TABS = PAGES.filter((p) => p.group === 'account');

export default function AccountLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = TABS.find((t) => pathname.startsWith(t.path))?.path ?? TABS[0]!.path;
  return (
    <>
      <PageHeader
        title="Your account"
        description="Your profile, password, two-factor sign-in and API tokens."
      />
      <ScrollArea type="never" mb="lg">
        <Tabs value={current} onChange={(v) => v && void navigate(v)} keepMounted={false}>
          <Tabs.List>
            {TABS.map((t) => (
              <Tabs.Tab key={t.key} value={t.path} leftSection={<t.icon size={16} stroke={1.6} />}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </ScrollArea>
      <Outlet />
    </>
  );
}
