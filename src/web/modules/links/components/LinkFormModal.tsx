/**
 * Create or edit a partner–event link (reference §3.3): from the event page ("Add partner"), the partner
 * page ("Add event involvement") or a card. Partner and event are fixed once the link exists.
 */
import { useState } from 'react';
import { Anchor, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconHistory, IconPencil } from '@tabler/icons-react';
import { Link as RouterLink } from 'react-router';
import type { Link } from '../../../../shared/links.schema';
import { HistoryPanel } from '../../../ui/history/HistoryPanel';
import { useEventList } from '../../events/hooks';
import { useLinkValueResolver } from '../history';
import { useOwnerOptions } from '../hooks';
import { LinkForm } from './LinkForm';

export interface LinkFormModalProps {
  opened: boolean;
  onClose(): void;
  mode: 'create' | 'edit';
  partnerId?: string;
  eventId?: string;
  link?: Link;
  onSaved?(link: Link): void;
}

function LinkHistory({ link }: { link: Link }) {
  const owners = useOwnerOptions({ id: link.ownerId, name: link.ownerName });
  const event = useEventList().data?.items.find((e) => e.id === link.eventId);
  const resolve = useLinkValueResolver(link, { owners, tiers: event?.tiers });
  return <HistoryPanel entity="link" entityId={link.id} resolve={resolve} />;
}

export function LinkFormModal({
  opened,
  onClose,
  mode,
  partnerId,
  eventId,
  link,
  onSaved,
}: LinkFormModalProps) {
  // A fresh form each time the modal opens; a 409 "already linked" can switch it to the existing link.
  const phone = useMediaQuery('(max-width: 30em)');
  const [session, setSession] = useState(0);
  const [wasOpened, setWasOpened] = useState(opened);
  const [existing, setExisting] = useState<Link | null>(null);
  const [tab, setTab] = useState<string | null>('details');
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setSession((s) => s + 1);
      setExisting(null);
      setTab('details');
    }
  }
  const editing = existing ?? (mode === 'edit' ? (link ?? null) : null);
  const events = useEventList();
  const fixedEvent = events.data?.items.find((e) => e.id === eventId);

  const title = editing ? (
    <Stack gap={0} component="span">
      <Anchor
        component={RouterLink}
        to={`/partnerships/partners/${editing.organizationId}`}
        onClick={onClose}
        fw={650}
        c="inherit"
      >
        {editing.partnerName}
      </Anchor>
      <Anchor
        component={RouterLink}
        to={`/partnerships/events/${editing.eventId}`}
        onClick={onClose}
        size="sm"
        c="dimmed"
      >
        {editing.eventName} ({editing.eventYear})
      </Anchor>
    </Stack>
  ) : (
    <Text component="span" fw={650}>
      {eventId
        ? `Add a partner to ${fixedEvent?.name ?? 'this event'}`
        : partnerId
          ? 'Add an event involvement'
          : 'New partner–event link'}
    </Text>
  );

  const form = (
    <LinkForm
      key={`${session}:${editing ? `${editing.id}:${editing.version}` : 'new'}`}
      link={editing}
      partnerId={partnerId}
      eventId={eventId}
      onCancel={onClose}
      onOpenExisting={setExisting}
      onSaved={(saved) => {
        onSaved?.(saved);
        onClose();
      }}
    />
  );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
      fullScreen={phone}
      data-testid="link-form-modal"
    >
      {editing ? (
        <Tabs value={tab} onChange={setTab}>
          <Tabs.List mb="md">
            <Tabs.Tab value="details" leftSection={<IconPencil size={14} />}>
              Details
            </Tabs.Tab>
            <Tabs.Tab value="history" leftSection={<IconHistory size={14} />}>
              History
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">{form}</Tabs.Panel>
          <Tabs.Panel value="history">{tab === 'history' && <LinkHistory link={editing} />}</Tabs.Panel>
        </Tabs>
      ) : (
        form
      )}
    </Modal>
  );
}
