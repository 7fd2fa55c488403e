import { z } from 'zod';
import { importPreviewSchema } from '../../../shared/exchange.schema';
import type { ExchangeKey } from '../../../shared/exchange.schema';
import { api, upload, withQuery, type Query } from '../../api/client';

export type ImportPreview = z.infer<typeof importPreviewSchema>;
export type ImportMapping = Record<string, ExchangeKey | null>;

export const exchangeApi = {
  /** The download address of the row-model export (the browser fetches it with the session cookie). */
  exportUrl: (format: 'csv' | 'xlsx', query: Query) =>
    withQuery('/api/v1/partnerships/export', { ...query, format }),
  preview: (file: File, onProgress?: (loaded: number, total: number) => void) =>
    upload('/api/v1/partnerships/import/preview', file, { schema: importPreviewSchema, onProgress }),
  start: (input: { uploadId: string; mapping: ImportMapping; dryRun: boolean }) =>
    api.post('/api/v1/partnerships/import', z.object({ jobId: z.string() }), input),
};
