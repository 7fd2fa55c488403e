import { okSchema, pageSchema } from '../../../shared/common.schema';
import { partnerConsultantsSchema } from '../../../shared/consultants.schema';
import { linkSchema, type Link } from '../../../shared/links.schema';
import { partnerListPageSchema } from '../../../shared/partnerLifecycle.schema';
import {
  contactSchema,
  filterOptionsSchema,
  partnerSchema,
  type Contact,
  type Partner,
  type PartnerCreate,
} from '../../../shared/partners.schema';
import { api, type Query } from '../../api/client';

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
