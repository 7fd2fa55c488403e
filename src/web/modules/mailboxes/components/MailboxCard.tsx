/** One mailbox: its health at a glance, the server's last error in its own words, and what can be done. */
import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconDots,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconRefresh,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { MailboxHealth } from '../../../../shared/mailboxes.schema';
import { errorMessage } from '../../../api/client';
import { formatDateTime, formatRelative, plural } from '../../../ui/format';
import { StatTile } from '../../../ui/StatTile';
import { isFinished, jobPercent, useJob } from '../../jobs/hooks';
import type { Mailbox } from '../api';
import { MAILBOXES_KEY, UNMATCHED_KEY, useMailboxActions } from '../hooks';

const STATUS: Record<MailboxHealth['status'], { label: string; color: string }> = {
  healthy: { label: 'Connected and healthy', color: 'green' },
  failing: { label: 'Failing', color: 'red' },
  stale: { label: 'Nothing new for 72 h', color: 'orange' },
  never_synced: { label: 'Not synced yet', color: 'gray' },
  disabled: { label: 'Paused', color: 'gray' },
};

function SyncProgress({ jobId, onDone }: { jobId: string; onDone(): void }) {
  const job = useJob(jobId);
  const done = isFinished(job.data);
  useEffect(() => {
    if (done) onDone();
  }, [done, onDone]);
  if (done) return null;
  const d = job.data;
  return (
    <Stack gap={4} data-testid="sync-progress">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Syncing…
        </Text>
        <Text size="xs" c="dimmed">
          {d?.progressMessage ?? 'Connecting'}
          {d && d.progressTotal > 0 ? ` · ${d.progressDone} of ${d.progressTotal}` : ''}
        </Text>
      </Group>
      <Progress value={jobPercent(d)} animated striped aria-label="Sync progress" />
    </Stack>
  );
}

export function MailboxCard({ mailbox: m, onEdit }: { mailbox: Mailbox; onEdit(): void }) {
  const qc = useQueryClient();
  const actions = useMailboxActions();
  const h = m.health;
  const [jobId, setJobId] = useState<string | null>(h.syncing ? h.lastJobId : null);
  const status = STATUS[h.status];

  const syncNow = async () => {
    try {
      const started = await actions.sync.mutateAsync(m.id);
      setJobId(started.jobId);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not start the sync', message: errorMessage(e) });
    }
  };
  const finished = () => {
    setJobId(null);
    void qc.invalidateQueries({ queryKey: MAILBOXES_KEY });
    void qc.invalidateQueries({ queryKey: UNMATCHED_KEY });
    void qc.invalidateQueries({ queryKey: ['communications'] });
  };
  const remove = () =>
    modals.openConfirmModal({
      title: `Disconnect ${m.email}?`,
      children: (
        <Text size="sm">
          Accord stops syncing it and forgets its settings and unmatched mail. Communications already filed
          stay.
        </Text>
      ),
      labels: { confirm: 'Disconnect', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => actions.remove.mutate(m.id),
    });

  return (
    <Card withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} data-testid="mailbox-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="wrap">
              <Text fw={700} size="lg" truncate="end">
                {m.email}
              </Text>
              <Badge color={status.color} variant="light" data-testid="mailbox-status">
                {status.label}
              </Badge>
              {m.kind === 'forwarder' && <Badge variant="outline">Forwarder</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              {[
                m.label,
                m.imap ? `${m.imap.host}:${m.imap.port}` : 'Posts to the ingest address',
                m.smtp ? 'sends via SMTP' : null,
                m.ownerName ? `owner ${m.ownerName}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {m.kind === 'imap' && (
              <Button
                size="sm"
                variant="light"
                leftSection={<IconRefresh size={16} />}
                onClick={() => void syncNow()}
                loading={actions.sync.isPending}
                disabled={!m.enabled || jobId !== null}
              >
                Sync now
              </Button>
            )}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" size="sm" px="xs" aria-label={`More for ${m.email}`}>
                  <IconDots size={16} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={onEdit}>
                  Edit settings
                </Menu.Item>
                <Menu.Item
                  leftSection={m.enabled ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
                  onClick={() => actions.toggle.mutate({ id: m.id, version: m.version, enabled: !m.enabled })}
                >
                  {m.enabled ? 'Pause syncing' : 'Resume syncing'}
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={remove}>
                  Disconnect
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>

        {jobId && <SyncProgress jobId={jobId} onDone={finished} />}

        {h.status === 'failing' && h.lastError && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title="The last sync failed"
            data-testid="mailbox-error"
          >
            <Text size="sm">{h.lastError}</Text>
            <Text size="xs" c="dimmed" mt={4}>
              {plural(h.failureCount, 'failed attempt')} · next try {formatRelative(h.nextSyncAt)}
            </Text>
          </Alert>
        )}

        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs">
          <StatTile
            label="Last sync"
            value={h.lastSuccessAt ? formatRelative(h.lastSuccessAt) : 'Never'}
            hint={h.lastSuccessAt ? formatDateTime(h.lastSuccessAt) : undefined}
          />
          <StatTile
            label="Imported 24 h"
            value={h.imported24h}
            hint={`${h.imported7d.toLocaleString()} in 7 days`}
            color="green"
          />
          <StatTile label="Unmatched" value={h.unmatchedCount} color="orange" hint="waiting below" />
          <StatTile label="Duplicates" value={h.duplicatesIgnored} hint="ignored" />
          <StatTile label="Malformed" value={h.malformedSkipped} color="red" hint="skipped, reported" />
          <StatTile
            label="Waiting"
            value={h.lagMessages}
            hint={h.lagMessages ? 'new mail not synced yet' : 'all synced'}
          />
        </SimpleGrid>

        {h.folders.length > 0 && (
          <Group gap="md">
            {h.folders.map((f) => (
              <Tooltip key={f.role} label={`UIDVALIDITY ${f.uidValidity ?? '—'}, last UID ${f.lastUid}`}>
                <Text size="xs" c="dimmed">
                  {f.path}: {f.pending ? `${f.pending.toLocaleString()} waiting` : 'up to date'}
                </Text>
              </Tooltip>
            ))}
          </Group>
        )}
        {h.recentErrors.length > 0 && h.status !== 'failing' && (
          <Text size="xs" c="dimmed">
            Last problem: {h.recentErrors[0]!.message} ({formatRelative(h.recentErrors[0]!.at)})
          </Text>
        )}
      </Stack>
    </Card>
  );
}
