/**
 * Partnerships → Overview: the screen the team opens every morning (reference §2, partnerships.md). One report
 * for the scope in the address bar: seven KPI cards, goal pace, the pipeline by status, the event scoreboard,
 * the action queue and the two sync blocks.
 */
import '@mantine/dates/styles.css';
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Grid, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCalendarEvent, IconPlus, IconRefresh, IconTarget } from '@tabler/icons-react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Overview } from '../../../../shared/overview.schema';
import { can, scopeFor } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate, formatDateTime, plural } from '../../../ui/format';
import { lazyModal } from '../../../ui/lazyModal';
import { PageHeader } from '../../../ui/PageHeader';
import { ActionQueue } from '../components/ActionQueue';
import { EmailSyncBlock } from '../components/EmailSyncBlock';
import { EventScoreboard } from '../components/EventScoreboard';
import { GoalPaceCard } from '../components/GoalPaceCard';
import { KpiCards } from '../components/KpiCards';
import classes from '../components/overview.module.css';
import { OverviewSkeleton } from '../components/OverviewSkeleton';
import { PipelineBreakdown } from '../components/PipelineBreakdown';
import { ScopeControls } from '../components/ScopeControls';
import { SheetsSyncBlock } from '../components/SheetsSyncBlock';
import { useOverview } from '../hooks';
import { scopeFromParams, scopeToParams, type OverviewScopeParams } from '../scope';
import { GOAL_SPAN, PIPELINE_SPAN, SIDE_BY_SIDE, SYNC_COLS } from '../components/layout';

// Only an empty workspace offers to create an event: the form loads when asked for.
const EventFormModal = lazyModal(() =>
  import('../../events/components/EventFormModal').then((m) => m.EventFormModal),
);

/** "2027 · Innovation Summit 2027 · 4 events in scope · today Nov 30, 2026 (UTC)". */
function ScopeSummary({ data }: { data: Overview }) {
  const { scope } = data;
  const event = scope.requestedEventId
    ? data.revenueByEvent.find((e) => e.eventId === scope.requestedEventId)
    : undefined;
  const parts = [
    scope.year ? `Figures for ${scope.year}` : 'Figures for all years',
    event?.eventName,
    plural(scope.scopedEventCount, 'event') + ' in scope',
    `today ${formatDate(scope.today)} (${scope.timeZone})`,
  ].filter(Boolean);
  return (
    <>
      <Text size="xs" c="dimmed" data-testid="overview-scope-summary">
        {parts.join(' · ')}
        <Text span size="xs" c="dimmed" visibleFrom="sm">
          {` · updated ${formatDateTime(data.generatedAt)}`}
        </Text>
      </Text>
      <TeamFiguresNote />
    </>
  );
}

/**
 * For someone whose role shows them only some links (their own, their department's): the Overview's figures
 * are the whole team's, while an event's page lists only the links they may see, so its totals differ.
 */
function TeamFiguresNote() {
  const me = useUser();
  const links = scopeFor(me.permissions, 'links');
  if (links !== 'own' && links !== 'department') return null;
  return (
    <Text size="xs" c="dimmed" data-testid="overview-team-note">
      These are the whole team's figures; an event's page lists only{' '}
      {links === 'own' ? 'your own links' : "your department's links"}.
    </Text>
  );
}

/** A workspace without events: nothing to report yet, so the way to the first event. */
function NoEvents() {
  const me = useUser();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const mayCreate = can(me.permissions, 'events.create');
  return (
    <Card radius="lg" data-testid="overview-empty">
      <Empty
        icon={<IconCalendarEvent size={22} />}
        title="No events yet"
        description="The overview reports on events: what partners pledged to each, against its goal. Create the first event, then add partners to it."
        action={
          mayCreate ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Create the first event
            </Button>
          ) : (
            <Button component={Link} to="/partnerships/events" variant="light">
              Open Events
            </Button>
          )
        }
      />
      <EventFormModal
        event={null}
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(e) => void navigate(`/partnerships/events/${e.id}`)}
      />
    </Card>
  );
}

function Report({ data }: { data: Overview }) {
  return (
    <>
      <KpiCards data={data} />
      <Grid gap="md" type="container" breakpoints={SIDE_BY_SIDE}>
        <Grid.Col span={GOAL_SPAN}>
          <GoalPaceCard annual={data.annual} currency={data.currency} />
        </Grid.Col>
        <Grid.Col span={PIPELINE_SPAN}>
          <PipelineBreakdown pipeline={data.pipeline} currency={data.currency} />
        </Grid.Col>
      </Grid>
      <EventScoreboard rows={data.revenueByEvent} />
      <ActionQueue data={data} />
      <SimpleGrid type="container" cols={SYNC_COLS} spacing="md">
        <EmailSyncBlock health={data.emailSync} />
        <SheetsSyncBlock health={data.sheetsSync} />
      </SimpleGrid>
    </>
  );
}

const isEmptyWorkspace = (d: Overview) =>
  d.scope.availableYears.length === 0 &&
  d.totals.archivedEventCount === 0 &&
  d.totals.relationshipCount === 0;

export default function OverviewPage() {
  const me = useUser();
  const [params, setParams] = useSearchParams();
  const scope = useMemo(() => scopeFromParams(params), [params]);
  const report = useOverview(scope);
  const data = report.data;
  // A new entry in the history for every change, so the back button steps through scopes.
  const setScope = (next: OverviewScopeParams) => setParams(scopeToParams(next, params));
  const ready = Boolean(data && !report.isPlaceholderData);
  // When the figures of the asked scope are on screen: for page-load timing (bench/overviewPage.bench.ts).
  useEffect(() => {
    if (ready) performance.mark('accord:overview-ready');
  }, [ready, data]);

  let body;
  if (report.isError && !data)
    body = <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  else if (!data) body = <OverviewSkeleton />;
  else if (isEmptyWorkspace(data) && !scope.eventId) body = <NoEvents />;
  else body = <Report data={data} />;

  return (
    <>
      <PageHeader
        title="Overview"
        description="Pipeline health at a glance: what is secured, what is still open, and what needs a follow-up."
        actions={
          <>
            {can(me.permissions, 'overview.configure') && (
              <Button
                component={Link}
                to="/partnerships/goals"
                variant="default"
                leftSection={<IconTarget size={16} />}
              >
                Annual goals
              </Button>
            )}
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={report.isFetching && !report.isPending}
              onClick={() => void report.refetch()}
            >
              Refresh
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <Card radius="lg" p="md">
          <Stack gap="xs">
            <ScopeControls
              scope={scope}
              onChange={setScope}
              availableYears={data?.scope.availableYears ?? []}
              autoYear={data?.scope.availableYears[0] ?? null}
              fallbackEvents={(data?.revenueByEvent ?? []).map((e) => ({
                id: e.eventId,
                name: e.eventName,
                year: e.eventYear,
                archived: e.archived,
              }))}
            />
            {data && <ScopeSummary data={data} />}
          </Stack>
        </Card>
        {report.isError && data && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
        <Stack
          gap="md"
          data-testid="overview"
          aria-busy={report.isFetching}
          data-ready={ready || undefined}
          className={report.isPlaceholderData ? classes.loading : undefined}
        >
          {body}
        </Stack>
      </Stack>
    </>
  );
}
