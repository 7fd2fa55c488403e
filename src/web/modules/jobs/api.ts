import { jobStatusSchema, type JobStatus } from '../../../shared/exchange.schema';
import { api } from '../../api/client';

export const jobsApi = {
  get: (id: string, signal?: AbortSignal) =>
    api.get(`/api/v1/jobs/${encodeURIComponent(id)}`, jobStatusSchema, undefined, signal),
};

export type { JobStatus };
