import {
  accountPageSchema,
  accountSchema,
  type Account,
  type AccountCreate,
} from '../../../shared/accounts.schema';
import { api, request, type Query } from '../../api/client';

const id = (v: string) => encodeURIComponent(v);

export type AccountInput = Partial<AccountCreate> & { name: string };

export const accountsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get('/api/v1/accounts', accountPageSchema, query, signal),
  create: (input: AccountInput) => api.post('/api/v1/accounts', accountSchema, input),
  /** This partner manages the account from `since` (default today); moves it from another partner. */
  link: (partnerId: string, account: Account, since?: string) =>
    api.put(`/api/v1/partners/${id(partnerId)}/accounts/${id(account.id)}`, accountSchema, {
      version: account.version,
      ...(since ? { since } : {}),
    }),
  unlink: (partnerId: string, account: Account) =>
    request(`/api/v1/partners/${id(partnerId)}/accounts/${id(account.id)}`, {
      method: 'DELETE',
      schema: accountSchema,
      query: { version: account.version },
    }),
};

export type { Account };
