/**
 * Forecast formulas, written once. Opportunities are summed in SQL into monthly buckets (by expected close
 * date while open, by close date once won; lost deals count nowhere); these functions turn buckets into
 * the figures of a month or a quarter:
 *
 *   pipeline  = Σ amount of open deals closing in the period
 *   weighted  = Σ amount × probability / 100 of those deals (rounded once, to the minor unit)
 *   committed = Σ amount of open deals in a committed stage (negotiation and later) + won in the period
 *   won       = Σ amount of deals won in the period (so far: "won to date" in the current period)
 *   forecast  = won + weighted
 */

export type Granularity = 'month' | 'quarter';

export interface ForecastBucket {
  /** YYYY-MM */
  month: string;
  outcome: 'open' | 'won';
  committed: boolean;
  count: number;
  /** Σ amount, minor units */
  amount: number;
  /** Σ amount × probability (percent points), minor units × 100 */
  amountTimesProbability: number;
}

export interface ForecastFigures {
  pipeline: number;
  weighted: number;
  committed: number;
  won: number;
  forecast: number;
  openCount: number;
  wonCount: number;
}

export const EMPTY_FIGURES: ForecastFigures = {
  pipeline: 0,
  weighted: 0,
  committed: 0,
  won: 0,
  forecast: 0,
  openCount: 0,
  wonCount: 0,
};

/** "2026-05" → "2026-05" by month, "2026-Q2" by quarter. */
export function periodOf(month: string, granularity: Granularity): string {
  if (granularity === 'month') return month.slice(0, 7);
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 4)}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The periods from the month `from` to the month `to` (YYYY-MM, inclusive), in order. */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    const p = periodOf(`${y}-${String(m).padStart(2, '0')}`, granularity);
    if (out.at(-1) !== p) out.push(p);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The figures of one period from its buckets (which must all fall in that period). */
export function forecastFigures(buckets: ForecastBucket[]): ForecastFigures {
  let pipeline = 0;
  let weightedX100 = 0;
  let committedOpen = 0;
  let won = 0;
  let openCount = 0;
  let wonCount = 0;
  for (const b of buckets) {
    if (b.outcome === 'won') {
      won += b.amount;
      wonCount += b.count;
      continue;
    }
    pipeline += b.amount;
    weightedX100 += b.amountTimesProbability;
    openCount += b.count;
    if (b.committed) committedOpen += b.amount;
  }
  const weighted = Math.round(weightedX100 / 100);
  return {
    pipeline,
    weighted,
    committed: committedOpen + won,
    won,
    forecast: won + weighted,
    openCount,
    wonCount,
  };
}

/** Buckets grouped by period, each turned into figures; every period in `periods` appears, empty or not. */
export function figuresByPeriod(
  buckets: ForecastBucket[],
  periods: string[],
  granularity: Granularity,
): { period: string; figures: ForecastFigures }[] {
  const grouped = new Map<string, ForecastBucket[]>(periods.map((p) => [p, []]));
  for (const b of buckets) grouped.get(periodOf(b.month, granularity))?.push(b);
  return periods.map((period) => ({ period, figures: forecastFigures(grouped.get(period)!) }));
}

/** The weighted amount of one deal, rounded as the forecast rounds a sum. */
export function weightedAmount(amount: number, probability: number): number {
  return Math.round((amount * probability) / 100);
}
