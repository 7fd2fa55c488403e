import { z } from 'zod';
import {
  demoAccountsSchema,
  loginResultSchema,
  sessionSchema,
  type SessionInfo,
} from '../../../shared/auth.schema';
import { okSchema } from '../../../shared/common.schema';
import { api, ApiError } from '../../api/client';

export const authApi = {
  /** The current session, or null when signed out. */
  session: async (): Promise<SessionInfo | null> => {
    try {
      return await api.get('/api/v1/auth/session', sessionSchema);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  login: (email: string, password: string) =>
    api.post('/api/v1/auth/login', loginResultSchema, { email, password }),
  loginTwoFactor: (code: string) => api.post('/api/v1/auth/login/2fa', loginResultSchema, { code }),
  logout: () => api.post('/api/v1/auth/logout', okSchema),
  demoAccounts: () => api.get('/api/v1/auth/demo-accounts', demoAccountsSchema),
  requestReset: (email: string) =>
    api.post('/api/v1/auth/password-reset', z.object({ message: z.string() }), { email }),
  confirmReset: (token: string, password: string) =>
    api.post('/api/v1/auth/password-reset/confirm', okSchema, { token, password }),
};
