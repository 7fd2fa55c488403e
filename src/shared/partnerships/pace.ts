/**
 * Goal pace: percent rounding, the expected-progress timelines and the pace thresholds (reference §2.5, §2.6,
 * §8.3, §8.4). The single source of these rules for the server's Overview and the web app.
 */
import { utcMidnight } from '../dates';

export const PACE_STATUSES = ['ahead', 'on_track', 'behind', 'not_started', 'no_goal'] as const;
export type PaceStatus = (typeof PACE_STATUSES)[number];

export const PACE_LABELS: Record<PaceStatus, string> = {
  ahead: 'Ahead',
  on_track: 'On Track',
  behind: 'Behind',
  not_started: 'Not Started',
  no_goal: 'No Goal',
};

/** Ahead from this much above the expected ratio; on track down to ON_TRACK_SLACK below it. */
export const AHEAD_MARGIN = 0.08;
export const ON_TRACK_SLACK = 0.05;

/** A ratio as a percentage: capped to 0–100, two decimals, halves rounded up; not-a-number gives 0. */
export function pct(ratio: number): number {
  if (!Number.isFinite(ratio)) return 0;
  return Math.round(Math.min(1, Math.max(0, ratio)) * 10_000) / 100;
}

/**
 * Pace of an actual (uncapped) ratio against the expected one. Nothing expected yet wins, even when money is
 * already secured.
 */
export function pace(actual: number, expected: number): Exclude<PaceStatus, 'no_goal'> {
  if (!Number.isFinite(expected) || expected <= 0) return 'not_started';
  if (actual >= expected + AHEAD_MARGIN) return 'ahead';
  if (actual >= expected - ON_TRACK_SLACK) return 'on_track';
  return 'behind';
}

/** The looser yes/no of the Goal Pace badge: within the on-track slack of what is expected. */
export const isOnTrack = (actual: number, expected: number): boolean => actual + ON_TRACK_SLACK >= expected;

/** How far through a calendar year `today` is: Jan 1 gives 0, a past year 1 (denominator: Dec 31 23:59:59.999). */
export function calendarYearRatio(year: number, today: string): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year, 11, 31, 23, 59, 59, 999);
  const now = utcMidnight(today);
  if (now <= start) return 0;
  if (now >= end) return 1;
  return (now - start) / (end - start);
}

/**
 * Expected progress of an event on `today`: through its timeline (outreach start, else start, to end) when
 * both ends are known, else through its calendar year. The end date counts from its midnight, so the
 * ratio is 1 on the end date; a timeline of zero length is 0 before its end and 1 from it.
 */
export function timelineRatio(
  start: string | null,
  end: string | null,
  year: number | null,
  today: string,
): number {
  if (start && end) {
    const from = utcMidnight(start);
    const to = utcMidnight(end);
    const now = utcMidnight(today);
    if (to - from <= 0) return now >= to ? 1 : 0;
    return Math.min(1, Math.max(0, (now - from) / (to - from)));
  }
  return year ? calendarYearRatio(year, today) : 0;
}

export interface GoalProgress {
  hasGoal: boolean;
  remainingToGoal: number;
  /** Null without a goal. */
  progressToGoalPct: number | null;
  expectedProgressPct: number | null;
  expectedSecuredByNow: number | null;
  paceDelta: number | null;
  onTrack: boolean | null;
  paceStatus: PaceStatus;
}

/**
 * Progress of secured money (minor units) against a goal at an expected ratio. Without a goal (0 or less)
 * every figure but the status is null or 0. Money stays in whole minor units: the expected amount is
 * rounded to the cent.
 */
export function goalProgress(secured: number, goal: number, expectedRatio: number): GoalProgress {
  if (goal <= 0) {
    return {
      hasGoal: false,
      remainingToGoal: 0,
      progressToGoalPct: null,
      expectedProgressPct: null,
      expectedSecuredByNow: null,
      paceDelta: null,
      onTrack: null,
      paceStatus: 'no_goal',
    };
  }
  const actual = secured / goal;
  const expectedSecuredByNow = Math.round(goal * expectedRatio);
  return {
    hasGoal: true,
    remainingToGoal: Math.max(goal - secured, 0),
    progressToGoalPct: pct(actual),
    expectedProgressPct: pct(expectedRatio),
    expectedSecuredByNow,
    paceDelta: secured - expectedSecuredByNow,
    onTrack: isOnTrack(actual, expectedRatio),
    paceStatus: pace(actual, expectedRatio),
  };
}
