import { useCallback } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { can } from '../../../shared/permissions';
import { useUser } from '../../app/auth';
import type { ValueResolver } from '../../ui/history/changes';
import { rolesApi } from '../roles/api';
import { usersApi, type UserInput, type UserListParams } from './api';

export const USERS_KEY = ['users'] as const;
export const DEPARTMENTS_KEY = ['departments'] as const;
const PAGE_SIZE = 25;

export function useUserList(params: Omit<UserListParams, 'cursor' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: [...USERS_KEY, 'list', params],
    queryFn: ({ pageParam, signal }) =>
      usersApi.list({ ...params, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export function useDepartments() {
  return useQuery({ queryKey: DEPARTMENTS_KEY, queryFn: usersApi.departments, staleTime: 5 * 60_000 });
}

export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; input: Partial<UserInput> }) =>
      v.id
        ? usersApi.update(v.id, { ...v.input, version: v.version ?? 1 })
        : usersApi.create(v.input as UserInput),
    onSuccess: async (user) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: USERS_KEY }),
        qc.invalidateQueries({ queryKey: ['history', 'user', user.id] }),
        qc.invalidateQueries({ queryKey: DEPARTMENTS_KEY }),
        qc.invalidateQueries({ queryKey: ['roles'] }),
      ]);
    },
  });
}

export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => usersApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useRestoreUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => usersApi.restore(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** Role and department names for ids in history rows (role_id, department_id). */
export function useUserValueResolver(): ValueResolver {
  const me = useUser();
  const departments = useDepartments();
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: rolesApi.list,
    enabled: can(me.permissions, 'roles.view'),
    staleTime: 60_000,
  });
  const deptItems = departments.data?.items;
  const roleItems = roles.data?.items;
  return useCallback(
    (field: string, value: unknown) => {
      if (typeof value !== 'string') return undefined;
      if (field === 'role_id') return roleItems?.find((r) => r.id === value)?.name;
      if (field === 'department_id') return deptItems?.find((d) => d.id === value)?.name;
      return undefined;
    },
    [roleItems, deptItems],
  );
}
