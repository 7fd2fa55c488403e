import {
  conflictListSchema,
  sheetConflictSchema,
  sheetsConfigSchema,
  sheetsStatusSchema,
  syncStartedSchema,
  type SheetsConfigInput,
  type SyncMode,
} from '../../../shared/sheets.schema';
import { api, upload, withQuery } from '../../api/client';

const base = '/api/v1/integrations/sheets';

export const sheetsApi = {
  status: (probe = false, signal?: AbortSignal) =>
    api.get(`${base}/status`, sheetsStatusSchema, { probe: probe ? 'true' : 'false' }, signal),
  config: (signal?: AbortSignal) => api.get(`${base}/config`, sheetsConfigSchema, undefined, signal),
  saveConfig: (input: SheetsConfigInput) => api.put(`${base}/config`, sheetsStatusSchema, input),
  sync: (mode: SyncMode) => api.post(`${base}/sync`, syncStartedSchema, { mode }),
  /** The browser downloads it with the session cookie. */
  fileUrl: (format: 'csv' | 'xlsx') => withQuery(`${base}/file`, { format }),
  pullFile: (file: File, onProgress?: (loaded: number, total: number) => void) =>
    upload(`${base}/file`, file, { schema: syncStartedSchema, onProgress }),
  conflicts: (status: 'open' | 'resolved' | 'all', signal?: AbortSignal) =>
    api.get(`${base}/conflicts`, conflictListSchema, { status }, signal),
  resolve: (id: string, winner: 'sheet' | 'crm') =>
    api.post(`${base}/conflicts/${encodeURIComponent(id)}/resolve`, sheetConflictSchema, { winner }),
};
