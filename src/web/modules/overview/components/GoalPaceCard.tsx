/**
 * Goal Pace (reference §2.6, §2.10): secured against the year's goal, what the calendar expects by today, the
 * difference, and a status; without a goal, a way to set one.
 */
import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconTarget } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { OverviewAnnual } from '../../../../shared/overview.schema';
import { PACE_LABELS } from '../../../../shared/partnerships/pace';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { money, PACE_COLORS, percent, signedMoney } from '../labels';
import classes from './overview.module.css';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} truncate="end" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

interface Props {
  annual: OverviewAnnual;
  currency: string;
}

export function GoalPaceCard({ annual: a, currency }: Props) {
  const me = useUser();
  const mayConfigure = can(me.permissions, 'overview.configure');
  const goalsLink = `/partnerships/goals${a.year ? `?year=${a.year}` : ''}`;
  const hasGoal = a.goalAmount > 0 && a.progressToGoalPct !== null;

  return (
    <Card radius="lg" p="md" h="100%" data-testid="goal-pace">
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
        <Stack gap={0}>
          <Title order={3} fz="md">
            Goal pace
          </Title>
          <Text size="xs" c="dimmed">
            {a.year ? `${a.year}, against the calendar year` : 'No year in scope'}
          </Text>
        </Stack>
        <Badge color={PACE_COLORS[a.paceStatus]} variant="light" data-testid="goal-pace-status">
          {a.paceStatus === 'no_goal' ? 'No goal configured' : PACE_LABELS[a.paceStatus]}
        </Badge>
      </Group>

      {hasGoal ? (
        <Stack gap="xs">
          <Group gap={8} align="baseline" style={{ rowGap: 0 }}>
            <Text fz={{ base: 20, sm: 24 }} fw={700} lh={1.2} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {money(a.securedAmount, currency)}
            </Text>
            <Text c="dimmed" fw={500} size="sm">
              of <span data-testid="goal-pace-goal">{money(a.goalAmount, currency)}</span>
            </Text>
          </Group>
          <Box pos="relative" pt={4} pb={4}>
            <Progress
              value={Math.min(100, a.progressToGoalPct ?? 0)}
              size="lg"
              radius="xl"
              color={PACE_COLORS[a.paceStatus] === 'gray' ? 'indigo' : PACE_COLORS[a.paceStatus]}
              aria-label={`${percent(a.progressToGoalPct)} of the goal secured`}
            />
            {a.expectedProgressPct !== null && (
              <Tooltip label={`Expected by today: ${percent(a.expectedProgressPct)}`}>
                <div
                  className={classes.marker}
                  style={{ left: `${Math.min(100, a.expectedProgressPct)}%` }}
                  aria-hidden
                />
              </Tooltip>
            )}
          </Box>
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              Actual: <b data-testid="goal-pace-actual">{percent(a.progressToGoalPct)}</b>
            </Text>
            <Text size="sm">
              Expected by today: <b data-testid="goal-pace-expected">{percent(a.expectedProgressPct)}</b>
            </Text>
          </Group>
          {a.paceDelta !== null && (
            <Text size="sm" c={a.paceDelta >= 0 ? 'teal' : 'red'} fw={600} data-testid="goal-pace-delta">
              {signedMoney(a.paceDelta, currency)} vs expected by today
            </Text>
          )}
          <SimpleGrid cols={2} spacing="xs" verticalSpacing={6} mt={4}>
            <Figure label="Expected by today" value={money(a.expectedSecuredByNow ?? 0, currency)} />
            <Figure label="Still to secure" value={money(a.remainingToGoal, currency)} />
            <Figure label="Open pipeline" value={money(a.pipelineAmount, currency)} />
            <Figure label="Lost" value={money(a.lostAmount, currency)} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {a.goalSource === 'annual_goal'
              ? `Annual goal set for ${a.year}`
              : `Sum of ${a.year}’s event goals`}
            {mayConfigure && (
              <>
                {' · '}
                <Anchor component={Link} to={goalsLink} size="xs">
                  {a.goalSource === 'annual_goal' ? 'Change goal' : 'Set an annual goal'}
                </Anchor>
              </>
            )}
          </Text>
        </Stack>
      ) : (
        <Stack gap="sm" align="flex-start" data-testid="goal-pace-empty">
          <Text size="sm" c="dimmed">
            {a.year
              ? `There is no goal for ${a.year} yet, so there is no pace to track. ${money(a.securedAmount, currency)} is secured so far.`
              : 'Choose a year or an event to see its goal pace.'}
          </Text>
          {a.year &&
            (mayConfigure ? (
              <Button
                component={Link}
                to={goalsLink}
                size="xs"
                variant="light"
                leftSection={<IconTarget size={14} />}
              >
                Set goals
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                Set event goals, or ask an admin to set an annual goal, to unlock pace tracking.
              </Text>
            ))}
        </Stack>
      )}
    </Card>
  );
}
