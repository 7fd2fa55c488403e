import { z } from 'zod';
import { importPreviewSchema } from '../../../shared/exchange.schema';
import { recordImportPreviewSchema, type RecordImportStart } from '../../../shared/imports.schema';
import { api, upload, withQuery, type Query } from '../../api/client';
import type { ImportKindDef } from './importKinds';

/** What the wizard needs of a preview, whichever kind of import answered it. */
export interface ImportPreview {
  uploadId: string;
  fileName: string;
  headers: string[];
  mapping: ImportMapping;
  sample: Record<string, string>[];
  rowCount: number;
}
/** File header → the column key it feeds, or null to leave it out. */
export type ImportMapping = Record<string, string | null>;

export interface ImportStartInput {
  uploadId: string;
  mapping: ImportMapping;
  dryRun: boolean;
  /** Record imports only. */
  duplicates?: RecordImportStart['duplicates'];
}

export const exchangeApi = {
  /** The download address of the row-model export (the browser fetches it with the session cookie). */
  exportUrl: (format: 'csv' | 'xlsx', query: Query) =>
    withQuery('/api/v1/partnerships/export', { ...query, format }),
  preview: (
    kind: ImportKindDef,
    file: File,
    onProgress?: (loaded: number, total: number) => void,
  ): Promise<ImportPreview> =>
    upload(`${kind.path}/preview`, file, {
      schema: kind.key === 'partnerships' ? importPreviewSchema : recordImportPreviewSchema,
      onProgress,
    }),
  start: (kind: ImportKindDef, input: ImportStartInput) =>
    api.post(kind.path, z.object({ jobId: z.string() }), input),
};
