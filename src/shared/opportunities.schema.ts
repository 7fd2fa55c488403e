/** Opportunities on a configurable stage pipeline, and the kanban board of the pipeline. */
import { z } from 'zod';
import {
  amountSchema,
  calendarDateSchema,
  currencySchema,
  idSchema,
  listQuerySchema,
  textSchema,
  versionSchema,
} from './common.schema';
import { scopedPageSchema } from './hidden';

export const STAGE_OUTCOMES = ['open', 'won', 'lost'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];
export const probabilitySchema = z
  .number({ error: 'must be a whole number from 0 to 100' })
  .int('must be a whole number from 0 to 100')
  .min(0, 'must be at least 0')
  .max(100, 'must be at most 100');

export const stageSchema = z.object({
  id: idSchema,
  key: z.string(),
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int(),
  outcome: z.enum(STAGE_OUTCOMES),
  /** Deals in this stage (and later ones) count as committed in forecasts. */
  committed: z.boolean(),
  version: z.number().int(),
});
export type Stage = z.infer<typeof stageSchema>;
export const stageCreateSchema = z.strictObject({
  name: textSchema(60, { required: true }),
  probability: probabilitySchema,
  outcome: z.enum(STAGE_OUTCOMES).default('open'),
  committed: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const stageUpdateSchema = z.strictObject({
  version: versionSchema,
  name: textSchema(60, { required: true }).optional(),
  probability: probabilitySchema.optional(),
  committed: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

const opportunityFields = {
  name: textSchema(200, { required: true }),
  accountId: idSchema.nullable(),
  partnerId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  amount: amountSchema,
  currency: currencySchema,
  stageId: idSchema,
  probability: probabilitySchema,
  expectedCloseDate: calendarDateSchema.nullable(),
  ownerId: idSchema.nullable(),
  lostReason: textSchema(500),
  description: textSchema(5000),
};

export const opportunityCreateSchema = z.strictObject({
  ...opportunityFields,
  accountId: opportunityFields.accountId.default(null),
  partnerId: opportunityFields.partnerId.default(null),
  contactId: opportunityFields.contactId.default(null),
  amount: opportunityFields.amount.default(0),
  /** Default: the workspace currency. */
  currency: opportunityFields.currency.optional(),
  /** Default: the first open stage of the pipeline. */
  stageId: opportunityFields.stageId.optional(),
  /** Default: the stage's probability. */
  probability: opportunityFields.probability.optional(),
  expectedCloseDate: opportunityFields.expectedCloseDate.default(null),
  ownerId: opportunityFields.ownerId.optional(),
  lostReason: opportunityFields.lostReason.default(''),
  description: opportunityFields.description.default(''),
});
export type OpportunityCreate = z.infer<typeof opportunityCreateSchema>;

export const opportunityUpdateSchema = z
  .strictObject({
    version: versionSchema,
    ...Object.fromEntries(Object.entries(opportunityFields).map(([k, v]) => [k, v.optional()])),
  })
  .transform((v) => v as { version: number } & Partial<OpportunityCreate>);
export type OpportunityUpdate = z.infer<typeof opportunityUpdateSchema>;

/** The board drag: a new stage, optionally a probability (else the stage's) and, into a lost stage, why. */
export const stageChangeSchema = z.strictObject({
  version: versionSchema,
  stageId: idSchema,
  probability: probabilitySchema.optional(),
  lostReason: textSchema(500).optional(),
});

export const opportunitySchema = z.object({
  id: idSchema,
  name: z.string(),
  accountId: idSchema.nullable(),
  accountName: z.string().nullable(),
  partnerId: idSchema.nullable(),
  partnerName: z.string().nullable(),
  contactId: idSchema.nullable(),
  contactName: z.string().nullable(),
  leadId: idSchema.nullable(),
  amount: z.number().int(),
  currency: z.string(),
  stageId: idSchema,
  stageKey: z.string(),
  stageName: z.string(),
  outcome: z.enum(STAGE_OUTCOMES),
  probability: z.number().int(),
  /** amount × probability, in minor units (the forecast's rounding). */
  weightedAmount: z.number().int(),
  expectedCloseDate: z.string().nullable(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  lostReason: z.string(),
  closedAt: z.string().nullable(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Opportunity = z.infer<typeof opportunitySchema>;

export const opportunityListQuerySchema = listQuerySchema.extend({
  partnerId: idSchema.optional(),
  accountId: idSchema.optional(),
  stageId: idSchema.optional(),
  ownerId: idSchema.optional(),
  outcome: z.enum(STAGE_OUTCOMES).optional(),
  closeFrom: calendarDateSchema.optional(),
  closeTo: calendarDateSchema.optional(),
});
export const OPPORTUNITY_SORTS = ['updatedAt', 'createdAt', 'name', 'amount'] as const;
export const opportunityPageSchema = scopedPageSchema(opportunitySchema);

export const boardQuerySchema = z.strictObject({
  partnerId: idSchema.optional(),
  accountId: idSchema.optional(),
  ownerId: idSchema.optional(),
});
const moneyTotalSchema = z.object({
  currency: z.string(),
  amount: z.number().int(),
  weightedAmount: z.number().int(),
});
export const BOARD_CARDS_PER_COLUMN = 200;
export const opportunityBoardSchema = z.object({
  columns: z.array(
    stageSchema.extend({
      /** Every deal in the column the caller may see (cards stop at 200, the count and totals do not). */
      count: z.number().int(),
      totals: z.array(moneyTotalSchema),
      cards: z.array(opportunitySchema),
    }),
  ),
  hiddenCount: z.number().int(),
});
export type OpportunityBoard = z.infer<typeof opportunityBoardSchema>;
