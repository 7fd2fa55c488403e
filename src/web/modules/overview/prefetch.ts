/**
 * Asks for the Overview's report while the page's code is still downloading, instead of after it: the router
 * calls this when it starts loading the page. Small on purpose (it sits in the main bundle); the API client
 * and schemas come on demand, shared with the page.
 */
import { queryClient } from '../../app/queryClient';
import { overviewReportKey, REPORT_STALE_MS } from './keys';
import { scopeFromParams } from './scope';

export function prefetchOverview(): void {
  if (!window.location.pathname.startsWith('/partnerships/overview')) return;
  const scope = scopeFromParams(new URLSearchParams(window.location.search));
  void queryClient.prefetchQuery({
    queryKey: overviewReportKey(scope),
    queryFn: ({ signal }) => import('./api').then((m) => m.overviewApi.get(scope, signal)),
    staleTime: REPORT_STALE_MS,
  });
}
