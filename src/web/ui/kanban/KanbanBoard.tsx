/**
 * A kanban: a column per state with its count and total; drag a card to another column to move it (mouse,
 * touch, or keyboard: Space, arrows, Space). Empty columns fold into a narrow strip. The event links board
 * and the opportunity pipeline both draw with it; what a card shows and what a move does are theirs.
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
  type ClientRect,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { Badge, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import classes from './KanbanBoard.module.css';

export interface KanbanColumn<T> {
  /** Also the column's test id: board-column-<key>. */
  key: string;
  label: string;
  /** A CSS colour for the column's top border and dot. */
  color: string;
  /** Every card of the column (the board may show fewer). */
  count: number;
  /** Shown at the right of the header: the column's total (a string is set in small dimmed type). */
  total?: ReactNode;
  cards: T[];
}

export interface KanbanBoardProps<T> {
  columns: KanbanColumn<T>[];
  cardId(card: T): string;
  /** The card's name, for its label and the screen reader's announcements. */
  cardName(card: T): string;
  renderCard(card: T): ReactNode;
  mayDrag: boolean;
  onOpen(card: T): void;
  /** A card was dropped on another column. */
  onMove(card: T, toColumn: string): void;
  /** "link" / "links": the column's aria label counts them. */
  noun: readonly [string, string];
  /** What a column stands for, in the keyboard instructions: "status", "stage". */
  columnKind: string;
  testId: string;
}

const COLUMN = 'col:';

function DraggableCard<T>({ card, column, props }: { card: T; column: string; props: KanbanBoardProps<T> }) {
  const id = props.cardId(card);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id,
    data: { card, column },
    disabled: !props.mayDrag,
  });
  return (
    <Paper
      ref={setNodeRef}
      className={classes.card}
      data-dragging={isDragging || undefined}
      data-testid={`board-card-${id}`}
      p="xs"
      radius="md"
      {...attributes}
      {...listeners}
      aria-label={`${props.cardName(card)}, ${column}`}
      // Without the edit permission the card still opens (read-only), so it is not a disabled button.
      aria-disabled={undefined}
      aria-roledescription={props.mayDrag ? attributes['aria-roledescription'] : undefined}
      onClick={() => props.onOpen(card)}
      onKeyDown={(e) => {
        // Enter opens the card; Space picks it up (the keyboard sensor).
        if (e.key === 'Enter') {
          e.preventDefault();
          props.onOpen(card);
          return;
        }
        listeners?.onKeyDown?.(e);
      }}
    >
      {props.renderCard(card)}
    </Paper>
  );
}

function BoardColumn<T>({
  col,
  noun,
  children,
}: {
  col: KanbanColumn<T>;
  noun: readonly [string, string];
  children: ReactNode;
}) {
  const { setNodeRef, isOver, active } = useDroppable({ id: `${COLUMN}${col.key}`, data: { column: col } });
  const collapsed = col.cards.length === 0;
  return (
    <section
      ref={setNodeRef}
      className={classes.column}
      data-collapsed={collapsed || undefined}
      data-over={isOver || undefined}
      data-dragging={active ? true : undefined}
      data-testid={`board-column-${col.key}`}
      aria-label={`${col.label}: ${col.count} ${col.count === 1 ? noun[0] : noun[1]}`}
      style={{ '--column-color': col.color } as CSSProperties}
    >
      {collapsed ? (
        <div className={classes.collapsedHeader}>
          <span className={classes.dot} />
          <Text size="sm" fw={600} className={classes.verticalLabel}>
            {col.label}
          </Text>
          <Text size="xs" c="dimmed">
            {col.count}
          </Text>
        </div>
      ) : (
        <>
          <div className={classes.header}>
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              <span className={classes.dot} />
              <Text size="sm" fw={650} truncate="end">
                {col.label}
              </Text>
              <Badge size="sm" variant="light" color="gray" circle={col.count < 10}>
                {col.count}
              </Badge>
            </Group>
            {typeof col.total === 'string' ? (
              <Text size="xs" c="dimmed" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {col.total}
              </Text>
            ) : (
              col.total
            )}
          </div>
          <Stack gap={8} className={classes.cards}>
            {children}
          </Stack>
        </>
      )}
    </section>
  );
}

