import { z } from 'zod';
import { okSchema, pageSchema } from '../../../shared/common.schema';
import { partnerConsultantsSchema } from '../../../shared/consultants.schema';
import { linkSchema, type Link } from '../../../shared/links.schema';
import type { duplicateMatchSchema, trashItemSchema } from '../../../shared/partnerLifecycle.schema';
import {
  deleteImpactSchema,
  duplicatesSchema,
  partnerBulkResultSchema,
  partnerListPageSchema,
  trashPageSchema,
  type DeleteImpact,
  type PartnerBulk,
} from '../../../shared/partnerLifecycle.schema';
import {
  savedFilterSchema,
  type SavedFilter,
  type SavedFilterModule,
} from '../../../shared/savedFilters.schema';
import {
  contactSchema,
  filterOptionsSchema,
  partnerSchema,
  type Contact,
  type Partner,
  type PartnerCreate,
} from '../../../shared/partners.schema';
import { api, parseErrorResponse, request, type Query } from '../../api/client';

export interface ContactInput {
  firstName: string;
  lastName: string;
  title: string;
  email: string;
  phone: string;
  mobile: string;
  linkedin: string;
  isPrimary: boolean;
  notes: string;
}

const id = (v: string) => encodeURIComponent(v);

export const partnersApi = {
  list: (query: Query, signal?: AbortSignal) =>
    api.get('/api/v1/partners', partnerListPageSchema, query, signal),
  get: (partnerId: string) => api.get(`/api/v1/partners/${id(partnerId)}`, partnerSchema),
  create: (input: Partial<PartnerCreate> & { name: string }) =>
    api.post('/api/v1/partners', partnerSchema, input),
  update: (partnerId: string, patch: Partial<PartnerCreate> & { version: number }) =>
    api.patch(`/api/v1/partners/${id(partnerId)}`, partnerSchema, patch),
  archive: (partnerId: string) => api.post(`/api/v1/partners/${id(partnerId)}/archive`, partnerSchema),
  unarchive: (partnerId: string) => api.post(`/api/v1/partners/${id(partnerId)}/unarchive`, partnerSchema),
  filterOptions: () => api.get('/api/v1/partners/filter-options', filterOptionsSchema),

  contacts: (partnerId: string) =>
    api.get(`/api/v1/partners/${id(partnerId)}/contacts`, partnerConsultantsSchema),
  createContact: (partnerId: string, input: ContactInput) =>
    api.post(`/api/v1/partners/${id(partnerId)}/contacts`, contactSchema, input),
  updateContact: (partnerId: string, contactId: string, patch: Partial<ContactInput> & { version: number }) =>
    api.patch(`/api/v1/partners/${id(partnerId)}/contacts/${id(contactId)}`, contactSchema, patch),
  removeContact: (partnerId: string, contactId: string) =>
    api.delete(`/api/v1/partners/${id(partnerId)}/contacts/${id(contactId)}`, okSchema),

  /** The partner's event involvements (a partner has a few dozen at most: one page of 200). */
  links: (partnerId: string) =>
    api.get('/api/v1/links', pageSchema(linkSchema), { organizationId: partnerId, limit: 200 }),
};

export type { Contact, Link, Partner };

/** Partner management around the record: duplicates, delete impact, trash, bulk actions, export. */
export const partnerLifecycleApi = {
  duplicates: (
    query: { name: string; website: string; email: string; excludeId?: string },
    signal?: AbortSignal,
  ) => api.get('/api/v1/partners/duplicates', duplicatesSchema, query, signal),
  impact: (partnerId: string) => api.get(`/api/v1/partners/${id(partnerId)}/impact`, deleteImpactSchema),
  remove: (partnerId: string, related: 'delete' | 'unlink') =>
    request(`/api/v1/partners/${id(partnerId)}`, {
      method: 'DELETE',
      query: { related },
      schema: deleteImpactSchema,
    }),
  trash: (query: Query, signal?: AbortSignal) =>
    api.get('/api/v1/partners/trash', trashPageSchema, query, signal),
  restore: (partnerId: string) => api.post(`/api/v1/partners/${id(partnerId)}/restore`, okSchema),
  bulk: (input: PartnerBulk) => api.post('/api/v1/partners/bulk', partnerBulkResultSchema, input),
  /**
   * Downloads the selected partners (ids) or all the filter matches as CSV or XLSX. A POST (a selection can
   * be long), so it is fetched here and handed to the browser as a file.
   */
  exportFile: async (
    body: { format: 'csv' | 'xlsx'; ids?: string[]; filter?: Query },
    csrfToken: string | null,
  ): Promise<void> => {
    const res = await fetch('/api/v1/partners/export', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw parseErrorResponse(res.status, await res.text());
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name ?? `partners.${body.format}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

export const savedFiltersApi = {
  list: (module: SavedFilterModule) =>
    api.get('/api/v1/saved-filters', z.object({ items: z.array(savedFilterSchema) }), { module }),
  create: (input: {
    module: SavedFilterModule;
    name: string;
    shared: boolean;
    isDefault: boolean;
    filter: Record<string, string>;
  }) => api.post('/api/v1/saved-filters', savedFilterSchema, input),
  update: (
    filterId: string,
    patch: {
      version: number;
      name?: string;
      shared?: boolean;
      isDefault?: boolean;
      filter?: Record<string, string>;
    },
  ) => api.patch(`/api/v1/saved-filters/${id(filterId)}`, savedFilterSchema, patch),
  remove: (filterId: string) => api.delete(`/api/v1/saved-filters/${id(filterId)}`, okSchema),
};

export type { DeleteImpact, PartnerBulk, SavedFilter };
export type TrashItem = z.infer<typeof trashItemSchema>;
export type DuplicateMatch = z.infer<typeof duplicateMatchSchema>;
