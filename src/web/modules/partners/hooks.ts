import { useCallback } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PartnerCreate } from '../../../shared/partners.schema';
import type { ValueResolver } from '../../ui/history/changes';
import { useSettings } from '../settings/hooks';
import { useOwnerOptions } from '../links/hooks';
import { partnersApi, type ContactInput, type Partner } from './api';
import { listQuery, type PartnerFilters } from './filters';

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
