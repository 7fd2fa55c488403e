/** One event: goal and progress, tier presets, its links (table or kanban), communications and history. */
import '@mantine/dates/styles.css';
import { useState, type ReactNode } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  ActionIcon,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconCalendarOff,
  IconDots,
  IconHistory,
  IconLayoutKanban,
  IconLink,
  IconMessagePlus,
  IconMessages,
  IconPencil,
  IconPlus,
  IconRestore,
  IconTable,
  IconTrash,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { dateInZone } from '../../../../shared/dates';
import type { Link } from '../../../../shared/links.schema';
import { formatMoney } from '../../../../shared/money';
import { can } from '../../../../shared/permissions';
import { ApiError, errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { plural } from '../../../ui/format';
import { HistoryPanel } from '../../../ui/history/HistoryPanel';
import { PageHeader } from '../../../ui/PageHeader';
import { CommunicationTimeline } from '../../communications/components/CommunicationTimeline';
import { LogCommunicationModal } from '../../communications/components/LogCommunicationModal';
import { LinkFormModal } from '../../links/components/LinkFormModal';
import { useSettings } from '../../settings/hooks';
import type { EventDetail } from '../api';
import { EventBoard } from '../components/EventBoard';
import { EventFormModal } from '../components/EventFormModal';
import { EventLinksTable, LINKS_TABLE_WIDTH } from '../components/EventLinksTable';
import { EventProgress } from '../components/EventProgress';
import { useEventValueResolver } from '../history';
import { eventDates } from '../format';
import { useDeleteEvent, useEvent, useSaveEvent } from '../hooks';
import { usePhone, useNarrowerThan } from '../../../ui/usePhone';

function Figure({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <Card radius="lg" p="md">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {label}
      </Text>
      <Text fz={{ base: 19, sm: 22 }} fw={700} mt={2} lh={1.3} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      {children}
    </Card>
  );
}

/** The event's money at a glance; phones get compact amounts (CA$776K) so they fit two to a row. */
function Figures({ e, compact }: { e: EventDetail; compact: boolean }) {
  const m = e.metrics;
  const money = (amount: number) => formatMoney(amount, e.currency, undefined, compact);
  const open = e.links.filter((l) => l.statusGroup === 'open').length;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" mb="md">
      <Figure label="Secured" value={money(m.securedAmount)}>
        <Stack gap={4} mt={6}>
          <EventProgress metrics={m} goal={e.goal} currency={e.currency} withLabel={false} />
          <Text size="xs" c="dimmed">
            {e.goal ? `${Math.round(m.progressPct)} % of ${money(e.goal)} goal` : 'No goal set'}
          </Text>
        </Stack>
      </Figure>
      <Figure label="Open pipeline" value={money(m.openAmount)}>
        <Text size="xs" c="dimmed" mt={6}>
          {plural(open, 'open link')}
        </Text>
      </Figure>
      <Figure label="Committed" value={money(m.committedAmount)}>
        <Text size="xs" c="dimmed" mt={6}>
          Every link amount, lost ones too
        </Text>
      </Figure>
      <Figure label="Partners" value={String(m.linkCount)}>
        <Text size="xs" c="dimmed" mt={6}>
          {m.confirmedCount} confirmed · {m.paidCount} paid
        </Text>
      </Figure>
    </SimpleGrid>
  );
}

