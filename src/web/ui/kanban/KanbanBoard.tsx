/**
 * A kanban: a column per state with its count and total; drag a card to another column to move it (mouse,
 * touch, or keyboard: Space, arrows, Space). Empty columns fold into a narrow strip. The event links board
 * and the opportunity pipeline both draw with it; what a card shows and what a move does are theirs.
 *
 * The keyboard move is the board's own, not dnd-kit's keyboard sensor: that sensor moves the card by
 * screen coordinates and, on a board that scrolls sideways, scrolls instead of moving (smoothly, so a quick
 * Space drops the card back where it was). Choosing the column by its index cannot miss.
 */
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import {
  DndContext,
  DragOverlay,
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

/** A card picked up with the keyboard and the column it would drop on. */
interface KeyboardPick {
  id: string;
  from: string;
  target: string;
}

function DraggableCard<T>({
  card,
  column,
  props,
  picked,
  onKey,
}: {
  card: T;
  column: string;
  props: KanbanBoardProps<T>;
  picked: boolean;
  onKey(e: KeyboardEvent<HTMLElement>): void;
}) {
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
      data-dragging={isDragging || picked || undefined}
      data-card-id={id}
      data-testid={`board-card-${id}`}
      p="xs"
      radius="md"
      {...attributes}
      {...listeners}
      aria-label={`${props.cardName(card)}, ${column}`}
      // Without the edit permission the card still opens (read-only), so it is not a disabled button.
      aria-disabled={undefined}
      aria-roledescription={props.mayDrag ? attributes['aria-roledescription'] : undefined}
      aria-pressed={props.mayDrag ? picked : undefined}
      onClick={() => props.onOpen(card)}
      onKeyDown={onKey}
    >
      {props.renderCard(card)}
    </Paper>
  );
}

function BoardColumn<T>({
  col,
  noun,
  keyboard,
  children,
}: {
  col: KanbanColumn<T>;
  noun: readonly [string, string];
  /** A card is picked up with the keyboard; over: this column is where it would drop. */
  keyboard: { over: boolean } | null;
  children: ReactNode;
}) {
  const { setNodeRef, isOver, active } = useDroppable({ id: `${COLUMN}${col.key}`, data: { column: col } });
  const collapsed = col.cards.length === 0;
  return (
    <section
      ref={setNodeRef}
      className={classes.column}
      data-collapsed={collapsed || undefined}
      data-over={isOver || keyboard?.over || undefined}
      data-dragging={active || keyboard ? true : undefined}
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

/** The column under the pointer, or failing that the one the dragged card overlaps most. */
const detectColumn: CollisionDetection = (args) => {
  const hits = args.pointerCoordinates ? pointerWithin(args) : [];
  return hits.length ? hits : rectIntersection(args);
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
  );
  const [pick, setPick] = useState<KeyboardPick | null>(null);
  const [spoken, setSpoken] = useState('');
  const columnAt = (key: string) =>
    boardRef.current?.querySelector<HTMLElement>(`[data-testid="board-column-${key}"]`);
  /** A card just moved with the keyboard: focus follows it into its new column once it is drawn there. */
  const refocus = useRef<{ id: string; column: string } | null>(null);
  useEffect(() => {
    const want = refocus.current;
    if (!want || !boardRef.current) return;
    const el = columnAt(want.column)?.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(want.id)}"]`);
    if (!el) return;
    refocus.current = null;
    el.focus();
  });

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
  const pickedUp = (id: string | number) =>
    `Picked up ${nameOf(id)}. Left and right arrows move it between ${columnKind} columns; Space drops it, Escape cancels.`;
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => pickedUp(a.id),
    onDragOver: ({ active: a, over }) =>
      over ? `${nameOf(a.id)} is over ${columnLabel(over.id)}.` : `${nameOf(a.id)} is not over a column.`,
    onDragEnd: ({ active: a, over }) =>
      over
        ? `${nameOf(a.id)} moved to ${columnLabel(over.id)}.`
        : `${nameOf(a.id)} was dropped outside the columns and stays where it was.`,
    onDragCancel: ({ active: a }) => `Moving ${nameOf(a.id)} was cancelled; it stays where it was.`,
  };

  const onCardKey = (card: T, columnKey: string, e: KeyboardEvent<HTMLElement>) => {
    const id = cardId(card);
    const mine = pick?.id === id ? pick : null;
    if (!mine) {
      if (e.key === 'Enter') {
        e.preventDefault();
        props.onOpen(card);
      } else if (e.key === ' ' && props.mayDrag) {
        e.preventDefault();
        setPick({ id, from: columnKey, target: columnKey });
        setSpoken(pickedUp(id));
      }
      return;
    }
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown') return;
      const i = columns.findIndex((c) => c.key === mine.target);
      const next = columns[e.key === 'ArrowRight' ? i + 1 : i - 1];
      if (!next) return;
      setPick({ ...mine, target: next.key });
      columnAt(next.key)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      setSpoken(`${cardName(card)} is over ${next.label}.`);
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      setPick(null);
      if (mine.target === mine.from) {
        setSpoken(`${cardName(card)} stays in ${columnLabel(COLUMN + mine.from)}.`);
        return;
      }
      refocus.current = { id, column: mine.target };
      setSpoken(`${cardName(card)} moved to ${columnLabel(COLUMN + mine.target)}.`);
      props.onMove(card, mine.target);
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      setPick(null);
      setSpoken(`Moving ${cardName(card)} was cancelled; it stays where it was.`);
    }
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
          <BoardColumn
            key={col.key}
            col={col}
            noun={props.noun}
            keyboard={pick && { over: pick.target === col.key }}
          >
            {col.cards.map((card) => (
              <DraggableCard
                key={cardId(card)}
                card={card}
                column={col.label}
                props={props}
                picked={pick?.id === cardId(card)}
                onKey={(e) => onCardKey(card, col.key, e)}
              />
            ))}
          </BoardColumn>
        ))}
      </div>
      <div
        className={classes.srOnly}
        aria-live="assertive"
        aria-atomic="true"
        data-testid={`${testId}-announcer`}
      >
        {spoken}
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
