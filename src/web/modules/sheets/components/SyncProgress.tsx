/** A running sync's progress bar, then its result in figures (rows pushed, created, updated, skipped, conflicts). */
import { Alert, Anchor, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { SyncResult } from '../../../../shared/sheets.schema';
import type { JobStatus } from '../../jobs/api';
import { jobPercent } from '../../jobs/hooks';
import { plural } from '../../../ui/format';
import { StatTile } from '../../../ui/StatTile';

const MODE_LABEL = { push: 'Push', pull: 'Pull', merge: 'Merge' } as const;

export function SyncProgress({ job, running }: { job: JobStatus | undefined; running: boolean }) {
  if (!running) return null;
  const pct = jobPercent(job);
  return (
    <Stack gap={4} data-testid="sync-progress">
      <Progress value={pct || 8} animated striped aria-label="Sync progress" />
      <Text size="xs" c="dimmed">
        {job?.progressMessage ?? 'Starting'}
        {job && job.progressTotal > 0
          ? ` · ${job.progressDone.toLocaleString()} of ${job.progressTotal.toLocaleString()} rows`
          : ''}
      </Text>
    </Stack>
  );
}

export function SyncResultView({ result, compact = false }: { result: SyncResult; compact?: boolean }) {
  const clean = result.errors.length === 0 && result.conflicts === 0;
  const pulled = result.mode !== 'push';
  return (
    <Stack gap="sm" data-testid="sync-result">
      <Alert
        color={clean ? 'teal' : 'orange'}
        variant="light"
        icon={clean ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
        title={`${MODE_LABEL[result.mode]} finished${clean ? '' : ' with rows to look at'}`}
      >
        {result.conflicts > 0 && (
          <Text size="sm">
            {plural(result.conflicts, 'row')} changed in both places and{' '}
            {result.conflicts === 1 ? 'was' : 'were'} not applied.{' '}
            <Anchor component={Link} to="/partnerships/integrations/conflicts" size="sm">
              Review conflicts
            </Anchor>
          </Text>
        )}
        {result.errors.length > 0 && (
          <Text size="sm">
            {plural(result.errors.length, 'row')} could not be read and{' '}
            {result.errors.length === 1 ? 'was' : 'were'} skipped (see below).
          </Text>
        )}
        {clean && (
          <Text size="sm">
            {pulled ? `${plural(result.processedRows, 'row')} read` : ''}
            {pulled && result.rowsPushed ? '; ' : ''}
            {result.rowsPushed ? `${plural(result.rowsPushed, 'row')} written to the sheet` : ''}.
          </Text>
        )}
      </Alert>
      <SimpleGrid cols={{ base: 2, xs: 3, sm: compact ? 3 : 5 }} spacing="xs">
        <StatTile label="Pushed" value={result.rowsPushed.toLocaleString()} testId="result-pushed" />
        <StatTile
          label="Created"
          value={result.created.toLocaleString()}
          hint={pulled ? `${result.eventsCreated} events` : undefined}
          testId="result-created"
        />
        <StatTile label="Updated" value={result.updated.toLocaleString()} testId="result-updated" />
        <StatTile
          label="Skipped"
          value={result.skipped.toLocaleString()}
          color={result.skipped ? 'orange' : undefined}
          testId="result-skipped"
        />
        <StatTile
          label="Conflicts"
          value={result.conflicts.toLocaleString()}
          color={result.conflicts ? 'orange' : undefined}
          testId="result-conflicts"
        />
      </SimpleGrid>
      {result.errors.length > 0 && !compact && (
        <Stack gap={2}>
          {result.errors.slice(0, 10).map((e, i) => (
            <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" c="dimmed" w={64} style={{ flexShrink: 0 }}>
                Row {e.row}
              </Text>
              <Text size="sm">{e.message}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
