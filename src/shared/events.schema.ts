/** Partnership events: request and response schemas (reference §1.2, §3.2). */
import { z } from 'zod';
import {
  amountSchema,
  calendarDateSchema,
  currencySchema,
  idSchema,
  textSchema,
  versionSchema,
} from './common.schema';
import { followUpSchema, linkSchema } from './links.schema';
import { slugify } from './partnerships/statuses';

export const EVENT_LIMITS = { name: 140, notes: 5000, tierLabel: 60, tierKey: 60, tiers: 12 } as const;

export const yearSchema = z
  .number({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a year such as 2026') })
  .int('must be a whole year such as 2026')
  .min(2000, 'must be 2000 or later')
  .max(2100, 'must be 2100 or earlier');

/** A package tier preset as sent: the key defaults to the label's slug. */
export const tierInputSchema = z.strictObject({
  key: z.string().max(EVENT_LIMITS.tierKey, `must be at most ${EVENT_LIMITS.tierKey} characters`).optional(),
  label: textSchema(EVENT_LIMITS.tierLabel, { required: true }),
  defaultAmount: amountSchema.nullable().default(null),
});

/**
 * The whole preset list: keys slugified (from the label when absent), at most 12, unique by key. Sending it
 * replaces the stored list.
 */
export const tiersSchema = z
  .array(tierInputSchema)
  .max(EVENT_LIMITS.tiers, `must have at most ${EVENT_LIMITS.tiers} tiers`)
  .transform((tiers, ctx) => {
    const seen = new Map<string, number>();
    return tiers.map((t, i) => {
      const key = slugify(t.key ?? t.label, EVENT_LIMITS.tierKey);
      if (!key) {
        const field = t.key === undefined ? 'label' : 'key';
        ctx.addIssue({
          code: 'custom',
          path: [i, field],
          message: 'must contain at least one letter or digit to make a tier key',
        });
      } else if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'key'],
          message: `"${key}" is already the key of tier ${seen.get(key)! + 1}; tier keys must be unique`,
        });
      } else seen.set(key, i);
      return { key, label: t.label, defaultAmount: t.defaultAmount };
    });
  });
export type TierInput = z.output<typeof tiersSchema>[number];

const nullableDate = calendarDateSchema.nullable();

export const eventCreateSchema = z.strictObject({
  name: textSchema(EVENT_LIMITS.name, { required: true }),
  year: yearSchema,
  outreachStart: nullableDate.default(null),
  startDate: nullableDate.default(null),
  endDate: nullableDate.default(null),
  goal: amountSchema.nullable().default(null),
  /** Defaults to the workspace's base currency. */
  currency: currencySchema.optional(),
  notes: textSchema(EVENT_LIMITS.notes).default(''),
  tiers: tiersSchema.default([]),
});

export const eventUpdateSchema = z
  .strictObject({
    version: versionSchema,
    name: textSchema(EVENT_LIMITS.name, { required: true }).optional(),
    year: yearSchema.optional(),
    outreachStart: nullableDate.optional(),
    startDate: nullableDate.optional(),
    endDate: nullableDate.optional(),
    goal: amountSchema.nullable().optional(),
    currency: currencySchema.optional(),
    notes: textSchema(EVENT_LIMITS.notes).optional(),
    tiers: tiersSchema.optional(),
    /** Archive (true) or restore (false). */
    archived: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), {
    message: 'Send at least one field to change besides version',
  });

export const eventListQuerySchema = z.strictObject({
  /** Archived events are listed unless includeArchived=false (reference §3.2). */
  includeArchived: z.enum(['true', 'false']).default('true'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().max(200).optional(),
});

export interface EventDates {
  outreachStart: string | null;
  startDate: string | null;
  endDate: string | null;
}

/** The order rules of reference §3.2: start ≤ end and outreach start ≤ end. Field → message. */
export function eventDateProblems(d: EventDates): Record<string, string> {
  const problems: Record<string, string> = {};
  if (d.startDate && d.endDate && d.startDate > d.endDate)
    problems.endDate = `must be on or after the start date (${d.startDate})`;
  if (d.outreachStart && d.endDate && d.outreachStart > d.endDate)
    problems.outreachStart = `must be on or before the end date (${d.endDate})`;
  return problems;
}

export const tierSchema = z.object({
  key: z.string(),
  label: z.string(),
  defaultAmount: z.number().nullable(),
});

export const eventMetricsSchema = z.object({
  linkCount: z.number().int(),
  confirmedCount: z.number().int(),
  paidCount: z.number().int(),
  /** Sum of every link amount, lost ones included. */
  committedAmount: z.number().int(),
  /** Confirmed + paid. */
  securedAmount: z.number().int(),
  /** Open group only: not secured, not lost (decision 1). */
  openAmount: z.number().int(),
  /** min(100, secured / goal × 100), 2 decimals; 0 without a goal. */
  progressPct: z.number(),
});
export type EventMetrics = z.infer<typeof eventMetricsSchema>;

export const eventSchema = z.object({
  id: idSchema,
  name: z.string(),
  year: z.number().int(),
  outreachStart: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  goal: z.number().int().nullable(),
  currency: z.string(),
  notes: z.string(),
  archived: z.boolean(),
  archivedAt: z.string().nullable(),
  tiers: z.array(tierSchema),
  metrics: eventMetricsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PartnershipEvent = z.infer<typeof eventSchema>;

/** The detail page: the event, its links (within the caller's record scope) and their upcoming follow-ups. */
export const eventDetailSchema = eventSchema.extend({
  links: z.array(linkSchema),
  /** Follow-up dates from today on, soonest first; closed links (paid, declined, backed out) give none. */
  upcomingFollowUps: z.array(followUpSchema),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;
