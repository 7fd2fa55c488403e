import { useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { keysetPaging } from '../../ui/scopedPages';
import { partnerKey } from '../partners/hooks';
import { activitiesApi, type Activity, type ActivityInput } from './api';

export const ACTIVITIES_KEY = ['activities'] as const;

function refreshAfterActivityChange(qc: QueryClient, a: { id: string; partnerId: string | null }) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: ACTIVITIES_KEY }),
    qc.invalidateQueries({ queryKey: ['history', 'activity', a.id] }),
    a.partnerId ? qc.invalidateQueries({ queryKey: partnerKey(a.partnerId) }) : null,
  ]);
}

/** The partner's activities, newest first. */
export function usePartnerActivities(partnerId: string, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...ACTIVITIES_KEY, 'list', partnerId, pageSize],
    queryFn: ({ pageParam, signal }) =>
      activitiesApi.list({ partnerId, limit: pageSize, cursor: pageParam }, signal),
    ...keysetPaging,
  });
}

export function useSaveActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { activity?: Activity; input: ActivityInput }) =>
      v.activity
        ? activitiesApi.update(v.activity.id, { ...v.input, version: v.activity.version })
        : activitiesApi.create(v.input),
    onSuccess: (a) => refreshAfterActivityChange(qc, a),
  });
}

export function useDeleteActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: Activity) => activitiesApi.remove(a.id),
    onSuccess: (_ok, a) => refreshAfterActivityChange(qc, a),
  });
}
