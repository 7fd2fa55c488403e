import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconInfoCircle } from '@tabler/icons-react';
import type { ImportIssue } from '../../../../shared/exchange.schema';
import { StatTile } from '../../../ui/StatTile';
import { columnLabel, type ImportKindDef } from '../importKinds';
import { downloadText, reportCsv, type ReportSummary } from '../report';
import { usePhone } from '../../../ui/usePhone';

function Issues({ kind, items, empty }: { kind: ImportKindDef; items: ImportIssue[]; empty: string }) {
  const phone = usePhone();
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" py="sm">
        {empty}
      </Text>
    );
  // A phone has no room for three columns: each issue is its row and field over its message.
  if (phone)
    return (
      <ScrollArea.Autosize mah={420}>
        <Stack gap={0}>
          {items.map((i, n) => (
            <Stack
              key={n}
              gap={2}
              py="xs"
              data-testid="report-issue"
              style={{ borderTop: n ? '1px solid var(--mantine-color-default-border)' : undefined }}
            >
              <Text size="xs" fw={700} c="dimmed">
                Row {i.row}
                {i.field ? ` · ${columnLabel(kind, i.field)}` : ''}
              </Text>
              <Text size="sm">{i.message}</Text>
            </Stack>
          ))}
        </Stack>
      </ScrollArea.Autosize>
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
            <Table.Tr key={n} data-testid="report-issue">
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{i.row}</Table.Td>
              <Table.Td>{i.field ? columnLabel(kind, i.field) : '—'}</Table.Td>
              <Table.Td>{i.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The final report of an import or dry run: counts, then every error, conflict and warning by row. */
export function ImportReportView({
  kind,
  report: r,
  fileName,
}: {
  kind: ImportKindDef;
  report: ReportSummary;
  fileName: string;
}) {
  const firstWithItems = r.lists.find((l) => l.items.length > 0) ?? r.lists[0]!;
  return (
    <Stack gap="md" data-testid="import-report">
      <Alert
        color={r.clean ? 'teal' : 'orange'}
        variant="light"
        icon={r.clean ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        title={
          r.dryRun
            ? r.clean
              ? 'The check found no problems'
              : 'The check found problems'
            : r.clean
              ? 'Import finished'
              : 'Import finished with problems'
        }
      >
        <Text size="sm">
          {r.sentence}
          {r.dryRun ? ' Nothing has been written yet.' : ''}
        </Text>
      </Alert>
      <SimpleGrid cols={{ base: 3, md: r.counts.length }} spacing="xs">
        {r.counts.map((c) => (
          <StatTile key={c.key} label={c.label} value={c.value} color={c.color} testId={`report-${c.key}`} />
        ))}
      </SimpleGrid>
      {r.detail && (
        <Text size="xs" c="dimmed">
          <IconInfoCircle size={13} style={{ verticalAlign: -2 }} /> {r.detail}
        </Text>
      )}
      <Paper withBorder radius="md" p="sm">
        <Tabs defaultValue={firstWithItems.key}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Tabs.List>
              {r.lists.map((l) => (
                <Tabs.Tab
                  key={l.key}
                  value={l.key}
                  rightSection={
                    <Badge size="xs" color={l.color} variant="light">
                      {l.items.length}
                    </Badge>
                  }
                >
                  {l.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              onClick={() =>
                downloadText(
                  `${fileName.replace(/\.[^.]+$/, '')}-${r.dryRun ? 'check' : 'import'}-report.csv`,
                  reportCsv(kind, r),
                )
              }
            >
              Download report (CSV)
            </Button>
          </Group>
          {r.lists.map((l) => (
            <Tabs.Panel key={l.key} value={l.key} pt="xs">
              <Issues kind={kind} items={l.items} empty={l.empty} />
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>
    </Stack>
  );
}
