import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { documentsApi, type DocumentInput } from './api';

export const DOCUMENTS_KEY = ['documents'] as const;
export const partnerDocumentsKey = (partnerId: string) => [...DOCUMENTS_KEY, 'partner', partnerId] as const;

export function usePartnerDocuments(partnerId: string) {
  return useQuery({
    queryKey: partnerDocumentsKey(partnerId),
    queryFn: () => documentsApi.list({ organizationId: partnerId }),
  });
}

export function useSaveDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      id?: string;
      version?: number;
      organizationId: string;
      input: Partial<DocumentInput>;
    }) =>
      v.id
        ? documentsApi.update(v.id, { ...v.input, version: v.version ?? 1 })
        : documentsApi.create({ ...(v.input as DocumentInput), organizationId: v.organizationId }),
    onSuccess: (doc) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: DOCUMENTS_KEY }),
        qc.invalidateQueries({ queryKey: ['history', 'document', doc.id] }),
      ]),
  });
}

export function useUploadDocumentFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; file: File; onProgress: (percent: number) => void }) =>
      documentsApi.uploadFile(v.id, v.file, (loaded, total) =>
        v.onProgress(total ? Math.round((loaded / total) * 100) : 0),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: DOCUMENTS_KEY }),
  });
}

export function useDeleteDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => documentsApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: DOCUMENTS_KEY }),
  });
}
