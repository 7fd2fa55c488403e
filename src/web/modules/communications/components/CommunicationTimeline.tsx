/** The communications of a partner or an event, newest first, with follow-ups to mark done. */
import { Fragment, useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Skeleton,
  Spoiler,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconCheck,
  IconDots,
  IconMessages,
  IconPencil,
  IconPlus,
  IconRotate,
  IconTrash,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Communication } from '../../../../shared/communications.schema';
import { MailAttachments } from '../../mailboxes/components/MailAttachments';
import { dateInZone } from '../../../../shared/dates';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LoadMore } from '../../../ui/LoadMore';
import { formatDate, formatDateTime, formatRelative, plural } from '../../../ui/format';
import { useSettings } from '../../settings/hooks';
import { channelIcon, channelLabel } from '../channels';
import { useCommunications, useDeleteCommunication, useFollowUpDone } from '../hooks';
import { LogCommunicationModal } from './LogCommunicationModal';

interface Props {
  partnerId?: string;
  eventId?: string;
}

function FollowUp({ c, today, mayEdit }: { c: Communication; today: string; mayEdit: boolean }) {
  const done = useFollowUpDone();
  if (!c.followUpDate) return null;
  const toggle = (value: boolean) =>
    done.mutate(
      { id: c.id, done: value, version: c.version },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: value ? 'Follow-up done: it leaves the action queue.' : 'The follow-up is open again.',
          }),
        onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) }),
      },
    );
  if (c.followUpDoneAt)
    return (
      <Group gap={6}>
        <Tooltip label={`Done ${formatDateTime(c.followUpDoneAt)}`}>
          <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
            Follow-up done · {formatDate(c.followUpDate)}
          </Badge>
        </Tooltip>
        {mayEdit && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconRotate size={12} />}
            loading={done.isPending}
            onClick={() => toggle(false)}
          >
            Reopen
          </Button>
        )}
      </Group>
    );
  const overdue = c.followUpDate < today;
  return (
    <Group gap={6}>
      <Badge color={overdue ? 'red' : c.followUpDate === today ? 'orange' : 'blue'} variant="light">
        Follow up {overdue ? 'was due' : 'by'} {formatDate(c.followUpDate)}
        {overdue ? ' · overdue' : c.followUpDate === today ? ' · today' : ''}
      </Badge>
      {mayEdit && (
        <Button
          size="compact-xs"
          variant="light"
          color="teal"
          leftSection={<IconCheck size={12} />}
          loading={done.isPending}
          onClick={() => toggle(true)}
        >
          Mark done
        </Button>
      )}
    </Group>
  );
}

