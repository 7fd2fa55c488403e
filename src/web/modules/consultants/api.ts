import { consultantPageSchema } from '../../../shared/consultants.schema';
import { api, type Query } from '../../api/client';

export const consultantsApi = {
  /** People across the partners the caller may see. */
  list: (query: Query, signal?: AbortSignal) =>
    api.get('/api/v1/consultants', consultantPageSchema, query, signal),
};
