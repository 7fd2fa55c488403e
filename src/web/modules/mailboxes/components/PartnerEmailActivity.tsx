/**
 * The synced-activity summary above a partner's communications (reference §3.1 "Comms"): how many emails
 * sync filed, the latest and who it was from or sent by, the last contact of any kind, and the connected
 * inboxes with their health. Without a connected mailbox it is one calm line offering to connect one.
 */
import type { ReactNode } from 'react';
import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconMail, IconMailOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ConnectedInbox, MailboxHealth } from '../../../../shared/mailboxes.schema';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatRelative, plural } from '../../../ui/format';
import type { PartnerEmailActivity as Activity } from '../api';
import { usePartnerEmailActivity } from '../hooks';

const EMAIL_SYNC_PAGE = '/partnerships/email-sync';

/** Unhealthy inboxes in a warning colour: red when the last attempt failed, orange otherwise. */
const INBOX_STATE: Record<MailboxHealth['status'], { color: string; words: string }> = {
  healthy: { color: 'teal', words: 'syncing' },
  failing: { color: 'red', words: 'failing' },
  stale: { color: 'orange', words: 'nothing new for 72 h' },
  never_synced: { color: 'orange', words: 'not synced yet' },
  disabled: { color: 'gray', words: 'paused' },
};

/** A time as "3 hours ago", the exact date and time on hover. */
function When({ at }: { at: string }) {
  return (
    <Tooltip label={formatDateTime(at)}>
      <time dateTime={at}>{formatRelative(at)}</time>
    </Tooltip>
  );
}

function LastContact({ at }: { at: string | null }) {
  return (
    <Text size="xs" c="dimmed" data-testid="email-activity-last-contact">
      Last contact: {at ? <When at={at} /> : 'none yet'}
    </Text>
  );
}

function InboxBadge({ inbox }: { inbox: ConnectedInbox }) {
  const state = INBOX_STATE[inbox.status];
  const synced = inbox.lastSuccessAt ? `last synced ${formatDateTime(inbox.lastSuccessAt)}` : null;
  const label = `${inbox.label ? `${inbox.label} · ` : ''}${inbox.ownerName}’s inbox: ${state.words}${synced ? `, ${synced}` : ''}`;
  const look = {
    size: 'sm',
    radius: 'sm',
    variant: inbox.healthy ? 'light' : 'filled',
    color: state.color,
    tt: 'none',
    maw: '100%',
    'data-testid': 'email-activity-inbox',
    'data-healthy': inbox.healthy,
  } as const;
  // Those who may manage the mailbox go to the Email sync page from it.
  return (
    <Tooltip label={label} multiline maw={320}>
      {inbox.mayManage ? (
        <Badge {...look} component={Link} to={EMAIL_SYNC_PAGE} style={{ cursor: 'pointer' }}>
          {inbox.email}
        </Badge>
      ) : (
        <Badge {...look}>{inbox.email}</Badge>
      )}
    </Tooltip>
  );
}

function Frame({ icon, children, busy }: { icon: ReactNode; children: ReactNode; busy?: boolean }) {
  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py="sm"
      {...(busy
        ? { 'aria-busy': true, 'aria-label': 'Loading the email summary' }
        : { 'data-testid': 'email-activity' })}
    >
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <Text c="dimmed" lh={0} mt={2} aria-hidden>
          {icon}
        </Text>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}

function Summary({ a }: { a: Activity }) {
  const me = useUser();
  const mayConnect = can(me.permissions, 'communications.create');
  const connect = mayConnect && (
    <Anchor component={Link} to={EMAIL_SYNC_PAGE} inherit>
      Connect a mailbox
    </Anchor>
  );

  // No inbox, no synced history: one calm line.
  if (a.inboxCount === 0 && a.synced.total === 0)
    return (
      <Frame icon={<IconMailOff size={18} />}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            Email sync is off: emails with this partner are not logged automatically.
            {connect && <> {connect}</>}
          </Text>
          <LastContact at={a.lastContactAt} />
        </Group>
      </Frame>
    );

  const last = a.lastSynced;
  const actor = last ? last.actorName || last.actorEmail : null;
  return (
    <Frame icon={<IconMail size={18} />}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={600} data-testid="email-activity-count">
          {a.synced.total === 0
            ? 'No synced emails yet'
            : `${plural(a.synced.total, 'synced email')} (${a.synced.inbound.toLocaleString()} in, ${a.synced.outbound.toLocaleString()} out)`}
        </Text>
        <LastContact at={a.lastContactAt} />
      </Group>
      {last && (
        <Text size="xs" c="dimmed" lineClamp={2} data-testid="email-activity-last">
          Last: <When at={last.occurredAt} /> by{' '}
          <Text span inherit fw={600} c="var(--mantine-color-text)" title={last.actorEmail}>
            {actor}
          </Text>
          {' · '}
          {last.direction === 'inbound' ? '↓ in' : '↑ out'}
          {last.subject && ` · “${last.subject}”`}
        </Text>
      )}
      {a.inboxCount === 0 ? (
        <Text size="xs" c="dimmed">
          Email sync is off now: no mailbox is connected.{connect && <> {connect}</>}
        </Text>
      ) : (
        <Group gap={6} wrap="wrap" aria-label="Connected inboxes">
          <Text size="xs" c="dimmed">
            {a.inboxCount === 1 ? 'Inbox:' : 'Inboxes:'}
          </Text>
          {a.inboxes.map((inbox) => (
            <InboxBadge key={inbox.id} inbox={inbox} />
          ))}
          {a.inboxCount > a.inboxes.length && (
            <Text size="xs" c="dimmed">
              +{(a.inboxCount - a.inboxes.length).toLocaleString()} more
            </Text>
          )}
        </Group>
      )}
    </Frame>
  );
}

/** A skeleton bar inside a line of text of this size, so the loading card is as tall as the loaded one. */
function Bar({ size, width }: { size: 'sm' | 'xs'; width: number }) {
  return (
    <Text size={size} component="div" maw="100%">
      <Skeleton
        height={size === 'sm' ? 12 : 10}
        width={width}
        maw="100%"
        radius="xl"
        style={{ display: 'inline-block', verticalAlign: 'middle' }}
      />
    </Text>
  );
}

export function PartnerEmailActivity({ partnerId }: { partnerId: string }) {
  const activity = usePartnerEmailActivity(partnerId);
  if (activity.isPending)
    return (
      <Frame icon={<IconMail size={18} />} busy>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Bar size="sm" width={230} />
          <Bar size="xs" width={130} />
        </Group>
        <Bar size="xs" width={360} />
        <Bar size="xs" width={280} />
      </Frame>
    );
  if (activity.isError)
    return (
      <ErrorAlert
        error={activity.error}
        title="The email summary did not load"
        onRetry={() => void activity.refetch()}
      />
    );
  return <Summary a={activity.data} />;
}
