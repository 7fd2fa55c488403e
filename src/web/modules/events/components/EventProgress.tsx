import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { EventMetrics } from '../../../../shared/events.schema';
import { formatMoney } from '../../../../shared/money';

interface Props {
  metrics: EventMetrics;
  goal: number | null;
  currency: string;
  /** Show "secured of goal" under the bar. */
  withLabel?: boolean;
  size?: 'sm' | 'md' | 'lg';
}

/** Secured (confirmed + paid) against the goal: the bar of reference §3.2, capped at 100 %. */
export function EventProgress({ metrics, goal, currency, withLabel = true, size = 'sm' }: Props) {
  const hasGoal = goal !== null && goal > 0;
  const pct = hasGoal ? metrics.progressPct : 0;
  const label = hasGoal
    ? `${formatMoney(metrics.securedAmount, currency, undefined, true)} of ${formatMoney(goal, currency, undefined, true)}`
    : `${formatMoney(metrics.securedAmount, currency, undefined, true)} secured · no goal`;
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Tooltip label={hasGoal ? `${Math.round(pct)} % of the goal secured` : 'This event has no goal'}>
        <Progress
          value={pct}
          size={size}
          color={pct >= 100 ? 'teal' : 'indigo'}
          radius="xl"
          aria-label={hasGoal ? `${Math.round(pct)} percent of the goal secured` : 'No goal'}
        />
      </Tooltip>
      {withLabel && (
        <Group justify="space-between" gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" truncate="end">
            {label}
          </Text>
          {hasGoal && (
            <Text
              size="xs"
              fw={600}
              c={pct >= 100 ? 'teal' : undefined}
              style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
            >
              {Math.round(pct)} %
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
