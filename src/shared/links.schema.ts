/** Partner–event links: request and response schemas (reference §1.3, §3.3). */
import { z } from 'zod';
import {
  amountSchema,
  calendarDateSchema,
  idSchema,
  listQuerySchema,
  textSchema,
  versionSchema,
} from './common.schema';
import { normaliseStatus, slugify } from './partnerships/statuses';

export const LINK_LIMITS = { role: 80, notes: 3000, status: 60, packageTier: 60 } as const;

/**
 * A status as sent: aliases map to canonical keys, other values become custom slugs, empty means
 * reached_out, and a value without a letter or digit is refused. The 60-character limit is checked on the
 * input, so a custom status is never cut silently.
 */
export const linkStatusSchema = z
  .string({ error: 'must be a status such as confirmed' })
  .max(LINK_LIMITS.status, `must be at most ${LINK_LIMITS.status} characters`)
  .transform((s, ctx) => {
    const r = normaliseStatus(s);
    if (r.ok) return r.status;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });

/** A package tier slug ("Gold Sponsor" → gold_sponsor); empty means none. */
export const packageTierSchema = z
  .string({ error: 'must be a tier key such as gold' })
  .trim()
  .max(LINK_LIMITS.packageTier, `must be at most ${LINK_LIMITS.packageTier} characters`)
  .transform((s, ctx) => {
    const slug = slugify(s, LINK_LIMITS.packageTier);
    if (s === '' || slug) return slug;
    ctx.addIssue({ code: 'custom', message: 'must contain at least one letter or digit' });
    return z.NEVER;
  });

const linkFields = {
  status: linkStatusSchema.optional(),
  packageTier: packageTierSchema.optional(),
  role: textSchema(LINK_LIMITS.role).optional(),
  /** Absent on create: the matching tier preset's default amount; null: no amount. */
  amount: amountSchema.nullable().optional(),
  followUpDate: calendarDateSchema.nullable().optional(),
  /** A contact of the link's partner. */
  contactId: idSchema.nullable().optional(),
  /** Defaults to the creator. */
  ownerId: idSchema.nullable().optional(),
  notes: textSchema(LINK_LIMITS.notes).optional(),
};

export const linkCreateSchema = z.strictObject({
  organizationId: idSchema,
  eventId: idSchema,
  ...linkFields,
});
/** POST /events/:id/links: the event comes from the address. */
export const eventLinkCreateSchema = linkCreateSchema.omit({ eventId: true });
export type LinkCreateInput = z.output<typeof linkCreateSchema>;

const immutable = z
  .never({ error: 'cannot be changed after the link is created; delete the link and create a new one' })
  .optional();

export const linkUpdateSchema = z
  .strictObject({ version: versionSchema, organizationId: immutable, eventId: immutable, ...linkFields })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), {
    message: 'Send at least one field to change besides version',
  });
export type LinkUpdateInput = z.output<typeof linkUpdateSchema>;

/** The kanban drag: a new status for the version the board showed. */
export const linkStatusChangeSchema = z.strictObject({
  status: linkStatusSchema,
  version: versionSchema,
});

export const LINK_SORTS = ['updatedAt', 'createdAt', 'partner', 'status'] as const;

export const linkListQuerySchema = listQuerySchema.extend({
  eventId: idSchema.optional(),
  organizationId: idSchema.optional(),
  status: linkStatusSchema.optional(),
  packageTier: packageTierSchema.optional(),
  ownerId: idSchema.optional(),
  /** Links with a follow-up date on or before this date. */
  followUpBefore: calendarDateSchema.optional(),
});

export const linkSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  partnerName: z.string(),
  eventId: idSchema,
  eventName: z.string(),
  eventYear: z.number().int(),
  status: z.string(),
  statusLabel: z.string(),
  statusGroup: z.enum(['secured', 'lost', 'open']),
  packageTier: z.string(),
  role: z.string(),
  amount: z.number().int().nullable(),
  currency: z.string(),
  followUpDate: z.string().nullable(),
  contactId: idSchema.nullable(),
  contactName: z.string().nullable(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Link = z.infer<typeof linkSchema>;

export const followUpSchema = z.object({
  linkId: idSchema,
  organizationId: idSchema,
  partnerName: z.string(),
  status: z.string(),
  followUpDate: z.string(),
  amount: z.number().int().nullable(),
  ownerName: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const boardCardSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  partnerName: z.string(),
  status: z.string(),
  amount: z.number().int().nullable(),
  packageTier: z.string(),
  role: z.string(),
  followUpDate: z.string().nullable(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type BoardCard = z.infer<typeof boardCardSchema>;

export const boardSchema = z.object({
  event: z.object({ id: idSchema, name: z.string(), year: z.number().int(), currency: z.string() }),
  columns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      group: z.enum(['secured', 'lost', 'open']),
      custom: z.boolean(),
      count: z.number().int(),
      totalAmount: z.number().int(),
      cards: z.array(boardCardSchema),
    }),
  ),
});
export type Board = z.infer<typeof boardSchema>;
