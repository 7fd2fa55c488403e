/** The partners list query: its sorts and the filter it becomes (shared by the list and the export). */
import type { z } from 'zod';
import { normaliseStatus, slugify } from '../../../shared/partnerships/statuses';
import type { partnerListQuerySchema } from '../../../shared/partners.schema';
import { validationError } from '../../kernel/errors';
import type * as repo from './repo';

type PartnerListQuery = z.infer<typeof partnerListQuerySchema>;

export const SORTS = {
  name: 'organizations.name',
  createdAt: 'organizations.created_at',
  updatedAt: 'organizations.updated_at',
  country: 'organizations.country',
  city: 'organizations.city',
  status: 'organizations.status',
  industry: 'organizations.industry',
};
export const SORT_VALUE: Record<keyof typeof SORTS, (r: repo.PartnerRow) => string> = {
  name: (r) => r.name,
  createdAt: (r) => r.created_at,
  updatedAt: (r) => r.updated_at,
  country: (r) => r.country,
  city: (r) => r.city,
  status: (r) => r.status,
  industry: (r) => r.industry,
};

function linkFilterOf(query: { status?: string; eventId?: string; packageTier?: string }): repo.LinkFilter {
  const f: repo.LinkFilter = { eventId: query.eventId };
  if (query.status) {
    const s = normaliseStatus(query.status);
    if (!s.ok) throw validationError({ status: s.message });
    f.status = s.status;
  }
  if (query.packageTier) {
    const tier = slugify(query.packageTier);
    if (!tier) throw validationError({ packageTier: 'must contain at least one letter or digit' });
    f.packageTier = tier;
  }
  return f;
}

/** The list query as a repo filter (link-level filters normalised; dates as whole UTC days). */
export function filterOf(query: Omit<PartnerListQuery, 'limit' | 'cursor'>): repo.PartnerFilter {
  const day = (d: string | undefined, next = false) =>
    d ? new Date(Date.parse(`${d}T00:00:00.000Z`) + (next ? 86_400_000 : 0)).toISOString() : undefined;
  const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
  const tagKeys = [query.tag, ...(query.tags ?? '').split(',')]
    .map((t) => t?.trim().toLowerCase())
    .filter((t): t is string => !!t);
  return {
    ...linkFilterOf(query),
    q: query.q || undefined,
    levelId: query.level === 'none' ? null : query.levelId,
    isAlumni: flag(query.isAlumni),
    isCustomer: flag(query.isCustomer),
    tagKeys: tagKeys.length ? [...new Set(tagKeys)] : undefined,
    ownerId: query.ownerId,
    partnerStatus: query.partnerStatus,
    country: query.country,
    industry: query.industry,
    city: query.city,
    region: query.region,
    visibility: query.visibility,
    createdFrom: day(query.createdFrom),
    createdTo: day(query.createdTo, true),
    updatedFrom: day(query.updatedFrom),
    updatedTo: day(query.updatedTo, true),
    includeArchived: query.includeArchived === 'true',
  };
}
