/**
 * Conflict review: each row a pull did not apply because the sheet and Accord both changed it, side by side
 * (the sheet's cells against Accord's), and a choice per row: use the sheet's row, or keep Accord's (the next
 * push then overwrites the sheet's row).
 */
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconDatabase, IconTable } from '@tabler/icons-react';
import { EDITABLE_KEYS, type SheetConflict } from '../../../../shared/sheets.schema';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, plural } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { columnLabel } from '../../exchange/components/MappingEditor';
import { useResolveConflict, useSheetConflicts } from '../hooks';

function ConflictCard({ c }: { c: SheetConflict }) {
  const resolve = useResolveConflict();
  const [all, setAll] = useState(false);
  const keys = all
    ? EDITABLE_KEYS.filter((k) => (c.sheet[k] ?? '') !== '' || (c.crm[k] ?? '') !== '')
    : (c.differences as typeof EDITABLE_KEYS);
  const open = c.status === 'open';
  return (
    <Card radius="lg" p="lg" data-testid="conflict-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={5}>{c.company}</Title>
              {c.eventName && <Text c="dimmed">· {c.eventName}</Text>}
              <Badge variant="light" color={open ? 'orange' : c.status === 'sheet' ? 'indigo' : 'gray'}>
                {open ? 'Open' : c.status === 'sheet' ? 'Sheet applied' : 'Accord kept'}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {c.source === 'file' ? 'File' : 'Sheet'} row {c.rowNumber} · the{' '}
              {c.entity === 'link' ? 'involvement' : 'partner'} was changed in Accord at{' '}
              {formatDateTime(c.crmUpdatedAt)}, after the {c.source === 'file' ? 'file' : 'sheet'}'s copy of{' '}
              {formatDateTime(c.sheetUpdatedAt)}
            </Text>
          </Stack>
          <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)}>
            {all ? 'Only differences' : 'All fields'}
          </Button>
        </Group>
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder withColumnBorders fz="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="24%">Field</Table.Th>
                <Table.Th>
                  <Group gap={4}>
                    <IconTable size={14} /> In the {c.source === 'file' ? 'file' : 'sheet'}
                  </Group>
                </Table.Th>
                <Table.Th>
                  <Group gap={4}>
                    <IconDatabase size={14} /> In Accord
                  </Group>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed">
                      The cells now agree; either choice changes nothing.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {keys.map((k) => {
                const differs = c.differences.includes(k);
                return (
                  <Table.Tr key={k} bg={differs ? 'var(--mantine-color-yellow-light)' : undefined}>
                    <Table.Td fw={differs ? 600 : undefined}>{columnLabel(k)}</Table.Td>
                    <Table.Td data-testid={`sheet-${k}`} style={{ wordBreak: 'break-word' }}>
                      {c.sheet[k] || (
                        <Text span c="dimmed">
                          (blank: keeps Accord's)
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-testid={`crm-${k}`} style={{ wordBreak: 'break-word' }}>
                      {c.crm[k] || (
                        <Text span c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {resolve.isError && <ErrorAlert error={resolve.error} title="Not resolved" />}
        {open && (
          <Group gap="xs">
            <Button
              leftSection={<IconTable size={16} />}
              loading={resolve.isPending && resolve.variables?.winner === 'sheet'}
              disabled={resolve.isPending}
              onClick={() => resolve.mutate({ id: c.id, winner: 'sheet' })}
            >
              Use the {c.source === 'file' ? "file's" : "sheet's"} row
            </Button>
            <Button
              variant="default"
              leftSection={<IconCheck size={16} />}
              loading={resolve.isPending && resolve.variables?.winner === 'crm'}
              disabled={resolve.isPending}
              onClick={() => resolve.mutate({ id: c.id, winner: 'crm' })}
            >
              Keep Accord's
            </Button>
            <Text size="xs" c="dimmed">
              Keeping Accord's: the next push writes it over the {c.source === 'file' ? 'file' : 'sheet'}'s
              row.
            </Text>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export default function ConflictsPage() {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const list = useSheetConflicts(status);
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Sync conflicts"
        description={
          list.data
            ? `${plural(list.data.openCount, 'row')} changed both in the sheet and in Accord since the last push. Choose which side wins.`
            : 'Rows changed both in the sheet and in Accord since the last push.'
        }
        back={{ to: '/partnerships/integrations', label: 'Google Sheets sync' }}
        actions={
          <SegmentedControl
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'resolved')}
            data={[
              { value: 'open', label: 'Open' },
              { value: 'resolved', label: 'Resolved' },
            ]}
          />
        }
      />
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <Skeleton h={220} radius="lg" />
      ) : items.length === 0 ? (
        <Empty
          title={status === 'open' ? 'No conflicts' : 'Nothing resolved yet'}
          description={
            status === 'open'
              ? 'Every row of the last pull was applied or was unchanged.'
              : 'Conflicts you settle are listed here.'
          }
        />
      ) : (
        <Stack gap="md">
          {items.map((c) => (
            <ConflictCard key={c.id} c={c} />
          ))}
        </Stack>
      )}
    </>
  );
}
