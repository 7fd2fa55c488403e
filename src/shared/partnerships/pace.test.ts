import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, startOfDayInZone } from '../dates';
import {
  communicationFollowUpPriority,
  compareActionItems,
  dueLabel,
  linkFollowUpPriority,
  staleDaysOf,
} from './actionQueue';
import { calendarYearRatio, goalProgress, isOnTrack, pace, pct, timelineRatio } from './pace';
import { parseOverviewQuery } from '../overview.schema';

describe('percentages', () => {
  it('caps to 0–100, keeps two decimals, rounds halves up and turns non-numbers into 0', () => {
    expect([pct(1 / 3), pct(2 / 3), pct(0.28335), pct(0.00125), pct(0.99995)]).toEqual([
      33.33, 66.67, 28.34, 0.13, 100,
    ]);
    expect([pct(1.7), pct(-0.2), pct(NaN), pct(Infinity)]).toEqual([100, 0, 0, 0]);
  });
});

describe('pace', () => {
  it('uses the thresholds in order: nothing expected yet wins, then ahead, on track, behind', () => {
    expect(pace(0.6, 0)).toBe('not_started');
    expect(pace(0.6, -1)).toBe('not_started');
    expect(pace(0.58, 0.5)).toBe('ahead'); // exactly +0.08
    expect(pace(0.5799, 0.5)).toBe('on_track');
    expect(pace(0.45, 0.5)).toBe('on_track'); // exactly −0.05
    expect(pace(0.4499, 0.5)).toBe('behind');
    expect(pace(1.4, 1)).toBe('ahead'); // the raw ratio, not the capped percentage
    expect([isOnTrack(0.45, 0.5), isOnTrack(0.4499, 0.5), isOnTrack(0, 0)]).toEqual([true, false, true]);
  });

  it('gives every figure null and "no_goal" without a goal, and rounds the expected amount to the cent', () => {
    expect(goalProgress(500, 0, 0.5)).toMatchObject({ hasGoal: false, paceStatus: 'no_goal', onTrack: null });
    expect(goalProgress(500, 0, 0.5)).toMatchObject({ remainingToGoal: 0, progressToGoalPct: null });
    expect(goalProgress(120, 100, 0.5)).toMatchObject({ remainingToGoal: 0, progressToGoalPct: 100 });
    expect(goalProgress(0, 333, 1 / 3)).toMatchObject({ expectedSecuredByNow: 111, paceDelta: -111 });
  });
});

describe('timelines', () => {
  it('runs from outreach (or start) to the end date, which already counts as done', () => {
    expect(timelineRatio('2026-01-01', '2026-05-01', 2026, '2026-03-15')).toBeCloseTo(73 / 120, 12);
    expect(timelineRatio('2026-01-01', '2026-05-01', 2026, '2026-05-01')).toBe(1);
    expect(timelineRatio('2026-01-01', '2026-05-01', 2026, '2025-12-01')).toBe(0);
  });

  it('treats a timeline of zero length as 0 before its end and 1 from it', () => {
    expect(timelineRatio('2026-03-15', '2026-03-15', 2026, '2026-03-14')).toBe(0);
    expect(timelineRatio('2026-03-15', '2026-03-15', 2026, '2026-03-15')).toBe(1);
  });

  it('falls back to the calendar year (Dec 31 23:59:59.999 as its end), leap years included', () => {
    expect(timelineRatio(null, '2026-05-01', 2026, '2026-03-15')).toBe(calendarYearRatio(2026, '2026-03-15'));
    expect(pct(calendarYearRatio(2026, '2026-03-15'))).toBe(20);
    expect(calendarYearRatio(2026, '2026-03-15')).toBeGreaterThan(0.2);
    expect(pct(calendarYearRatio(2028, '2028-03-01'))).toBe(16.39); // 60 of 366 days
    expect(pct(calendarYearRatio(2026, '2026-03-01'))).toBe(16.16); // 59 of 365 days
    expect([calendarYearRatio(2027, '2027-01-01'), calendarYearRatio(2025, '2026-01-01')]).toEqual([0, 1]);
    expect(pct(calendarYearRatio(2026, '2026-12-31'))).toBe(99.73);
    expect(timelineRatio('2028-02-28', '2028-03-02', 2028, '2028-02-29')).toBeCloseTo(1 / 3, 12);
    expect(timelineRatio(null, null, null, '2026-03-15')).toBe(0);
  });
});

