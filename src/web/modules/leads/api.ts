import { okSchema } from '../../../shared/common.schema';
import {
  leadConversionSchema,
  leadPageSchema,
  leadSchema,
  type Lead,
  type LeadConvert,
  type LeadCreate,
} from '../../../shared/leads.schema';
import { api, type Query } from '../../api/client';

const id = (v: string) => encodeURIComponent(v);

export type LeadInput = Partial<Omit<LeadCreate, 'name'>> & { name: string };
/** What the convert form sends: the schema's input (its defaults filled in by the server). */
export type LeadConvertInput = Partial<Omit<LeadConvert, 'version'>>;

export const leadsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get('/api/v1/leads', leadPageSchema, query, signal),
  create: (input: LeadInput) => api.post('/api/v1/leads', leadSchema, input),
  update: (leadId: string, patch: Partial<LeadCreate> & { version: number }) =>
    api.patch(`/api/v1/leads/${id(leadId)}`, leadSchema, patch),
  convert: (leadId: string, body: LeadConvertInput & { version: number }) =>
    api.post(`/api/v1/leads/${id(leadId)}/convert`, leadConversionSchema, body),
  remove: (leadId: string) => api.delete(`/api/v1/leads/${id(leadId)}`, okSchema),
};

export type { Lead };
