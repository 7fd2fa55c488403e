import { z } from 'zod';
import {
  emailSchema,
  idSchema,
  listQuerySchema,
  LIMITS,
  passwordSchema,
  versionSchema,
} from './common.schema';

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  departmentId: idSchema.nullable(),
  departmentName: z.string().nullable(),
  roleId: idSchema,
  roleName: z.string(),
  active: z.boolean(),
  twoFactorEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const userListQuerySchema = listQuerySchema.extend({
  roleId: idSchema.optional(),
  departmentId: idSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  deleted: z.enum(['true', 'false']).optional(),
});
export const USER_SORTS = ['name', 'email', 'createdAt'] as const;

export const userCreateSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1, 'is required').max(LIMITS.name, `must be at most ${LIMITS.name} characters`),
  roleId: idSchema,
  departmentId: idSchema.nullable().default(null),
  active: z.boolean().default(true),
  password: passwordSchema,
});
export const userUpdateSchema = z.strictObject({
  version: versionSchema,
  email: emailSchema.optional(),
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(LIMITS.name, `must be at most ${LIMITS.name} characters`)
    .optional(),
  roleId: idSchema.optional(),
  departmentId: idSchema.nullable().optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
});

export const departmentSchema = z.object({ id: idSchema, name: z.string(), userCount: z.number().int() });
export const departmentCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(LIMITS.name),
});
