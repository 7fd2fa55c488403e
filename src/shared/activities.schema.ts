/** Sales activities: calls, meetings, emails, tasks and notes logged against a partner, person, lead or deal. */
import { z } from 'zod';
import {
  calendarDateSchema,
  idSchema,
  isoInstantSchema,
  listQuerySchema,
  textSchema,
  versionSchema,
} from './common.schema';
import { scopedPageSchema } from './hidden';

export const ACTIVITY_TYPES = ['call', 'meeting', 'email', 'task', 'note'] as const;

const activityFields = {
  type: z.enum(ACTIVITY_TYPES),
  subject: textSchema(200, { required: true }),
  body: textSchema(10_000),
  occurredAt: isoInstantSchema,
  durationMinutes: z.number().int().min(0).max(1440).nullable(),
  outcome: textSchema(200),
  partnerId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  leadId: idSchema.nullable(),
  opportunityId: idSchema.nullable(),
  ownerId: idSchema.nullable(),
};

export const activityCreateSchema = z
  .strictObject({
    ...activityFields,
    body: activityFields.body.default(''),
    occurredAt: activityFields.occurredAt.optional(),
    durationMinutes: activityFields.durationMinutes.default(null),
    outcome: activityFields.outcome.default(''),
    partnerId: activityFields.partnerId.default(null),
    contactId: activityFields.contactId.default(null),
    leadId: activityFields.leadId.default(null),
    opportunityId: activityFields.opportunityId.default(null),
    ownerId: activityFields.ownerId.optional(),
  })
  .refine((a) => a.partnerId || a.leadId || a.opportunityId, {
    message: 'is required: log an activity against a partner, a lead or an opportunity',
    path: ['partnerId'],
  });
export type ActivityCreate = z.infer<typeof activityCreateSchema>;

export const activityUpdateSchema = z
  .strictObject({
    version: versionSchema,
    ...Object.fromEntries(Object.entries(activityFields).map(([k, v]) => [k, v.optional()])),
  })
  .transform((v) => v as { version: number } & Partial<ActivityCreate>);
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>;

export const activitySchema = z.object({
  id: idSchema,
  type: z.enum(ACTIVITY_TYPES),
  subject: z.string(),
  body: z.string(),
  occurredAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  outcome: z.string(),
  partnerId: idSchema.nullable(),
  partnerName: z.string().nullable(),
  contactId: idSchema.nullable(),
  contactName: z.string().nullable(),
  leadId: idSchema.nullable(),
  leadName: z.string().nullable(),
  opportunityId: idSchema.nullable(),
  opportunityName: z.string().nullable(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Activity = z.infer<typeof activitySchema>;

export const activityListQuerySchema = listQuerySchema.extend({
  partnerId: idSchema.optional(),
  contactId: idSchema.optional(),
  leadId: idSchema.optional(),
  opportunityId: idSchema.optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
  ownerId: idSchema.optional(),
  /** Whole days (UTC), inclusive. */
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
});
export const ACTIVITY_SORTS = ['occurredAt', 'createdAt'] as const;
export const activityPageSchema = scopedPageSchema(activitySchema);
