import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowRightCircle, IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { can } from '../../../../shared/permissions';
import { errorMessage } from '../../../api/client';
import { useUser } from '../../../app/auth';
import { CardList, CardListItem } from '../../../ui/CardList';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { scopedItems } from '../../../ui/scopedPages';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { usePhone } from '../../../ui/usePhone';
import type { Lead } from '../../leads/api';
import { ConvertLeadModal } from '../../leads/components/ConvertLeadModal';
import { LeadFormModal } from '../../leads/components/LeadFormModal';
import { LinkedRowNotice, useLinkedRow } from '../../../ui/linkedRow';
import { useDeleteLead, usePartnerLeads } from '../../leads/hooks';
import { LeadIdentity, LeadStatusBadge, leadSubtitle, leadValue } from '../../leads/components/LeadParts';
import { LEAD_SOURCE_LABELS } from '../../leads/labels';
import type { Partner } from '../api';
import { useCurrency } from '../hooks';
import { useShowTab } from './useShowTab';
import { LoadMore } from '../../../ui/LoadMore';
import { DeleteAction, EditAction } from '../../../ui/RowActions';

type Dialog = { kind: 'form'; lead: Lead | null } | { kind: 'convert'; lead: Lead };

/** The status badge, and the day a converted lead became a deal. */
function LeadStatus({ lead }: { lead: Lead }) {
  return (
    <>
      <LeadStatusBadge lead={lead} />
      {lead.convertedAt && (
        <Text size="xs" c="dimmed" mt={2} data-testid="lead-converted-at">
          on {formatDate(lead.convertedAt)}
        </Text>
      )}
    </>
  );
}

/** Leads the partner brought: source, status, owner, campaign, value; convert one into an opportunity. */
export function LeadsTab({ partner }: { partner: Partner }) {
  const me = useUser();
  const currency = useCurrency();
  const q = usePartnerLeads(partner.id);
  const remove = useDeleteLead();
  const showTab = useShowTab();
  const phone = usePhone();
  const [dialog, setDialog] = useState<(Dialog & { key: number }) | null>(null);
  const mayCreate = can(me.permissions, 'leads.create');
  const mayEdit = can(me.permissions, 'leads.edit');
  const mayDelete = can(me.permissions, 'leads.delete');
  const mayConvert = mayEdit && can(me.permissions, 'opportunities.create');
  const { items, hiddenCount } = scopedItems(q.data);
  const linked = useLinkedRow(
    items.map((l) => l.id),
    !q.isPending && !q.hasNextPage,
  );
  const open = (d: Dialog) => setDialog((prev) => ({ ...d, key: (prev?.key ?? 0) + 1 }));

  const confirmDelete = (l: Lead) =>
    modals.openConfirmModal({
      title: `Delete the lead ${l.name}?`,
      children: (
        <Text size="sm">
          {l.convertedOpportunityId
            ? 'Its opportunity stays; only the lead goes.'
            : 'The lead leaves the partner and the lead lists.'}
        </Text>
      ),
      labels: { confirm: 'Delete lead', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(l, {
          onSuccess: () => notifications.show({ message: `Lead ${l.name} is deleted.` }),
          onError: (e) =>
            notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
        }),
    });

  /** The row's buttons, the same in the table and on a phone card. */
  const actions = (l: Lead) => (
    <>
      {l.status === 'converted'
        ? l.convertedOpportunityId && (
            <Anchor component="button" size="xs" onClick={() => showTab('opportunities')}>
              View deal
            </Anchor>
          )
        : mayConvert && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconArrowRightCircle size={14} />}
              onClick={() => open({ kind: 'convert', lead: l })}
              aria-label={`Convert ${l.name}`}
            >
              Convert
            </Button>
          )}
      {mayEdit && l.status !== 'converted' && (
        <EditAction name={l.name} onClick={() => open({ kind: 'form', lead: l })} />
      )}
      {mayDelete && <DeleteAction name={l.name} onClick={() => confirmDelete(l)} />}
    </>
  );

  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const addButton = mayCreate && (
    <Button
      variant="light"
      size="xs"
      leftSection={<IconPlus size={14} />}
      onClick={() => open({ kind: 'form', lead: null })}
    >
      New lead
    </Button>
  );

  return (
    <Stack gap="sm">
      <LinkedRowNotice linked={linked} noun="lead" />
      {!q.isPending && items.length === 0 ? (
        <Empty
          icon={<IconTargetArrow size={22} />}
          title="No leads yet"
          description={`Potential customers ${partner.name} brings us: convert a qualified one into an opportunity.`}
          action={addButton}
        />
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {items.filter((l) => l.status !== 'converted').length} open ·{' '}
              {items.filter((l) => l.status === 'converted').length} converted
            </Text>
            {addButton}
          </Group>
          {phone ? (
            <CardList testId="leads-table" loading={q.isPending}>
              {items.map((l) => (
                <CardListItem
                  key={l.id}
                  testId="lead-row"
                  linked={linked.id === l.id}
                  title={l.name}
                  subtitle={leadSubtitle(l)}
                  status={<LeadStatus lead={l} />}
                  value={l.estimatedValue !== null && leadValue(l)}
                  meta={[l.ownerName ?? 'No owner', LEAD_SOURCE_LABELS[l.source], l.campaign]}
                  actions={actions(l)}
                />
              ))}
            </CardList>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table highlightOnHover data-testid="leads-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Lead</Table.Th>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Campaign</Table.Th>
                    <Table.Th ta="right">Est. value</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                {q.isPending ? (
                  <TableSkeleton cols={7} rows={3} />
                ) : (
                  <Table.Tbody>
                    {items.map((l) => (
                      <Table.Tr key={l.id} data-testid="lead-row" {...linked.rowProps(l.id)}>
                        <Table.Td>
                          <LeadIdentity lead={l} />
                        </Table.Td>
                        <Table.Td>{LEAD_SOURCE_LABELS[l.source]}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <LeadStatus lead={l} />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{l.ownerName ?? '—'}</Table.Td>
                        <Table.Td>{l.campaign || '—'}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {leadValue(l)}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap" justify="flex-end">
                            {actions(l)}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                )}
              </Table>
            </Table.ScrollContainer>
          )}
          <LoadMore query={q} />
        </>
      )}
      <HiddenNotice count={hiddenCount} singular="lead" />
      {dialog?.kind === 'form' && (
        <LeadFormModal
          key={dialog.key}
          partnerId={partner.id}
          lead={dialog.lead}
          currency={currency}
          opened
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'convert' && (
        <ConvertLeadModal key={dialog.key} lead={dialog.lead} opened onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}
