import { useMutation } from '@tanstack/react-query';
import { exchangeApi, type ImportMapping } from './api';

export function useImportPreview() {
  return useMutation({
    mutationFn: (v: { file: File; onProgress: (percent: number) => void }) =>
      exchangeApi.preview(v.file, (loaded, total) =>
        v.onProgress(total ? Math.round((loaded / total) * 100) : 0),
      ),
  });
}

export function useStartImport() {
  return useMutation({
    mutationFn: (v: { uploadId: string; mapping: ImportMapping; dryRun: boolean }) => exchangeApi.start(v),
  });
}
