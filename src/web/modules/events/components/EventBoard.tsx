/**
 * The event's links on a kanban by status: a column per canonical status (then custom ones) with its count and
 * total. Drag a card to another column to change its status (mouse, touch, or keyboard: Space, arrows, Space).
 */
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardCode,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { Avatar, Badge, Group, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarDue } from '@tabler/icons-react';
import type { Board, BoardCard } from '../../../../shared/links.schema';
import { formatMoney } from '../../../../shared/money';
import { isClosed, labelFromSlug, statusLabel } from '../../../../shared/partnerships/statuses';
import { errorMessage } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate, initials } from '../../../ui/format';
import { useEventBoard, useMoveLink } from '../../links/hooks';
import { statusColor } from '../../links/status';
import classes from './EventBoard.module.css';

type Column = Board['columns'][number];
const COLUMN = 'col:';

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

function DraggableCard(props: CardProps & { disabled: boolean; onOpen(): void }) {
  const { card, disabled, onOpen } = props;
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled,
  });
  return (
    <Paper
      ref={setNodeRef}
      className={classes.card}
      data-dragging={isDragging || undefined}
      data-testid={`board-card-${card.id}`}
      p="xs"
      radius="md"
      {...attributes}
      {...listeners}
      aria-label={`${card.partnerName}, ${statusLabel(card.status)}`}
      // Without the edit permission the card still opens (read-only), so it is not a disabled button.
      aria-disabled={undefined}
      aria-roledescription={disabled ? undefined : attributes['aria-roledescription']}
      onClick={onOpen}
      onKeyDown={(e) => {
        // Enter opens the card; Space picks it up (the keyboard sensor).
        if (e.key === 'Enter') {
          e.preventDefault();
          onOpen();
          return;
        }
        listeners?.onKeyDown?.(e);
      }}
    >
      <CardView {...props} />
    </Paper>
  );
}

function BoardColumn({ col, currency, children }: { col: Column; currency: string; children: ReactNode }) {
  const { setNodeRef, isOver, active } = useDroppable({ id: `${COLUMN}${col.key}`, data: { column: col } });
  const collapsed = col.cards.length === 0;
  const color = `var(--mantine-color-${statusColor(col.key)}-6)`;
  const label = col.custom ? labelFromSlug(col.key) : col.label;
  return (
    <section
      ref={setNodeRef}
      className={classes.column}
      data-collapsed={collapsed || undefined}
      data-over={isOver || undefined}
      data-dragging={active ? true : undefined}
      data-testid={`board-column-${col.key}`}
      aria-label={`${label}: ${col.count} ${col.count === 1 ? 'link' : 'links'}`}
      style={{ '--column-color': color } as CSSProperties}
    >
      {collapsed ? (
        <div className={classes.collapsedHeader}>
          <span className={classes.dot} />
          <Text size="sm" fw={600} className={classes.verticalLabel}>
            {label}
          </Text>
          <Text size="xs" c="dimmed">
            0
          </Text>
        </div>
      ) : (
        <>
          <div className={classes.header}>
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              <span className={classes.dot} />
              <Text size="sm" fw={650} truncate="end">
                {label}
              </Text>
              <Badge size="sm" variant="light" color="gray" circle={col.count < 10}>
                {col.count}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(col.totalAmount, currency, undefined, true)}
            </Text>
          </div>
          <Stack gap={8} className={classes.cards}>
            {children}
          </Stack>
        </>
      )}
    </section>
  );
}

/** Left and right arrows jump a picked-up card to the previous or next column. */
const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { active, collisionRect, droppableRects, droppableContainers, over } = context;
  if (!active || !collisionRect) return undefined;
  if (event.code === KeyboardCode.Up || event.code === KeyboardCode.Down) {
    event.preventDefault();
    return undefined;
  }
  if (event.code !== KeyboardCode.Right && event.code !== KeyboardCode.Left) return undefined;
  event.preventDefault();
  const columns = droppableContainers
    .getEnabled()
    .flatMap((c) => {
      const rect = droppableRects.get(c.id);
      return rect ? [{ id: c.id, rect }] : [];
    })
    .sort((a, b) => a.rect.left - b.rect.left);
  const x = collisionRect.left + 8;
  let i = columns.findIndex((c) => c.id === over?.id);
  if (i < 0) i = columns.findIndex((c) => c.rect.left <= x && x <= c.rect.right);
  const next = columns[event.code === KeyboardCode.Right ? i + 1 : i - 1];
  return next ? { x: next.rect.left + 4, y: next.rect.top + 4 } : undefined;
};

