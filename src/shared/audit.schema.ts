import { z } from 'zod';
import { idSchema, listQuerySchema } from './common.schema';

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const fieldChangeSchema = z.object({ old: z.unknown(), new: z.unknown() });
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  id: idSchema,
  at: z.string(),
  actorId: idSchema.nullable(),
  actorName: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  changes: z.record(z.string(), fieldChangeSchema),
  /** In a record's History, a change to one of its related records (a partner's consultant): which one. */
  subject: z.object({ entity: z.string(), noun: z.string(), label: z.string() }).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListQuerySchema = listQuerySchema.omit({ sort: true }).extend({
  entity: z.string().max(60).optional(),
  entityId: z.string().max(60).optional(),
  actorId: idSchema.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.number().int().nullable(),
  message: z.string(),
});
