/** The Overview's query keys, shared by its hooks and the prefetch the router starts. */
import type { OverviewScopeParams } from './scope';

export const OVERVIEW_KEY = ['overview'] as const;
export const REPORT_KEY = [...OVERVIEW_KEY, 'report'] as const;
export const overviewReportKey = (scope: OverviewScopeParams) => [...REPORT_KEY, scope] as const;
export const annualGoalsKey = [...OVERVIEW_KEY, 'annual-goals'] as const;

/** A report younger than this is shown as it is when the page opens again. */
export const REPORT_STALE_MS = 15_000;

/** The page's address and its report's API path (early.js, the router and the prefetch check them). */
export const OVERVIEW_PATH = '/partnerships/overview';
export const OVERVIEW_API = '/api/v1/partnerships/overview';
