/**
 * The directory's filters (reference §3.1) and their place in the address bar, so a filtered list can be
 * shared, reloaded and stepped through with the back button. The mail-merge page reads the same parameters.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { idSchema } from '../../../shared/common.schema';
import type { Query } from '../../api/client';

export interface PartnerFilters {
  q: string;
  status: string | null;
  eventId: string | null;
  packageTier: string | null;
  levelId: string | null;
  isAlumni: 'true' | 'false' | null;
  tag: string | null;
  includeArchived: boolean;
}

export const NO_FILTERS: PartnerFilters = {
  q: '',
  status: null,
  eventId: null,
  packageTier: null,
  levelId: null,
  isAlumni: null,
  tag: null,
  includeArchived: false,
};

const FILTER_PARAMS = Object.keys(NO_FILTERS) as (keyof PartnerFilters)[];

const text = (v: string | null, max: number) => (v && v.trim() ? v.trim().slice(0, max) : null);
const anId = (v: string | null) => (v && idSchema.safeParse(v).success ? v : null);

/** Reads the filters from the address; anything malformed is ignored rather than sent to the server. */
export function filtersFromParams(p: URLSearchParams): PartnerFilters {
  const alumni = p.get('isAlumni');
  return {
    q: (p.get('q') ?? '').slice(0, 200),
    status: text(p.get('status'), 80),
    eventId: anId(p.get('eventId')),
    packageTier: text(p.get('packageTier'), 80),
    levelId: anId(p.get('levelId')),
    isAlumni: alumni === 'true' || alumni === 'false' ? alumni : null,
    tag: text(p.get('tag'), 40),
    includeArchived: p.get('includeArchived') === 'true',
  };
}

/** The filters as address parameters (empty ones left out), keeping any other parameters of `base`. */
export function filtersToParams(f: PartnerFilters, base?: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const k of FILTER_PARAMS) p.delete(k);
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.status) p.set('status', f.status);
  if (f.eventId) p.set('eventId', f.eventId);
  if (f.packageTier) p.set('packageTier', f.packageTier);
  if (f.levelId) p.set('levelId', f.levelId);
  if (f.isAlumni) p.set('isAlumni', f.isAlumni);
  if (f.tag) p.set('tag', f.tag);
  if (f.includeArchived) p.set('includeArchived', 'true');
  return p;
}

/** The query string of the directory API for these filters. */
export function listQuery(f: PartnerFilters): Query {
  return {
    q: f.q.trim() || undefined,
    status: f.status,
    eventId: f.eventId,
    packageTier: f.packageTier,
    levelId: f.levelId,
    isAlumni: f.isAlumni,
    tag: f.tag,
    includeArchived: f.includeArchived ? 'true' : undefined,
  };
}

/** How many filters narrow the list (the search counts as one). */
export function activeFilterCount(f: PartnerFilters): number {
  return [f.q.trim(), f.status, f.eventId, f.packageTier, f.levelId, f.isAlumni, f.tag].filter(Boolean)
    .length;
}

/** Link-level filters change what the metrics count (reference §3.1). */
export function hasLinkFilter(f: PartnerFilters): boolean {
  return Boolean(f.status || f.eventId || f.packageTier);
}

/**
 * The filters of the current address and a setter. A change of a select pushes a history entry (so Back
 * undoes it); typing in the search replaces the entry instead of adding one per pause.
 */
export function usePartnerFilters(): [
  PartnerFilters,
  (patch: Partial<PartnerFilters>, opts?: { replace?: boolean }) => void,
] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(key)), [key]);
  const set = useCallback(
    (patch: Partial<PartnerFilters>, opts?: { replace?: boolean }) =>
      setParams((prev) => filtersToParams({ ...filtersFromParams(prev), ...patch }, prev), {
        replace: opts?.replace ?? false,
      }),
    [setParams],
  );
  return [filters, set];
}
