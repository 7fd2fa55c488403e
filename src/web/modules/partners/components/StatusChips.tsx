import { Badge, Group, Tooltip } from '@mantine/core';
import { statusLabel } from '../../../../shared/partnerships/statuses';
import type { PartnerMetrics } from '../../../../shared/partners.schema';
import { statusColor } from '../../links/status';

type Breakdown = PartnerMetrics['statusBreakdown'];

const describe = (rows: Breakdown) => rows.map((b) => `${statusLabel(b.status)}: ${b.count}`).join(', ');

/** The partner's statuses, most frequent first: the top three as chips, then "+N more" (reference §3.1). */
export function StatusChips({ breakdown, max = 3 }: { breakdown: Breakdown; max?: number }) {
  if (breakdown.length === 0) return null;
  const shown = breakdown.slice(0, max);
  const rest = breakdown.slice(max);
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((b) => (
        <Badge key={b.status} color={statusColor(b.status)} variant="light" size="sm" radius="sm" tt="none">
          {statusLabel(b.status)}
          {b.count > 1 ? ` ×${b.count}` : ''}
        </Badge>
      ))}
      {rest.length > 0 && (
        <Tooltip label={describe(rest)} multiline maw={260}>
          <Badge color="gray" variant="outline" size="sm" radius="sm" tt="none">
            +{rest.length} more
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
