import { z } from 'zod';
import { settingsSchema } from '../../../shared/settings.schema';
import { api } from '../../api/client';

export interface SmtpInput {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password?: string;
  fromAddress: string;
  fromName: string;
}

export interface SettingsPatch {
  version: number;
  companyName?: string;
  baseCurrency?: string;
  fiscalYearStartMonth?: number;
  timeZone?: string;
  smtp?: SmtpInput | null;
}

export const settingsApi = {
  get: () => api.get('/api/v1/settings', settingsSchema),
  update: (patch: SettingsPatch) => api.patch('/api/v1/settings', settingsSchema, patch),
  testEmail: (to: string) =>
    api.post('/api/v1/settings/test-email', z.object({ messageId: z.string() }), { to }),
};
