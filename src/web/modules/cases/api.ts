import { okSchema } from '../../../shared/common.schema';
import { casePageSchema, caseSchema, type Case, type CaseCreate } from '../../../shared/cases.schema';
import { api, type Query } from '../../api/client';

const id = (v: string) => encodeURIComponent(v);

export type CaseInput = Partial<Omit<CaseCreate, 'subject'>> & { subject: string };

export const casesApi = {
  list: (query: Query, signal?: AbortSignal) => api.get('/api/v1/cases', casePageSchema, query, signal),
  create: (input: CaseInput) => api.post('/api/v1/cases', caseSchema, input),
  update: (caseId: string, patch: Partial<CaseCreate> & { version: number }) =>
    api.patch(`/api/v1/cases/${id(caseId)}`, caseSchema, patch),
  remove: (caseId: string) => api.delete(`/api/v1/cases/${id(caseId)}`, okSchema),
};

export type { Case };
