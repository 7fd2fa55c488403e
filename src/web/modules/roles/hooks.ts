import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { rolesApi, type RoleInput } from './api';

export const ROLES_KEY = ['roles'] as const;

export function useRoles() {
  return useQuery({ queryKey: ROLES_KEY, queryFn: rolesApi.list });
}

export function useRole(id: string) {
  return useQuery({ queryKey: [...ROLES_KEY, id], queryFn: () => rolesApi.get(id) });
}

export function useCatalog() {
  return useQuery({ queryKey: [...ROLES_KEY, 'catalog'], queryFn: rolesApi.catalog, staleTime: Infinity });
}

export function useCreateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RoleInput) => rolesApi.create(input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROLES_KEY }),
  });
}

export function useUpdateRole(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<RoleInput> & { version: number }) => rolesApi.update(id, patch),
    onSuccess: (role) => {
      qc.setQueryData([...ROLES_KEY, id], role);
      void qc.invalidateQueries({ queryKey: ROLES_KEY, exact: true });
      void qc.invalidateQueries({ queryKey: ['history', 'role', id] });
      // Our own permissions may have changed with the role.
      void qc.invalidateQueries({ queryKey: ['session'] });
    },
  });
}

export function useDeleteRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => rolesApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ROLES_KEY }),
  });
}