/**
 * A column's measured rectangle; right after a card is picked up with the keyboard dnd-kit may not have
 * measured the columns yet (a busy machine), so the first arrow falls back to the element's own box.
 */
function rectOf(
  measured: Map<UniqueIdentifier, ClientRect>,
  c: { id: UniqueIdentifier; node: { current: HTMLElement | null } },
): ClientRect | undefined {
  return measured.get(c.id) ?? c.node.current?.getBoundingClientRect();
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
      const rect = rectOf(droppableRects, c);
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
    const r = rectOf(args.droppableRects, c);
    return r && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  });
  return hit ? [{ id: hit.id, data: { droppableContainer: hit, value: 0 } }] : [];
};

/** The board's shape while it loads. */
export function KanbanSkeleton({ columns = 4 }: { columns?: number }) {
  return (
    <div className={classes.board} aria-busy="true">
      {Array.from({ length: columns }, (_, i) => (
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
}

export function KanbanBoard<T>(props: KanbanBoardProps<T>) {
  const { columns, cardId, cardName, columnKind, testId } = props;
  const [active, setActive] = useState<T | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);
  useEffect(() => {
    // On narrow screens the empty first columns can fill the view: start at the first column with cards.
    const el = boardRef.current;
    if (!el || scrolled.current) return;
    scrolled.current = true;
    const first = el.querySelector<HTMLElement>('section:not([data-collapsed])');
    if (first && first.offsetLeft + Math.min(first.offsetWidth, 120) > el.clientWidth)
      el.scrollLeft = first.offsetLeft - 8;
  }, []);
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

  const columnLabel = (id: string | number | undefined) => {
    const key = String(id ?? '').slice(COLUMN.length);
    return columns.find((c) => c.key === key)?.label ?? key;
  };
  const nameOf = (id: string | number) => {
    for (const col of columns) {
      const card = col.cards.find((c) => cardId(c) === id);
      if (card) return cardName(card);
    }
    return 'The card';
  };
  const announcements: Announcements = {
    onDragStart: ({ active: a }) =>
      `Picked up ${nameOf(a.id)}. Left and right arrows move it between ${columnKind} columns; Space drops it, Escape cancels.`,
    onDragOver: ({ active: a, over }) =>
      over ? `${nameOf(a.id)} is over ${columnLabel(over.id)}.` : `${nameOf(a.id)} is not over a column.`,
    onDragEnd: ({ active: a, over }) =>
      over
        ? `${nameOf(a.id)} moved to ${columnLabel(over.id)}.`
        : `${nameOf(a.id)} was dropped outside the columns and stays where it was.`,
    onDragCancel: ({ active: a }) => `Moving ${nameOf(a.id)} was cancelled; it stays where it was.`,
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={detectColumn}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: `To change the ${columnKind}, press Space to pick the card up, the left and right arrow keys to choose a column, and Space to drop it. Press Enter to open it.`,
        },
      }}
      onDragStart={(e) => setActive((e.active.data.current?.card as T | undefined) ?? null)}
      onDragCancel={() => setActive(null)}
      onDragEnd={({ active: a, over }) => {
        setActive(null);
        const data = a.data.current as { card: T; column: string } | undefined;
        if (!data || !over) return;
        const to = String(over.id).slice(COLUMN.length);
        const from = columns.find((c) => c.cards.some((x) => cardId(x) === cardId(data.card)))?.key;
        if (to === from) return;
        props.onMove(data.card, to);
      }}
    >
      <div className={classes.board} data-testid={testId} ref={boardRef}>
        {columns.map((col) => (
          <BoardColumn key={col.key} col={col} noun={props.noun}>
            {col.cards.map((card) => (
              <DraggableCard key={cardId(card)} card={card} column={col.label} props={props} />
            ))}
          </BoardColumn>
        ))}
      </div>
      <DragOverlay dropAnimation={null}>
        {active !== null && (
          <Paper className={classes.overlay} p="xs" radius="md" shadow="lg">
            {props.renderCard(active)}
          </Paper>
        )}
      </DragOverlay>
    </DndContext>
  );
}
