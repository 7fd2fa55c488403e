/**
 * The event scoreboard (reference §2.5, §2.10): secured against the goal, open pipeline, pace and follow-up
 * pressure per event. A table on wider screens, cards on phones, with the same values; a row opens the event.
 * Only the layout for the content's width is rendered (useNarrowerThan): both at once doubled the page's
 * first render. Beside the sidebar on a tablet the content is too narrow for the table, so it gets the cards.
 */
import { Badge, Card, Group, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { ScoreboardRow } from '../../../../shared/overview.schema';
import { PACE_LABELS } from '../../../../shared/partnerships/pace';
import { plural } from '../../../ui/format';
import { useNarrowerThan } from '../../../ui/usePhone';
import { money, PACE_COLORS, percent } from '../labels';
import classes from './overview.module.css';

const eventPath = (r: ScoreboardRow) => `/partnerships/events/${r.eventId}`;

/*
 * The cells below are plain elements styled by overview.module.css rather than Mantine's layout and text
 * components: a year's scoreboard is 40 rows of them, and on a cold load the per-component work of Stack,
 * Group, Text and Progress was a large share of the page's first render.
 */

/** The event's name: a link in the table; plain text inside a phone card, which is the link itself. */
function EventName({ r, linked }: { r: ScoreboardRow; linked: boolean }) {
  return (
    <div className={classes.cellStack}>
      <div className={classes.nameLine}>
        {linked ? (
          <Link to={eventPath(r)} className={classes.rowTitle} onClick={(e) => e.stopPropagation()}>
            {r.eventName}
          </Link>
        ) : (
          <span className={classes.rowTitle}>{r.eventName}</span>
        )}
        {r.archived && (
          <Badge size="xs" color="gray" variant="light">
            Archived
          </Badge>
        )}
      </div>
      <span className={classes.small}>
        {r.eventYear} · {plural(r.relationshipCount, 'relationship')}
      </span>
    </div>
  );
}

function Pace({ r }: { r: ScoreboardRow }) {
  return (
    <div className={classes.cellStack} data-align="start">
      <Badge color={PACE_COLORS[r.paceStatus]} variant="light" size="sm">
        {PACE_LABELS[r.paceStatus]}
      </Badge>
      {r.expectedProgressPct !== null && (
        <span className={classes.small}>expected {percent(r.expectedProgressPct)}</span>
      )}
    </div>
  );
}

function SecuredVsGoal({ r }: { r: ScoreboardRow }) {
  const cur = r.currency;
  const color = PACE_COLORS[r.paceStatus] === 'gray' ? 'indigo' : PACE_COLORS[r.paceStatus];
  const pct = Math.min(100, Math.max(0, r.progressToGoalPct ?? 0));
  return (
    <div className={classes.cellStack} data-gap="4">
      <div className={classes.spread}>
        <span className={classes.figure}>{money(r.securedAmount, cur)}</span>
        <span className={classes.small}>{r.hasGoal ? `of ${money(r.goalAmount, cur)}` : 'No goal'}</span>
      </div>
      {r.hasGoal && (
        <div className={classes.spread}>
          <div
            className={classes.bar}
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(pct)}
            aria-label={`${percent(r.progressToGoalPct)} of the goal secured`}
          >
            <div style={{ width: `${pct}%`, background: `var(--mantine-color-${color}-filled)` }} />
          </div>
          <span className={classes.small} data-width="share">
            {percent(r.progressToGoalPct)}
          </span>
        </div>
      )}
    </div>
  );
}

function FollowUps({ r }: { r: ScoreboardRow }) {
  return (
    <div className={classes.cellStack} data-gap="0" data-align="end">
      <span className={classes.figure}>{r.upcomingFollowUps.toLocaleString()} upcoming</span>
      <span className={classes.small} data-alert={r.overdueFollowUps > 0 || undefined}>
        {r.overdueFollowUps.toLocaleString()} overdue
      </span>
    </div>
  );
}

/** What the table's columns need (px): below it, the cards. */
const TABLE_WIDTH = 820;

export function EventScoreboard({ rows }: { rows: ScoreboardRow[] }) {
  const navigate = useNavigate();
  const phone = useNarrowerThan(TABLE_WIDTH);
  const open = (r: ScoreboardRow) => void navigate(eventPath(r));
  return (
    <Card radius="lg" p={0} data-testid="event-scoreboard">
      <Group justify="space-between" p="md" pb="sm" gap="xs">
        <Stack gap={0}>
          <Title order={3} fz="md">
            Event scoreboard
          </Title>
          <Text size="xs" c="dimmed">
            Secured against each goal, open pipeline, pace and follow-ups. Open an event to work its links.
          </Text>
        </Stack>
        <Text size="xs" c="dimmed">
          {plural(rows.length, 'event')}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" px="md" pb="md">
          No events in this scope.
        </Text>
      ) : !phone ? (
        <Table.ScrollContainer minWidth={TABLE_WIDTH} type="native">
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th pl="md">Event</Table.Th>
                <Table.Th w={120}>Pace</Table.Th>
                <Table.Th w={290}>Secured / goal</Table.Th>
                <Table.Th w={140} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  Open pipeline
                </Table.Th>
                <Table.Th w={130} ta="right" pr="md">
                  Follow-ups
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr
                  key={r.eventId}
                  className={classes.scoreRow}
                  onClick={() => open(r)}
                  data-testid="scoreboard-row"
                >
                  <Table.Td className={classes.firstCell}>
                    <EventName r={r} linked />
                  </Table.Td>
                  <Table.Td>
                    <Pace r={r} />
                  </Table.Td>
                  <Table.Td>
                    <SecuredVsGoal r={r} />
                  </Table.Td>
                  <Table.Td className={classes.amountCell} data-dimmed={!r.pipelineAmount || undefined}>
                    {money(r.pipelineAmount, r.currency)}
                  </Table.Td>
                  <Table.Td className={classes.lastCell}>
                    <FollowUps r={r} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <div>
          {rows.map((r) => (
            <UnstyledButton
              key={r.eventId}
              component={Link}
              to={eventPath(r)}
              className={classes.scoreCard}
              data-testid="scoreboard-card"
            >
              <div className={classes.cellStack} data-gap="xs">
                <div className={classes.spread} data-align="start">
                  <EventName r={r} linked={false} />
                  <Pace r={r} />
                </div>
                <SecuredVsGoal r={r} />
                <div className={classes.spread} data-align="end">
                  <div className={classes.cellStack} data-gap="0">
                    <span className={classes.small}>Open pipeline</span>
                    <span className={classes.figure}>{money(r.pipelineAmount, r.currency)}</span>
                  </div>
                  <FollowUps r={r} />
                </div>
              </div>
            </UnstyledButton>
          ))}
        </div>
      )}
    </Card>
  );
}
