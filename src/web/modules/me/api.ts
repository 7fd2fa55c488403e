import { z } from 'zod';
import {
  apiTokenCreatedSchema,
  apiTokenSchema,
  meSchema,
  recoveryCodesSchema,
  twoFactorSetupSchema,
  type API_TOKEN_SCOPES,
} from '../../../shared/auth.schema';
import { okSchema } from '../../../shared/common.schema';
import { api } from '../../api/client';

export type TokenScope = (typeof API_TOKEN_SCOPES)[number];
export type Theme = 'light' | 'dark' | 'auto';

export const meApi = {
  get: () => api.get('/api/v1/me', meSchema),
  update: (patch: { name?: string; theme?: Theme }) => api.patch('/api/v1/me', meSchema, patch),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post('/api/v1/me/password', okSchema, { currentPassword, newPassword }),
  setupTwoFactor: () => api.post('/api/v1/me/2fa/setup', twoFactorSetupSchema),
  enableTwoFactor: (code: string) => api.post('/api/v1/me/2fa/enable', recoveryCodesSchema, { code }),
  disableTwoFactor: (password: string) => api.post('/api/v1/me/2fa/disable', okSchema, { password }),
  tokens: () => api.get('/api/v1/me/tokens', z.object({ items: z.array(apiTokenSchema) })),
  createToken: (input: { name: string; scopes: TokenScope[]; expiresInDays: number | null }) =>
    api.post('/api/v1/me/tokens', apiTokenCreatedSchema, input),
  revokeToken: (id: string) => api.delete(`/api/v1/me/tokens/${id}`, okSchema),
};
