/**
 * The pipeline by status (reference §2.7): count, amount, share of count and of amount, a bar by share of
 * amount; secured rows highlighted. Every status is listed, lost ones included (decision 1).
 */
import { Box, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import type { OverviewPipeline } from '../../../../shared/overview.schema';
import { plural, pluralWord } from '../../../ui/format';
import { StatusBadge } from '../../links/components/StatusBadge';
import { money } from '../labels';
import classes from './overview.module.css';

interface Props {
  pipeline: OverviewPipeline;
  currency: string;
}

export function PipelineBreakdown({ pipeline: p, currency }: Props) {
  return (
    <Card radius="lg" p="md" h="100%" data-testid="pipeline-breakdown">
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
        <Stack gap={0}>
          <Title order={3} fz="md">
            Pipeline breakdown
          </Title>
          <Text size="xs" c="dimmed">
            {plural(p.totalCount, 'relationship')} · {money(p.totalAmount, currency)} in every status
          </Text>
        </Stack>
      </Group>
      {p.byStatus.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          No relationships in this scope yet.
        </Text>
      ) : (
        <Stack gap={2} className={classes.pipeline}>
          <div className={`${classes.pipelineRow} ${classes.wideOnly}`} aria-hidden>
            <Text size="xs" c="dimmed" className={classes.pBadge}>
              Status
            </Text>
            <Text size="xs" c="dimmed" className={classes.pCount}>
              Relationships
            </Text>
            <Text size="xs" c="dimmed" className={classes.pBar}>
              Share
            </Text>
            <Text size="xs" c="dimmed" ta="right" className={classes.pAmount}>
              Amount
            </Text>
          </div>
          {p.byStatus.map((r) => (
            <Box
              key={r.status}
              className={classes.pipelineRow}
              data-secured={r.isSecured || undefined}
              data-testid="pipeline-row"
              data-status={r.status}
            >
              <div className={classes.pBadge}>
                <StatusBadge status={r.status} variant={r.isSecured ? 'filled' : 'light'} maw="100%" />
              </div>
              <Text size="xs" c="dimmed" truncate="end" className={classes.pCount}>
                {/* In the one-line layout the column's heading says what the number counts. */}
                {r.count.toLocaleString()}
                <span className={classes.narrowOnly}> {pluralWord(r.count, 'relationship')}</span> (
                {r.shareByCountPct.toFixed(1)}%)
              </Text>
              <Progress
                className={classes.pBar}
                size="sm"
                radius="xl"
                value={r.amount > 0 ? Math.max(2, r.shareByAmountPct) : 0}
                color={r.isSecured ? 'teal' : r.group === 'lost' ? 'gray' : 'indigo'}
                aria-label={`${r.label}: ${r.shareByAmountPct}% of the amount`}
              />
              <Text
                size="xs"
                c="dimmed"
                ta="right"
                className={classes.pShare}
                style={{ whiteSpace: 'nowrap' }}
              >
                {Math.round(r.shareByAmountPct)}%<span className={classes.narrowOnly}> of pipeline</span>
              </Text>
              <Text
                size="sm"
                fw={600}
                ta="right"
                className={classes.pAmount}
                style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
              >
                {money(r.amount, currency)}
              </Text>
            </Box>
          ))}
          <Group gap="md" mt="xs" px={10}>
            <Text size="xs" c="dimmed">
              Secured <b>{money(p.securedAmount, currency)}</b>
            </Text>
            <Text size="xs" c="dimmed">
              Open <b>{money(p.openAmount, currency)}</b>
            </Text>
            <Text size="xs" c="dimmed">
              Lost <b>{money(p.lostAmount, currency)}</b>
            </Text>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
