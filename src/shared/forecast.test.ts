import { describe, expect, it } from 'vitest';
import {
  EMPTY_FIGURES,
  figuresByPeriod,
  forecastFigures,
  periodOf,
  periodsBetween,
  weightedAmount,
  type ForecastBucket,
} from './forecast';

const open = (
  month: string,
  amount: number,
  probability: number,
  committed = false,
  count = 1,
): ForecastBucket => ({
  month,
  outcome: 'open',
  committed,
  count,
  amount,
  amountTimesProbability: amount * probability,
});
const won = (month: string, amount: number, count = 1): ForecastBucket => ({
  month,
  outcome: 'won',
  committed: true,
  count,
  amount,
  amountTimesProbability: amount * 100,
});

describe('forecast formulas (hand-computed)', () => {
  it('pipeline, weighted, committed, won and forecast of one month', () => {
    // $100.00 at 25% in qualification, $200.00 at 75% in negotiation (committed), $50.00 won this month.
    const figures = forecastFigures([
      open('2026-04', 10_000, 25),
      open('2026-04', 20_000, 75, true),
      won('2026-04', 5_000),
    ]);
    expect(figures).toEqual({
      pipeline: 30_000, // 10 000 + 20 000
      weighted: 17_500, // 10 000 × 25% + 20 000 × 75% = 2 500 + 15 000
      committed: 25_000, // 20 000 (negotiation) + 5 000 (won)
      won: 5_000,
      forecast: 22_500, // won 5 000 + weighted 17 500
      openCount: 2,
      wonCount: 1,
    });
  });

  it('rounds the weighted sum once, not deal by deal', () => {
    // Three deals of 1 cent at 50%: 1.5 cents → 2, where rounding each (0.5 → 1) would say 3.
    const buckets = [open('2026-01', 1, 50), open('2026-01', 1, 50), open('2026-01', 1, 50)];
    expect(forecastFigures(buckets).weighted).toBe(2);
    expect(weightedAmount(1, 50)).toBe(1);
    expect(weightedAmount(12_345, 33)).toBe(4_074); // 4 073.85
  });

  it('counts nothing for no deals, and a won-only period forecasts exactly what was won', () => {
    expect(forecastFigures([])).toEqual(EMPTY_FIGURES);
    expect(forecastFigures([won('2026-02', 7_000, 2)])).toMatchObject({
      pipeline: 0,
      weighted: 0,
      committed: 7_000,
      won: 7_000,
      forecast: 7_000,
      wonCount: 2,
    });
  });

  it('names months and quarters, and lists every period of a range', () => {
    expect(periodOf('2026-01', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-03', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-04', 'quarter')).toBe('2026-Q2');
    expect(periodOf('2026-12', 'quarter')).toBe('2026-Q4');
    expect(periodOf('2026-12-31', 'month')).toBe('2026-12');
    expect(periodsBetween('2026-11', '2027-02', 'month')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(periodsBetween('2026-02', '2026-07', 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });

  it('rolls months up into quarters, keeping empty periods', () => {
    const buckets = [
      open('2026-04', 10_000, 50),
      open('2026-06', 30_000, 10, true),
      won('2026-05', 2_000),
      won('2026-08', 900),
    ];
    const byQuarter = figuresByPeriod(buckets, ['2026-Q1', '2026-Q2', '2026-Q3'], 'quarter');
    expect(byQuarter.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(byQuarter[0]!.figures).toEqual(EMPTY_FIGURES);
    // Q2: pipeline 40 000; weighted 5 000 + 3 000 = 8 000; committed 30 000 + 2 000; forecast 2 000 + 8 000.
    expect(byQuarter[1]!.figures).toEqual({
      pipeline: 40_000,
      weighted: 8_000,
      committed: 32_000,
      won: 2_000,
      forecast: 10_000,
      openCount: 2,
      wonCount: 1,
    });
    expect(byQuarter[2]!.figures).toMatchObject({ won: 900, forecast: 900 });
    const byMonth = figuresByPeriod(buckets, ['2026-04', '2026-05'], 'month');
    expect(byMonth.map((p) => p.figures.forecast)).toEqual([5_000, 2_000]);
  });
});