/** The pointer's column; with the keyboard, the column under the card's top-left corner. */
const detectColumn: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const hits = pointerWithin(args);
    return hits.length ? hits : rectIntersection(args);
  }
  const x = args.collisionRect.left + 8;
  const y = args.collisionRect.top + 8;
  const hit = args.droppableContainers.find((c) => {
    const r = args.droppableRects.get(c.id);
    return r && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  });
  return hit ? [{ id: hit.id, data: { droppableContainer: hit, value: 0 } }] : [];
};

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
  const [active, setActive] = useState<BoardCard | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);
  const loaded = Boolean(board.data);
  useEffect(() => {
    // On narrow screens the empty first columns can fill the view: start at the first column with cards.
    const el = boardRef.current;
    if (!el || !loaded || scrolled.current) return;
    scrolled.current = true;
    const first = el.querySelector<HTMLElement>('section:not([data-collapsed])');
    if (first && first.offsetLeft + Math.min(first.offsetWidth, 120) > el.clientWidth)
      el.scrollLeft = first.offsetLeft - 8;
  }, [loaded]);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: columnCoordinates,
      keyboardCodes: {
        start: [KeyboardCode.Space],
        cancel: [KeyboardCode.Esc],
        end: [KeyboardCode.Space, KeyboardCode.Enter],
      },
    }),
  );

  if (board.isPending)
    return (
      <div className={classes.board} aria-busy="true">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className={classes.column}>
            <Skeleton height={18} width="60%" mb="sm" />
            <Stack gap={8}>
              <Skeleton height={70} radius="md" />
              <Skeleton height={70} radius="md" />
            </Stack>
          </div>
        ))}
      </div>
    );
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;

  const { columns, event } = board.data;
  const currency = event.currency;
  const tierLabel = (key: string) => tiers.find((t) => t.key === key)?.label ?? labelFromSlug(key);
  const columnLabel = (id: string | number | undefined) => {
    const key = String(id ?? '').slice(COLUMN.length);
    return columns.find((c) => c.key === key)?.label ?? statusLabel(key);
  };
  const cardName = (id: string | number) =>
    columns.flatMap((c) => c.cards).find((c) => c.id === id)?.partnerName ?? 'The card';
  const announcements: Announcements = {
    onDragStart: ({ active: a }) =>
      `Picked up ${cardName(a.id)}. Left and right arrows move it between status columns; Space drops it, Escape cancels.`,
    onDragOver: ({ active: a, over }) =>
      over ? `${cardName(a.id)} is over ${columnLabel(over.id)}.` : `${cardName(a.id)} is not over a column.`,
    onDragEnd: ({ active: a, over }) =>
      over
        ? `${cardName(a.id)} moved to ${columnLabel(over.id)}.`
        : `${cardName(a.id)} was dropped outside the columns and stays where it was.`,
    onDragCancel: ({ active: a }) => `Moving ${cardName(a.id)} was cancelled; it stays where it was.`,
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={detectColumn}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To change the status, press Space to pick the card up, the left and right arrow keys to choose a column, and Space to drop it. Press Enter to open the link.',
        },
      }}
      onDragStart={(e) => setActive((e.active.data.current?.card as BoardCard | undefined) ?? null)}
      onDragCancel={() => setActive(null)}
      onDragEnd={({ active: a, over }) => {
        setActive(null);
        const card = a.data.current?.card as BoardCard | undefined;
        if (!card || !over) return;
        const to = String(over.id).slice(COLUMN.length);
        if (to === card.status) return;
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
        );
      }}
    >
      <div className={classes.board} data-testid="event-board" ref={boardRef}>
        {columns.map((col) => (
          <BoardColumn key={col.key} col={col} currency={currency}>
            {col.cards.map((card) => (
              <DraggableCard
                key={card.id}
                card={card}
                currency={currency}
                tierLabel={tierLabel}
                today={today}
                disabled={!mayEdit}
                onOpen={() => onOpen(card.id)}
              />
            ))}
          </BoardColumn>
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {active && (
          <Paper className={classes.overlay} p="xs" radius="md" shadow="lg">
            <CardView card={active} currency={currency} tierLabel={tierLabel} today={today} />
          </Paper>
        )}
      </DragOverlay>
    </DndContext>
  );
}
