import { isSecured, statusGroup } from '../../../shared/partnerships/statuses';
import type { Partner, PartnerMetrics } from '../../../shared/partners.schema';
import type { FigureRow, PartnerRow } from './repo';

/** Per-partner figures from its (filtered) links, grouped by status (reference §3.1; decision 1 for open). */
export function metricsFrom(
  rows: FigureRow[],
  latest: { status: string; updated_at: string } | undefined,
): PartnerMetrics {
  let relationshipCount = 0;
  let confirmedCount = 0;
  let paidCount = 0;
  let totalAmount = 0;
  let securedAmount = 0;
  let openAmount = 0;
  const statusBreakdown = rows.map((r) => {
    const count = Number(r.n);
    const amount = Number(r.amount);
    relationshipCount += count;
    totalAmount += amount;
    if (r.status === 'confirmed') confirmedCount += count;
    if (r.status === 'paid') paidCount += count;
    if (isSecured(r.status)) securedAmount += amount;
    if (statusGroup(r.status) === 'open') openAmount += amount;
    return { status: r.status, count, amount, lastTouchedAt: String(r.last_touched) };
  });
  statusBreakdown.sort(
    (a, b) =>
      b.count - a.count ||
      b.amount - a.amount ||
      b.lastTouchedAt.localeCompare(a.lastTouchedAt) ||
      a.status.localeCompare(b.status),
  );
  return {
    relationshipCount,
    confirmedCount,
    paidCount,
    totalAmount,
    securedAmount,
    openAmount,
    latestStatus: latest?.status ?? null,
    lastTouchedAt: latest?.updated_at ?? null,
    statusBreakdown,
  };
}

export const EMPTY_METRICS: PartnerMetrics = metricsFrom([], undefined);

export function presentPartner(
  r: PartnerRow,
  tags: string[],
  primaryContactName: string | null,
  metrics: PartnerMetrics,
): Partner {
  return {
    id: r.id,
    name: r.name,
    levelId: r.level_id,
    levelName: r.level_name ?? null,
    status: r.status as Partner['status'],
    website: r.website,
    email: r.email,
    phone: r.phone,
    street: r.street,
    city: r.city,
    region: r.region,
    postalCode: r.postal_code,
    country: r.country,
    latitude: r.latitude,
    longitude: r.longitude,
    industry: r.industry,
    linkedin: r.linkedin,
    notes: r.notes,
    tags,
    isAlumni: r.is_alumni === 1,
    isCustomer: r.is_customer === 1,
    isProspect: r.is_prospect === 1,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    visibility: r.visibility as Partner['visibility'],
    primaryContactName,
    archivedAt: r.archived_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    version: r.version,
    metrics,
  };
}

export function contactName(c: { first_name: string; last_name: string }): string {
  return `${c.first_name} ${c.last_name}`.trim();
}
