import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { OpportunityBoard } from '../../../shared/opportunities.schema';
import { keysetPaging } from '../../ui/scopedPages';
import { partnerKey } from '../partners/hooks';
import { opportunitiesApi, type Opportunity, type OpportunityInput } from './api';
import { moveDeal, withDeal } from './board';

export const OPPORTUNITIES_KEY = ['opportunities'] as const;
export const opportunityListKey = (partnerId: string) => [...OPPORTUNITIES_KEY, 'list', partnerId] as const;
export const opportunityBoardKey = (partnerId: string) => [...OPPORTUNITIES_KEY, 'board', partnerId] as const;

/** A deal changes its list and board, the partner's tab counts, forecasts, and its own history. */
export function refreshAfterDealChange(qc: QueryClient, deal: { id: string; partnerId: string | null }) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: OPPORTUNITIES_KEY }),
    qc.invalidateQueries({ queryKey: ['forecasts'] }),
    qc.invalidateQueries({ queryKey: ['history', 'opportunity', deal.id] }),
    deal.partnerId ? qc.invalidateQueries({ queryKey: partnerKey(deal.partnerId) }) : null,
  ]);
}

export function useStages() {
  return useQuery({
    queryKey: [...OPPORTUNITIES_KEY, 'stages'],
    queryFn: opportunitiesApi.stages,
    staleTime: 5 * 60_000,
    select: (d) => d.items,
  });
}

export function usePartnerOpportunities(partnerId: string, filter: { outcome?: 'open' } = {}) {
  return useInfiniteQuery({
    queryKey: [...opportunityListKey(partnerId), filter],
    queryFn: ({ pageParam, signal }) =>
      opportunitiesApi.list({ partnerId, ...filter, limit: 50, cursor: pageParam }, signal),
    ...keysetPaging,
  });
}

export function useOpportunityBoard(partnerId: string, enabled = true) {
  return useQuery({
    queryKey: opportunityBoardKey(partnerId),
    queryFn: ({ signal }) => opportunitiesApi.board({ partnerId }, signal),
    enabled,
  });
}

export function useSaveOpportunity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { deal?: Opportunity; input: OpportunityInput }) =>
      v.deal
        ? opportunitiesApi.update(v.deal.id, { ...v.input, version: v.deal.version })
        : opportunitiesApi.create(v.input),
    onSuccess: (deal) => refreshAfterDealChange(qc, deal),
  });
}

export function useDeleteOpportunity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deal: Opportunity) => opportunitiesApi.remove(deal.id),
    onSuccess: (_ok, deal) => refreshAfterDealChange(qc, deal),
  });
}

/**
 * The board drag: the card moves at once; when the server refuses (a stale version, a missing lost
 * reason), the board goes back to what it was and the caller shows the server's message.
 */
export function useMoveOpportunity(partnerId: string) {
  const qc = useQueryClient();
  const key = opportunityBoardKey(partnerId);
  return useMutation({
    mutationFn: (v: { deal: Opportunity; stageId: string; lostReason?: string }) =>
      opportunitiesApi.changeStage(v.deal.id, {
        version: v.deal.version,
        stageId: v.stageId,
        ...(v.lostReason ? { lostReason: v.lostReason } : {}),
      }),
    onMutate: async (v) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<OpportunityBoard>(key);
      if (before) qc.setQueryData<OpportunityBoard>(key, moveDeal(before, v.deal.id, v.stageId));
      return { before };
    },
    onError: (_err, _v, ctx) => {
      if (ctx?.before) qc.setQueryData<OpportunityBoard>(key, ctx.before);
    },
    onSuccess: (deal) => {
      qc.setQueryData<OpportunityBoard>(key, (b) => b && withDeal(b, deal));
    },
    onSettled: (_deal, _err, v) => refreshAfterDealChange(qc, v.deal),
  });
}
