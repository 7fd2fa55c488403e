/** Forecasts per partner and per partner level, by month or quarter. Formulas: ./forecast.ts. */
import { z } from 'zod';
import { idSchema } from './common.schema';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-04');
export const FORECAST_MAX_MONTHS = 36;

export const forecastQuerySchema = z
  .strictObject({
    groupBy: z.enum(['partner', 'level']).default('partner'),
    granularity: z.enum(['month', 'quarter']).default('quarter'),
    /** First and last month (YYYY-MM); default: the current calendar year. */
    from: monthSchema.optional(),
    to: monthSchema.optional(),
    partnerId: idSchema.optional(),
    levelId: idSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;

export const forecastFiguresSchema = z.object({
  pipeline: z.number().int(),
  weighted: z.number().int(),
  committed: z.number().int(),
  won: z.number().int(),
  forecast: z.number().int(),
  openCount: z.number().int(),
  wonCount: z.number().int(),
});
const periodFiguresSchema = z.object({ period: z.string(), figures: forecastFiguresSchema });

export const forecastSchema = z.object({
  groupBy: z.enum(['partner', 'level']),
  granularity: z.enum(['month', 'quarter']),
  from: z.string(),
  to: z.string(),
  periods: z.array(z.string()),
  rows: z.array(
    z.object({
      /** Partner id, level id, or "none" for partners without a level. */
      key: z.string(),
      label: z.string(),
      currency: z.string(),
      periods: z.array(periodFiguresSchema),
      total: forecastFiguresSchema,
    }),
  ),
  /** All rows of a currency summed, per period. */
  totals: z.array(
    z.object({ currency: z.string(), periods: z.array(periodFiguresSchema), total: forecastFiguresSchema }),
  ),
});
export type Forecast = z.infer<typeof forecastSchema>;
