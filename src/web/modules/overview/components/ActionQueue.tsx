/**
 * The action queue (reference §2.8; decisions 3 and 4): overdue first, in the server's order, with the due
 * label, priority, partner and event, status and amount. Each item can be worked where it stands: log a
 * communication, move the follow-up date, change the link's status, mark it done. A resolved item leaves
 * the list at once.
 */
import { lazy, Suspense, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Popover,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconCalendarDue,
  IconCheck,
  IconChecklist,
  IconChevronDown,
  IconMessagePlus,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ActionItem, Overview } from '../../../../shared/overview.schema';
import { dueLabel } from '../../../../shared/partnerships/actionQueue';
import { statusOptions } from '../../../../shared/partnerships/statuses';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { formatDate, plural } from '../../../ui/format';
import { LazyLogCommunicationModal } from '../../communications/components/LazyLogCommunicationModal';
import { StatusBadge } from '../../links/components/StatusBadge';
import { useQueueAction } from '../hooks';
import { money } from '../labels';
import type { QueueChange } from '../queue';
import classes from './overview.module.css';

// The date picker loads when a Reschedule popover first opens, not with the page.
const DatePicker = lazy(() => import('@mantine/dates').then((m) => ({ default: m.DatePicker<'default'> })));

/** The reference's Overview shows the first 12; the rest of the payload is one click away. */
const FIRST = 12;

const PRIORITY_HELP = [
  'Priority 0: overdue',
  'Priority 1: due within 2 days, or no follow-up for 30 days or more',
  'Priority 2: due within a week, or no follow-up for 14 days or more',
  'Priority 3: due later in the window',
];

function dueColor(item: ActionItem): string {
  if (item.isOverdue) return 'red';
  if (item.daysUntilDue === 0) return 'orange';
  return item.dueDate ? 'blue' : 'gray';
}

/** Why the item is listed, in a few words: the subject of a communication, a stale link's quiet days. */
function about(item: ActionItem): string {
  if (item.type === 'communication_follow_up') {
    const suffix = ` • ${item.eventName}`;
    const subject = item.description.endsWith(suffix)
      ? item.description.slice(0, -suffix.length)
      : item.description;
    return `Communication: ${subject}`;
  }
  if (item.type === 'stale_pipeline') return `No follow-up set for ${item.staleDays ?? 0} days`;
  return `Follow-up ${formatDate(item.dueDate)}`;
}

interface ItemProps {
  item: ActionItem;
  today: string;
  windowDays: number;
  onLog(item: ActionItem): void;
}