describe('day arithmetic and the queue', () => {
  it('counts calendar days across month ends and leap days', () => {
    expect([daysBetween('2028-02-27', '2028-03-01'), daysBetween('2026-03-15', '2025-01-01')]).toEqual([
      3, -438,
    ]);
    expect([addDays('2028-02-28', 1), addDays('2026-03-15', 21), addDays('2026-01-01', -1)]).toEqual([
      '2028-02-29',
      '2026-04-05',
      '2025-12-31',
    ]);
  });

  it('finds the start of a day in a time zone, across clock changes', () => {
    expect(startOfDayInZone('2026-03-15', 'UTC').toISOString()).toBe('2026-03-15T00:00:00.000Z');
    expect(startOfDayInZone('2026-03-15', 'America/Vancouver').toISOString()).toBe(
      '2026-03-15T07:00:00.000Z',
    );
    expect(startOfDayInZone('2026-03-08', 'America/Vancouver').toISOString()).toBe(
      '2026-03-08T08:00:00.000Z',
    );
    expect(startOfDayInZone('2026-07-01', 'Asia/Kolkata').toISOString()).toBe('2026-06-30T18:30:00.000Z');
    // Santiago skips from midnight to 1:00 when summer time starts: the day begins at the change.
    expect(startOfDayInZone('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('gives link follow-ups priorities 0–3 and communication follow-ups 0–2', () => {
    expect([-1, 0, 2, 3, 7, 8, 90].map(linkFollowUpPriority)).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect([-1, 0, 2, 3, 90].map(communicationFollowUpPriority)).toEqual([0, 1, 1, 2, 2]);
    const midnight = Date.parse('2026-03-16T00:00:00.000Z');
    expect([staleDaysOf(midnight, midnight - 14 * 86_400_000), staleDaysOf(midnight, midnight - 1)]).toEqual([
      14, 0,
    ]);
    expect([dueLabel(-3), dueLabel(0), dueLabel(5), dueLabel(null)]).toEqual([
      '3d overdue',
      'Due today',
      'Due in 5d',
      'No due date',
    ]);
  });

  it('orders the queue: overdue, priority, due date, dated before undated, newest, id', () => {
    const item = (id: string, o: Partial<Parameters<typeof compareActionItems>[0]>) => ({
      id,
      isOverdue: false,
      priority: 2,
      dueDate: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
      ...o,
    });
    const items = [
      item('g', {}),
      item('f', { updatedAt: '2026-02-01T00:00:00.000Z' }),
      item('e', { dueDate: '2026-03-20' }),
      item('d', { dueDate: '2026-03-18' }),
      item('c', { priority: 1 }),
      item('b', { isOverdue: true, priority: 1 }),
      item('a', { isOverdue: true, priority: 0, dueDate: '2026-03-01' }),
      item('h', {}),
    ];
    expect(
      items
        .sort(compareActionItems)
        .map((i) => i.id)
        .join(''),
    ).toBe('abcdefgh');
  });
});

describe('overview query parsing', () => {
  it('never fails: falls back, clamps and reads the year modes', () => {
    expect(parseOverviewQuery({})).toEqual({
      yearMode: 'auto',
      year: null,
      eventId: null,
      includeArchived: false,
      windowDays: 21,
      actionLimit: 40,
    });
    const p = (q: Record<string, string | string[]>) => parseOverviewQuery(q);
    expect(['', 'auto', '1999', '2101', 'abc', '2026.5'].map((year) => p({ year }).yearMode)).toEqual(
      Array(6).fill('auto'),
    );
    expect([
      p({ year: 'ALL' }).yearMode,
      p({ year: ' 2026 ' }).year,
      p({ year: ['2025', '2026'] }).year,
    ]).toEqual(['all', 2026, 2025]);
    expect(['', '6', '91', '21.5', 'abc', '1e1', '30'].map((w) => p({ windowDays: w }).windowDays)).toEqual([
      7, 7, 90, 21, 21, 10, 30,
    ]);
    expect(['3', '500', 'x', ''].map((l) => p({ actionLimit: l }).actionLimit)).toEqual([10, 200, 40, 10]);
    expect(
      ['true', 'TRUE', ' True ', 'yes', '1', ''].map((v) => p({ includeArchived: v }).includeArchived),
    ).toEqual([true, true, true, false, false, false]);
    expect(p({ eventId: `  ${'x'.repeat(130)} ` }).eventId).toHaveLength(120);
    expect(p({ eventId: '   ' }).eventId).toBeNull();
  });
});
