import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  syncResultSchema,
  type SheetsConfigInput,
  type SyncMode,
  type SyncResult,
} from '../../../shared/sheets.schema';
import { isFinished, useJob } from '../jobs/hooks';
import { sheetsApi } from './api';

export function useSheetsStatus() {
  return useQuery({
    queryKey: ['sheets', 'status'],
    queryFn: ({ signal }) => sheetsApi.status(false, signal),
  });
}

/** Asks the server to open the sheet now; the answer becomes the status. */
export function useRecheckAccess() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => sheetsApi.status(true),
    onSuccess: (s) => qc.setQueryData(['sheets', 'status'], s),
  });
}

export function useSheetsConfig(enabled: boolean) {
  return useQuery({
    queryKey: ['sheets', 'config'],
    queryFn: ({ signal }) => sheetsApi.config(signal),
    enabled,
  });
}

export function useSaveSheetsConfig() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SheetsConfigInput) => sheetsApi.saveConfig(input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['sheets'] }),
  });
}

export function useSheetConflicts(status: 'open' | 'resolved' | 'all') {
  return useQuery({
    queryKey: ['sheets', 'conflicts', status],
    queryFn: ({ signal }) => sheetsApi.conflicts(status, signal),
  });
}

export function useResolveConflict() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; winner: 'sheet' | 'crm' }) => sheetsApi.resolve(v.id, v.winner),
    onSuccess: () => {
      for (const key of ['sheets', 'partners', 'links', 'events', 'overview'])
        void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

export type SyncStart = { kind: 'google'; mode: SyncMode } | { kind: 'file'; file: File };

/**
 * A push / pull / merge (or a file pull) and its job: start it, follow its progress, keep its result. A job
 * already running (started elsewhere) is followed too, so the buttons stay disabled and the bar shows.
 */
export function useSheetsSync(runningJobId: string | null = null) {
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const followed = jobId ?? runningJobId;
  const job = useJob(followed);
  const start = useMutation({
    mutationFn: (s: SyncStart) => (s.kind === 'google' ? sheetsApi.sync(s.mode) : sheetsApi.pullFile(s.file)),
    onSuccess: (r) => setJobId(r.jobId),
  });
  const finished = isFinished(job.data);
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!finished || !followed || done.current === followed) return;
    done.current = followed;
    for (const key of ['sheets', 'partners', 'links', 'events', 'overview'])
      void qc.invalidateQueries({ queryKey: [key] });
  }, [finished, followed, qc]);
  const parsed = syncResultSchema.safeParse(job.data?.result);
  const result: SyncResult | null = job.data?.status === 'done' && parsed.success ? parsed.data : null;
  return {
    start: (s: SyncStart) => start.mutate(s),
    starting: start.isPending,
    startError: start.error,
    job: job.data,
    running: start.isPending || (!!followed && !!job.data && !finished) || (!!followed && job.isPending),
    result,
    failed: job.data && (job.data.status === 'dead' || job.data.status === 'failed') ? job.data.error : null,
    reset: () => {
      start.reset();
      setJobId(null);
    },
  };
}
