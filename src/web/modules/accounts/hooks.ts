import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { keysetPaging } from '../../ui/scopedPages';
import { partnerKey } from '../partners/hooks';
import { accountsApi, type Account, type AccountInput } from './api';

export const ACCOUNTS_KEY = ['accounts'] as const;

function refreshAfterAccountChange(qc: QueryClient, partnerId: string, accountId: string) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: ACCOUNTS_KEY }),
    qc.invalidateQueries({ queryKey: ['history', 'account', accountId] }),
    qc.invalidateQueries({ queryKey: partnerKey(partnerId) }),
  ]);
}

export function useManagedAccounts(partnerId: string) {
  return useInfiniteQuery({
    queryKey: [...ACCOUNTS_KEY, 'managed', partnerId],
    queryFn: ({ pageParam, signal }) =>
      accountsApi.list({ managedById: partnerId, sort: 'name', limit: 50, cursor: pageParam }, signal),
    ...keysetPaging,
  });
}

/** Accounts to pick from by name (the link dialog's search). */
export function useAccountSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ACCOUNTS_KEY, 'search', q],
    queryFn: ({ signal }) => accountsApi.list({ q: q || undefined, limit: 20 }, signal),
    enabled,
    placeholderData: (prev) => prev,
    staleTime: 30_000,
  });
}

/** Link an existing account to the partner, or create a new one managed by it. */
export function useLinkAccount(partnerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { account: Account; since?: string } | { create: AccountInput }): Promise<Account> =>
      'create' in v
        ? accountsApi.create({ ...v.create, managedById: partnerId })
        : accountsApi.link(partnerId, v.account, v.since),
    onSuccess: (a) => refreshAfterAccountChange(qc, partnerId, a.id),
  });
}

export function useUnlinkAccount(partnerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (account: Account) => accountsApi.unlink(partnerId, account),
    onSuccess: (a) => refreshAfterAccountChange(qc, partnerId, a.id),
  });
}
