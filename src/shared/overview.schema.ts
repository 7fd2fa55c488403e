/**
 * The Partnerships Overview: its query (parsed leniently, never an error), its payload and the annual goals.
 * Field names keep the reference's (`scope`, `totals`, `annual`, `pipeline.byStatus`, `revenueByEvent`,
 * `actionItems`, reference §2.4–§2.9); Accord's additions are extra fields. Money is in minor units (cents).
 */
import { z } from 'zod';
import { amountSchema, currencySchema, versionSchema } from './common.schema';
import { ACTION_ITEM_TYPES, ACTION_LIMIT, WINDOW_DAYS } from './partnerships/actionQueue';
import { PACE_STATUSES } from './partnerships/pace';
import { emailSyncSummarySchema } from './mailboxes.schema';
import { sheetsSyncBlockSchema } from './sheets.schema';

/** Any query value is accepted (a repeated parameter arrives as a list); parseOverviewQuery makes sense of it. */
const lenient = z.union([z.string(), z.array(z.string())]).optional();
export const overviewQuerySchema = z.object({
  year: lenient,
  eventId: lenient,
  includeArchived: lenient,
  windowDays: lenient,
  /** The reference's name for windowDays, accepted too. */
  upcomingWindowDays: lenient,
  actionLimit: lenient,
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

export type YearMode = 'auto' | 'all' | 'year';
export interface OverviewRequest {
  yearMode: YearMode;
  year: number | null;
  eventId: string | null;
  includeArchived: boolean;
  windowDays: number;
  actionLimit: number;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** A whole number clamped into [min, max]; anything else (absent, "abc", "21.5") the default. "" is 0. */
function clampedInt(raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/**
 * The reference's lenient parsing (§2.1, §8.9) with Accord's year modes (decision 2): `all` spans every year;
 * a whole year in 2000–2100 is that year; anything else (absent, "", "auto", "1999", "abc") is auto.
 */
export function parseOverviewQuery(q: OverviewQuery): OverviewRequest {
  const yearText = (first(q.year) ?? '').trim();
  const yearNumber = yearText === '' ? NaN : Number(yearText);
  const isYear = Number.isInteger(yearNumber) && yearNumber >= 2000 && yearNumber <= 2100;
  const eventId = (first(q.eventId) ?? '').trim().slice(0, 120);
  return {
    yearMode: isYear ? 'year' : yearText.toLowerCase() === 'all' ? 'all' : 'auto',
    year: isYear ? yearNumber : null,
    eventId: eventId || null,
    includeArchived: (first(q.includeArchived) ?? '').trim().toLowerCase() === 'true',
    windowDays: clampedInt(
      first(q.windowDays) ?? first(q.upcomingWindowDays),
      WINDOW_DAYS.min,
      WINDOW_DAYS.max,
      WINDOW_DAYS.default,
    ),
    actionLimit: clampedInt(first(q.actionLimit), ACTION_LIMIT.min, ACTION_LIMIT.max, ACTION_LIMIT.default),
  };
}

const paceStatusSchema = z.enum(PACE_STATUSES);
const money = z.number().int();
const pctSchema = z.number().nullable();

export const overviewScopeSchema = z.object({
  /** The year of the annual block (Goal Pace, Revenue Secured, Goal Remaining); null when there is none. */
  selectedYear: z.number().int().nullable(),
  /** The year asked for explicitly (null for auto and all). */
  requestedYear: z.number().int().nullable(),
  requestedEventId: z.string().nullable(),
  includeArchived: z.boolean(),
  upcomingWindowDays: z.number().int(),
  actionLimit: z.number().int(),
  availableYears: z.array(z.number().int()),
  scopedEventCount: z.number().int(),
  // Accord's additions.
  yearMode: z.enum(['auto', 'all', 'year']),
  /** The year every figure on the page covers (auto resolved; null: all years). */
  year: z.number().int().nullable(),
  /** "Today" in the workspace's time zone (decision 5). */
  today: z.string(),
  timeZone: z.string(),
});

export const overviewTotalsSchema = z.object({
  partnerCount: z.number().int(),
  activePartnerCount: z.number().int(),
  archivedPartnerCount: z.number().int(),
  partnersInScope: z.number().int(),
  relationshipCount: z.number().int(),
  securedRelationshipCount: z.number().int(),
  /** Open pipeline: amounts of links neither secured nor lost (decision 1). */
  pipelineAmount: money,
  securedAmount: money,
  /** Counted over every item, before the list is cut (decision 4). */
  overdueFollowUps: z.number().int(),
  upcomingFollowUps: z.number().int(),
  actionItemCount: z.number().int(),
  // Accord's additions: the other figures of the seven cards (decision 6).
  openRelationshipCount: z.number().int(),
  committedAmount: money,
  lostAmount: money,
  eventsWithGoalCount: z.number().int(),
  eventsBehindCount: z.number().int(),
  /** Archived events of the year (or event) asked for, whether shown or hidden. */
  archivedEventCount: z.number().int(),
  staleItemCount: z.number().int(),
});

export const overviewAnnualSchema = z.object({
  year: z.number().int().nullable(),
  goalAmount: money,
  committedAmount: money,
  securedAmount: money,
  /** Open links only (decision 1). */
  pipelineAmount: money,
  remainingToGoal: money,
  progressToGoalPct: pctSchema,
  expectedProgressPct: pctSchema,
  expectedSecuredByNow: money.nullable(),
  paceDelta: money.nullable(),
  onTrack: z.boolean().nullable(),
  // Accord's additions.
  paceStatus: paceStatusSchema,
  /** Where the goal comes from: an explicit annual goal, or the sum of the year's event goals. */
  goalSource: z.enum(['annual_goal', 'event_goals']),
  eventGoalAmount: money,
  lostAmount: money,
});

export const pipelineRowSchema = z.object({
  status: z.string(),
  label: z.string(),
  count: z.number().int(),
  amount: money,
  isSecured: z.boolean(),
  shareByCountPct: z.number(),
  shareByAmountPct: z.number(),
  group: z.enum(['secured', 'lost', 'open']),
});

export const overviewPipelineSchema = z.object({
  byStatus: z.array(pipelineRowSchema),
  totalCount: z.number().int(),
  /** Every status, lost ones included. */
  totalAmount: money,
  securedAmount: money,
  openAmount: money,
  lostAmount: money,
});

export const scoreboardRowSchema = z.object({
  eventId: z.string(),
  eventIdYear: z.string(),
  eventName: z.string(),
  eventYear: z.number().int(),
  archived: z.boolean(),
  goalAmount: money,
  hasGoal: z.boolean(),
  committedAmount: money,
  securedAmount: money,
  /** Open links only (decision 1). */
  pipelineAmount: money,
  remainingToGoal: money,
  progressToGoalPct: pctSchema,
  expectedProgressPct: pctSchema,
  expectedSecuredByNow: money.nullable(),
  paceDelta: money.nullable(),
  onTrack: z.boolean().nullable(),
  paceStatus: paceStatusSchema,
  relationshipCount: z.number().int(),
  confirmedCount: z.number().int(),
  paidCount: z.number().int(),
  /** Links in a closed status count in neither (decision 3). */
  upcomingFollowUps: z.number().int(),
  overdueFollowUps: z.number().int(),
  lastActivityAt: z.string(),
  // Accord's additions.
  currency: z.string(),
  lostAmount: money,
});

export const actionItemSchema = z.object({
  id: z.string(),
  type: z.enum(ACTION_ITEM_TYPES),
  source: z.enum(['partner_link', 'communication']),
  sourceId: z.string(),
  title: z.string(),
  description: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  companyName: z.string(),
  eventId: z.string().nullable(),
  eventIdYear: z.string().nullable(),
  eventName: z.string(),
  eventYear: z.number().int().nullable(),
  dueDate: z.string().nullable(),
  daysUntilDue: z.number().int().nullable(),
  isOverdue: z.boolean(),
  priority: z.number().int(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  amount: money.nullable(),
  staleDays: z.number().int().nullable(),
  updatedAt: z.string(),
  // Accord's additions, for the inline actions.
  currency: z.string().nullable(),
  /** The contact the link or communication names (the title shows the partner's primary contact). */
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  /** The version of the link or communication, for an inline change. */
  version: z.number().int(),
  /** A follow-up can be marked done (a communication) or cleared (a link); a stale link cannot. */
  canMarkDone: z.boolean(),
  /**
   * The caller may change this link or communication: their role edits the module and its record scope
   * covers the record's owner (a sales agent sees the team's queue but edits only their own records).
   */
  canEdit: z.boolean(),
});

/** Integrations are not configured yet; their issue fills these blocks. */
export const syncHealthSchema = z.object({ configured: z.boolean(), message: z.string() });

export const overviewSchema = z.object({
  generatedAt: z.string(),
  currency: z.string(),
  scope: overviewScopeSchema,
  totals: overviewTotalsSchema,
  annual: overviewAnnualSchema,
  pipeline: overviewPipelineSchema,
  revenueByEvent: z.array(scoreboardRowSchema),
  actionItems: z.array(actionItemSchema),
  /**
   * Accord's addition: how many of the queue's first `actionLimit` items are withheld from this caller
   * because their partner's own visibility ("team", "owner") leaves the caller out.
   */
  actionItemsHidden: z.number().int(),
  /** The email sync block (reference §2.10 fields, Accord's per-mailbox summary; modules/mailboxes). */
  emailSync: emailSyncSummarySchema,
  /** The Google Sheets block (reference §2.10): status, last run's figures, whether a sync runs. */
  sheetsSync: sheetsSyncBlockSchema,
});

export type Overview = z.infer<typeof overviewSchema>;
export type OverviewScope = z.infer<typeof overviewScopeSchema>;
export type OverviewTotals = z.infer<typeof overviewTotalsSchema>;
export type OverviewAnnual = z.infer<typeof overviewAnnualSchema>;
export type OverviewPipeline = z.infer<typeof overviewPipelineSchema>;
export type ScoreboardRow = z.infer<typeof scoreboardRowSchema>;
export type ActionItem = z.infer<typeof actionItemSchema>;

// Annual goals (Accord's addition): an explicit goal per year, else the sum of that year's event goals.
export const annualGoalYearParamsSchema = z.strictObject({
  year: z.coerce
    .number({ error: 'must be a year such as 2026' })
    .int('must be a whole year such as 2026')
    .min(2000, 'must be 2000 or later')
    .max(2100, 'must be 2100 or earlier'),
});

export const annualGoalSetSchema = z.strictObject({
  amount: amountSchema,
  /** The version you read; required when the year already has a goal (409 if it changed since). */
  version: versionSchema.optional(),
});

export const annualGoalSchema = z.object({
  year: z.number().int(),
  /** The explicit goal; null when the year uses the sum of its event goals. */
  amount: money.nullable(),
  currency: currencySchema,
  /** The sum of the year's (non-archived) event goals. */
  eventGoalAmount: money,
  /** What the Overview uses: the explicit goal, else the event goals. */
  effectiveAmount: money,
  version: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
});
export type AnnualGoal = z.infer<typeof annualGoalSchema>;
