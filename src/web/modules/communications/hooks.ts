import { useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { communicationsApi, type CommunicationFilter, type CommunicationInput } from './api';

export const COMMUNICATIONS_KEY = ['communications'] as const;
const PAGE_SIZE = 20;

/** Timelines, the partner page and the overview's action queue all show communications and follow-ups. */
function refresh(qc: QueryClient, id?: string): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: COMMUNICATIONS_KEY }),
    qc.invalidateQueries({ queryKey: ['partners'] }),
    qc.invalidateQueries({ queryKey: ['overview'] }),
    id ? qc.invalidateQueries({ queryKey: ['history', 'communication', id] }) : null,
  ]);
}

export function useCommunications(filter: CommunicationFilter) {
  return useInfiniteQuery({
    queryKey: [...COMMUNICATIONS_KEY, 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      communicationsApi.list({ ...filter, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useSaveCommunication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; organizationId?: string; input: CommunicationInput }) =>
      v.id
        ? communicationsApi.update(v.id, { ...v.input, version: v.version ?? 1 })
        : communicationsApi.create({
            ...v.input,
            organizationId: v.organizationId!,
            summary: v.input.summary ?? '',
          }),
    onSuccess: (c) => refresh(qc, c.id),
  });
}

export function useFollowUpDone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; done: boolean; version: number }) =>
      communicationsApi.followUpDone(v.id, v.done, v.version),
    onSuccess: (c) => refresh(qc, c.id),
  });
}

export function useDeleteCommunication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => communicationsApi.remove(id),
    onSuccess: (_ok, id) => refresh(qc, id),
  });
}
