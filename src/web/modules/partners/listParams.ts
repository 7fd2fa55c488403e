/**
 * The partners list's state (search, sort and a filter on every field the API filters by) as address
 * parameters, so a filtered view can be linked, reloaded and saved as a saved filter: the saved filter holds
 * exactly these parameters. Malformed values are dropped rather than sent to the server.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { idSchema } from '../../../shared/common.schema';
import { PARTNER_SORTS, PARTNER_STATUSES, VISIBILITIES } from '../../../shared/partners.schema';
import type { Query } from '../../api/client';

export const LIST_PARAMS = [
  'q',
  'sort',
  'ownerId',
  'levelId',
  'level',
  'partnerStatus',
  'country',
  'tags',
  'industry',
  'city',
  'region',
  'visibility',
  'isCustomer',
  'isAlumni',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
  'includeArchived',
] as const;
export type ListParam = (typeof LIST_PARAMS)[number];
export type ListState = Partial<Record<ListParam, string>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BOOL = (v: string) => v === 'true' || v === 'false';
const text = (max: number) => (v: string) => v.trim().length > 0 && v.length <= max;
const SORT = new RegExp(`^-?(${PARTNER_SORTS.join('|')})$`);

const VALID: Record<ListParam, (v: string) => boolean> = {
  q: text(200),
  sort: (v) => SORT.test(v),
  ownerId: (v) => idSchema.safeParse(v).success,
  levelId: (v) => idSchema.safeParse(v).success,
  level: (v) => v === 'none',
  partnerStatus: (v) => (PARTNER_STATUSES as readonly string[]).includes(v),
  country: (v) => /^[A-Z]{2}$/.test(v),
  tags: text(400),
  industry: text(100),
  city: text(100),
  region: text(100),
  visibility: (v) => (VISIBILITIES as readonly string[]).includes(v),
  isCustomer: BOOL,
  isAlumni: BOOL,
  createdFrom: (v) => DATE.test(v),
  createdTo: (v) => DATE.test(v),
  updatedFrom: (v) => DATE.test(v),
  updatedTo: (v) => DATE.test(v),
  includeArchived: (v) => v === 'true',
};

/** The list state held by these parameters (or a saved filter's values); anything else is ignored. */
export function stateFrom(source: URLSearchParams | Record<string, unknown>): ListState {
  const get = (k: string): unknown =>
    source instanceof URLSearchParams ? source.get(k) : (source as Record<string, unknown>)[k];
  const out: ListState = {};
  for (const k of LIST_PARAMS) {
    let v = get(k);
    if (Array.isArray(v)) v = v.join(',');
    if (typeof v === 'number' || typeof v === 'boolean') v = String(v);
    if (typeof v === 'string' && VALID[k](v)) out[k] = v;
  }
  return out;
}

/** Whether the address holds any list state at all (then the default saved filter is not applied). */
export function hasListState(p: URLSearchParams): boolean {
  return LIST_PARAMS.some((k) => p.has(k));
}

/** The state as parameters, in one fixed order, keeping other parameters of `base`. */
export function stateToParams(s: ListState, base?: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const k of LIST_PARAMS) p.delete(k);
  for (const k of LIST_PARAMS) {
    const v = s[k];
    if (v !== undefined && v !== '') p.set(k, v);
  }
  return p;
}

/** Two states mean the same view (the default sort is by name either way). */
export function sameState(a: ListState, b: ListState): boolean {
  const norm = (s: ListState) =>
    stateToParams({ ...s, sort: s.sort === 'name' ? undefined : s.sort }).toString();
  return norm(a) === norm(b);
}

/** The filters that narrow the list (search included; sort and "include archived" are not filters). */
export function filterCount(s: ListState): number {
  const dates = (from?: string, to?: string) => (from || to ? 1 : 0);
  const { sort: _s, includeArchived: _a, createdFrom, createdTo, updatedFrom, updatedTo, level, ...rest } = s;
  return (
    Object.values(rest).filter(Boolean).length +
    (level && !s.levelId ? 1 : 0) +
    dates(createdFrom, createdTo) +
    dates(updatedFrom, updatedTo)
  );
}

/** The query of GET /api/v1/partners (and of the export's filter). */
export function listQueryOf(s: ListState): Query {
  return { ...s };
}

/** The current list state of the address and ways to change it (a change pushes a history entry). */
export function useListState(): {
  state: ListState;
  params: URLSearchParams;
  set: (
    patch: ListState | Partial<Record<ListParam, string | null | undefined>>,
    opts?: { replace?: boolean },
  ) => void;
  replaceAll: (next: ListState, opts?: { replace?: boolean }) => void;
} {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const current = useMemo(() => new URLSearchParams(key), [key]);
  const state = useMemo(() => stateFrom(current), [current]);
  // The address last asked for. Changes build on it, not on the rendered one: a navigation still under way
  // (a second filter picked before the first one's list rendered) would otherwise be undone.
  const latest = useRef(current);
  useEffect(() => {
    latest.current = current;
  }, [current]);
  const go = useCallback(
    (next: URLSearchParams, replace: boolean) => {
      latest.current = next;
      setParams(next, { replace });
    },
    [setParams],
  );
  const set = useCallback(
    (patch: Partial<Record<ListParam, string | null | undefined>>, opts?: { replace?: boolean }) => {
      const prev = latest.current;
      const next: Record<string, string | undefined> = { ...stateFrom(prev) };
      for (const [k, v] of Object.entries(patch)) next[k] = v ?? undefined;
      go(stateToParams(stateFrom(next), prev), opts?.replace ?? false);
    },
    [go],
  );
  const replaceAll = useCallback(
    (next: ListState, opts?: { replace?: boolean }) =>
      go(stateToParams(next, latest.current), opts?.replace ?? false),
    [go],
  );
  return { state, params: current, set, replaceAll };
}
