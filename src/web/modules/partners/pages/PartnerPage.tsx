import { useState } from 'react';
import { Button, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconCalendarPlus,
  IconFilePlus,
  IconMessagePlus,
  IconPencil,
  IconRestore,
  IconTrash,
} from '@tabler/icons-react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { can } from '../../../../shared/permissions';
import { ApiError, errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { ComposeEmailButton } from '../../mailboxes/components/ComposeEmail';
import { LogCommunicationModal } from '../../communications/components/LogCommunicationModal';
import { DocumentFormModal } from '../../documents/components/DocumentFormModal';
import { LinkFormModal } from '../../links/components/LinkFormModal';
import type { Partner } from '../api';
import { DeletePartnerDialog } from '../components/DeletePartnerDialog';
import { PartnerFormModal } from '../components/PartnerFormModal';
import { PartnerSubtitle, PartnerSummary } from '../components/PartnerSummary';
import { useArchivePartner, useCurrency, usePartner } from '../hooks';
import { usePartnerTabCounts } from '../tabs/counts';
import { PartnerCreateButtons } from '../tabs/PartnerCreateButtons';
import { PARTNER_TABS } from '../tabs/partnerTabs';
import { TabCount } from '../tabs/TabCount';

type Dialog = 'edit' | 'delete' | 'link' | 'document' | 'communication' | null;

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
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const tabCounts = usePartnerTabCounts(id);

  const tabs = PARTNER_TABS.filter((t) => can(me.permissions, t.permission));
  const tab = tabs.find((t) => t.key === params.get('tab'))?.key ?? tabs[0]?.key ?? null;
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
            {mayEdit && (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => open('edit')}>
                Edit
              </Button>
            )}
            {mayEdit && (
              <Button
                variant="default"
                leftSection={p.archivedAt ? <IconRestore size={16} /> : <IconArchive size={16} />}
                onClick={toggleArchive}
                loading={archive.isPending}
              >
                {p.archivedAt ? 'Restore' : 'Archive'}
              </Button>
            )}
            {can(me.permissions, 'partners.delete') && (
              <Button
                variant="default"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => open('delete')}
              >
                Delete
              </Button>
            )}
          </>
        }
      />
      <Group gap="xs" mb="md" wrap="wrap">
        <PartnerCreateButtons partner={p} compact={phone} onSaved={showTab} />
        {can(me.permissions, 'links.create') && (
          <Button
            variant="light"
            size={phone ? 'xs' : 'sm'}
            leftSection={<IconCalendarPlus size={16} />}
            onClick={() => open('link')}
            aria-label="Add event involvement"
          >
            {phone ? 'Involvement' : 'Add event involvement'}
          </Button>
        )}
        {can(me.permissions, 'documents.create') && (
          <Button
            variant="light"
            size={phone ? 'xs' : 'sm'}
            leftSection={<IconFilePlus size={16} />}
            onClick={() => open('document')}
            aria-label="Add document"
          >
            {phone ? 'Document' : 'Add document'}
          </Button>
        )}
        {can(me.permissions, 'communications.create') && (
          <Button
            variant="light"
            size={phone ? 'xs' : 'sm'}
            leftSection={<IconMessagePlus size={16} />}
            onClick={() => open('communication')}
            aria-label="Log communication"
          >
            {phone ? 'Communication' : 'Log communication'}
          </Button>
        )}
        {can(me.permissions, 'communications.create') && (
          <ComposeEmailButton partnerId={p.id} compact={phone} />
        )}
      </Group>
      <PartnerSummary partner={p} currency={currency} />
      {tab && (
        <Tabs value={tab} onChange={(v) => v && showTab(v)} keepMounted={false}>
          <Tabs.List mb="md" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
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
      {dialog === 'link' && (
        <LinkFormModal
          key={dialogKey}
          opened
          onClose={() => setDialog(null)}
          mode="create"
          partnerId={p.id}
          onSaved={() => showTab('involvements')}
        />
      )}
      {dialog === 'document' && (
        <DocumentFormModal
          key={dialogKey}
          partnerId={p.id}
          document={null}
          opened
          onClose={() => setDialog(null)}
          onSaved={() => showTab('documents')}
        />
      )}
      {dialog === 'communication' && (
        <LogCommunicationModal
          key={dialogKey}
          opened
          onClose={() => setDialog(null)}
          partnerId={p.id}
          onSaved={() => showTab('communications')}
        />
      )}
    </>
  );
}
