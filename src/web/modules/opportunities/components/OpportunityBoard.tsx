/**
 * The partner's deals on the pipeline: a column per stage with its count and total (and the weighted
 * total); drag a card to change its stage. Into a lost stage the move asks for the reason first.
 */
import { useState } from 'react';
import { Avatar, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue } from '@tabler/icons-react';
import { formatMoney } from '../../../../shared/money';
import { errorMessage } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { HiddenNotice } from '../../../ui/HiddenNotice';
import { formatDate, initials } from '../../../ui/format';
import { KanbanBoard, KanbanSkeleton, type KanbanColumn } from '../../../ui/kanban/KanbanBoard';
import type { Opportunity, OpportunityBoard as Board } from '../api';
import { useMoveOpportunity, useOpportunityBoard } from '../hooks';
import { stageColor } from '../labels';
import { LostReasonModal } from './LostReasonModal';

type Column = Board['columns'][number];

function DealCard({ deal, today }: { deal: Opportunity; today: string }) {
  const overdue =
    deal.outcome === 'open' && deal.expectedCloseDate !== null && deal.expectedCloseDate < today;
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap={6} wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} lineClamp={2} style={{ minWidth: 0 }}>
          {deal.name}
        </Text>
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(deal.amount, deal.currency, undefined, true)}
        </Text>
      </Group>
      {(deal.accountName || deal.outcome === 'open') && (
        <Group justify="space-between" gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" truncate="end">
            {deal.accountName ?? 'No account'}
          </Text>
          {deal.outcome === 'open' && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {deal.probability} %
            </Text>
          )}
        </Group>
      )}
      {deal.outcome === 'lost' && deal.lostReason && (
        <Text size="xs" c="red.7" lineClamp={1}>
          {deal.lostReason}
        </Text>
      )}
      <Group justify="space-between" gap={6} wrap="nowrap">
        {deal.expectedCloseDate ? (
          <Group gap={4} wrap="nowrap">
            <IconCalendarDue size={14} color={overdue ? 'var(--mantine-color-red-6)' : undefined} />
            <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
              {formatDate(deal.expectedCloseDate)}
            </Text>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            No close date
          </Text>
        )}
        {deal.ownerName && (
          <Tooltip label={`Owner: ${deal.ownerName}`}>
            <Avatar size={22} radius="xl" color="indigo" aria-label={`Owner: ${deal.ownerName}`}>
              <Text fz={9} fw={700}>
                {initials(deal.ownerName)}
              </Text>
            </Avatar>
          </Tooltip>
        )}
      </Group>
    </Stack>
  );
}

/** The column's amount per currency and, for open stages, the weighted amount under it. */
function ColumnTotal({ col }: { col: Column }) {
  if (col.totals.length === 0) return null;
  return (
    <Stack gap={0} align="flex-end" style={{ whiteSpace: 'nowrap' }}>
      <Text size="xs" fw={650} c="dimmed">
        {col.totals.map((t) => formatMoney(t.amount, t.currency, undefined, true)).join(' + ')}
      </Text>
      {col.outcome === 'open' && (
        <Text fz={10} c="dimmed" title="Weighted: amount × probability">
          weighted{' '}
          {col.totals.map((t) => formatMoney(t.weightedAmount, t.currency, undefined, true)).join(' + ')}
        </Text>
      )}
    </Stack>
  );
}

export function OpportunityBoard({
  partnerId,
  mayEdit,
  onOpen,
}: {
  partnerId: string;
  mayEdit: boolean;
  onOpen(deal: Opportunity): void;
}) {
  const board = useOpportunityBoard(partnerId);
  const move = useMoveOpportunity(partnerId);
  const [askLost, setAskLost] = useState<{ deal: Opportunity; column: Column } | null>(null);
  const today = new Date().toLocaleDateString('en-CA');

  if (board.isPending) return <KanbanSkeleton columns={6} />;
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;

  const { columns } = board.data;
  const doMove = (deal: Opportunity, column: Column, lostReason?: string) =>
    move.mutate(
      { deal, stageId: column.id, lostReason },
      {
        onSuccess: (saved) =>
          notifications.show({
            message: `${saved.name} moved to ${saved.stageName} (${saved.probability} %).`,
          }),
        onError: (e) =>
          notifications.show({
            color: 'red',
            title: `${deal.name} stays in ${deal.stageName}`,
            message: errorMessage(e),
          }),
      },
    );
  const kanbanColumns: KanbanColumn<Opportunity>[] = columns.map((col) => ({
    key: col.key,
    label: col.name,
    color: `var(--mantine-color-${stageColor(col)}-6)`,
    count: col.count,
    total: <ColumnTotal col={col} />,
    cards: col.cards,
  }));

  return (
    <Stack gap="xs">
      <KanbanBoard
        testId="opportunity-board"
        columns={kanbanColumns}
        noun={['deal', 'deals']}
        columnKind="stage"
        mayDrag={mayEdit}
        cardId={(d) => d.id}
        cardName={(d) => d.name}
        renderCard={(d) => <DealCard deal={d} today={today} />}
        onOpen={onOpen}
        onMove={(deal, to) => {
          const column = columns.find((c) => c.key === to);
          if (!column) return;
          if (column.outcome === 'lost') setAskLost({ deal, column });
          else doMove(deal, column);
        }}
      />
      <HiddenNotice count={board.data.hiddenCount} singular="opportunity" plural="opportunities" />
      {askLost && (
        <LostReasonModal
          dealName={askLost.deal.name}
          stageName={askLost.column.name}
          onConfirm={(reason) => {
            doMove(askLost.deal, askLost.column, reason);
            setAskLost(null);
          }}
          onCancel={() => setAskLost(null)}
        />
      )}
    </Stack>
  );
}
