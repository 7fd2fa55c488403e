import { useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CASE_STATUSES } from '../../../shared/cases.schema';
import { keysetPaging } from '../../ui/scopedPages';
import { partnerKey } from '../partners/hooks';
import { casesApi, type Case, type CaseInput } from './api';

export const CASES_KEY = ['cases'] as const;

function refreshAfterCaseChange(qc: QueryClient, c: { id: string; organizationId: string | null }) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: CASES_KEY }),
    qc.invalidateQueries({ queryKey: ['history', 'case', c.id] }),
    c.organizationId ? qc.invalidateQueries({ queryKey: partnerKey(c.organizationId) }) : null,
  ]);
}

export function usePartnerCases(partnerId: string, filter: { status?: (typeof CASE_STATUSES)[number] } = {}) {
  return useInfiniteQuery({
    queryKey: [...CASES_KEY, 'list', partnerId, filter],
    queryFn: ({ pageParam, signal }) =>
      casesApi.list({ organizationId: partnerId, ...filter, limit: 50, cursor: pageParam }, signal),
    ...keysetPaging,
  });
}

export function useSaveCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { record?: Case; input: CaseInput }) =>
      v.record
        ? casesApi.update(v.record.id, { ...v.input, version: v.record.version })
        : casesApi.create(v.input),
    onSuccess: (c) => refreshAfterCaseChange(qc, c),
  });
}

export function useDeleteCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: Case) => casesApi.remove(c.id),
    onSuccess: (_ok, c) => refreshAfterCaseChange(qc, c),
  });
}