function QueueItem({ item, today, windowDays, onLog }: ItemProps) {
  const me = useUser();
  const action = useQueueAction();
  const [dateOpen, setDateOpen] = useState(false);
  const isLink = item.source === 'partner_link';
  // The server says whether this record is the caller's to change (their role's edit right and record scope).
  const mayEdit = item.canEdit;
  const mayLog = can(me.permissions, 'communications.create');

  const run = (change: QueueChange, message: string) =>
    action.mutate({ item, change, today, windowDays, message });

  return (
    <div
      className={classes.queueItem}
      data-overdue={item.isOverdue || undefined}
      data-testid="action-item"
      data-item-id={item.id}
      style={{ opacity: action.isPending ? 0.55 : 1 }}
    >
      <div className={classes.queueBadges}>
        <Badge color={dueColor(item)} variant={item.isOverdue ? 'filled' : 'light'} data-testid="due-label">
          {dueLabel(item.daysUntilDue)}
        </Badge>
        <Tooltip label={PRIORITY_HELP[item.priority] ?? `Priority ${item.priority}`}>
          <Badge color="gray" variant="outline" aria-label={`Priority ${item.priority}`}>
            P{item.priority}
          </Badge>
        </Tooltip>
      </div>

      <div className={classes.queueWhat}>
        <Link to={`/partnerships/partners/${item.partnerId}`} className={classes.rowTitle}>
          {item.title}
        </Link>
        <div className={classes.queueFacts}>
          {item.eventId ? (
            <Link to={`/partnerships/events/${item.eventId}`} className={classes.queueEvent}>
              {item.eventName}
            </Link>
          ) : (
            <span className={classes.small}>{item.eventName}</span>
          )}
          {item.status && <StatusBadge status={item.status} size="xs" variant="light" />}
          {item.amount !== null && item.currency && (
            <span className={classes.queueAmount}>{money(item.amount, item.currency)}</span>
          )}
          <span className={classes.small} data-wrap>
            {about(item)}
          </span>
        </div>
      </div>

      <div className={classes.queueActions}>
        {mayLog && (
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconMessagePlus size={14} />}
            onClick={() => onLog(item)}
            aria-label={`Log a communication with ${item.partnerName}`}
          >
            Log
          </Button>
        )}
        {mayEdit && (
          <Popover
            opened={dateOpen}
            onChange={setDateOpen}
            position="bottom-end"
            withArrow
            shadow="md"
            trapFocus
          >
            <Popover.Target>
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconCalendarDue size={14} />}
                onClick={() => setDateOpen((o) => !o)}
                aria-label={item.dueDate ? 'Change the follow-up date' : 'Set a follow-up date'}
              >
                <span className={classes.wideText}>{item.dueDate ? 'Reschedule' : 'Follow up'}</span>
                <span className={classes.narrowText}>Date</span>
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <Stack gap="xs">
                <Text size="xs" c="dimmed">
                  {item.dueDate ? `Now ${formatDate(item.dueDate)}` : 'No follow-up date yet'}
                </Text>
                <Suspense fallback={<Skeleton h={258} w={252} aria-label="Loading the calendar" />}>
                  <DatePicker
                    value={item.dueDate}
                    defaultDate={item.dueDate ?? today}
                    onChange={(date) => {
                      setDateOpen(false);
                      if (date && date !== item.dueDate)
                        run({ kind: 'followUp', date }, `Follow-up moved to ${formatDate(date)}.`);
                    }}
                  />
                </Suspense>
              </Stack>
            </Popover.Dropdown>
          </Popover>
        )}
        {mayEdit && isLink && item.status && (
          <Menu position="bottom-end" withinPortal shadow="md">
            <Menu.Target>
              <Button
                size="compact-sm"
                variant="default"
                rightSection={<IconChevronDown size={14} className={classes.wideOnlyIcon} />}
                aria-label="Change the status"
              >
                Status
              </Button>
            </Menu.Target>
            <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
              {statusOptions([item.status]).map((o) => (
                <Menu.Item
                  key={o.key}
                  disabled={o.key === item.status}
                  leftSection={
                    o.key === item.status ? <IconCheck size={14} /> : <span style={{ width: 14 }} />
                  }
                  onClick={() => run({ kind: 'status', status: o.key }, `Status changed to ${o.label}.`)}
                >
                  {o.label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        {mayEdit && item.canMarkDone && (
          <Tooltip
            label={isLink ? 'Done: clears the link’s follow-up date' : 'Done: marks the follow-up done'}
            openDelay={300}
          >
            <Button
              size="compact-sm"
              variant="light"
              color="teal"
              leftSection={<IconCheck size={14} />}
              onClick={() => run({ kind: 'done' }, `Done: ${item.title} leaves the queue.`)}
              aria-label={`Mark done: ${item.title}`}
            >
              Done
            </Button>
          </Tooltip>
        )}
      </div>
    </div>
  );
}

export function ActionQueue({ data }: { data: Overview }) {
  const [showAll, setShowAll] = useState(false);
  // The item stays set while the modal closes, so the form keeps its partner through the animation.
  const [logging, setLogging] = useState<ActionItem | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const { totals: t, scope, actionItemsHidden: hidden } = data;
  const items = showAll ? data.actionItems : data.actionItems.slice(0, FIRST);
  return (
    <Card radius="lg" p={0} className={classes.queue} data-testid="action-queue">
      <Group justify="space-between" p="md" pb="sm" gap="xs" align="flex-start">
        <Stack gap={0}>
          <Title order={3} fz="md">
            Action queue
          </Title>
          <Text size="xs" c="dimmed">
            {plural(t.actionItemCount, 'item')} · {t.overdueFollowUps.toLocaleString()} overdue ·{' '}
            {t.upcomingFollowUps.toLocaleString()} due in the next {scope.upcomingWindowDays} days ·{' '}
            {t.staleItemCount.toLocaleString()} without a follow-up
          </Text>
          {hidden > 0 && (
            <Text size="xs" c="dimmed" data-testid="action-queue-hidden">
              {hidden === 1 ? '1 item is' : `${hidden.toLocaleString()} items are`} not shown:{' '}
              {hidden === 1 ? 'its partner is' : 'their partners are'} private to a colleague or another team.
            </Text>
          )}
        </Stack>
      </Group>
      {data.actionItems.length === 0 ? (
        <Empty
          icon={<IconChecklist size={22} />}
          title={hidden > 0 ? 'Nothing for you to follow up' : 'Nothing to follow up'}
          description={
            hidden > 0
              ? "The team's items here are all about partners private to a colleague or another team."
              : `No follow-up is overdue or due in the next ${scope.upcomingWindowDays} days, and no open link has gone quiet.`
          }
        />
      ) : (
        <>
          {items.map((item) => (
            <QueueItem
              key={item.id}
              item={item}
              today={scope.today}
              windowDays={scope.upcomingWindowDays}
              onLog={(i) => {
                setLogging(i);
                setLogOpen(true);
              }}
            />
          ))}
          {data.actionItems.length > FIRST && (
            <Group
              justify="center"
              p="sm"
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <Button variant="subtle" size="xs" onClick={() => setShowAll((s) => !s)}>
                {showAll ? `Show the first ${FIRST}` : `Show all ${data.actionItems.length} listed`}
              </Button>
              {t.actionItemCount > data.actionItems.length && (
                <Text size="xs" c="dimmed">
                  The list stops at the {data.actionItems.length} most urgent of{' '}
                  {t.actionItemCount.toLocaleString()}.
                </Text>
              )}
            </Group>
          )}
        </>
      )}
      <LazyLogCommunicationModal
        opened={logOpen}
        onClose={() => setLogOpen(false)}
        partnerId={logging?.partnerId}
        eventId={logging?.eventId ?? undefined}
      />
    </Card>
  );
}
