/**
 * Google Sheets sync: status (reference §3.8 plus access and the last run), Push / Pull / Merge with progress
 * and the result, the same with a CSV or Excel file for teams without Google, and the settings.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Grid,
  Group,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconCloudDownload,
  IconCloudUpload,
  IconExternalLink,
  IconFileSpreadsheet,
  IconFileUpload,
  IconGitCompare,
  IconRefresh,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { can } from '../../../../shared/permissions';
import type { SheetsStatus } from '../../../../shared/sheets.schema';
import { useUser } from '../../../app/auth';
import { CopyField } from '../../../ui/CopyField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, plural } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { sheetsApi } from '../api';
import { SheetsConfigForm } from '../components/SheetsConfigForm';
import { SyncProgress, SyncResultView } from '../components/SyncProgress';
import { useRecheckAccess, useSheetsConfig, useSheetsStatus, useSheetsSync } from '../hooks';

const MODE = { push: 'push', pull: 'pull', merge: 'merge' } as const;

function headline(s: SheetsStatus): { label: string; color: string } {
  if (!s.configured) return { label: 'Not configured', color: 'gray' };
  if (s.accessible === false) return { label: 'Cannot access sheet', color: 'red' };
  if (s.lastSyncStatus === 'failed') return { label: 'Last sync failed', color: 'orange' };
  return { label: 'Connected', color: 'teal' };
}

function StatusCard({
  status,
  onRecheck,
  rechecking,
}: {
  status: SheetsStatus;
  onRecheck: () => void;
  rechecking: boolean;
}) {
  const sync = useSheetsSync(status.runningJobId);
  const h = headline(status);
  const disabled = !status.configured || sync.running;
  const why = !status.configured ? 'Configure the sheet first' : undefined;
  const result =
    sync.result ?? (sync.running ? null : status.lastRun?.source === 'google' ? status.lastRun : null);
  return (
    <Card radius="lg" p="lg" data-testid="sheets-status">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Title order={4}>Google Sheet</Title>
              <Badge color={h.color} variant="light" data-testid="sheets-headline">
                {h.label}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {status.configured
                ? status.accessible === false
                  ? 'Configured, but cannot access sheet'
                  : `Connected: ${status.sheetName}`
                : (status.message ?? 'Not configured')}
            </Text>
          </Stack>
          {status.configured && (
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconRefresh size={14} />}
              onClick={onRecheck}
              loading={rechecking}
            >
              Check access
            </Button>
          )}
        </Group>
        {status.configured && status.accessible === false && status.accessError && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Accord cannot open the sheet"
          >
            {status.accessError}
          </Alert>
        )}
        {status.configured && (
          <Stack gap={6}>
            {status.spreadsheetUrl && (
              <Anchor href={status.spreadsheetUrl} target="_blank" rel="noreferrer" size="sm">
                <Group gap={4}>
                  Open the spreadsheet <IconExternalLink size={14} />
                </Group>
              </Anchor>
            )}
            <Text size="xs" c="dimmed">
              Share the sheet with this address as an Editor:
            </Text>
            <CopyField value={status.serviceAccountEmail} label="Copy the address" />
          </Stack>
        )}
        <Text size="sm" data-testid="sheets-last-sync">
          {status.lastSyncAt
            ? `Last sync: ${formatDateTime(status.lastSyncAt)} (${status.lastSyncMode?.toUpperCase()}${status.lastSyncSource === 'file' ? ', file' : ''}) · ${status.lastSyncStatus === 'ok' ? 'succeeded' : status.lastSyncStatus === 'failed' ? 'failed' : 'running'}`
            : 'Not synced yet'}
          {status.autoSync ? ' · auto-push on' : ''}
        </Text>
        {status.lastSyncStatus === 'failed' && status.lastSyncError && !sync.running && !sync.result && (
          <Alert
            color="orange"
            variant="light"
            title="The last sync failed; nothing was changed"
            data-testid="sheets-last-error"
          >
            {status.lastSyncError}
          </Alert>
        )}
        <Group gap="xs">
          {(['push', 'pull', 'merge'] as const).map((mode) => (
            <Tooltip key={mode} label={why} disabled={!why}>
              <span>
                <Button
                  variant={mode === 'merge' ? 'light' : 'default'}
                  leftSection={
                    mode === 'push' ? (
                      <IconCloudUpload size={16} />
                    ) : mode === 'pull' ? (
                      <IconCloudDownload size={16} />
                    ) : (
                      <IconArrowsExchange size={16} />
                    )
                  }
                  disabled={disabled}
                  onClick={() => sync.start({ kind: 'google', mode: MODE[mode] })}
                >
                  {mode === 'push'
                    ? 'Push to Sheet'
                    : mode === 'pull'
                      ? 'Pull from Sheet'
                      : 'Merge (pull, then push)'}
                </Button>
              </span>
            </Tooltip>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          Push writes every partner and involvement to the sheet (Accord wins). Pull applies the sheet's
          edits: blank cells keep Accord's value (type - to clear one), bad rows are skipped and listed, and
          rows changed in both places wait for review.
        </Text>
        {sync.startError != null && <ErrorAlert error={sync.startError} title="The sync did not start" />}
        <SyncProgress job={sync.job} running={sync.running} />
        {sync.failed && (
          <Alert color="red" variant="light" title="The sync failed; nothing was changed" role="alert">
            {sync.failed}
          </Alert>
        )}
        {result && <SyncResultView result={result} />}
      </Stack>
    </Card>
  );
}

function FileCard() {
  const sync = useSheetsSync();
  return (
    <Card radius="lg" p="lg" data-testid="sheets-file">
      <Stack gap="sm">
        <Group gap="xs">
          <IconFileSpreadsheet size={20} />
          <Title order={4}>Without Google: a file</Title>
        </Group>
        <Text size="sm" c="dimmed">
          The same sync with a CSV or Excel file: download it in the sheet's layout, edit it, and upload it to
          pull the changes with the same rules and conflict checks.
        </Text>
        <Group gap="xs">
          <Button
            component="a"
            href={sheetsApi.fileUrl('xlsx')}
            download
            variant="default"
            leftSection={<IconCloudUpload size={16} />}
          >
            Download Excel
          </Button>
          <Button component="a" href={sheetsApi.fileUrl('csv')} download variant="default">
            Download CSV
          </Button>
          <FileButton
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(f) => f && sync.start({ kind: 'file', file: f })}
          >
            {(props) => (
              <Button
                {...props}
                leftSection={<IconFileUpload size={16} />}
                loading={sync.starting}
                disabled={sync.running}
              >
                Upload to pull
              </Button>
            )}
          </FileButton>
        </Group>
        {sync.startError != null && <ErrorAlert error={sync.startError} title="The file was not accepted" />}
        <SyncProgress job={sync.job} running={sync.running} />
        {sync.failed && (
          <Alert color="red" variant="light" title="The pull failed; nothing was changed" role="alert">
            {sync.failed}
          </Alert>
        )}
        {sync.result && <SyncResultView result={sync.result} compact />}
      </Stack>
    </Card>
  );
}

export default function IntegrationsPage() {
  const me = useUser();
  const mayConfigure = can(me.permissions, 'integrations.configure');
  const status = useSheetsStatus();
  const recheck = useRecheckAccess();
  const config = useSheetsConfig(mayConfigure);
  const s = status.data;
  const open = s?.openConflicts ?? 0;
  return (
    <>
      <PageHeader
        title="Google Sheets sync"
        description="Keep a Google Sheet of partners and involvements in step with Accord, or do the same with a file."
        actions={
          <Button
            component={Link}
            to="/partnerships/integrations/conflicts"
            variant={open ? 'filled' : 'default'}
            color={open ? 'orange' : undefined}
            leftSection={<IconGitCompare size={16} />}
            data-testid="conflicts-link"
          >
            {open ? `Review ${plural(open, 'conflict')}` : 'Conflicts'}
          </Button>
        }
      />
      {status.isError && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {s ? (
              <StatusCard status={s} onRecheck={() => recheck.mutate()} rechecking={recheck.isPending} />
            ) : (
              <Skeleton h={260} radius="lg" />
            )}
            <FileCard />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card radius="lg" p="lg">
            <Title order={4} mb="sm">
              Settings
            </Title>
            {mayConfigure ? (
              config.data ? (
                <SheetsConfigForm key={`${config.data.updatedAt}`} config={config.data} />
              ) : (
                <Skeleton h={420} radius="md" />
              )
            ) : (
              <Text size="sm" c="dimmed">
                Your role may run syncs but not change the settings (integrations: configure).
              </Text>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
