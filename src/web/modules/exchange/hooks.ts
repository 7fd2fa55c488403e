import { useMutation } from '@tanstack/react-query';
import { exchangeApi, type ImportStartInput } from './api';
import type { ImportKindDef } from './importKinds';

export function useImportPreview(kind: ImportKindDef) {
  return useMutation({
    mutationFn: (v: { file: File; onProgress: (percent: number) => void }) =>
      exchangeApi.preview(kind, v.file, (loaded, total) =>
        v.onProgress(total ? Math.round((loaded / total) * 100) : 0),
      ),
  });
}

export function useStartImport(kind: ImportKindDef) {
  return useMutation({
    mutationFn: (v: ImportStartInput) => exchangeApi.start(kind, v),
  });
}
