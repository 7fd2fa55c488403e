/** The kanban payload of one event: a column per status, in the canonical order, then custom ones. */
import type { Board, BoardCard } from '../../../shared/links.schema';
import { normaliseStoredStatus, statusOptions } from '../../../shared/partnerships/statuses';
import { presentCard } from './present';
import type { LinkRow } from './repo';

interface StatusTotal {
  status: string;
  count: number | string;
  total: number | string;
}

/**
 * Cards and figures come from the same scoped rows, so a column's count and total always match the cards
 * the caller sees (the event's own metrics count every link).
 */
export function buildBoard(
  event: { id: string; name: string; year: number; currency: string },
  rows: LinkRow[],
  totals: StatusTotal[],
): Board {
  const cards = new Map<string, BoardCard[]>();
  for (const r of rows) {
    const status = normaliseStoredStatus(r.status);
    cards.set(status, [...(cards.get(status) ?? []), presentCard(r, status)]);
  }
  const sums = new Map<string, { count: number; total: number }>();
  for (const t of totals) {
    const status = normaliseStoredStatus(t.status);
    const sum = sums.get(status) ?? { count: 0, total: 0 };
    sums.set(status, { count: sum.count + Number(t.count), total: sum.total + Number(t.total) });
  }
  const columns = statusOptions(sums.keys()).map((o) => ({
    ...o,
    count: sums.get(o.key)?.count ?? 0,
    totalAmount: sums.get(o.key)?.total ?? 0,
    cards: cards.get(o.key) ?? [],
  }));
  return { event: { id: event.id, name: event.name, year: event.year, currency: event.currency }, columns };
}
