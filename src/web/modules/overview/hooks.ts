import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionItem, Overview } from '../../../shared/overview.schema';
import { errorMessage } from '../../api/client';
import { useFollowUpDone, useSaveCommunication } from '../communications/hooks';
import { linksApi } from '../links/api';
import { refreshAfterLinkChange } from '../links/hooks';
import { overviewApi } from './api';
import { annualGoalsKey, OVERVIEW_KEY, overviewReportKey, REPORT_KEY, REPORT_STALE_MS } from './keys';
import { leavesQueue, withoutItem, type QueueChange } from './queue';
import type { OverviewScopeParams } from './scope';

/** The report for a scope; while another scope loads, the previous figures stay on screen. */
export function useOverview(scope: OverviewScopeParams) {
  return useQuery({
    queryKey: overviewReportKey(scope),
    queryFn: ({ signal }) => overviewApi.get(scope, signal),
    placeholderData: keepPreviousData,
    staleTime: REPORT_STALE_MS,
  });
}

export function useAnnualGoals() {
  return useQuery({ queryKey: annualGoalsKey, queryFn: ({ signal }) => overviewApi.goals(signal) });
}

export function useSetAnnualGoal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { year: number; amount: number; version: number | null }) =>
      overviewApi.setGoal(v.year, v.amount, v.version),
    onSuccess: () => qc.invalidateQueries({ queryKey: OVERVIEW_KEY }),
  });
}

export function useClearAnnualGoal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (year: number) => overviewApi.clearGoal(year),
    onSuccess: () => qc.invalidateQueries({ queryKey: OVERVIEW_KEY }),
  });
}

export interface QueueActionVars {
  item: ActionItem;
  change: QueueChange;
  /** The scope's "today" and window, to tell whether the item leaves the queue. */
  today: string;
  windowDays: number;
  /** What to tell the user when it worked. */
  message: string;
}

/**
 * An inline change from the action queue: mark done, a new follow-up date, a new status. When the change
 * resolves the item it leaves every cached report at once (and the counts drop); the server's figures
 * follow with the refetch, and a refused change puts everything back. The outcome is told here rather than
 * by the item, which is gone by then.
 */
export function useQueueAction() {
  const qc = useQueryClient();
  const followUpDone = useFollowUpDone();
  const saveCommunication = useSaveCommunication();
  return useMutation({
    mutationFn: async ({ item, change }: QueueActionVars): Promise<unknown> => {
      const { sourceId: id, version } = item;
      if (item.source === 'communication') {
        if (change.kind === 'done') return followUpDone.mutateAsync({ id, done: true, version });
        if (change.kind === 'followUp')
          return saveCommunication.mutateAsync({ id, version, input: { followUpDate: change.date } });
        throw new Error('A communication has no status to change.');
      }
      if (change.kind === 'status') return linksApi.changeStatus(id, change.status, version);
      // Done on a link clears its follow-up date (a link has no done flag).
      const followUpDate = change.kind === 'done' ? null : change.date;
      return linksApi.update(id, { followUpDate, version });
    },
    onMutate: async ({ item, change, today, windowDays }) => {
      if (!leavesQueue(item, change, today, windowDays)) return { before: [] };
      await qc.cancelQueries({ queryKey: REPORT_KEY });
      const before = qc.getQueriesData<Overview>({ queryKey: REPORT_KEY });
      for (const [key, data] of before) if (data) qc.setQueryData<Overview>(key, withoutItem(data, item.id));
      return { before };
    },
    onSuccess: (_r, { message }) => notifications.show({ color: 'teal', message }),
    onError: (e, _v, ctx) => {
      for (const [key, data] of ctx?.before ?? []) qc.setQueryData(key, data);
      notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) });
    },
    onSettled: (_r, _e, { item }) =>
      item.source === 'partner_link'
        ? refreshAfterLinkChange(qc, item.sourceId)
        : qc.invalidateQueries({ queryKey: OVERVIEW_KEY }),
  });
}
