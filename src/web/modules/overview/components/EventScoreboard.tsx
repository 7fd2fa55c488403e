/**
 * The event scoreboard (reference §2.5, §2.10): secured against the goal, open pipeline, pace and follow-up
 * pressure per event. A table on wider screens, cards on phones, with the same values; a row opens the event.
 */
import {
  Anchor,
  Badge,
  Box,
  Card,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { ScoreboardRow } from '../../../../shared/overview.schema';
import { PACE_LABELS } from '../../../../shared/partnerships/pace';
import { plural } from '../../../ui/format';
import { money, PACE_COLORS, percent } from '../labels';
import classes from './overview.module.css';

const eventPath = (r: ScoreboardRow) => `/partnerships/events/${r.eventId}`;

/** The event's name: a link in the table; plain text inside a phone card, which is the link itself. */
function EventName({ r, linked }: { r: ScoreboardRow; linked: boolean }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap">
        {linked ? (
          <Anchor
            component={Link}
            to={eventPath(r)}
            fw={600}
            size="sm"
            c="inherit"
            truncate="end"
            onClick={(e) => e.stopPropagation()}
          >
            {r.eventName}
          </Anchor>
        ) : (
          <Text fw={600} size="sm" truncate="end">
            {r.eventName}
          </Text>
        )}
        {r.archived && (
          <Badge size="xs" color="gray" variant="light">
            Archived
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {r.eventYear} · {plural(r.relationshipCount, 'relationship')}
      </Text>
    </Stack>
  );
}

function Pace({ r }: { r: ScoreboardRow }) {
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={PACE_COLORS[r.paceStatus]} variant="light" size="sm">
        {PACE_LABELS[r.paceStatus]}
      </Badge>
      {r.expectedProgressPct !== null && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          expected {percent(r.expectedProgressPct)}
        </Text>
      )}
    </Stack>
  );
}

function SecuredVsGoal({ r }: { r: ScoreboardRow }) {
  const cur = r.currency;
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {money(r.securedAmount, cur)}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {r.hasGoal ? `of ${money(r.goalAmount, cur)}` : 'No goal'}
        </Text>
      </Group>
      {r.hasGoal && (
        <Group gap={6} wrap="nowrap">
          <Progress
            value={Math.min(100, r.progressToGoalPct ?? 0)}
            size="sm"
            radius="xl"
            color={PACE_COLORS[r.paceStatus] === 'gray' ? 'indigo' : PACE_COLORS[r.paceStatus]}
            style={{ flex: 1 }}
            aria-label={`${percent(r.progressToGoalPct)} of the goal secured`}
          />
          <Text size="xs" c="dimmed" w={44} ta="right">
            {percent(r.progressToGoalPct)}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function FollowUps({ r, align = 'right' }: { r: ScoreboardRow; align?: 'left' | 'right' }) {
  return (
    <Stack gap={0} align={align === 'right' ? 'flex-end' : 'flex-start'}>
      <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {r.upcomingFollowUps.toLocaleString()} upcoming
      </Text>
      <Text size="xs" c={r.overdueFollowUps > 0 ? 'red' : 'dimmed'} fw={r.overdueFollowUps > 0 ? 600 : 400}>
        {r.overdueFollowUps.toLocaleString()} overdue
      </Text>
    </Stack>
  );
}

export function EventScoreboard({ rows }: { rows: ScoreboardRow[] }) {
  const navigate = useNavigate();
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
      ) : (
        <>
          <Box visibleFrom="sm">
            <Table.ScrollContainer minWidth={820}>
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
                      <Table.Td pl="md" maw={320}>
                        <EventName r={r} linked />
                      </Table.Td>
                      <Table.Td>
                        <Pace r={r} />
                      </Table.Td>
                      <Table.Td>
                        <SecuredVsGoal r={r} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" c={r.pipelineAmount ? undefined : 'dimmed'}>
                          {money(r.pipelineAmount, r.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td pr="md">
                        <FollowUps r={r} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Box>
          <Box hiddenFrom="sm">
            {rows.map((r) => (
              <UnstyledButton
                key={r.eventId}
                component={Link}
                to={eventPath(r)}
                className={classes.scoreCard}
                data-testid="scoreboard-card"
              >
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                    <EventName r={r} linked={false} />
                    <Pace r={r} />
                  </Group>
                  <SecuredVsGoal r={r} />
                  <Group justify="space-between" align="flex-end" gap="xs">
                    <Stack gap={0}>
                      <Text size="xs" c="dimmed">
                        Open pipeline
                      </Text>
                      <Text size="sm" fw={600}>
                        {money(r.pipelineAmount, r.currency)}
                      </Text>
                    </Stack>
                    <FollowUps r={r} />
                  </Group>
                </Stack>
              </UnstyledButton>
            ))}
          </Box>
        </>
      )}
    </Card>
  );
}
