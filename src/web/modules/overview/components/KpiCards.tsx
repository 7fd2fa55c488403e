/** The seven KPI cards of the seed (decision 6), each explaining its definition on hover. */
import type { ReactNode } from 'react';
import { Group, Paper, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { Overview } from '../../../../shared/overview.schema';
import { plural } from '../../../ui/format';
import { DEFINITIONS, money, percent, shortMoney } from '../labels';
import { KPI_COLS } from './layout';

interface CardProps {
  label: string;
  value: ReactNode;
  /** The exact figure, when the card shows a short one (CA$1.7M): in the tooltip and for tests. */
  exact?: string;
  hint: ReactNode;
  definition: string;
  testId: string;
  color?: string;
}

function KpiCard({ label, value, exact, hint, definition, testId, color }: CardProps) {
  return (
    <Tooltip
      label={
        <>
          {exact && <b>{exact}. </b>}
          {definition}
        </>
      }
      multiline
      w={300}
      withArrow
      openDelay={150}
      position="bottom"
      events={{ hover: true, focus: true, touch: true }}
    >
      <Paper
        withBorder
        radius="md"
        p={{ base: 'xs', sm: 'md' }}
        data-testid={testId}
        tabIndex={0}
        style={{ minWidth: 0 }}
      >
        <Group gap={4} wrap="nowrap" c="dimmed" align="flex-start" preventGrowOverflow={false}>
          <Text
            fz={{ base: 10, sm: 'xs' }}
            fw={700}
            tt="uppercase"
            lh={1.35}
            lineClamp={2}
            style={{ letterSpacing: 0.4, minWidth: 0 }}
          >
            {label}
          </Text>
          <IconInfoCircle size={13} style={{ flexShrink: 0, marginTop: 1 }} aria-hidden />
        </Group>
        <Text
          fz={{ base: 18, sm: 24 }}
          fw={700}
          c={color}
          mt={2}
          style={{ fontVariantNumeric: 'tabular-nums' }}
          truncate="end"
          data-testid={`${testId}-value`}
          data-value={exact}
        >
          {typeof value === 'number' ? value.toLocaleString() : value}
        </Text>
        {/* Two lines on a phone's half-width card ("32 overdue, 54 upcoming" did not fit in one). */}
        <Text size="xs" c="dimmed" lineClamp={2} data-testid={`${testId}-hint`}>
          {hint}
        </Text>
      </Paper>
    </Tooltip>
  );
}

export function KpiCards({ data }: { data: Overview }) {
  const { totals: t, annual: a, scope } = data;
  const cur = data.currency;
  const year = a.year ? String(a.year) : 'no year';
  return (
    <>
      <SimpleGrid type="container" cols={KPI_COLS} spacing={{ base: 'xs', sm: 'md' }}>
        <KpiCard
          testId="kpi-revenue-secured"
          label={`Revenue secured · ${year}`}
          value={shortMoney(a.securedAmount, cur)}
          exact={money(a.securedAmount, cur)}
          color={a.securedAmount > 0 ? 'teal' : undefined}
          hint={
            a.progressToGoalPct === null
              ? 'Annual goal not set'
              : `${percent(a.progressToGoalPct)} of the annual goal`
          }
          definition={DEFINITIONS.revenueSecured}
        />
        <KpiCard
          testId="kpi-goal-remaining"
          label="Goal remaining"
          value={shortMoney(a.remainingToGoal, cur)}
          exact={money(a.remainingToGoal, cur)}
          hint={a.goalAmount > 0 ? `Goal ${money(a.goalAmount, cur)}` : 'Set goals to track the gap'}
          definition={DEFINITIONS.goalRemaining}
        />
        <KpiCard
          testId="kpi-open-pipeline"
          label="Open pipeline"
          value={shortMoney(t.pipelineAmount, cur)}
          exact={money(t.pipelineAmount, cur)}
          hint={`${plural(t.openRelationshipCount, 'open link')} of ${t.relationshipCount.toLocaleString()}`}
          definition={DEFINITIONS.openPipeline}
        />
        <KpiCard
          testId="kpi-action-items"
          label="Action items"
          value={t.actionItemCount}
          color={t.overdueFollowUps > 0 ? 'red' : undefined}
          hint={`${t.overdueFollowUps.toLocaleString()} overdue, ${t.upcomingFollowUps.toLocaleString()} upcoming`}
          definition={DEFINITIONS.actionItems}
        />
      </SimpleGrid>
      <SimpleGrid cols={3} spacing={{ base: 'xs', sm: 'md' }}>
        <KpiCard
          testId="kpi-active-partners"
          label="Active partners"
          value={t.activePartnerCount}
          hint={`${t.partnersInScope.toLocaleString()} in scope`}
          definition={DEFINITIONS.activePartners}
        />
        <KpiCard
          testId="kpi-events-in-scope"
          label="Events in scope"
          value={scope.scopedEventCount}
          hint={
            t.eventsBehindCount > 0
              ? `${t.eventsBehindCount.toLocaleString()} behind pace`
              : `${t.eventsWithGoalCount.toLocaleString()} with a goal`
          }
          definition={DEFINITIONS.eventsInScope}
        />
        <KpiCard
          testId="kpi-archived-events"
          label="Archived events"
          value={t.archivedEventCount}
          hint={scope.includeArchived ? 'Included' : 'Hidden'}
          definition={DEFINITIONS.archivedEvents}
        />
      </SimpleGrid>
    </>
  );
}
