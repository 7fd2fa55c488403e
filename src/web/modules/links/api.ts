import { okSchema } from '../../../shared/common.schema';
import { partnerConsultantsSchema } from '../../../shared/consultants.schema';
import { pageSchema } from '../../../shared/common.schema';
import { boardSchema, linkSchema, type Link } from '../../../shared/links.schema';
import { partnerListPageSchema } from '../../../shared/partnerLifecycle.schema';
import { api } from '../../api/client';

/** What the link form sends; absent fields keep (or, on create, derive) their value. */
export interface LinkInput {
  status?: string;
  packageTier?: string;
  role?: string;
  amount?: number | null;
  followUpDate?: string | null;
  contactId?: string | null;
  ownerId?: string | null;
  notes?: string;
}

export const linksApi = {
  list: (f: { organizationId?: string; eventId?: string; limit?: number }, signal?: AbortSignal) =>
    api.get('/api/v1/links', pageSchema(linkSchema), { ...f, limit: f.limit ?? 200 }, signal),
  get: (id: string) => api.get(`/api/v1/links/${id}`, linkSchema),
  create: (input: LinkInput & { organizationId: string; eventId: string }) =>
    api.post('/api/v1/links', linkSchema, input),
  update: (id: string, patch: LinkInput & { version: number }) =>
    api.patch(`/api/v1/links/${id}`, linkSchema, patch),
  /** The kanban drag. */
  changeStatus: (id: string, status: string, version: number) =>
    api.post(`/api/v1/links/${id}/status`, linkSchema, { status, version }),
  remove: (id: string) => api.delete(`/api/v1/links/${id}`, okSchema),
  board: (eventId: string, signal?: AbortSignal) =>
    api.get(`/api/v1/events/${eventId}/board`, boardSchema, undefined, signal),
  /** Partners to pick from, by name. */
  partnerOptions: (q: string, signal?: AbortSignal) =>
    api.get(
      '/api/v1/partners',
      partnerListPageSchema,
      { q: q || undefined, limit: 20, sort: 'name' },
      signal,
    ),
  partnerContacts: (partnerId: string, signal?: AbortSignal) =>
    api.get(`/api/v1/partners/${partnerId}/contacts`, partnerConsultantsSchema, undefined, signal),
};

export type { Link };
