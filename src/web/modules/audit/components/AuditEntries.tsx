import { Badge, Group, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { AuditEntry } from '../../../../shared/audit.schema';
import { formatDateTime, formatRelative } from '../../../ui/format';
import { ACTION_COLORS, ACTION_VERBS, entityLabel, type ValueResolver } from '../../../ui/history/changes';
import { ChangeList } from '../../../ui/history/ChangeList';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import classes from './AuditEntries.module.css';

interface Props {
  entries: AuditEntry[];
  loading: boolean;
  dimmed: boolean;
  resolve: ValueResolver;
  onRecord: (entityId: string) => void;
  compact: boolean;
}

function RecordRef({ e, onRecord }: { e: AuditEntry; onRecord: (id: string) => void }) {
  return (
    <Tooltip label={`Show only this record (${e.entityId})`}>
      <button type="button" className={classes.recordId} onClick={() => onRecord(e.entityId)}>
        {e.entityId.length > 12 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
      </button>
    </Tooltip>
  );
}

/** What the table's columns need; narrower content gets the stacked entries. */
export const AUDIT_TABLE_WIDTH = 860;

/** The audit log as a table where it fits, else as stacked entries (`compact`). */
export function AuditEntries({ entries, loading, dimmed, resolve, onRecord, compact }: Props) {
  if (compact)
    return (
      <Stack gap={0} data-testid="audit-table" style={{ opacity: dimmed ? 0.6 : 1 }}>
        {loading
          ? [0, 1, 2, 3].map((i) => (
              <Stack key={i} gap={6} className={classes.item}>
                <Skeleton height={12} width="60%" />
                <Skeleton height={10} width="40%" />
                <Skeleton height={10} width="80%" />
              </Stack>
            ))
          : entries.map((e) => (
              <Stack key={e.id} gap={6} className={classes.item}>
                <Group gap={6} wrap="wrap">
                  <Text size="sm" fw={600}>
                    {e.actorName}
                  </Text>
                  <Badge color={ACTION_COLORS[e.action]}>{ACTION_VERBS[e.action]}</Badge>
                  <Text size="sm">{entityLabel(e.entity)}</Text>
                  <RecordRef e={e} onRecord={onRecord} />
                </Group>
                <Text size="xs" c="dimmed">
                  {formatRelative(e.at)} · {formatDateTime(e.at)}
                </Text>
                <ChangeList changes={e.changes} resolve={resolve} max={6} maxDetails={4} />
              </Stack>
            ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={AUDIT_TABLE_WIDTH}>
      <Table verticalSpacing="sm" data-testid="audit-table" style={{ opacity: dimmed ? 0.6 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>When</Table.Th>
            <Table.Th w={160}>Who</Table.Th>
            <Table.Th w={150}>Record</Table.Th>
            <Table.Th w={100}>Action</Table.Th>
            <Table.Th>Changes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {loading ? (
          <TableSkeleton cols={5} rows={8} />
        ) : (
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.id} style={{ verticalAlign: 'top' }}>
                <Table.Td miw={150}>
                  <Text size="sm">{formatRelative(e.at)}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {e.actorName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entityLabel(e.entity)}</Text>
                  <RecordRef e={e} onRecord={onRecord} />
                </Table.Td>
                <Table.Td miw={100}>
                  <Badge color={ACTION_COLORS[e.action]} style={{ overflow: 'visible' }}>
                    {ACTION_VERBS[e.action]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <ChangeList changes={e.changes} resolve={resolve} max={8} maxDetails={4} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
