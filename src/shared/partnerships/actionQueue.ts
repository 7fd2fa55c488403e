/**
 * The Overview's action queue rules (reference §2.8, §8.5–§8.6; decisions 3 and 4): the follow-up window,
 * priorities, the stale thresholds, the queue's total order and the due label. One source for the server
 * and the web app.
 */
import { DAY_MS } from '../dates';

/** The follow-up window offered by the scope controls; any whole number is clamped to MIN…MAX. */
export const WINDOW_DAYS = { min: 7, max: 90, default: 21, options: [7, 14, 21, 30, 45] } as const;
export const ACTION_LIMIT = { min: 10, max: 200, default: 40 } as const;

/** A link without a follow-up date is stale from 14 untouched days; from 30 it is overdue, priority 1. */
export const STALE_DAYS = 14;
export const STALE_OVERDUE_DAYS = 30;

export const ACTION_ITEM_TYPES = ['follow_up', 'stale_pipeline', 'communication_follow_up'] as const;
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];

/** A link follow-up: 0 overdue, 1 within 2 days (today included), 2 within 7, 3 later in the window. */
export function linkFollowUpPriority(daysUntilDue: number): 0 | 1 | 2 | 3 {
  if (daysUntilDue < 0) return 0;
  if (daysUntilDue <= 2) return 1;
  if (daysUntilDue <= 7) return 2;
  return 3;
}

/** A communication follow-up: 0 overdue, 1 within 2 days, otherwise 2 (there is no 3). */
export function communicationFollowUpPriority(daysUntilDue: number): 0 | 1 | 2 {
  if (daysUntilDue < 0) return 0;
  return daysUntilDue <= 2 ? 1 : 2;
}

/** Whole days between the start of today (an instant) and when a link was last touched, floored. */
export const staleDaysOf = (todayStartMs: number, touchedMs: number): number =>
  Math.floor((todayStartMs - touchedMs) / DAY_MS);

/** The instant before which a link last touched is at least `days` days stale. */
export const staleSince = (todayStartMs: number, days: number): string =>
  new Date(todayStartMs - days * DAY_MS).toISOString();

export interface QueueOrder {
  isOverdue: boolean;
  priority: number;
  dueDate: string | null;
  updatedAt: string;
  id: string;
}

/**
 * The queue's total order: overdue first, then priority, then the earlier due date, dated before undated,
 * then the most recently updated; the item id breaks the last ties so the order never depends on chance.
 */
export function compareActionItems(a: QueueOrder, b: QueueOrder): number {
  if (a.isOverdue !== b.isOverdue) return a.isOverdue ? -1 : 1;
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.dueDate && b.dueDate && a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (!!a.dueDate !== !!b.dueDate) return a.dueDate ? -1 : 1;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** "3d overdue", "Due today", "Due in 5d" or "No due date". */
export function dueLabel(daysUntilDue: number | null): string {
  if (daysUntilDue === null) return 'No due date';
  if (daysUntilDue < 0) return `${-daysUntilDue}d overdue`;
  return daysUntilDue === 0 ? 'Due today' : `Due in ${daysUntilDue}d`;
}
