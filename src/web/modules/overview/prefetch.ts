/**
 * Asks for the Overview's report while the page's code is still downloading, instead of after it (or takes
 * the answer src/web/early.js already asked for): the router calls this when it starts loading the page. Small on purpose (it sits in the main bundle); the API client
 * and schemas come on demand, shared with the page.
 */
import { claimEarly } from '../../api/early';
import { queryClient } from '../../app/queryClient';
import { OVERVIEW_API, OVERVIEW_PATH, overviewReportKey, REPORT_STALE_MS } from './keys';
import { scopeFromParams } from './scope';

/** Whether the browser was opened at the Overview's address. */
export const atOverview = (): boolean => window.location.pathname.startsWith(OVERVIEW_PATH);

export function prefetchOverview(): void {
  if (!atOverview()) return;
  const { search } = window.location;
  const scope = scopeFromParams(new URLSearchParams(search));
  // src/web/early.js asked for the address's own query; the server reads it as this scope.
  const early = claimEarly(`${OVERVIEW_API}${search}`);
  void queryClient.prefetchQuery({
    queryKey: overviewReportKey(scope),
    queryFn: ({ signal }) => import('./api').then((m) => m.overviewApi.get(scope, signal, early)),
    staleTime: REPORT_STALE_MS,
  });
}