function Entry({
  c,
  showPartner,
  showEvent,
  today,
  onEdit,
}: {
  c: Communication;
  showPartner: boolean;
  showEvent: boolean;
  today: string;
  onEdit?: (c: Communication) => void;
}) {
  const me = useUser();
  const remove = useDeleteCommunication();
  const mayEdit = can(me.permissions, 'communications.edit');
  const mayDelete = can(me.permissions, 'communications.delete');
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: 'Delete this communication?',
      children: (
        <Text size="sm">
          “{c.subject || c.summary.slice(0, 80)}” with {c.organizationName} is removed from the log, with its
          follow-up.
        </Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(c.id, {
          onSuccess: () => notifications.show({ message: 'The communication is deleted.' }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });
  const synced = c.source === 'email_sync';
  const context: ReactNode[] = [];
  if (showPartner)
    context.push(
      <Anchor key="p" component={Link} to={`/partnerships/partners/${c.organizationId}`} inherit fw={600}>
        {c.organizationName}
      </Anchor>,
    );
  if (showEvent && c.eventId && c.eventName)
    context.push(
      <Anchor key="e" component={Link} to={`/partnerships/events/${c.eventId}`} inherit>
        {c.eventName}
        {c.eventYear ? ` (${c.eventYear})` : ''}
      </Anchor>,
    );
  if (c.contactName) context.push(c.contactName);

  return (
    <Stack gap={6} data-testid="communication">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Text fw={600} size="sm">
              {c.subject || channelLabel(c.channel)}
            </Text>
            <Badge size="sm" variant="outline" color={c.direction === 'inbound' ? 'cyan' : 'indigo'}>
              {c.direction === 'inbound' ? '↓ Inbound' : '↑ Outbound'}
            </Badge>
            {synced && (
              <Badge size="sm" color="grape">
                Synced
              </Badge>
            )}
            {c.source === 'mass_email' && (
              <Badge size="sm" color="violet">
                Mass email
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            <Tooltip label={formatDateTime(c.occurredAt)}>
              <span>{formatRelative(c.occurredAt)}</span>
            </Tooltip>
            {' · '}
            {channelLabel(c.channel)}
            {context.map((part, i) => (
              <Fragment key={i}>
                {' · '}
                {part}
              </Fragment>
            ))}
            {c.ownerName && ` · by ${c.ownerName}`}
          </Text>
          {(synced || c.source === 'mass_email') && (c.sender || c.recipientEmail) && (
            <Text size="xs" c="dimmed" truncate="end">
              {c.sender || '—'} → {recipientLabel(c)}
              {c.externalMessageId && ` · ${c.externalMessageId}`}
            </Text>
          )}
          {synced && (
            <Group gap={0}>
              <MailAttachments communicationId={c.id} partnerId={c.organizationId} />
            </Group>
          )}
        </Stack>
        {(mayEdit || mayDelete) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon aria-label={`Actions for ${c.subject || 'communication'}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {mayEdit && onEdit && (
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onEdit(c)}>
                  Edit
                </Menu.Item>
              )}
              {mayDelete && (
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={confirmDelete}>
                  Delete
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Spoiler maxHeight={66} showLabel="Show more" hideLabel="Show less" fz="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {c.summary}
        </Text>
      </Spoiler>
      <FollowUp c={c} today={today} mayEdit={mayEdit} />
    </Stack>
  );
}

/**
 * Where a mail went. Synced inbound mail stores the matched partner address as its recipient (the
 * reference's quirk: that is the sender), so an inbound entry shows the team's inbox instead.
 */
function recipientLabel(c: Pick<Communication, 'direction' | 'sender' | 'recipientEmail'>): string {
  if (c.direction === 'inbound' && (!c.recipientEmail || c.recipientEmail === c.sender)) return 'Team inbox';
  return c.recipientEmail || '—';
}

export function CommunicationTimeline({ partnerId, eventId }: Props) {
  const me = useUser();
  const settings = useSettings();
  const list = useCommunications({ partnerId, eventId });
  // The modal keeps its communication while it closes, so its title does not change mid-animation.
  const [modal, setModal] = useState<{ open: boolean; c?: Communication }>({ open: false });
  const today = dateInZone(new Date(), settings.data?.timeZone ?? 'UTC');
  const mayCreate = can(me.permissions, 'communications.create');

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  if (list.isPending)
    return (
      <Stack gap="lg" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Group key={i} align="flex-start" wrap="nowrap">
            <Skeleton circle height={30} />
            <Stack gap={6} style={{ flex: 1 }}>
              <Skeleton height={12} width="40%" />
              <Skeleton height={10} width="25%" />
              <Skeleton height={10} width="85%" />
            </Stack>
          </Group>
        ))}
      </Stack>
    );
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <>
      {items.length === 0 ? (
        <Empty
          icon={<IconMessages size={22} />}
          title="No communications yet"
          description="Calls, emails and meetings logged here build the relationship's history."
          action={
            mayCreate && (
              <Button
                variant="light"
                leftSection={<IconPlus size={16} />}
                onClick={() => setModal({ open: true })}
              >
                Log the first one
              </Button>
            )
          }
        />
      ) : (
        <Stack gap="md">
          <Timeline bulletSize={30} lineWidth={2} data-testid="communication-timeline">
            {items.map((c) => {
              const Icon = channelIcon(c.channel);
              return (
                <Timeline.Item
                  key={c.id}
                  bullet={
                    <ThemeIcon
                      size={30}
                      radius="xl"
                      variant="light"
                      color={c.direction === 'inbound' ? 'cyan' : 'indigo'}
                    >
                      <Icon size={16} />
                    </ThemeIcon>
                  }
                >
                  <Entry
                    c={c}
                    showPartner={!partnerId}
                    showEvent={!eventId}
                    today={today}
                    onEdit={(c) => setModal({ open: true, c })}
                  />
                </Timeline.Item>
              );
            })}
          </Timeline>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {plural(items.length, 'communication')}
              {list.hasNextPage ? ' shown' : ''}
            </Text>
            <LoadMore query={list} variant="default" size="sm" />
          </Group>
        </Stack>
      )}
      <LogCommunicationModal
        opened={modal.open}
        onClose={() => setModal((m) => ({ ...m, open: false }))}
        partnerId={partnerId}
        eventId={eventId}
        communication={modal.c}
      />
    </>
  );
}
