/** Cases: support and service cases a partner handles; the management suite's support tickets share the table. */
import { z } from 'zod';
import { calendarDateSchema, idSchema, listQuerySchema, textSchema, versionSchema } from './common.schema';
import { scopedPageSchema } from './hidden';

export const CASE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export const CASE_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const CASE_KINDS = ['partner_case', 'support_ticket'] as const;

const caseFields = {
  kind: z.enum(CASE_KINDS),
  subject: textSchema(200, { required: true }),
  description: textSchema(10_000),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(CASE_PRIORITIES),
  organizationId: idSchema.nullable(),
  accountId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  dueDate: calendarDateSchema.nullable(),
};

export const caseCreateSchema = z.strictObject({
  ...caseFields,
  kind: caseFields.kind.default('partner_case'),
  description: caseFields.description.default(''),
  status: caseFields.status.default('open'),
  priority: caseFields.priority.default('medium'),
  organizationId: caseFields.organizationId.default(null),
  accountId: caseFields.accountId.default(null),
  contactId: caseFields.contactId.default(null),
  assigneeId: caseFields.assigneeId.optional(),
  dueDate: caseFields.dueDate.default(null),
});
export type CaseCreate = z.infer<typeof caseCreateSchema>;

export const caseUpdateSchema = z
  .strictObject({
    version: versionSchema,
    ...Object.fromEntries(Object.entries(caseFields).map(([k, v]) => [k, v.optional()])),
  })
  .transform((v) => v as { version: number } & Partial<CaseCreate>);
export type CaseUpdate = z.infer<typeof caseUpdateSchema>;

export const caseSchema = z.object({
  id: idSchema,
  kind: z.enum(CASE_KINDS),
  subject: z.string(),
  description: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(CASE_PRIORITIES),
  organizationId: idSchema.nullable(),
  organizationName: z.string().nullable(),
  accountId: idSchema.nullable(),
  accountName: z.string().nullable(),
  contactId: idSchema.nullable(),
  contactName: z.string().nullable(),
  assigneeId: idSchema.nullable(),
  assigneeName: z.string().nullable(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Case = z.infer<typeof caseSchema>;

export const caseListQuerySchema = listQuerySchema.extend({
  kind: z.enum(CASE_KINDS).optional(),
  organizationId: idSchema.optional(),
  accountId: idSchema.optional(),
  status: z.enum(CASE_STATUSES).optional(),
  priority: z.enum(CASE_PRIORITIES).optional(),
  assigneeId: idSchema.optional(),
  ownerId: idSchema.optional(),
});
export const CASE_SORTS = ['updatedAt', 'createdAt', 'subject'] as const;
export const casePageSchema = scopedPageSchema(caseSchema);
