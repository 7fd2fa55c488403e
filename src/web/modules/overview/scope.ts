/**
 * The Overview's scope controls and their place in the address bar (year, event, include archived, follow-up
 * window), so a view can be shared, reloaded and stepped through with the back button. Only what differs from
 * the defaults is written; anything malformed in the address falls back to the default, as the server does.
 */
import { idSchema } from '../../../shared/common.schema';
import { WINDOW_DAYS } from '../../../shared/partnerships/actionQueue';
import type { Query } from '../../api/client';

/** `auto` is the latest year with an event (decision 2); `all` spans every year. */
export type YearChoice = 'auto' | 'all' | number;

export interface OverviewScopeParams {
  year: YearChoice;
  eventId: string | null;
  includeArchived: boolean;
  windowDays: number;
}

export const DEFAULT_SCOPE: OverviewScopeParams = {
  year: 'auto',
  eventId: null,
  includeArchived: false,
  windowDays: WINDOW_DAYS.default,
};

const SCOPE_PARAMS = ['year', 'eventId', 'includeArchived', 'windowDays'] as const;

function yearFrom(raw: string | null): YearChoice {
  if (raw === 'all') return 'all';
  const n = Number(raw);
  return raw && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : 'auto';
}

function windowFrom(raw: string | null): number {
  const n = Number(raw);
  if (raw === null || raw === '' || !Number.isInteger(n)) return WINDOW_DAYS.default;
  return Math.min(WINDOW_DAYS.max, Math.max(WINDOW_DAYS.min, n));
}

export function scopeFromParams(p: URLSearchParams): OverviewScopeParams {
  const eventId = p.get('eventId');
  return {
    year: yearFrom(p.get('year')),
    eventId: eventId && idSchema.safeParse(eventId).success ? eventId : null,
    includeArchived: p.get('includeArchived') === 'true',
    windowDays: windowFrom(p.get('windowDays')),
  };
}

/** The scope as address parameters (defaults left out), keeping any other parameters of `base`. */
export function scopeToParams(s: OverviewScopeParams, base?: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const k of SCOPE_PARAMS) p.delete(k);
  if (s.year !== 'auto') p.set('year', String(s.year));
  if (s.eventId) p.set('eventId', s.eventId);
  if (s.includeArchived) p.set('includeArchived', 'true');
  if (s.windowDays !== WINDOW_DAYS.default) p.set('windowDays', String(s.windowDays));
  return p;
}

/** The query string of GET /api/v1/partnerships/overview for a scope. */
export function scopeQuery(s: OverviewScopeParams): Query {
  return {
    year: String(s.year),
    eventId: s.eventId ?? undefined,
    includeArchived: s.includeArchived ? 'true' : undefined,
    windowDays: s.windowDays,
  };
}

/** The window choices, with the current one added when the address asked for another (e.g. 60). */
export function windowOptions(current: number): number[] {
  const options: number[] = [...WINDOW_DAYS.options];
  if (!options.includes(current)) options.push(current);
  return options.sort((a, b) => a - b);
}
