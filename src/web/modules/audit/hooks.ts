import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { auditApi, type AuditFilters } from './api';

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) => auditApi.list(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export function useVerifyChain() {
  return useMutation({ mutationFn: auditApi.verify });
}
