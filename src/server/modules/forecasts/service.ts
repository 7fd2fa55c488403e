/**
 * Forecasts per partner or per partner level, by month or quarter: the SQL sums deals into monthly
 * buckets, the shared formulas (src/shared/forecast.ts) turn buckets into pipeline, weighted, committed,
 * won and forecast figures.
 */
import {
  figuresByPeriod,
  forecastFigures,
  periodsBetween,
  type ForecastBucket,
} from '../../../shared/forecast';
import { FORECAST_MAX_MONTHS, type Forecast, type ForecastQuery } from '../../../shared/forecasts.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { notFound, validationError } from '../../kernel/errors';
import type { PartnersService } from '../partners/service';
import * as repo from './repo';

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

export class ForecastsService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  async forecast(actor: Actor, q: ForecastQuery): Promise<Forecast> {
    const year = this.k.clock.now().getUTCFullYear();
    let from = monthIndex(q.from ?? `${year}-01`);
    let to = monthIndex(q.to ?? `${year}-12`);
    if (q.granularity === 'quarter') {
      from -= from % 3; // whole quarters
      to += 2 - (to % 3);
    }
    if (to - from + 1 > FORECAST_MAX_MONTHS)
      throw validationError({ to: `must be at most ${FORECAST_MAX_MONTHS} months after from` });
    if (q.partnerId && !(await this.partners.visibleRow(this.k.db, actor, q.partnerId)))
      throw notFound('That partner');
    const fromMonth = monthOf(from);
    const toMonth = monthOf(to);
    const rows = await repo.buckets(this.k.db, actor, { ...q, fromMonth, toMonth });
    const periods = periodsBetween(fromMonth, toMonth, q.granularity);

    const groups = new Map<
      string,
      { key: string; label: string; currency: string; buckets: ForecastBucket[] }
    >();
    for (const r of rows) {
      const id = `${r.key}|${r.currency}`;
      const g = groups.get(id) ?? {
        key: r.key,
        label: r.label || (q.groupBy === 'level' ? 'No level' : r.key),
        currency: r.currency,
        buckets: [],
      };
      g.buckets.push({
        month: r.month,
        outcome: r.outcome as 'open' | 'won',
        committed: Number(r.committed) === 1,
        count: Number(r.n),
        amount: Number(r.amount),
        amountTimesProbability: Number(r.amount_x_prob),
      });
      groups.set(id, g);
    }
    const figures = (buckets: ForecastBucket[]) => ({
      periods: figuresByPeriod(buckets, periods, q.granularity),
      total: forecastFigures(buckets),
    });
    const list = [...groups.values()];
    const currencies = [...new Set(list.map((g) => g.currency))].sort();
    return {
      groupBy: q.groupBy,
      granularity: q.granularity,
      from: fromMonth,
      to: toMonth,
      periods,
      rows: list
        .map((g) => ({ key: g.key, label: g.label, currency: g.currency, ...figures(g.buckets) }))
        .sort((a, b) => b.total.forecast - a.total.forecast || a.label.localeCompare(b.label)),
      totals: currencies.map((currency) => ({
        currency,
        ...figures(list.filter((g) => g.currency === currency).flatMap((g) => g.buckets)),
      })),
    };
  }
}
