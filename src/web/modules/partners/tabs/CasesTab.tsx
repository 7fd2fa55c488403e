import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconLifebuoy, IconPlus } from '@tabler/icons-react';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { CardList, CardListItem } from '../../../ui/CardList';
import { LinkedRowNotice, useLinkedRow } from '../../../ui/linkedRow';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { scopedItems } from '../../../ui/scopedPages';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { usePhone } from '../../../ui/usePhone';
import type { Case } from '../../cases/api';
import { CaseFormModal } from '../../cases/components/CaseFormModal';
import { useDeleteCase, usePartnerCases } from '../../cases/hooks';
import {
  CASE_PRIORITY_COLORS,
  CASE_PRIORITY_LABELS,
  CASE_STATUS_COLORS,
  CASE_STATUS_LABELS,
  isActiveCase,
} from '../../cases/labels';
import type { Partner } from '../api';
import { LoadMore } from '../../../ui/LoadMore';
import { DeleteAction, EditAction } from '../../../ui/RowActions';

/** Support and service cases the partner handles: subject, status, priority, assignee, due date. */
export function CasesTab({ partner }: { partner: Partner }) {
  const me = useUser();
  const q = usePartnerCases(partner.id);
  const remove = useDeleteCase();
  const phone = usePhone();
  const [form, setForm] = useState<{ key: number; record: Case | null } | null>(null);
  const [show, setShow] = useState<'active' | 'all'>('all');
  const mayCreate = can(me.permissions, 'cases.create');
  const mayEdit = can(me.permissions, 'cases.edit');
  const mayDelete = can(me.permissions, 'cases.delete');
  const { items: all, hiddenCount } = scopedItems(q.data);
  const items = show === 'active' ? all.filter((c) => isActiveCase(c.status)) : all;
  const linked = useLinkedRow(
    items.map((c) => c.id),
    !q.isPending && !q.hasNextPage,
  );
  const today = new Date().toLocaleDateString('en-CA');
  const open = (record: Case | null) => setForm((f) => ({ key: (f?.key ?? 0) + 1, record }));

  const confirmDelete = (c: Case) =>
    modals.openConfirmModal({
      title: `Delete the case “${c.subject}”?`,
      children: (
        <Text size="sm">The case and its history leave the partner. This cannot be undone here.</Text>
      ),
      labels: { confirm: 'Delete case', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(c, {
          onSuccess: () => notifications.show({ message: `The case “${c.subject}” is deleted.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  /** The row's buttons, the same in the table and on a phone card. */
  const actions = (c: Case) => (
    <>
      {mayEdit && <EditAction name={c.subject} onClick={() => open(c)} />}
      {mayDelete && <DeleteAction name={c.subject} onClick={() => confirmDelete(c)} />}
    </>
  );
  const status = (c: Case) => (
    <Badge variant="light" color={CASE_STATUS_COLORS[c.status]} tt="none">
      {CASE_STATUS_LABELS[c.status]}
    </Badge>
  );
  const priority = (c: Case) => (
    <Badge variant="dot" color={CASE_PRIORITY_COLORS[c.priority]} tt="none">
      {CASE_PRIORITY_LABELS[c.priority]}
    </Badge>
  );
  const overdue = (c: Case) => c.dueDate !== null && c.dueDate < today && isActiveCase(c.status);
  const noneOpen = 'No open cases: everything is resolved or closed.';

  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const addButton = mayCreate && (
    <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => open(null)}>
      New case
    </Button>
  );

  return (
    <Stack gap="sm">
      <LinkedRowNotice linked={linked} noun="case" />
      {!q.isPending && all.length === 0 ? (
        <Empty
          icon={<IconLifebuoy size={22} />}
          title="No cases"
          description={`Support and service cases ${partner.name} handles for its accounts appear here.`}
          action={addButton}
        />
      ) : (
        <>
          <Group justify="space-between">
            <SegmentedControl
              size="xs"
              value={show}
              onChange={(v) => setShow(v as 'active' | 'all')}
              data={[
                { value: 'all', label: `All (${all.length})` },
                { value: 'active', label: `Open (${all.filter((c) => isActiveCase(c.status)).length})` },
              ]}
            />
            {addButton}
          </Group>
          {phone ? (
            <CardList testId="cases-table" loading={q.isPending}>
              {items.map((c) => (
                <CardListItem
                  key={c.id}
                  testId="case-row"
                  linked={linked.id === c.id}
                  title={c.subject}
                  subtitle={c.accountName}
                  status={status(c)}
                  value={priority(c)}
                  meta={[
                    c.assigneeName ?? 'Unassigned',
                    c.dueDate && (
                      <Text span inherit c={overdue(c) ? 'red' : undefined} fw={overdue(c) ? 600 : undefined}>
                        Due {formatDate(c.dueDate)}
                        {overdue(c) ? ' · overdue' : ''}
                      </Text>
                    ),
                  ]}
                  actions={actions(c)}
                />
              ))}
              {items.length === 0 && (
                <Text size="sm" c="dimmed" ta="center" py="md">
                  {noneOpen}
                </Text>
              )}
            </CardList>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table highlightOnHover data-testid="cases-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Subject</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Priority</Table.Th>
                    <Table.Th>Assignee</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th w={80} />
                  </Table.Tr>
                </Table.Thead>
                {q.isPending ? (
                  <TableSkeleton cols={6} rows={3} />
                ) : (
                  <Table.Tbody>
                    {items.map((c) => (
                      <Table.Tr key={c.id} data-testid="case-row" {...linked.rowProps(c.id)}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {c.subject}
                          </Text>
                          {c.accountName && (
                            <Text size="xs" c="dimmed">
                              {c.accountName}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{status(c)}</Table.Td>
                        <Table.Td>{priority(c)}</Table.Td>
                        <Table.Td>
                          {c.assigneeName ?? (
                            <Text size="sm" c="dimmed">
                              Unassigned
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text
                            size="sm"
                            c={overdue(c) ? 'red' : undefined}
                            fw={overdue(c) ? 600 : undefined}
                          >
                            {formatDate(c.dueDate)}
                            {overdue(c) ? ' · overdue' : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={2} wrap="nowrap" justify="flex-end">
                            {actions(c)}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                    {items.length === 0 && (
                      <Table.Tr>
                        <Table.Td colSpan={6}>
                          <Text size="sm" c="dimmed" ta="center" py="md">
                            {noneOpen}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Table.Tbody>
                )}
              </Table>
            </Table.ScrollContainer>
          )}
          <LoadMore query={q} />
        </>
      )}
      <HiddenNotice count={hiddenCount} singular="case" />
      {form && (
        <CaseFormModal
          key={form.key}
          partnerId={partner.id}
          record={form.record}
          opened
          onClose={() => setForm(null)}
        />
      )}
    </Stack>
  );
}
