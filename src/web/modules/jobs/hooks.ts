import { useQuery } from '@tanstack/react-query';
import { jobsApi, type JobStatus } from './api';

export const isFinished = (j: JobStatus | undefined) =>
  j !== undefined && (j.status === 'done' || j.status === 'failed' || j.status === 'dead');

/** A background job's progress, polled every ~second until it finishes (imports, mail merges). */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: ({ signal }) => jobsApi.get(id!, signal),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 700),
  });
}

/** Progress as a percentage (0 while the total is unknown). */
export function jobPercent(j: JobStatus | undefined): number {
  if (!j) return 0;
  if (j.status === 'done') return 100;
  return j.progressTotal > 0 ? Math.min(100, Math.round((j.progressDone / j.progressTotal) * 100)) : 0;
}
