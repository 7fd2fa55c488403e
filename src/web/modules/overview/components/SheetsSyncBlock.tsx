/**
 * Google Sheets status (reference §2.10): "Connected: {sheet}", "Configured, but cannot access sheet" or "Not
 * configured", the last sync and its figures, and Push / Pull buttons that run the sync as a job with a
 * progress bar and its result (rows pushed, created, updated, skipped, conflicts). The buttons are disabled
 * while a sync runs (here or elsewhere) and when no sheet is connected; Merge is on the Integrations page.
 */
import { Alert, Anchor, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconCloudDownload, IconCloudUpload, IconTable } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Overview } from '../../../../shared/overview.schema';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { formatDateTime, plural } from '../../../ui/format';
import { SyncProgress, SyncResultView } from '../../sheets/components/SyncProgress';
import { useSheetsSync } from '../../sheets/hooks';
import { SyncBlock } from './SyncBlock';

export function SheetsSyncBlock({ health }: { health: Overview['sheetsSync'] }) {
  const me = useUser();
  const mayRun = can(me.permissions, 'integrations.view');
  const sync = useSheetsSync(health.runningJobId);
  const why = !health.configured
    ? 'Connect a Google Sheet first'
    : !mayRun
      ? 'Your role may not run integrations'
      : undefined;
  const disabled = Boolean(why) || sync.running;
  const state = !health.configured
    ? { label: 'Not configured', color: 'gray' }
    : health.accessible === false
      ? { label: 'Action recommended', color: 'red' }
      : health.lastSyncStatus === 'failed'
        ? { label: 'Last sync failed', color: 'orange' }
        : { label: 'Connected', color: 'teal' };
  const button = (mode: 'push' | 'pull') => (
    <Tooltip key={mode} label={why} disabled={!why}>
      <span>
        <Button
          size="xs"
          variant="default"
          leftSection={mode === 'push' ? <IconCloudUpload size={14} /> : <IconCloudDownload size={14} />}
          disabled={disabled}
          loading={sync.starting}
          onClick={() => sync.start({ kind: 'google', mode })}
        >
          {mode === 'push' ? 'Push to Sheet' : 'Pull from Sheet'}
        </Button>
      </span>
    </Tooltip>
  );
  return (
    <SyncBlock
      testId="sheets-sync"
      icon={<IconTable size={18} />}
      title="Google Sheets"
      state={state}
      message={
        health.configured ? (
          health.message
        ) : (
          <>
            {health.message}
            <br />
            No sheet is connected, so there is nothing to push to or pull from.
          </>
        )
      }
    >
      <Text size="xs" c="dimmed" data-testid="sheets-sync-last">
        {health.lastSyncAt
          ? `Last sync: ${formatDateTime(health.lastSyncAt)} (${health.lastSyncMode?.toUpperCase()})`
          : 'Not synced yet'}
        {health.lastSyncSummary && health.lastSyncStatus === 'ok'
          ? ` · ${health.lastSyncSummary.rowsPushed} pushed, ${health.lastSyncSummary.created} created, ${health.lastSyncSummary.updated} updated`
          : ''}
      </Text>
      {health.lastError && !sync.result && (
        <Alert color="orange" variant="light" p="xs" fz="xs">
          {health.lastError}
        </Alert>
      )}
      <Group gap="xs">
        {button('push')}
        {button('pull')}
        {mayRun && (
          <Anchor
            component={Link}
            to={
              health.openConflicts > 0 ? '/partnerships/integrations/conflicts' : '/partnerships/integrations'
            }
            size="xs"
          >
            {health.openConflicts > 0 ? `Review ${plural(health.openConflicts, 'conflict')}` : 'Settings'}
          </Anchor>
        )}
      </Group>
      <SyncProgress job={sync.job} running={sync.running} />
      {sync.failed && (
        <Alert color="red" variant="light" p="xs" fz="xs" title="The sync failed; nothing was changed">
          {sync.failed}
        </Alert>
      )}
      {sync.result && <SyncResultView result={sync.result} compact />}
    </SyncBlock>
  );
}
