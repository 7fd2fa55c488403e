import { auditEntrySchema, auditVerifySchema, type AuditAction } from '../../../shared/audit.schema';
import { pageSchema } from '../../../shared/common.schema';
import { api } from '../../api/client';

export interface AuditFilters {
  entity?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: AuditAction | null;
  from?: string | null;
  to?: string | null;
}

const auditPage = pageSchema(auditEntrySchema);

export const auditApi = {
  list: (f: AuditFilters, cursor: string | null, signal?: AbortSignal) =>
    api.get('/api/v1/audit', auditPage, { ...f, limit: 50, cursor }, signal),
  verify: () => api.get('/api/v1/audit/verify', auditVerifySchema),
};
