import { okSchema, pageSchema } from '../../../shared/common.schema';
import { communicationSchema, type Communication } from '../../../shared/communications.schema';
import { api } from '../../api/client';

export interface CommunicationInput {
  subject?: string;
  summary?: string;
  channel?: string;
  direction?: 'inbound' | 'outbound';
  occurredAt?: string;
  followUpDate?: string | null;
  eventId?: string | null;
  contactId?: string | null;
}

export interface CommunicationFilter {
  partnerId?: string;
  eventId?: string;
}

const page = pageSchema(communicationSchema);

export const communicationsApi = {
  list: (f: CommunicationFilter & { cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
    api.get(
      '/api/v1/communications',
      page,
      { organizationId: f.partnerId, eventId: f.eventId, cursor: f.cursor, limit: f.limit ?? 20 },
      signal,
    ),
  get: (id: string) => api.get(`/api/v1/communications/${id}`, communicationSchema),
  create: (input: CommunicationInput & { organizationId: string; summary: string }) =>
    api.post('/api/v1/communications', communicationSchema, input),
  update: (id: string, patch: CommunicationInput & { version: number }) =>
    api.patch(`/api/v1/communications/${id}`, communicationSchema, patch),
  followUpDone: (id: string, done: boolean, version: number) =>
    api.post(`/api/v1/communications/${id}/follow-up-done`, communicationSchema, { done, version }),
  remove: (id: string) => api.delete(`/api/v1/communications/${id}`, okSchema),
};

export type { Communication };
