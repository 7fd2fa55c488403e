import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconInfoCircle } from '@tabler/icons-react';
import type { ImportIssue, ImportReport } from '../../../../shared/exchange.schema';
import { plural } from '../../../ui/format';
import { StatTile } from '../../../ui/StatTile';
import { columnLabel } from './MappingEditor';
import { downloadText, reportCsv } from '../report';

function Issues({ items, empty }: { items: ImportIssue[]; empty: string }) {
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" py="sm">
        {empty}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={300} mah={420}>
      <Table striped stickyHeader fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>Row</Table.Th>
            <Table.Th w="30%">Field</Table.Th>
            <Table.Th>Message</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i, n) => (
            <Table.Tr key={n}>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{i.row}</Table.Td>
              <Table.Td>{i.field ? columnLabel(i.field) : '—'}</Table.Td>
              <Table.Td>{i.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The final report of an import or dry run: counts, then every error, conflict and warning by row. */
export function ImportReportView({ report: r, fileName }: { report: ImportReport; fileName: string }) {
  const created = r.partnersCreated + r.linksCreated + r.eventsCreated;
  const updated = r.partnersUpdated + r.linksUpdated;
  const clean = r.errors.length === 0 && r.conflicts.length === 0;
  return (
    <Stack gap="md" data-testid="import-report">
      <Alert
        color={clean ? 'teal' : 'orange'}
        variant="light"
        icon={clean ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        title={
          r.dryRun
            ? clean
              ? 'The check found no problems'
              : 'The check found problems'
            : clean
              ? 'Import finished'
              : 'Import finished with problems'
        }
      >
        <Text size="sm">
          {plural(r.processedRows, 'row')} {r.dryRun ? 'checked. An import would give' : 'imported'}:{' '}
          {created.toLocaleString()} created, {updated.toLocaleString()} updated,{' '}
          {r.unchanged.toLocaleString()} unchanged, {r.skipped.toLocaleString()} skipped.
          {r.dryRun ? ' Nothing has been written yet.' : ''}
        </Text>
      </Alert>
      <SimpleGrid cols={{ base: 3, md: 6 }} spacing="xs">
        <StatTile label="Created" value={created} color="teal" testId="report-created" />
        <StatTile label="Updated" value={updated} color="blue" testId="report-updated" />
        <StatTile label="Unchanged" value={r.unchanged} testId="report-unchanged" />
        <StatTile label="Skipped" value={r.skipped} color="orange" testId="report-skipped" />
        <StatTile label="Errors" value={r.errors.length} color="red" testId="report-errors" />
        <StatTile label="Conflicts" value={r.conflicts.length} color="orange" testId="report-conflicts" />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        <IconInfoCircle size={13} style={{ verticalAlign: -2 }} /> Partners: {r.partnersCreated} created,{' '}
        {r.partnersUpdated} updated · Involvements: {r.linksCreated} created, {r.linksUpdated} updated ·
        Events: {r.eventsCreated} created
      </Text>
      <Paper withBorder radius="md" p="sm">
        <Tabs defaultValue={r.errors.length ? 'errors' : r.conflicts.length ? 'conflicts' : 'warnings'}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Tabs.List>
              <Tabs.Tab
                value="errors"
                rightSection={
                  <Badge size="xs" color="red" variant="light">
                    {r.errors.length}
                  </Badge>
                }
              >
                Errors
              </Tabs.Tab>
              <Tabs.Tab
                value="conflicts"
                rightSection={
                  <Badge size="xs" color="orange" variant="light">
                    {r.conflicts.length}
                  </Badge>
                }
              >
                Conflicts
              </Tabs.Tab>
              <Tabs.Tab
                value="warnings"
                rightSection={
                  <Badge size="xs" color="gray" variant="light">
                    {r.warnings.length}
                  </Badge>
                }
              >
                Warnings
              </Tabs.Tab>
            </Tabs.List>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              onClick={() =>
                downloadText(
                  `${fileName.replace(/\.[^.]+$/, '')}-${r.dryRun ? 'check' : 'import'}-report.csv`,
                  reportCsv(r),
                )
              }
            >
              Download report (CSV)
            </Button>
          </Group>
          <Tabs.Panel value="errors" pt="xs">
            <Issues items={r.errors} empty="No errors: every row could be read." />
          </Tabs.Panel>
          <Tabs.Panel value="conflicts" pt="xs">
            <Issues items={r.conflicts} empty="No conflicts: no row is older than the record it updates." />
          </Tabs.Panel>
          <Tabs.Panel value="warnings" pt="xs">
            <Issues items={r.warnings} empty="No warnings." />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}
