import { z } from 'zod';
import { idSchema, textSchema, versionSchema } from './common.schema';
import { MAX_RECIPIENTS, MERGE_FIELDS, unknownTokens } from './mailMerge';

function knownTokensOnly(v: string, ctx: z.RefinementCtx): void {
  const unknown = unknownTokens(v);
  if (unknown.length)
    ctx.addIssue({
      code: 'custom',
      message: `uses unknown merge fields: ${unknown.join(', ')} (known: ${MERGE_FIELDS.join(', ')})`,
    });
}
const subject = textSchema(240, { required: true }).superRefine(knownTokensOnly);
const body = textSchema(12000, { required: true }).superRefine(knownTokensOnly);

export const mailTemplateSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  subject: z.string(),
  body: z.string(),
  lastUsedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const mailTemplateCreateSchema = z.strictObject({
  name: textSchema(100, { required: true }),
  description: textSchema(300).default(''),
  subject,
  body,
});
export const mailTemplateUpdateSchema = z.strictObject({
  version: versionSchema,
  name: textSchema(100, { required: true }).optional(),
  description: textSchema(300).optional(),
  subject: subject.optional(),
  body: body.optional(),
});

export const mailMergeRequestSchema = z.strictObject({
  subject,
  body,
  partnerIds: z
    .array(idSchema)
    .min(1, 'choose at least one recipient')
    .transform((ids) => [...new Set(ids)])
    .refine((ids) => ids.length <= MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} recipients per send`),
  eventId: idSchema.nullable().default(null),
  templateId: idSchema.nullable().default(null),
  campaignName: textSchema(120).default(''),
  /** Send from one of your own mailboxes (its SMTP server and address) instead of the workspace's server. */
  mailboxId: idSchema.nullable().default(null),
});

export const RECIPIENT_OUTCOMES = [
  'eligible',
  'sent',
  'skipped_missing_partner',
  'skipped_missing_email',
  'skipped_invalid_email',
  'skipped_duplicate_email',
  'failed_render',
  'failed_send',
  'warning_log_failed',
] as const;

export const recipientResultSchema = z.object({
  partnerId: idSchema,
  company: z.string(),
  email: z.string(),
  outcome: z.enum(RECIPIENT_OUTCOMES),
  message: z.string().nullable(),
});
export const mailMergePreviewSchema = z.object({
  recipients: z.array(recipientResultSchema),
  preview: z.object({ to: z.string(), subject: z.string(), body: z.string() }).nullable(),
  eligible: z.number().int(),
});
export const mailMergeSummarySchema = z.object({
  campaignId: idSchema,
  totalRequested: z.number().int(),
  totalEligible: z.number().int(),
  sentCount: z.number().int(),
  loggedCount: z.number().int(),
  skippedCount: z.number().int(),
  failedCount: z.number().int(),
  warningCount: z.number().int(),
  recipients: z.array(recipientResultSchema),
});
export type MailMergeSummary = z.infer<typeof mailMergeSummarySchema>;
export type RecipientResult = z.infer<typeof recipientResultSchema>;
