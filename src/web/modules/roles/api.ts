import { z } from 'zod';
import { okSchema } from '../../../shared/common.schema';
import type { PermissionMatrix } from '../../../shared/permissions';
import { roleCatalogSchema, roleSchema, type RoleCatalog } from '../../../shared/roles.schema';
import { api } from '../../api/client';

export type Catalog = RoleCatalog;

export interface RoleInput {
  name: string;
  description: string;
  permissions: PermissionMatrix;
}

export const rolesApi = {
  list: () => api.get('/api/v1/roles', z.object({ items: z.array(roleSchema) })),
  get: (id: string) => api.get(`/api/v1/roles/${id}`, roleSchema),
  catalog: () => api.get('/api/v1/roles/catalog', roleCatalogSchema),
  /** Names only, for the user form: needs users.view, not roles.view. */
  options: () =>
    api.get(
      '/api/v1/roles/options',
      z.object({ items: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })) }),
    ),
  create: (input: RoleInput) => api.post('/api/v1/roles', roleSchema, input),
  update: (id: string, patch: Partial<RoleInput> & { version: number }) =>
    api.patch(`/api/v1/roles/${id}`, roleSchema, patch),
  remove: (id: string) => api.delete(`/api/v1/roles/${id}`, okSchema),
};
