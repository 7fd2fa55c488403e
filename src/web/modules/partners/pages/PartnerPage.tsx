import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Button, Group, Skeleton, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconPencil, IconRestore, IconTrash } from '@tabler/icons-react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { can } from '../../../../shared/permissions';
import { ApiError, errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { usePhone } from '../../../ui/usePhone';
import { ComposeEmailButton } from '../../mailboxes/components/ComposeEmail';
import type { Partner } from '../api';
import { DeletePartnerDialog } from '../components/DeletePartnerDialog';
import { PartnerFormModal } from '../components/PartnerFormModal';
import { PartnerSubtitle, PartnerSummary } from '../components/PartnerSummary';
import { useArchivePartner, useCurrency, usePartner } from '../hooks';
import { usePartnerTabCounts } from '../tabs/counts';
import { PARTNER_TABS } from '../tabs/partnerTabs';
import { TabCount } from '../tabs/TabCount';
import { PartnerNewMenu } from './PartnerNewMenu';

type Dialog = 'edit' | 'delete' | null;

function Loading() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      <Skeleton height={14} width={90} />
      <Skeleton height={28} width={280} />
      <Skeleton height={14} width={360} maw="100%" />
      <Skeleton height={70} radius="md" mt="sm" />
      <Group grow>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} height={84} radius="md" />
        ))}
      </Group>
      <Skeleton height={220} radius="md" />
    </Stack>
  );
}

/** Edit, Archive, Delete: a labelled button, or on a phone an icon with the same name, so the header fits. */
function HeaderButton({
  phone,
  label,
  icon: Icon,
  color,
  loading,
  onClick,
}: {
  phone: boolean;
  label: string;
  icon: typeof IconPencil;
  color?: string;
  loading?: boolean;
  onClick(): void;
}) {
  if (phone)
    return (
      <Tooltip label={label}>
        <ActionIcon
          variant="default"
          size={30}
          color={color}
          aria-label={label}
          loading={loading}
          onClick={onClick}
        >
          <Icon size={16} />
        </ActionIcon>
      </Tooltip>
    );
  return (
    <Button
      variant="default"
      color={color}
      leftSection={<Icon size={16} />}
      loading={loading}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}

/** One partner: who they are, their figures, and the tabs of PARTNER_TABS (reference §3.1 detail). */
export default function PartnerPage() {
  const { id = '' } = useParams();
  const managing = useLocation().pathname.startsWith('/partners/');
  const navigate = useNavigate();
  const me = useUser();
  const partner = usePartner(id);
  const currency = useCurrency();
  const archive = useArchivePartner();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dialogKey, setDialogKey] = useState(0);
  const phone = usePhone();
  const tabCounts = usePartnerTabCounts(id);

  const tabs = PARTNER_TABS.filter((t) => can(me.permissions, t.permission));
  const tab = tabs.find((t) => t.key === params.get('tab'))?.key ?? tabs[0]?.key ?? null;
  // The tab strip scrolls sideways on narrow screens: bring the open tab into it (sideways only, so opening
  // ?tab=leads does not jump the page down to the tabs).
  const tabList = useRef<HTMLDivElement>(null);
  const loaded = partner.isSuccess;
  useEffect(() => {
    const list = tabList.current;
    const active = list?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!list || !active) return;
    const box = list.getBoundingClientRect();
    const at = active.getBoundingClientRect();
    if (at.left < box.left || at.right > box.right) list.scrollLeft += at.left - box.left - 16;
  }, [tab, loaded]);
  const showTab = (key: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', key);
        return next;
      },
      { replace: false },
    );
  const open = (d: Dialog) => {
    setDialogKey((k) => k + 1);
    setDialog(d);
  };

  // Opened from partner management (/partners/:id) or the partnerships directory: back to where it came from.
  const back = { to: managing ? '/partners' : '/partnerships/partners', label: 'Partners' };
  if (partner.isPending) return <Loading />;
  if (partner.isError) {
    const missing = partner.error instanceof ApiError && partner.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? 'Partner not found' : 'Partner'} back={back} />
        {missing ? (
          <Empty
            title="This partner does not exist"
            description="It may have been deleted, or it is private to another team."
            action={
              <Button component={Link} to="/partnerships/partners" variant="light">
                Back to partners
              </Button>
            }
          />
        ) : (
          <ErrorAlert error={partner.error} onRetry={() => void partner.refetch()} />
        )}
      </>
    );
  }
  const p: Partner = partner.data;
  const mayEdit = can(me.permissions, 'partners.edit');

  const toggleArchive = () => {
    const run = () =>
      archive.mutate(
        { id: p.id, archived: !p.archivedAt },
        {
          onSuccess: (s) =>
            notifications.show({ message: `${s.name} is ${s.archivedAt ? 'archived' : 'restored'}.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) }),
        },
      );
    if (p.archivedAt) return run();
    modals.openConfirmModal({
      title: `Archive ${p.name}?`,
      children: (
        <Text size="sm">
          It leaves the directory (unless “Include archived” is on). Its involvements still count in the
          overview, and you can restore it at any time.
        </Text>
      ),
      labels: { confirm: 'Archive', cancel: 'Cancel' },
      confirmProps: { color: 'orange' },
      onConfirm: run,
    });
  };

  return (
    <>
      <PageHeader
        back={back}
        title={p.name}
        description={<PartnerSubtitle partner={p} />}
        actions={
          <>
            <PartnerNewMenu partner={p} compact={phone} onSaved={showTab} />
            {can(me.permissions, 'communications.create') && (
              <ComposeEmailButton partnerId={p.id} compact={phone} />
            )}
            {mayEdit && (
              <HeaderButton phone={phone} label="Edit" icon={IconPencil} onClick={() => open('edit')} />
            )}
            {mayEdit && (
              <HeaderButton
                phone={phone}
                label={p.archivedAt ? 'Restore' : 'Archive'}
                icon={p.archivedAt ? IconRestore : IconArchive}
                onClick={toggleArchive}
                loading={archive.isPending}
              />
            )}
            {can(me.permissions, 'partners.delete') && (
              <HeaderButton
                phone={phone}
                label="Delete"
                icon={IconTrash}
                color="red"
                onClick={() => open('delete')}
              />
            )}
          </>
        }
      />
      <PartnerSummary partner={p} currency={currency} />
      {tab && (
        <Tabs value={tab} onChange={(v) => v && showTab(v)} keepMounted={false}>
          <Tabs.List
            ref={tabList}
            mb="md"
            style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}
          >
            {tabs.map((t) => (
              <Tabs.Tab
                key={t.key}
                value={t.key}
                leftSection={<t.icon size={16} />}
                rightSection={<TabCount tab={t} counts={tabCounts.data} />}
                style={{ flexShrink: 0 }}
              >
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {tabs.map((t) => (
            <Tabs.Panel key={t.key} value={t.key}>
              <t.Panel partner={p} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}

      {dialog === 'delete' && (
        <DeletePartnerDialog
          key={dialogKey}
          partner={p}
          opened
          onClose={() => setDialog(null)}
          onDeleted={() => void navigate(back.to)}
        />
      )}
      {dialog === 'edit' && (
        <PartnerFormModal key={dialogKey} partner={p} opened onClose={() => setDialog(null)} />
      )}
    </>
  );
}
