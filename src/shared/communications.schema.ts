/** Communications: the outreach log with follow-ups (reference §1.5, §3.5; "follow-up done" is Accord's). */
import { z } from 'zod';
import { calendarDateSchema, idSchema, isoInstantSchema, textSchema, versionSchema } from './common.schema';

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const COMMUNICATION_SOURCES = ['manual', 'mass_email', 'email_sync'] as const;
export const CHANNEL_SUGGESTIONS = [
  'email',
  'call',
  'meeting',
  'linkedin',
  'video_call',
  'event',
  'other',
] as const;

const channel = z
  .string()
  .trim()
  .max(40, 'must be at most 40 characters')
  .transform((v) =>
    v
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, ''),
  )
  .refine((v) => v.length > 0, 'must contain at least one letter or digit');

export const communicationCreateSchema = z.strictObject({
  organizationId: idSchema,
  subject: textSchema(180).default(''),
  summary: textSchema(3000, { required: true }),
  channel: channel.default('email'),
  direction: z.enum(DIRECTIONS).default('outbound'),
  occurredAt: isoInstantSchema.optional(),
  followUpDate: calendarDateSchema.nullable().default(null),
  eventId: idSchema.nullable().default(null),
  contactId: idSchema.nullable().default(null),
});
export type CommunicationCreate = z.infer<typeof communicationCreateSchema>;

export const communicationUpdateSchema = z.strictObject({
  version: versionSchema,
  subject: textSchema(180).optional(),
  summary: textSchema(3000, { required: true }).optional(),
  channel: channel.optional(),
  direction: z.enum(DIRECTIONS).optional(),
  occurredAt: isoInstantSchema.optional(),
  followUpDate: calendarDateSchema.nullable().optional(),
  eventId: idSchema.nullable().optional(),
  contactId: idSchema.nullable().optional(),
});
export type CommunicationUpdate = z.infer<typeof communicationUpdateSchema>;

export const communicationSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  organizationName: z.string(),
  subject: z.string(),
  summary: z.string(),
  channel: z.string(),
  direction: z.enum(DIRECTIONS),
  occurredAt: z.string(),
  followUpDate: z.string().nullable(),
  followUpDoneAt: z.string().nullable(),
  eventId: idSchema.nullable(),
  eventName: z.string().nullable(),
  eventYear: z.number().int().nullable(),
  contactId: idSchema.nullable(),
  contactName: z.string().nullable(),
  source: z.enum(COMMUNICATION_SOURCES),
  sender: z.string(),
  recipientEmail: z.string(),
  externalMessageId: z.string().nullable(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Communication = z.infer<typeof communicationSchema>;

export const communicationListQuerySchema = z.strictObject({
  organizationId: idSchema.optional(),
  eventId: idSchema.optional(),
  followUp: z.enum(['open', 'done', 'any']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const followUpDoneSchema = z.strictObject({ done: z.boolean().default(true), version: versionSchema });

/**
 * What email sync filed for one partner (reference §3.1 "Comms": the synced-activity summary), and when the
 * partner was last in touch through any channel. "Last" means up to now: a meeting logged for next week is
 * not a contact yet.
 */
export const syncedMailSummarySchema = z.object({
  synced: z.object({
    total: z.number().int(),
    inbound: z.number().int(),
    outbound: z.number().int(),
  }),
  /** The newest synced email; its actor is the sender (inbound) or the mailbox's owner (outbound). */
  lastSynced: z
    .object({
      communicationId: idSchema,
      occurredAt: z.string(),
      direction: z.enum(DIRECTIONS),
      subject: z.string(),
      /** The partner's contact (inbound) or the user who owns the mailbox (outbound), when known. */
      actorName: z.string().nullable(),
      actorEmail: z.string(),
    })
    .nullable(),
  /** The newest communication of any kind, synced or logged. */
  lastContactAt: z.string().nullable(),
});
export type SyncedMailSummary = z.infer<typeof syncedMailSummarySchema>;
