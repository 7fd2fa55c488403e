import type { EventMetrics, PartnershipEvent, TierInput } from '../../../shared/events.schema';
import type { EventRow } from './repo';

/** min(100, secured / goal × 100) rounded to 2 decimals; 0 when the event has no goal (reference §3.2, §5). */
export function progressPct(secured: number, goal: number | null): number {
  if (!goal || goal <= 0) return 0;
  return Math.min(100, Math.round((secured / goal) * 10_000) / 100);
}

function metrics(r: EventRow): EventMetrics {
  const secured = Number(r.secured_amount);
  return {
    linkCount: Number(r.link_count),
    confirmedCount: Number(r.confirmed_count),
    paidCount: Number(r.paid_count),
    committedAmount: Number(r.committed_amount),
    securedAmount: secured,
    openAmount: Number(r.open_amount),
    progressPct: progressPct(secured, r.goal_amount === null ? null : Number(r.goal_amount)),
  };
}

export function presentEvent(r: EventRow, tiers: TierInput[]): PartnershipEvent {
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    outreachStart: r.outreach_start,
    startDate: r.start_date,
    endDate: r.end_date,
    goal: r.goal_amount === null ? null : Number(r.goal_amount),
    currency: r.currency,
    notes: r.notes,
    archived: r.archived_at !== null,
    archivedAt: r.archived_at,
    tiers,
    metrics: metrics(r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
