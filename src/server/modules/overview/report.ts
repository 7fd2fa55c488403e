/**
 * The Overview's figures from the per-event, per-status aggregates (reference §2.5–§2.7, §2.9; decisions 1,
 * 3, 4 and 6). Pure: the SQL has already counted and summed; this combines the groups.
 */
import type { OverviewAnnual, OverviewPipeline, ScoreboardRow } from '../../../shared/overview.schema';
import { calendarYearRatio, goalProgress, pct, timelineRatio } from '../../../shared/partnerships/pace';
import {
  isClosed,
  isSecured,
  isStaleEligible,
  statusGroup,
  statusLabel,
} from '../../../shared/partnerships/statuses';
import type { FigureRow, NearTodayRow } from './repo';
import type { ScopeEvent } from './scope';

/** The links of one event in one status (from `link_stats`). */
export interface Cell {
  eventId: string;
  status: string;
  count: number;
  amount: number;
  withFollowUp: number;
}

const key = (eventId: string, status: string) => `${eventId}\u0000${status}`;

export function buildCells(figures: FigureRow[]): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const f of figures) {
    cells.set(key(f.event_id, f.status), {
      eventId: f.event_id,
      status: f.status,
      count: Number(f.count),
      amount: Number(f.amount ?? 0),
      withFollowUp: Number(f.with_follow_up),
    });
  }
  return cells;
}

/** Sums over a set of cells. Follow-up work counts only where decision 3 and the stale rule allow it. */
export interface Figures {
  count: number;
  committed: number;
  secured: number;
  open: number;
  lost: number;
  securedCount: number;
  openCount: number;
  confirmedCount: number;
  paidCount: number;
  /** Link follow-ups (closed statuses excluded, decision 3): past due, and due today … window end. */
  overdueFollowUps: number;
  upcomingFollowUps: number;
  /** Links stale for 14 days or more, and those of them stale for 30 or more (overdue). */
  stale: number;
  staleOverdue: number;
}

/**
 * The sums over some events' cells, and over the same events' counts that depend on today (`near`, already
 * limited to the statuses whose rules count them): without them, the follow-up and stale figures are not
 * meaningful, the amounts and counts are.
 */
export function sumCells(cells: Iterable<Cell>, near: Iterable<NearTodayRow> = []): Figures {
  const f: Figures = {
    count: 0,
    committed: 0,
    secured: 0,
    open: 0,
    lost: 0,
    securedCount: 0,
    openCount: 0,
    confirmedCount: 0,
    paidCount: 0,
    overdueFollowUps: 0,
    upcomingFollowUps: 0,
    stale: 0,
    staleOverdue: 0,
  };
  for (const c of cells) {
    const group = statusGroup(c.status);
    f.count += c.count;
    f.committed += c.amount;
    f[group] += c.amount;
    if (group === 'secured') f.securedCount += c.count;
    if (group === 'open') f.openCount += c.count;
    if (c.status === 'confirmed') f.confirmedCount += c.count;
    if (c.status === 'paid') f.paidCount += c.count;
    if (!isClosed(c.status)) f.overdueFollowUps += c.withFollowUp;
    if (isStaleEligible(c.status)) {
      const undated = c.count - c.withFollowUp;
      f.stale += undated;
      f.staleOverdue += undated;
    }
  }
  // Dated links not yet due are not overdue; undated ones touched recently are not stale.
  for (const n of near) {
    f.overdueFollowUps -= n.due;
    f.upcomingFollowUps += n.upcoming;
    f.stale -= n.fresh;
    f.staleOverdue -= n.touched;
  }
  return f;
}

/** Rows by their event: the cells, and the counts that depend on today. */
export function byEvent<T extends { eventId: string }>(rows: Iterable<T>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.eventId, [...(out.get(r.eventId) ?? []), r]);
  return out;
}

/** The rows of these events (each event once). */
export const ofEvents = <T>(rows: Map<string, T[]>, eventIds: Iterable<string>): T[] =>
  [...new Set(eventIds)].flatMap((id) => rows.get(id) ?? []);

