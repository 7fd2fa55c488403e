import { useState } from 'react';
import { Badge, Divider, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconActivity } from '@tabler/icons-react';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { LinkedRowNotice, useLinkedRow } from '../../../ui/linkedRow';
import { scopedItems } from '../../../ui/scopedPages';
import type { Activity } from '../../activities/api';
import { ActivityForm } from '../../activities/components/ActivityForm';
import { useDeleteActivity, usePartnerActivities } from '../../activities/hooks';
import { ACTIVITY_TYPE_META, formatDuration } from '../../activities/labels';
import type { Partner } from '../api';
import classes from './ActivitiesTab.module.css';
import { LoadMore } from '../../../ui/LoadMore';
import { DeleteAction, EditAction } from '../../../ui/RowActions';

function ActivityRow({
  a,
  mayEdit,
  mayDelete,
  onEdit,
  onDelete,
}: {
  a: Activity;
  mayEdit: boolean;
  mayDelete: boolean;
  onEdit(): void;
  onDelete(): void;
}) {
  const meta = ACTIVITY_TYPE_META[a.type];
  const facts = [
    formatDateTime(a.occurredAt),
    formatDuration(a.durationMinutes),
    a.ownerName,
    a.contactName,
    a.opportunityName && `Deal: ${a.opportunityName}`,
  ].filter(Boolean);
  return (
    <div className={classes.row} data-testid="activity-row">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Tooltip label={meta.label}>
          <ThemeIcon size={32} radius="xl" variant="light" color={meta.color} aria-label={meta.label}>
            <meta.icon size={16} />
          </ThemeIcon>
        </Tooltip>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={8} wrap="wrap">
            <Text size="sm" fw={600}>
              {a.subject}
            </Text>
            {a.outcome && (
              <Badge size="sm" variant="light" color="gray" tt="none">
                {a.outcome}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {facts.join(' · ')}
          </Text>
          {a.body && (
            <Text size="sm" mt={2} lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
              {a.body}
            </Text>
          )}
        </Stack>
        <Group gap={2} wrap="nowrap" className={classes.actions} data-testid="activity-actions">
          {mayEdit && <EditAction name={a.subject} variant="subtle" onClick={onEdit} />}
          {mayDelete && <DeleteAction name={a.subject} variant="subtle" onClick={onDelete} />}
        </Group>
      </Group>
    </div>
  );
}

/**
 * Calls, meetings, emails, tasks and notes with the partner, newest first. The form on top logs one; hover
 * a row and the pen edits it in place, the trash deletes it after a confirmation.
 */
export function ActivitiesTab({ partner }: { partner: Partner }) {
  const me = useUser();
  const q = usePartnerActivities(partner.id);
  const remove = useDeleteActivity();
  const [editing, setEditing] = useState<string | null>(null);
  const mayCreate = can(me.permissions, 'activities.create');
  const mayEdit = can(me.permissions, 'activities.edit');
  const mayDelete = can(me.permissions, 'activities.delete');
  const { items, hiddenCount } = scopedItems(q.data);
  const linked = useLinkedRow(
    items.map((a) => a.id),
    !q.isPending && !q.hasNextPage,
  );

  const confirmDelete = (a: Activity) =>
    modals.openConfirmModal({
      title: 'Delete this activity?',
      children: (
        <Text size="sm">
          {ACTIVITY_TYPE_META[a.type].label} “{a.subject}” of {formatDateTime(a.occurredAt)} is deleted.
        </Text>
      ),
      labels: { confirm: 'OK', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(a, {
          onSuccess: () => notifications.show({ message: `“${a.subject}” is deleted.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Stack gap="md">
      <LinkedRowNotice linked={linked} noun="sales activity" />
      {mayCreate && <ActivityForm partnerId={partner.id} activity={null} onDone={() => undefined} />}
      {q.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={56} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Empty
          icon={<IconActivity size={22} />}
          title="No sales activities yet"
          description={
            mayCreate
              ? 'Log the first call, meeting, email, task or note with the form above.'
              : 'Calls, meetings, emails, tasks and notes with this partner appear here.'
          }
        />
      ) : (
        <Paper withBorder radius="md" p={4} data-testid="activities">
          <Stack gap={0}>
            {items.map((a, i) => (
              <div key={a.id} {...linked.rowProps(a.id)}>
                {i > 0 && <Divider mx="sm" />}
                {editing === a.id ? (
                  <ActivityForm partnerId={partner.id} activity={a} onDone={() => setEditing(null)} />
                ) : (
                  <ActivityRow
                    a={a}
                    mayEdit={mayEdit}
                    mayDelete={mayDelete}
                    onEdit={() => setEditing(a.id)}
                    onDelete={() => confirmDelete(a)}
                  />
                )}
              </div>
            ))}
          </Stack>
        </Paper>
      )}
      <LoadMore query={q} />
      <HiddenNotice count={hiddenCount} singular="activity" plural="activities" />
    </Stack>
  );
}
