/** Partnerships → Events: every event by year with its progress against the goal (reference §3.2). */
import '@mantine/dates/styles.css';
import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconCalendarEvent, IconPlus, IconSearch } from '@tabler/icons-react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatMoney } from '../../../../shared/money';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { plural } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import type { PartnershipEvent } from '../api';
import { EventFormModal } from '../components/EventFormModal';
import { EventProgress } from '../components/EventProgress';
import { compareEvents, eventDates } from '../format';
import { useEventList } from '../hooks';
import classes from './EventsPage.module.css';
import { useNarrowerThan } from '../../../ui/usePhone';

function money(amount: number, currency: string): string {
  return formatMoney(amount, currency, undefined, true);
}

function YearSummary({ events }: { events: PartnershipEvent[] }) {
  const currency = events[0]?.currency ?? 'CAD';
  const same = events.every((e) => e.currency === currency);
  const secured = events.reduce((s, e) => s + e.metrics.securedAmount, 0);
  const goal = events.reduce((s, e) => s + (e.goal ?? 0), 0);
  return (
    <Text size="xs" c="dimmed">
      {plural(events.length, 'event')}
      {same && ` · ${money(secured, currency)} secured${goal ? ` of ${money(goal, currency)}` : ''}`}
    </Text>
  );
}

function LinkCounts({ e }: { e: PartnershipEvent }) {
  return (
    <Stack gap={0}>
      <Text size="sm">{plural(e.metrics.linkCount, 'link')}</Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {e.metrics.confirmedCount} confirmed · {e.metrics.paidCount} paid
      </Text>
    </Stack>
  );
}

