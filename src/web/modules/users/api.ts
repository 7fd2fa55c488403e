import { z } from 'zod';
import { okSchema, pageSchema } from '../../../shared/common.schema';
import { departmentSchema, userSchema, type User } from '../../../shared/users.schema';
import { api } from '../../api/client';

export interface UserListParams {
  q?: string;
  roleId?: string | null;
  departmentId?: string | null;
  active?: 'true' | 'false' | null;
  deleted?: boolean;
  sort?: string;
  limit?: number;
  cursor?: string | null;
}

export interface UserInput {
  email: string;
  name: string;
  roleId: string;
  departmentId: string | null;
  active: boolean;
  password?: string;
}

const usersPage = pageSchema(userSchema);

export const usersApi = {
  list: (p: UserListParams, signal?: AbortSignal) =>
    api.get(
      '/api/v1/users',
      usersPage,
      {
        q: p.q?.trim() || undefined,
        roleId: p.roleId,
        departmentId: p.departmentId,
        active: p.active,
        deleted: p.deleted ? 'true' : undefined,
        sort: p.sort,
        limit: p.limit ?? 50,
        cursor: p.cursor,
      },
      signal,
    ),
  get: (id: string) => api.get(`/api/v1/users/${id}`, userSchema),
  create: (input: UserInput) => api.post('/api/v1/users', userSchema, input),
  update: (id: string, patch: Partial<UserInput> & { version: number }) =>
    api.patch(`/api/v1/users/${id}`, userSchema, patch),
  remove: (id: string) => api.delete(`/api/v1/users/${id}`, okSchema),
  restore: (id: string) => api.post(`/api/v1/users/${id}/restore`, userSchema),
  departments: () => api.get('/api/v1/departments', z.object({ items: z.array(departmentSchema) })),
  createDepartment: (name: string) => api.post('/api/v1/departments', departmentSchema, { name }),
};

export type { User };
