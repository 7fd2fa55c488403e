import { useCallback } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PartnerCreate } from '../../../shared/partners.schema';
import type { SavedFilterModule } from '../../../shared/savedFilters.schema';
import type { ValueResolver } from '../../ui/history/changes';
import { useSettings } from '../settings/hooks';
import { useOwnerOptions } from '../links/hooks';
import { partnerLifecycleApi, partnersApi, savedFiltersApi, type ContactInput, type Partner } from './api';
import { listQuery, type PartnerFilters } from './filters';
import { listQueryOf, type ListState } from './listParams';

export const PARTNERS_KEY = ['partners'] as const;
export const partnerKey = (id: string) => [...PARTNERS_KEY, 'one', id] as const;
export const partnerLinksKey = (id: string) => [...PARTNERS_KEY, 'one', id, 'links'] as const;
// The same key as the link form's contact picker, so both share one answer.
export const contactsKey = (id: string) => [...PARTNERS_KEY, id, 'contacts'] as const;

export function usePartnerList(filters: PartnerFilters, pageSize = 25) {
  return useInfiniteQuery({
    queryKey: [...PARTNERS_KEY, 'list', filters, pageSize],
    queryFn: ({ pageParam, signal }) =>
      partnersApi.list({ ...listQuery(filters), limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export function usePartner(id: string) {
  return useQuery({ queryKey: partnerKey(id), queryFn: () => partnersApi.get(id) });
}

export function useFilterOptions() {
  return useQuery({
    queryKey: [...PARTNERS_KEY, 'filter-options'],
    queryFn: partnersApi.filterOptions,
    staleTime: 5 * 60_000,
  });
}

/** The workspace currency: partner metrics are sums in it. */
export function useCurrency(): string {
  return useSettings().data?.baseCurrency ?? 'CAD';
}

export function useSavePartner() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; input: Partial<PartnerCreate> }) =>
      v.id
        ? partnersApi.update(v.id, { ...v.input, version: v.version ?? 1 })
        : partnersApi.create(v.input as PartnerCreate),
    onSuccess: async (p) => {
      qc.setQueryData(partnerKey(p.id), p);
      await Promise.all([
        qc.invalidateQueries({ queryKey: PARTNERS_KEY }),
        qc.invalidateQueries({ queryKey: ['history', 'partner', p.id] }),
      ]);
    },
  });
}

export function useArchivePartner() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; archived: boolean }) =>
      v.archived ? partnersApi.archive(v.id) : partnersApi.unarchive(v.id),
    onSuccess: async (p) => {
      qc.setQueryData(partnerKey(p.id), p);
      await Promise.all([
        qc.invalidateQueries({ queryKey: PARTNERS_KEY }),
        qc.invalidateQueries({ queryKey: ['history', 'partner', p.id] }),
      ]);
    },
  });
}

export function useContacts(partnerId: string) {
  return useQuery({ queryKey: contactsKey(partnerId), queryFn: () => partnersApi.contacts(partnerId) });
}

export function useSaveContact(partnerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; input: Partial<ContactInput> }) =>
      v.id
        ? partnersApi.updateContact(partnerId, v.id, { ...v.input, version: v.version ?? 1 })
        : partnersApi.createContact(partnerId, v.input as ContactInput),
    // The primary contact shows in the header and the directory.
    onSuccess: () => qc.invalidateQueries({ queryKey: PARTNERS_KEY }),
  });
}

export function useDeleteContact(partnerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) => partnersApi.removeContact(partnerId, contactId),
    onSuccess: () => qc.invalidateQueries({ queryKey: PARTNERS_KEY }),
  });
}

export function usePartnerLinks(partnerId: string) {
  return useQuery({ queryKey: partnerLinksKey(partnerId), queryFn: () => partnersApi.links(partnerId) });
}

/** After a link or communication saved by another module's dialog: the partner's figures changed. */
export function useRefreshPartner() {
  const qc = useQueryClient();
  return (partnerId: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: PARTNERS_KEY }),
      qc.invalidateQueries({ queryKey: ['history', 'partner', partnerId] }),
    ]);
}

/** Names for raw ids in the partner's history rows: its tier (level_id) and owner (owner_id). */
export function usePartnerValueResolver(partner: Partner): ValueResolver {
  const options = useFilterOptions();
  const owners = useOwnerOptions({ id: partner.ownerId, name: partner.ownerName });
  const levels = options.data?.levels;
  return useCallback(
    (field: string, value: unknown) => {
      if (typeof value !== 'string') return undefined;
      if (field === 'level_id') return levels?.find((l) => l.id === value)?.name;
      if (field === 'owner_id') return owners.find((o) => o.value === value)?.label.replace(/ \(you\)$/, '');
      return undefined;
    },
    [levels, owners],
  );
}

// Partner management: the list with every filter, saved filters, duplicates, delete, trash and bulk actions.

export function usePartnerManagementList(state: ListState, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...PARTNERS_KEY, 'manage', state, pageSize],
    queryFn: ({ pageParam, signal }) =>
      partnersApi.list({ ...listQueryOf(state), limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export const savedFiltersKey = (module: SavedFilterModule) => ['saved-filters', module] as const;

export function useSavedFilters(module: SavedFilterModule) {
  return useQuery({
    queryKey: savedFiltersKey(module),
    queryFn: () => savedFiltersApi.list(module).then((r) => r.items),
  });
}

export function useSavedFilterMutations(module: SavedFilterModule) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: savedFiltersKey(module) });
  return {
    create: useMutation({ mutationFn: savedFiltersApi.create, onSuccess }),
    update: useMutation({
      mutationFn: (v: { id: string; patch: Parameters<typeof savedFiltersApi.update>[1] }) =>
        savedFiltersApi.update(v.id, v.patch),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: savedFiltersApi.remove, onSuccess }),
  };
}

/** Partners that the one being typed may duplicate (name, website or email domain). */
export function useDuplicates(
  input: { name: string; website: string; email: string; excludeId?: string },
  enabled: boolean,
) {
  return useQuery({
    queryKey: [...PARTNERS_KEY, 'duplicates', input],
    queryFn: ({ signal }) => partnerLifecycleApi.duplicates(input, signal),
    enabled,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
  });
}

export function useDeleteImpact(partnerId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...PARTNERS_KEY, 'one', partnerId, 'impact'],
    queryFn: () => partnerLifecycleApi.impact(partnerId),
    enabled,
    staleTime: 0,
  });
}

export const TRASH_KEY = [...PARTNERS_KEY, 'trash'] as const;

export function useDeletePartner() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; related: 'delete' | 'unlink' }) =>
      partnerLifecycleApi.remove(v.id, v.related),
    onSuccess: async (_r, v) => {
      qc.removeQueries({ queryKey: partnerKey(v.id), exact: true });
      await qc.invalidateQueries({ queryKey: PARTNERS_KEY });
    },
  });
}

export function usePartnerTrash(q: string) {
  return useInfiniteQuery({
    queryKey: [...TRASH_KEY, q],
    queryFn: ({ pageParam, signal }) =>
      partnerLifecycleApi.trash({ q: q.trim() || undefined, limit: 50, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export function useRestorePartner() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (partnerId: string) => partnerLifecycleApi.restore(partnerId),
    onSuccess: () => qc.invalidateQueries({ queryKey: PARTNERS_KEY }),
  });
}

export function useBulkPartners() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: partnerLifecycleApi.bulk,
    onSuccess: () => qc.invalidateQueries({ queryKey: PARTNERS_KEY }),
  });
}
