import { z } from 'zod';
import { idSchema, LIMITS, versionSchema } from './common.schema';
import { permissionMatrixSchema } from './permissions';

export const roleSchema = z.object({
  id: idSchema,
  key: z.string(),
  name: z.string(),
  description: z.string(),
  permissions: permissionMatrixSchema,
  system: z.boolean(),
  userCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Role = z.infer<typeof roleSchema>;

export const roleCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(LIMITS.name),
  description: z.string().trim().max(500).default(''),
  permissions: permissionMatrixSchema,
});
export const roleUpdateSchema = z.strictObject({
  version: versionSchema,
  name: z.string().trim().min(1, 'is required').max(LIMITS.name).optional(),
  description: z.string().trim().max(500).optional(),
  permissions: permissionMatrixSchema.optional(),
});

/** What a role can grant: the actions, scopes and areas, and each module with its actions. */
export const roleCatalogSchema = z.object({
  actions: z.array(z.string()),
  scopes: z.array(z.string()),
  areas: z.array(z.string()),
  modules: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      area: z.string(),
      actions: z.array(z.string()),
      /** Whether a grant's record scope narrows this module (else: all of it or none). */
      scoped: z.boolean(),
    }),
  ),
});
export type RoleCatalog = z.infer<typeof roleCatalogSchema>;