function TiersAndNotes({ e, compact }: { e: EventDetail; compact: boolean }) {
  return (
    <Card radius="lg" p="md" mb="lg">
      <Stack gap="xs">
        <Group gap="xs" align="center">
          <Text size="sm" fw={600}>
            Package tiers
          </Text>
          {e.tiers.length === 0 ? (
            <Text size="sm" c="dimmed">
              None yet: edit the event to add presets with default amounts.
            </Text>
          ) : (
            e.tiers.map((t) => (
              <Badge key={t.key} variant="light" color="gray" size="lg" fw={500} data-testid="tier-preset">
                <Text span size="sm" fw={600}>
                  {t.label}
                </Text>
                <Text span size="sm" c="dimmed">
                  {' · '}
                  {t.defaultAmount === null
                    ? '(No default)'
                    : formatMoney(t.defaultAmount, e.currency, undefined, compact)}
                </Text>
              </Badge>
            ))
          )}
        </Group>
        {e.notes && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {e.notes}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function EventHistory({ e }: { e: EventDetail }) {
  const resolve = useEventValueResolver(e);
  return <HistoryPanel entity="event" entityId={e.id} resolve={resolve} />;
}

type LinkModal = { open: boolean; mode: 'create' | 'edit'; link?: Link };

export default function EventPage() {
  const { id = '' } = useParams();
  const me = useUser();
  const navigate = useNavigate();
  const settings = useSettings();
  const compact = usePhone();
  const linksAsCards = useNarrowerThan(LINKS_TABLE_WIDTH);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'links';
  const view = params.get('view') === 'kanban' ? 'kanban' : 'table';
  const ev = useEvent(id);
  const save = useSaveEvent();
  const remove = useDeleteEvent();
  const [linkModal, setLinkModal] = useState<LinkModal>({ open: false, mode: 'create' });
  const [editing, setEditing] = useState(false);
  const [logging, setLogging] = useState(false);

  const may = (p: Parameters<typeof can>[1]) => can(me.permissions, p);
  const today = dateInZone(new Date(), settings.data?.timeZone ?? 'UTC');

  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  if (ev.isPending)
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={14} width={80} />
        <Skeleton height={30} width={320} />
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={104} radius="lg" />
          ))}
        </SimpleGrid>
        <Skeleton height={280} radius="lg" />
      </Stack>
    );
  if (ev.isError)
    return ev.error instanceof ApiError && ev.error.status === 404 ? (
      <Empty
        icon={<IconCalendarOff size={22} />}
        title="This event does not exist"
        description="It may have been deleted, or the address is mistyped."
        action={
          <Button component={RouterLink} to="/partnerships/events" variant="light">
            All events
          </Button>
        }
      />
    ) : (
      <ErrorAlert error={ev.error} onRetry={() => void ev.refetch()} />
    );

  const e = ev.data;
  const archive = (archived: boolean) =>
    save.mutate(
      { id: e.id, version: e.version, input: { archived } },
      {
        onSuccess: (s) =>
          notifications.show({
            color: 'teal',
            message: archived
              ? `${s.name} is archived: it leaves the overview and pickers, its links stay.`
              : `${s.name} is restored.`,
          }),
        onError: (err) =>
          notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(err) }),
      },
    );
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete ${e.name}?`,
      children: (
        <Text size="sm">
          {e.metrics.linkCount > 0
            ? `It still has ${plural(e.metrics.linkCount, 'partner link')}; the server will refuse. Archive it instead to keep its history.`
            : 'The event is removed for good. Communications and documents that mention it stay.'}
        </Text>
      ),
      labels: { confirm: 'Delete event', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(e.id, {
          onSuccess: () => {
            notifications.show({ message: `${e.name} is deleted.` });
            void navigate('/partnerships/events');
          },
          onError: (err) =>
            notifications.show({
              color: 'red',
              title: 'Not deleted',
              message: errorMessage(err),
              autoClose: 10_000,
            }),
        }),
    });
  const openLink = (link: Link) => setLinkModal({ open: true, mode: 'edit', link });
  const addPartner = () => setLinkModal({ open: true, mode: 'create' });

  return (
    <>
      <PageHeader
        back={{ to: '/partnerships/events', label: 'Events' }}
        title={
          <Group gap="xs" component="span" wrap="wrap">
            <span>{e.name}</span>
            <Badge variant="light" color="indigo" size="lg">
              {e.year}
            </Badge>
            {e.archived && (
              <Badge color="gray" size="lg">
                Archived
              </Badge>
            )}
          </Group>
        }
        description={eventDates(e)}
        actions={
          <>
            {may('links.create') && (
              <Button leftSection={<IconPlus size={16} />} onClick={addPartner}>
                Add partner
              </Button>
            )}
            {may('communications.create') && (
              <Button
                variant="default"
                leftSection={<IconMessagePlus size={16} />}
                onClick={() => setLogging(true)}
              >
                Log communication
              </Button>
            )}
            {may('events.edit') && (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                Edit
              </Button>
            )}
            {(may('events.edit') || may('events.delete')) && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="default" size="lg" aria-label="More actions">
                    <IconDots size={18} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {may('events.edit') &&
                    (e.archived ? (
                      <Menu.Item leftSection={<IconRestore size={14} />} onClick={() => archive(false)}>
                        Restore
                      </Menu.Item>
                    ) : (
                      <Menu.Item leftSection={<IconArchive size={14} />} onClick={() => archive(true)}>
                        Archive
                      </Menu.Item>
                    ))}
                  {may('events.delete') && (
                    <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={confirmDelete}>
                      Delete
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />
      {e.archived && (
        <Alert
          color="gray"
          variant="light"
          icon={<IconArchive size={18} />}
          mb="md"
          title="This event is archived"
        >
          <Group justify="space-between" gap="sm">
            <Text size="sm">It stays in reports and history but leaves the overview and the pickers.</Text>
            {may('events.edit') && (
              <Button
                size="xs"
                variant="white"
                color="gray"
                onClick={() => archive(false)}
                loading={save.isPending}
              >
                Restore
              </Button>
            )}
          </Group>
        </Alert>
      )}
      <Figures e={e} compact={compact} />
      <TiersAndNotes e={e} compact={compact} />
      <Tabs value={tab} onChange={(t) => setParam('tab', t === 'links' ? null : t)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="links" leftSection={compact ? undefined : <IconLink size={16} />}>
            Partners ({e.links.length})
          </Tabs.Tab>
          <Tabs.Tab value="communications" leftSection={compact ? undefined : <IconMessages size={16} />}>
            Communications
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={compact ? undefined : <IconHistory size={16} />}>
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="links">
          {e.links.length === 0 ? (
            <Card radius="lg" p={0}>
              <Empty
                icon={<IconUsersGroup size={22} />}
                title="No partners yet"
                description="Add the partners you are approaching for this event; their status, tier and amount build its pipeline."
                action={
                  may('links.create') && (
                    <Button leftSection={<IconPlus size={16} />} onClick={addPartner}>
                      Add the first partner
                    </Button>
                  )
                }
              />
            </Card>
          ) : (
            <Stack gap="sm">
              <Group justify="space-between" gap="sm">
                <SegmentedControl
                  value={view}
                  onChange={(v) => setParam('view', v === 'kanban' ? 'kanban' : null)}
                  aria-label="Show links as"
                  data={[
                    {
                      value: 'table',
                      label: (
                        <Group gap={6} wrap="nowrap">
                          <IconTable size={16} />
                          <span>Table</span>
                        </Group>
                      ),
                    },
                    {
                      value: 'kanban',
                      label: (
                        <Group gap={6} wrap="nowrap">
                          <IconLayoutKanban size={16} />
                          <span>Kanban</span>
                        </Group>
                      ),
                    },
                  ]}
                />
                {view === 'kanban' && may('links.edit') && (
                  <Text size="xs" c="dimmed" visibleFrom="sm">
                    Drag a card to another column to change its status (keyboard: Space, ← →, Space).
                  </Text>
                )}
              </Group>
              {view === 'kanban' ? (
                <EventBoard
                  eventId={e.id}
                  tiers={e.tiers}
                  today={today}
                  mayEdit={may('links.edit')}
                  onOpen={(linkId) => {
                    const link = e.links.find((l) => l.id === linkId);
                    if (link) openLink(link);
                  }}
                />
              ) : (
                <Card radius="lg" p={0}>
                  <EventLinksTable
                    links={e.links}
                    tiers={e.tiers}
                    today={today}
                    compact={linksAsCards}
                    onOpen={openLink}
                  />
                </Card>
              )}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="communications">
          <Card radius="lg">
            <CommunicationTimeline eventId={e.id} />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Card radius="lg">
            <EventHistory e={e} />
          </Card>
        </Tabs.Panel>
      </Tabs>
      <LinkFormModal
        opened={linkModal.open}
        onClose={() => setLinkModal((m) => ({ ...m, open: false }))}
        mode={linkModal.mode}
        eventId={e.id}
        link={linkModal.link}
      />
      <EventFormModal event={e} opened={editing} onClose={() => setEditing(false)} />
      <LogCommunicationModal
        opened={logging}
        onClose={() => setLogging(false)}
        eventId={e.id}
        onSaved={() => setParam('tab', 'communications')}
      />
    </>
  );
}