/**
 * One scoreboard row (reference §2.5): secured against the event's goal on its own timeline. Its last
 * activity is the later of the event's own change and its latest touched link.
 */
export function scoreboardRow(
  e: ScopeEvent,
  f: Figures,
  today: string,
  lastTouched: string | null,
): ScoreboardRow {
  const ratio = timelineRatio(e.outreachStart ?? e.startDate, e.endDate, e.year, today);
  const p = goalProgress(f.secured, e.goal, ratio);
  return {
    eventId: e.id,
    eventIdYear: `${e.id}#${e.year}`,
    eventName: e.name || 'Untitled Event',
    eventYear: e.year,
    archived: e.archived,
    goalAmount: e.goal,
    hasGoal: p.hasGoal,
    committedAmount: f.committed,
    securedAmount: f.secured,
    pipelineAmount: f.open,
    remainingToGoal: p.remainingToGoal,
    progressToGoalPct: p.progressToGoalPct,
    expectedProgressPct: p.expectedProgressPct,
    expectedSecuredByNow: p.expectedSecuredByNow,
    paceDelta: p.paceDelta,
    onTrack: p.onTrack,
    paceStatus: p.paceStatus,
    relationshipCount: f.count,
    confirmedCount: f.confirmedCount,
    paidCount: f.paidCount,
    upcomingFollowUps: f.upcomingFollowUps,
    overdueFollowUps: f.overdueFollowUps,
    lastActivityAt: lastTouched && lastTouched > e.updatedAt ? lastTouched : e.updatedAt,
    currency: e.currency,
    lostAmount: f.lost,
  };
}

/** The pipeline breakdown (reference §2.7): every status, lost ones too, biggest amount first. */
export function pipelineOf(cells: Iterable<Cell>): OverviewPipeline {
  const byStatus = new Map<string, { count: number; amount: number }>();
  for (const c of cells) {
    const row = byStatus.get(c.status) ?? { count: 0, amount: 0 };
    row.count += c.count;
    row.amount += c.amount;
    byStatus.set(c.status, row);
  }
  const f = sumCells(cells);
  const rows = [...byStatus.entries()]
    .filter(([, r]) => r.count > 0 || r.amount > 0)
    .map(([status, r]) => ({
      status,
      label: statusLabel(status),
      count: r.count,
      amount: r.amount,
      isSecured: isSecured(status),
      shareByCountPct: f.count > 0 ? pct(r.count / f.count) : 0,
      shareByAmountPct: f.committed > 0 ? pct(r.amount / f.committed) : 0,
      group: statusGroup(status),
    }))
    .sort((a, b) => b.amount - a.amount || b.count - a.count || a.label.localeCompare(b.label, 'en'));
  return {
    byStatus: rows,
    totalCount: f.count,
    totalAmount: f.committed,
    securedAmount: f.secured,
    openAmount: f.open,
    lostAmount: f.lost,
  };
}

/**
 * The annual block (reference §2.6): the selected year's events against the explicit annual goal when
 * one is set, else the sum of their goals; expected progress is the calendar-year fraction.
 */
export function annualOf(
  year: number | null,
  events: ScopeEvent[],
  f: Figures,
  explicitGoal: number | null,
  today: string,
): OverviewAnnual {
  const eventGoalAmount = events.reduce((s, e) => s + e.goal, 0);
  const goal = explicitGoal ?? eventGoalAmount;
  const p = goalProgress(f.secured, goal, year === null ? 0 : calendarYearRatio(year, today));
  return {
    year,
    goalAmount: goal,
    committedAmount: f.committed,
    securedAmount: f.secured,
    pipelineAmount: f.open,
    remainingToGoal: p.remainingToGoal,
    progressToGoalPct: p.progressToGoalPct,
    expectedProgressPct: p.expectedProgressPct,
    expectedSecuredByNow: p.expectedSecuredByNow,
    paceDelta: p.paceDelta,
    onTrack: p.onTrack,
    paceStatus: p.paceStatus,
    goalSource: explicitGoal === null ? 'event_goals' : 'annual_goal',
    eventGoalAmount,
    lostAmount: f.lost,
  };
}