function EventName({ e }: { e: PartnershipEvent }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap">
        <Anchor
          component={Link}
          to={`/partnerships/events/${e.id}`}
          fw={600}
          size="sm"
          c="inherit"
          truncate="end"
          onClick={(ev) => ev.stopPropagation()}
        >
          {e.name}
        </Anchor>
        {e.archived && (
          <Badge size="sm" color="gray">
            Archived
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" truncate="end">
        {eventDates(e)}
      </Text>
    </Stack>
  );
}

/** What the table's columns need; narrower content gets the cards. */
const TABLE_WIDTH = 960;

export default function EventsPage() {
  const me = useUser();
  const mayCreate = can(me.permissions, 'events.create');
  const navigate = useNavigate();
  const compact = useNarrowerThan(TABLE_WIDTH);
  const [params, setParams] = useSearchParams();
  const year = params.get('year');
  const showArchived = params.get('archived') === '1';
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useEventList();

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

  const all = [...(list.data?.items ?? [])].sort(compareEvents);
  const years = [...new Set(all.map((e) => e.year))];
  const archivedCount = all.filter((e) => e.archived).length;
  const needle = search.trim().toLowerCase();
  const shown = all.filter(
    (e) =>
      (showArchived || !e.archived) &&
      (!year || String(e.year) === year) &&
      (!needle || e.name.toLowerCase().includes(needle)),
  );
  const groups = years
    .map((y) => ({ year: y, events: shown.filter((e) => e.year === y) }))
    .filter((g) => g.events.length > 0);
  const filtered = Boolean(year || needle);
  const open = (e: PartnershipEvent) => void navigate(`/partnerships/events/${e.id}`);

  let body;
  if (list.isError)
    body = (
      <Stack p="md">
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      </Stack>
    );
  else if (!list.isPending && all.length === 0)
    body = (
      <Empty
        icon={<IconCalendarEvent size={22} />}
        title="No events yet"
        description="Events are what partners sponsor, judge or speak at. Create the first one with its goal and package tiers, then add partners to it."
        action={
          mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Create the first event
            </Button>
          )
        }
      />
    );
  else if (!list.isPending && shown.length === 0)
    body = (
      <Empty
        icon={<IconCalendarEvent size={22} />}
        title="No events match"
        description={
          !showArchived && archivedCount > 0
            ? 'Try another year or search, or show archived events.'
            : 'Try another year or search.'
        }
        action={
          <Button
            variant="light"
            onClick={() => {
              setSearch('');
              setParams({}, { replace: true });
            }}
          >
            Clear filters
          </Button>
        }
      />
    );
  else if (compact)
    body = list.isPending ? (
      <Stack p="md" gap="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={92} radius="md" />
        ))}
      </Stack>
    ) : (
      <Stack gap={0} data-testid="events-list">
        {groups.map((g) => (
          <div key={g.year}>
            <Group className={classes.yearRow} justify="space-between">
              <Text fw={700}>{g.year}</Text>
              <YearSummary events={g.events} />
            </Group>
            {g.events.map((e) => (
              <UnstyledButton key={e.id} className={classes.card} onClick={() => open(e)}>
                <Stack gap="xs">
                  <EventName e={e} />
                  <EventProgress metrics={e.metrics} goal={e.goal} currency={e.currency} />
                  <Group justify="space-between" gap="xs">
                    <Text size="xs" c="dimmed">
                      {plural(e.metrics.linkCount, 'link')} · {e.metrics.confirmedCount} confirmed ·{' '}
                      {e.metrics.paidCount} paid
                    </Text>
                    <Text size="sm" fw={600}>
                      {formatMoney(e.metrics.securedAmount, e.currency)}
                    </Text>
                  </Group>
                </Stack>
              </UnstyledButton>
            ))}
          </div>
        ))}
      </Stack>
    );
  else
    body = (
      <Table.ScrollContainer minWidth={TABLE_WIDTH}>
        <Table highlightOnHover data-testid="events-list" className={classes.table}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th w={220}>Progress to goal</Table.Th>
              <Table.Th w={170}>Links</Table.Th>
              <Table.Th w={140} ta="right">
                Secured
              </Table.Th>
              <Table.Th w={130} ta="right" style={{ whiteSpace: 'nowrap' }}>
                Open pipeline
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          {list.isPending ? (
            <TableSkeleton cols={5} rows={8} />
          ) : (
            <Table.Tbody>
              {groups.map((g) => [
                <Table.Tr key={`y${g.year}`} className={classes.yearRow}>
                  <Table.Td colSpan={5}>
                    <Group gap="sm">
                      <Text fw={700}>{g.year}</Text>
                      <YearSummary events={g.events} />
                    </Group>
                  </Table.Td>
                </Table.Tr>,
                ...g.events.map((e) => (
                  <Table.Tr
                    key={e.id}
                    className={classes.row}
                    onClick={() => open(e)}
                    data-archived={e.archived || undefined}
                  >
                    <Table.Td maw={280}>
                      <EventName e={e} />
                    </Table.Td>
                    <Table.Td>
                      <EventProgress metrics={e.metrics} goal={e.goal} currency={e.currency} />
                    </Table.Td>
                    <Table.Td>
                      <LinkCounts e={e} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={600}>
                        {formatMoney(e.metrics.securedAmount, e.currency)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={e.metrics.openAmount ? undefined : 'dimmed'}>
                        {formatMoney(e.metrics.openAmount, e.currency)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )),
              ])}
            </Table.Tbody>
          )}
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <>
      <PageHeader
        title="Events"
        description="What partners sponsor, judge or speak at, with the money secured against each goal."
        actions={
          mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New event
            </Button>
          )
        }
      />
      <Card radius="lg" p={0}>
        {all.length > 0 && (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" p="md" className={classes.filters}>
            <TextInput
              placeholder="Search events"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              aria-label="Search events"
            />
            <Select
              placeholder="All years"
              data={years.map((y) => String(y))}
              value={year}
              onChange={(v) => setParam('year', v)}
              clearable
              aria-label="Year"
            />
            <Group>
              <Switch
                label={`Show archived${archivedCount ? ` (${archivedCount})` : ''}`}
                checked={showArchived}
                onChange={(e) => setParam('archived', e.currentTarget.checked ? '1' : null)}
              />
            </Group>
          </SimpleGrid>
        )}
        {body}
        {!list.isPending && shown.length > 0 && (
          <Text size="sm" c="dimmed" p="md" className={classes.footer}>
            {plural(shown.length, 'event')}
            {filtered || (!showArchived && archivedCount) ? ` of ${all.length}` : ''}
          </Text>
        )}
      </Card>
      <EventFormModal
        event={null}
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(e) => void navigate(`/partnerships/events/${e.id}`)}
      />
    </>
  );
}
