/**
 * Around the partner record: the duplicate check before save, the tab counts of the detail page, what a
 * delete affects and the choice it offers, the trash, bulk actions and the export of a selection.
 */
import { z } from 'zod';
import { idSchema, pageSchema } from './common.schema';
import { partnerListQuerySchema, partnerSchema, tagSchema } from './partners.schema';

export const duplicateQuerySchema = z.strictObject({
  name: z.string().trim().max(140).default(''),
  website: z.string().trim().max(300).default(''),
  email: z.string().trim().max(254).default(''),
  /** The partner being edited, which is no duplicate of itself. */
  excludeId: idSchema.optional(),
});
export const DUPLICATE_REASONS = ['name', 'website_domain', 'email_domain'] as const;
export const duplicateMatchSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The web app's address of the existing partner. */
  link: z.string(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  archived: z.boolean(),
});
export const duplicatesSchema = z.object({
  items: z.array(duplicateMatchSchema),
  /** Matches the caller may not see (their names stay hidden). */
  hiddenCount: z.number().int(),
});

/** The records that hang off a partner, in the order the detail page shows its tabs. */
export const PARTNER_CHILD_KINDS = [
  'consultants',
  'accounts',
  'cases',
  'leads',
  'opportunities',
  'activities',
] as const;
export type PartnerChildKind = (typeof PARTNER_CHILD_KINDS)[number];

const tabCountSchema = z.object({ count: z.number().int(), hidden: z.number().int() });
export const partnerTabCountsSchema = z.object({
  consultants: tabCountSchema,
  accounts: tabCountSchema,
  cases: tabCountSchema,
  leads: tabCountSchema,
  opportunities: tabCountSchema,
  activities: tabCountSchema,
  comments: z.number().int(),
});
export type PartnerTabCounts = z.infer<typeof partnerTabCountsSchema>;

/** A partner, and with `?with=counts` the tab counts of its detail page in the same answer. */
export const partnerDetailSchema = partnerSchema.extend({ tabCounts: partnerTabCountsSchema.optional() });

const kindCounts = z.object(
  Object.fromEntries(PARTNER_CHILD_KINDS.map((k) => [k, z.number().int()])) as Record<
    PartnerChildKind,
    z.ZodNumber
  >,
);
export const deleteImpactSchema = z.object({
  partnerId: idSchema,
  name: z.string(),
  /** Every live record of the partner, including those the caller's scope hides: all are affected. */
  counts: kindCounts,
  /** Kinds that cannot live without their partner and go to the trash with it even when unlinking. */
  alwaysDeleted: z.array(z.enum(PARTNER_CHILD_KINDS)),
  /** "3 consultants, 2 opportunities and 14 activities" */
  summary: z.string(),
});
export type DeleteImpact = z.infer<typeof deleteImpactSchema>;

export const partnerDeleteQuerySchema = z.strictObject({
  /** What happens to the partner's records: to the trash with it, or kept without a partner. */
  related: z.enum(['delete', 'unlink']),
});

export const TRASH_DAYS = 30;
export const trashItemSchema = z.object({
  id: idSchema,
  name: z.string(),
  deletedAt: z.string(),
  deletedByName: z.string().nullable(),
  related: z.enum(['delete', 'unlink']),
  counts: kindCounts,
  /** The last instant it can be restored. */
  restorableUntil: z.string(),
});
export const trashPageSchema = pageSchema(trashItemSchema);
export const trashQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
});

export const BULK_MAX = 500;
const bulkIds = z
  .array(idSchema)
  .min(1, 'select at least one partner')
  .max(BULK_MAX, `at most ${BULK_MAX} partners at once`)
  .transform((ids) => [...new Set(ids)]);
export const partnerBulkSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('archive'), ids: bulkIds }),
  z.strictObject({ action: z.literal('unarchive'), ids: bulkIds }),
  z.strictObject({ action: z.literal('change_owner'), ids: bulkIds, ownerId: idSchema }),
  z.strictObject({ action: z.literal('add_tag'), ids: bulkIds, tag: tagSchema }),
  z.strictObject({ action: z.literal('remove_tag'), ids: bulkIds, tag: tagSchema }),
]);
export type PartnerBulk = z.infer<typeof partnerBulkSchema>;
export const partnerBulkResultSchema = z.object({
  action: z.string(),
  /** Partners the action changed. */
  changed: z.number().int(),
  /** Partners already in the wanted state. */
  unchanged: z.number().int(),
});

export const partnerExportSchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  /** The selected partners; without it, every partner the list filter matches. */
  ids: z.array(idSchema).max(10_000).optional(),
  filter: partnerListQuerySchema.omit({ cursor: true, limit: true }).optional(),
});

export const partnerListPageSchema = pageSchema(partnerSchema).extend({
  /** Partners the filter matches that your visibility settings hide (counted on the last page; null before it). */
  hiddenCount: z.number().int().nullable(),
});
