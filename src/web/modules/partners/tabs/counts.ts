/** The detail page's tab counts, from the partner answer with `?with=counts` (one request for all tabs). */
import { useQuery } from '@tanstack/react-query';
import { partnerDetailSchema, type PartnerTabCounts } from '../../../../shared/partnerLifecycle.schema';
import { api } from '../../../api/client';
import { partnerKey } from '../hooks';

export function usePartnerTabCounts(partnerId: string) {
  return useQuery({
    // Under the partner's key, so everything that refreshes the partner refreshes its counts.
    queryKey: [...partnerKey(partnerId), 'counts'],
    queryFn: ({ signal }) =>
      api.get(
        `/api/v1/partners/${encodeURIComponent(partnerId)}`,
        partnerDetailSchema,
        { with: 'counts' },
        signal,
      ),
    select: (p) => p.tabCounts ?? null,
    staleTime: 30_000,
  });
}

export type { PartnerTabCounts };
