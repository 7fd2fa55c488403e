import { z } from 'zod';
import { okSchema } from '../../../shared/common.schema';
import { documentSchema, type DocumentRecord } from '../../../shared/documents.schema';
import { api, upload } from '../../api/client';

export interface DocumentInput {
  title: string;
  type: string;
  status: string;
  url: string;
  notes: string;
  eventId: string | null;
}

const id = (v: string) => encodeURIComponent(v);

export const documentsApi = {
  list: (query: { organizationId?: string; eventId?: string }) =>
    api.get('/api/v1/documents', z.object({ items: z.array(documentSchema) }), query),
  create: (input: DocumentInput & { organizationId: string }) =>
    api.post('/api/v1/documents', documentSchema, input),
  update: (docId: string, patch: Partial<DocumentInput> & { version: number }) =>
    api.patch(`/api/v1/documents/${id(docId)}`, documentSchema, patch),
  remove: (docId: string) => api.delete(`/api/v1/documents/${id(docId)}`, okSchema),
  uploadFile: (docId: string, file: File, onProgress?: (loaded: number, total: number) => void) =>
    upload(`/api/v1/documents/${id(docId)}/file`, file, {
      method: 'PUT',
      schema: documentSchema,
      onProgress,
    }),
  fileUrl: (docId: string) => `/api/v1/documents/${id(docId)}/file`,
};

export type { DocumentRecord };
