/**
 * What an inline change does to the action queue on screen, before the server's answer arrives: a change that
 * resolves an item (decision 3) takes it out at once and lowers the counts of the cards with it; the refetch
 * that follows brings the server's figures.
 */
import { addDays } from '../../../shared/dates';
import type { ActionItem, Overview } from '../../../shared/overview.schema';
import { isClosed } from '../../../shared/partnerships/statuses';

export type QueueChange =
  { kind: 'done' } | { kind: 'followUp'; date: string | null } | { kind: 'status'; status: string };

/**
 * Whether the item certainly leaves the queue after the change: done always; any change to a stale link (it
 * is touched, so no longer stale; a date inside the window brings it back as a follow-up, a new item); a
 * closed status for a link; a follow-up date past the window, or none. A change that may only move the item
 * (a new date inside the window, an open status) waits for the server's answer.
 */
export function leavesQueue(
  item: ActionItem,
  change: QueueChange,
  today: string,
  windowDays: number,
): boolean {
  if (change.kind === 'done') return true;
  if (item.type === 'stale_pipeline') return true;
  if (change.kind === 'status') return item.source === 'partner_link' && isClosed(change.status);
  return change.date === null || change.date > addDays(today, windowDays);
}

/** The payload without one item, its counts lowered the way the server counts them (decision 4). */
export function withoutItem(o: Overview, id: string): Overview {
  const item = o.actionItems.find((i) => i.id === id);
  if (!item) return o;
  const t = o.totals;
  const stale = item.type === 'stale_pipeline';
  return {
    ...o,
    actionItems: o.actionItems.filter((i) => i.id !== id),
    totals: {
      ...t,
      actionItemCount: Math.max(0, t.actionItemCount - 1),
      overdueFollowUps: Math.max(0, t.overdueFollowUps - (item.isOverdue ? 1 : 0)),
      upcomingFollowUps: Math.max(0, t.upcomingFollowUps - (!item.isOverdue && item.dueDate ? 1 : 0)),
      staleItemCount: Math.max(0, t.staleItemCount - (stale ? 1 : 0)),
    },
  };
}
