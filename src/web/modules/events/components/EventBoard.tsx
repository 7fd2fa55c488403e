/**
 * The event's links on a kanban by status: a column per canonical status (then custom ones) with its count and
 * total. Drag a card to another column to change its status (mouse, touch, or keyboard: Space, arrows, Space).
 */
import { Avatar, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue } from '@tabler/icons-react';
import type { BoardCard } from '../../../../shared/links.schema';
import { formatMoney } from '../../../../shared/money';
import { isClosed, labelFromSlug, statusLabel } from '../../../../shared/partnerships/statuses';
import { errorMessage } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate, initials } from '../../../ui/format';
import { KanbanBoard, KanbanSkeleton, type KanbanColumn } from '../../../ui/kanban/KanbanBoard';
import { useEventBoard, useMoveLink } from '../../links/hooks';
import { statusColor } from '../../links/status';

interface CardProps {
  card: BoardCard;
  currency: string;
  tierLabel: (key: string) => string;
  today: string;
}

function CardView({ card, currency, tierLabel, today }: CardProps) {
  const overdue = card.followUpDate !== null && card.followUpDate < today && !isClosed(card.status);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap={6} wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} lineClamp={2} style={{ minWidth: 0 }}>
          {card.partnerName}
        </Text>
        {card.amount !== null && (
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {formatMoney(card.amount, currency, undefined, true)}
          </Text>
        )}
      </Group>
      {(card.packageTier || card.role) && (
        <Group gap={6} wrap="nowrap">
          {card.packageTier && (
            <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
              {tierLabel(card.packageTier)}
            </Badge>
          )}
          {card.role && (
            <Text size="xs" c="dimmed" truncate="end">
              {card.role}
            </Text>
          )}
        </Group>
      )}
      {(card.followUpDate || card.ownerName) && (
        <Group justify="space-between" gap={6} wrap="nowrap">
          {card.followUpDate ? (
            <Group gap={4} wrap="nowrap">
              <IconCalendarDue size={14} color={overdue ? 'var(--mantine-color-red-6)' : undefined} />
              <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
                {formatDate(card.followUpDate)}
              </Text>
            </Group>
          ) : (
            <span />
          )}
          {card.ownerName && (
            <Tooltip label={`Owner: ${card.ownerName}`}>
              <Avatar size={22} radius="xl" color="indigo" aria-label={`Owner: ${card.ownerName}`}>
                <Text fz={9} fw={700}>
                  {initials(card.ownerName)}
                </Text>
              </Avatar>
            </Tooltip>
          )}
        </Group>
      )}
    </Stack>
  );
}

interface Props {
  eventId: string;
  tiers: { key: string; label: string }[];
  today: string;
  mayEdit: boolean;
  onOpen(linkId: string): void;
}

export function EventBoard({ eventId, tiers, today, mayEdit, onOpen }: Props) {
  const board = useEventBoard(eventId);
  const move = useMoveLink(eventId);

  if (board.isPending) return <KanbanSkeleton />;
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;

  const { columns, event } = board.data;
  const currency = event.currency;
  const tierLabel = (key: string) => tiers.find((t) => t.key === key)?.label ?? labelFromSlug(key);
  const kanbanColumns: KanbanColumn<BoardCard>[] = columns.map((col) => ({
    key: col.key,
    label: col.custom ? labelFromSlug(col.key) : col.label,
    color: `var(--mantine-color-${statusColor(col.key)}-6)`,
    count: col.count,
    total: formatMoney(col.totalAmount, currency, undefined, true),
    cards: col.cards,
  }));

  return (
    <KanbanBoard
      testId="event-board"
      columns={kanbanColumns}
      noun={['link', 'links']}
      columnKind="status"
      mayDrag={mayEdit}
      cardId={(c) => c.id}
      cardName={(c) => c.partnerName}
      renderCard={(card) => <CardView card={card} currency={currency} tierLabel={tierLabel} today={today} />}
      onOpen={(card) => onOpen(card.id)}
      onMove={(card, to) =>
        move.mutate(
          { cardId: card.id, version: card.version, to },
          {
            onError: (e) =>
              notifications.show({
                color: 'red',
                title: `${card.partnerName} stays in ${statusLabel(card.status)}`,
                message: errorMessage(e),
              }),
          },
        )
      }
    />
  );
}
