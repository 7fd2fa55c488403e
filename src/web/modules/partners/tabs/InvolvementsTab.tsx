import { useState } from 'react';
import { Badge, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent } from '@tabler/icons-react';
import { Link as RouterLink } from 'react-router';
import { formatMoney } from '../../../../shared/money';
import { isClosed, labelFromSlug } from '../../../../shared/partnerships/statuses';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { LinkFormModal } from '../../links/components/LinkFormModal';
import { StatusBadge } from '../../links/components/StatusBadge';
import { useDeleteLink } from '../../links/hooks';
import type { Link, Partner } from '../api';
import { usePartnerLinks } from '../hooks';
import { DeleteAction, EditAction } from '../../../ui/RowActions';
import { usePhone } from '../../../ui/usePhone';

const today = () => new Date().toLocaleDateString('en-CA');

function FollowUp({ date, closed }: { date: string | null; closed: boolean }) {
  if (!date)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const overdue = !closed && date < today();
  return (
    <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
      {formatDate(date)}
      {overdue ? ' · overdue' : ''}
    </Text>
  );
}

const amountOf = (l: Link) =>
  l.amount === null ? (
    <Text size="sm" c="dimmed" span>
      —
    </Text>
  ) : (
    formatMoney(l.amount, l.currency)
  );

const eventPath = (l: Link) => `/partnerships/events/${l.eventId}`;

/** The partner's event involvements (reference §3.1): event, follow-up, status, role, tier, amount. */
export function InvolvementsTab({ partner }: { partner: Partner }) {
  const me = useUser();
  const compact = usePhone();
  const links = usePartnerLinks(partner.id);
  const remove = useDeleteLink();
  const [editing, setEditing] = useState<Link | null>(null);
  const [formKey, setFormKey] = useState(0);
  const mayEdit = can(me.permissions, 'links.edit');
  const mayDelete = can(me.permissions, 'links.delete');

  const edit = (l: Link) => {
    setEditing(l);
    setFormKey((k) => k + 1);
  };
  const confirmDelete = (l: Link) =>
    modals.openConfirmModal({
      title: `Remove ${partner.name} from ${l.eventName}?`,
      children: (
        <Text size="sm">
          The involvement ({l.statusLabel}
          {l.amount !== null ? `, ${formatMoney(l.amount, l.currency)}` : ''}) is deleted for good. Its
          communications and documents stay.
        </Text>
      ),
      labels: { confirm: 'Delete involvement', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(l.id, {
          onSuccess: () => notifications.show({ message: `${l.eventName} is removed from ${partner.name}.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  const actions = (l: Link) => (
    <Group gap={2} wrap="nowrap" justify="flex-end">
      {mayEdit && <EditAction name={l.eventName} onClick={() => edit(l)} />}
      {mayDelete && <DeleteAction name={l.eventName} onClick={() => confirmDelete(l)} />}
    </Group>
  );

  if (links.isError) return <ErrorAlert error={links.error} onRetry={() => void links.refetch()} />;
  const items = links.data?.items ?? [];
  if (!links.isPending && items.length === 0)
    return (
      <Empty
        icon={<IconCalendarEvent size={22} />}
        title="No event involvements yet"
        description="Use “Add event involvement” to track this partner at an event: status, tier, amount and follow-up."
      />
    );

  const modal = editing && (
    <LinkFormModal
      key={formKey}
      opened
      onClose={() => setEditing(null)}
      mode="edit"
      partnerId={partner.id}
      link={editing}
    />
  );

  if (compact)
    return (
      <Stack gap="xs" data-testid="involvements">
        {links.isPending
          ? [0, 1, 2].map((i) => <Skeleton key={i} height={64} radius="md" />)
          : items.map((l) => (
              <Stack
                key={l.id}
                gap={6}
                p="sm"
                style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text
                      component={RouterLink}
                      to={eventPath(l)}
                      fw={600}
                      size="sm"
                      truncate="end"
                      c="inherit"
                    >
                      {l.eventName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[l.role, l.packageTier && labelFromSlug(l.packageTier)].filter(Boolean).join(' · ') ||
                        '—'}
                    </Text>
                  </Stack>
                  {actions(l)}
                </Group>
                <Group justify="space-between" wrap="nowrap">
                  <StatusBadge status={l.status} variant="light" tt="none" />
                  <Text size="sm" fw={600}>
                    {amountOf(l)}
                  </Text>
                </Group>
                {l.followUpDate && (
                  <Group gap={4}>
                    <Text size="xs" c="dimmed">
                      Follow up
                    </Text>
                    <FollowUp date={l.followUpDate} closed={isClosed(l.status)} />
                  </Group>
                )}
              </Stack>
            ))}
        {modal}
      </Stack>
    );

  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table highlightOnHover data-testid="involvements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th>Follow-up</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Tier</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th w={80} />
            </Table.Tr>
          </Table.Thead>
          {links.isPending ? (
            <TableSkeleton cols={7} rows={3} />
          ) : (
            <Table.Tbody>
              {items.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    <Text component={RouterLink} to={eventPath(l)} size="sm" fw={600} c="inherit">
                      {l.eventName}
                    </Text>
                    {l.contactName && (
                      <Text size="xs" c="dimmed">
                        {l.contactName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <FollowUp date={l.followUpDate} closed={isClosed(l.status)} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={l.status} variant="light" tt="none" />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{l.role || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    {l.packageTier ? (
                      <Badge variant="outline" color="gray" tt="none">
                        {labelFromSlug(l.packageTier)}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {amountOf(l)}
                  </Table.Td>
                  <Table.Td>{actions(l)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          )}
        </Table>
      </Table.ScrollContainer>
      {modal}
    </>
  );
}
