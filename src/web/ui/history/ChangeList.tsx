import { Box, Group, List, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { AuditEntry } from '../../../shared/audit.schema';
import { describeChanges, type ValueResolver } from './changes';

interface Props {
  changes: AuditEntry['changes'];
  resolve?: ValueResolver;
  /** Rows shown before "and N more". */
  max?: number;
  /** Permission lines shown per row before "and N more". */
  maxDetails?: number;
}

/** Field changes as "Label  old → new" rows. */
export function ChangeList({ changes, resolve, max, maxDetails }: Props) {
  const rows = describeChanges(changes, resolve);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No field changes recorded.
      </Text>
    );
  const shown = max ? rows.slice(0, max) : rows;
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: 'grid', gridTemplateColumns: 'minmax(90px, max-content) 1fr', gap: '4px 12px' }}
    >
      {shown.map((r) => (
        <Box key={r.field} style={{ display: 'contents' }}>
          <Text component="dt" size="sm" c="dimmed">
            {r.label}
          </Text>
          <Box component="dd" m={0} style={{ minWidth: 0 }}>
            <Group gap={6} wrap="wrap" align="center">
              {r.old !== null && (
                <>
                  <Text size="sm" c="dimmed" td="line-through" style={{ wordBreak: 'break-word' }}>
                    {r.old}
                  </Text>
                  <IconArrowRight size={12} style={{ flexShrink: 0, opacity: 0.6 }} aria-label="changed to" />
                </>
              )}
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {r.new}
              </Text>
            </Group>
            {r.details && r.details.length > 0 && (
              <List size="xs" mt={2} spacing={0} c="dimmed">
                {(maxDetails ? r.details.slice(0, maxDetails) : r.details).map((d) => (
                  <List.Item key={d}>{d}</List.Item>
                ))}
                {maxDetails && r.details.length > maxDetails && (
                  <List.Item>and {r.details.length - maxDetails} more modules</List.Item>
                )}
              </List>
            )}
          </Box>
        </Box>
      ))}
      {max && rows.length > max && (
        <Text size="xs" c="dimmed" style={{ gridColumn: '1 / -1' }}>
          and {rows.length - max} more
        </Text>
      )}
    </Box>
  );
}
