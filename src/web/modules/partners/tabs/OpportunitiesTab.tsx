import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconLayoutKanban, IconPlus, IconTable, IconTrendingUp } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { formatMoney } from '../../../../shared/money';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { CardList, CardListItem } from '../../../ui/CardList';
import { Empty } from '../../../ui/Empty';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { scopedItems } from '../../../ui/scopedPages';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { usePhone } from '../../../ui/usePhone';
import type { Opportunity } from '../../opportunities/api';
import { OpportunityBoard } from '../../opportunities/components/OpportunityBoard';
import { OpportunityDrawer } from '../../opportunities/components/OpportunityDrawer';
import { OpportunityFormModal } from '../../opportunities/components/OpportunityFormModal';
import { useOpportunityBoard, usePartnerOpportunities, useStages } from '../../opportunities/hooks';
import { stageColor } from '../../opportunities/labels';
import type { Partner } from '../api';
import { useCurrency } from '../hooks';
import { LoadMore } from '../../../ui/LoadMore';

/** The partner's deals as a table or on the stage pipeline (?view=kanban); a deal opens in a drawer. */
export function OpportunitiesTab({ partner }: { partner: Partner }) {
  const me = useUser();
  const currency = useCurrency();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'kanban' ? 'kanban' : 'table';
  const list = usePartnerOpportunities(partner.id);
  const board = useOpportunityBoard(partner.id, view === 'kanban');
  const stages = useStages();
  const phone = usePhone();
  // A link to one opportunity (/opportunities/:id, a mention) arrives with ?open=<id>: its drawer opens.
  const [openId, setOpenId] = useState<string | null>(() => params.get('open'));
  const [form, setForm] = useState<{ key: number; deal: Opportunity | null } | null>(null);
  const mayCreate = can(me.permissions, 'opportunities.create');
  const mayEdit = can(me.permissions, 'opportunities.edit');
  const { items, hiddenCount } = scopedItems(list.data);
  const today = new Date().toLocaleDateString('en-CA');

  const setView = (v: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v === 'kanban') next.set('view', 'kanban');
        else next.delete('view');
        return next;
      },
      { replace: true },
    );
  const openForm = (deal: Opportunity | null) => setForm((f) => ({ key: (f?.key ?? 0) + 1, deal }));
  // The drawer shows the freshest copy: the board's after a drag, else the list's.
  const current =
    openId === null
      ? null
      : (board.data?.columns.flatMap((c) => c.cards).find((d) => d.id === openId) ??
        items.find((d) => d.id === openId) ??
        null);
  const stageOf = (d: Opportunity) => stages.data?.find((s) => s.id === d.stageId);
  const stageBadge = (d: Opportunity) => (
    <Badge variant="light" tt="none" color={stageColor(stageOf(d) ?? { outcome: d.outcome, position: 0 })}>
      {d.stageName}
    </Badge>
  );
  const accountLine = (d: Opportunity) =>
    `${d.accountName ?? 'No account'}${d.outcome === 'lost' && d.lostReason ? ` · ${d.lostReason}` : ''}`;
  const overdue = (d: Opportunity) =>
    d.outcome === 'open' && d.expectedCloseDate !== null && d.expectedCloseDate < today;

  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const addButton = mayCreate && (
    <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => openForm(null)}>
      New opportunity
    </Button>
  );
  const empty = !list.isPending && items.length === 0;

  return (
    <Stack gap="sm">
      {empty ? (
        <Empty
          icon={<IconTrendingUp size={22} />}
          title="No opportunities yet"
          description={`Deals with or through ${partner.name}: amount, stage, probability and expected close feed the forecast.`}
          action={addButton}
        />
      ) : (
        <>
          <Group justify="space-between" gap="xs">
            <SegmentedControl
              size="xs"
              value={view}
              onChange={setView}
              aria-label="View"
              data={[
                {
                  value: 'table',
                  label: (
                    <Group gap={6} wrap="nowrap">
                      <IconTable size={16} />
                      <span>Table</span>
                    </Group>
                  ),
                },
                {
                  value: 'kanban',
                  label: (
                    <Group gap={6} wrap="nowrap">
                      <IconLayoutKanban size={16} />
                      <span>Kanban</span>
                    </Group>
                  ),
                },
              ]}
            />
            {view === 'kanban' && mayEdit && (
              <Text size="xs" c="dimmed" visibleFrom="md" mr="auto">
                Drag a card to another stage (keyboard: Space, ← →, Space).
              </Text>
            )}
            {addButton}
          </Group>
          {view === 'kanban' ? (
            <OpportunityBoard partnerId={partner.id} mayEdit={mayEdit} onOpen={(d) => setOpenId(d.id)} />
          ) : (
            <>
              {phone ? (
                <CardList testId="opportunities-table" loading={list.isPending} rows={4}>
                  {items.map((d) => (
                    <CardListItem
                      key={d.id}
                      testId="opportunity-row"
                      onOpen={() => setOpenId(d.id)}
                      title={d.name}
                      subtitle={accountLine(d)}
                      status={stageBadge(d)}
                      value={formatMoney(d.amount, d.currency)}
                      meta={[
                        `${d.probability} %`,
                        d.expectedCloseDate && (
                          <Text
                            span
                            inherit
                            c={overdue(d) ? 'red' : undefined}
                            fw={overdue(d) ? 600 : undefined}
                          >
                            Close {formatDate(d.expectedCloseDate)}
                          </Text>
                        ),
                        d.ownerName ?? 'No owner',
                      ]}
                    />
                  ))}
                </CardList>
              ) : (
                <Table.ScrollContainer minWidth={860}>
                  <Table highlightOnHover data-testid="opportunities-table" style={{ cursor: 'pointer' }}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Opportunity</Table.Th>
                        <Table.Th>Stage</Table.Th>
                        <Table.Th ta="right">Amount</Table.Th>
                        <Table.Th ta="right">Probability</Table.Th>
                        <Table.Th ta="right">Weighted</Table.Th>
                        <Table.Th>Expected close</Table.Th>
                        <Table.Th>Owner</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    {list.isPending ? (
                      <TableSkeleton cols={7} rows={4} />
                    ) : (
                      <Table.Tbody>
                        {items.map((d) => (
                          <Table.Tr
                            key={d.id}
                            data-testid="opportunity-row"
                            onClick={() => setOpenId(d.id)}
                            tabIndex={0}
                            onKeyDown={(e) => e.key === 'Enter' && setOpenId(d.id)}
                          >
                            <Table.Td>
                              <Text size="sm" fw={600}>
                                {d.name}
                              </Text>
                              <Text size="xs" c="dimmed">
                                {accountLine(d)}
                              </Text>
                            </Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>{stageBadge(d)}</Table.Td>
                            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                              {formatMoney(d.amount, d.currency)}
                            </Table.Td>
                            <Table.Td ta="right">{d.probability} %</Table.Td>
                            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} c="dimmed">
                              {formatMoney(d.weightedAmount, d.currency)}
                            </Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                              <Text
                                size="sm"
                                c={overdue(d) ? 'red' : undefined}
                                fw={overdue(d) ? 600 : undefined}
                              >
                                {formatDate(d.expectedCloseDate)}
                              </Text>
                            </Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.ownerName ?? '—'}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    )}
                  </Table>
                </Table.ScrollContainer>
              )}
              <LoadMore query={list} />
              <HiddenNotice count={hiddenCount} singular="opportunity" plural="opportunities" />
            </>
          )}
        </>
      )}
      {empty && <HiddenNotice count={hiddenCount} singular="opportunity" plural="opportunities" />}
      <OpportunityDrawer deal={current} onClose={() => setOpenId(null)} onEdit={(d) => openForm(d)} />
      {form && (
        <OpportunityFormModal
          key={form.key}
          partnerId={partner.id}
          deal={form.deal}
          currency={currency}
          opened
          onClose={() => setForm(null)}
        />
      )}
    </Stack>
  );
}
