import { useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { keysetPaging } from '../../ui/scopedPages';
import { refreshAfterDealChange } from '../opportunities/hooks';
import { partnerKey } from '../partners/hooks';
import { leadsApi, type Lead, type LeadConvertInput, type LeadInput } from './api';

export const LEADS_KEY = ['leads'] as const;

function refreshAfterLeadChange(qc: QueryClient, lead: { id: string; partnerId: string | null }) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: LEADS_KEY }),
    qc.invalidateQueries({ queryKey: ['history', 'lead', lead.id] }),
    lead.partnerId ? qc.invalidateQueries({ queryKey: partnerKey(lead.partnerId) }) : null,
  ]);
}

export function usePartnerLeads(partnerId: string) {
  return useInfiniteQuery({
    queryKey: [...LEADS_KEY, 'list', partnerId],
    queryFn: ({ pageParam, signal }) => leadsApi.list({ partnerId, limit: 50, cursor: pageParam }, signal),
    ...keysetPaging,
  });
}

/** Every lead the caller may see, newest change first: search and a status filter. */
export function useLeadList(filter: { q: string; status: string | null }) {
  return useInfiniteQuery({
    queryKey: [...LEADS_KEY, 'list', 'all', filter],
    queryFn: ({ pageParam, signal }) => leadsApi.list({ ...filter, limit: 50, cursor: pageParam }, signal),
    ...keysetPaging,
    placeholderData: (prev) => prev,
  });
}

export function useSaveLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { lead?: Lead; input: LeadInput }) =>
      v.lead ? leadsApi.update(v.lead.id, { ...v.input, version: v.lead.version }) : leadsApi.create(v.input),
    onSuccess: (lead) => refreshAfterLeadChange(qc, lead),
  });
}

export function useDeleteLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (lead: Lead) => leadsApi.remove(lead.id),
    onSuccess: (_ok, lead) => refreshAfterLeadChange(qc, lead),
  });
}

/** Converting makes a deal (and maybe an account and a person): the lead's and the deal's views refresh. */
export function useConvertLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { lead: Lead; input: LeadConvertInput }) =>
      leadsApi.convert(v.lead.id, { ...v.input, version: v.lead.version }),
    onSuccess: (r) =>
      Promise.all([
        refreshAfterLeadChange(qc, r.lead),
        refreshAfterDealChange(qc, r.opportunity),
        qc.invalidateQueries({ queryKey: ['accounts'] }),
      ]),
  });
}
