import type { BoardCard, FollowUp, Link } from '../../../shared/links.schema';
import { statusGroup, statusLabel } from '../../../shared/partnerships/statuses';
import type { LinkRow } from './repo';

const money = (v: number | string | null): number | null => (v === null ? null : Number(v));

function contactName(r: LinkRow): string | null {
  if (!r.contact_id) return null;
  return [r.contact_first_name, r.contact_last_name].filter(Boolean).join(' ') || null;
}

export function presentLink(r: LinkRow): Link {
  return {
    id: r.id,
    organizationId: r.organization_id,
    partnerName: r.partner_name,
    eventId: r.event_id,
    eventName: r.event_name,
    eventYear: r.event_year,
    status: r.status,
    statusLabel: statusLabel(r.status),
    statusGroup: statusGroup(r.status),
    packageTier: r.package_tier,
    role: r.role,
    amount: money(r.amount),
    currency: r.currency,
    followUpDate: r.follow_up_date,
    contactId: r.contact_id,
    contactName: contactName(r),
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function presentFollowUp(r: LinkRow & { follow_up_date: string }): FollowUp {
  return {
    linkId: r.id,
    organizationId: r.organization_id,
    partnerName: r.partner_name,
    status: r.status,
    followUpDate: r.follow_up_date,
    amount: money(r.amount),
    ownerName: r.owner_name ?? null,
  };
}

export function presentCard(r: LinkRow, status: string): BoardCard {
  return {
    id: r.id,
    organizationId: r.organization_id,
    partnerName: r.partner_name,
    status,
    amount: money(r.amount),
    packageTier: r.package_tier,
    role: r.role,
    followUpDate: r.follow_up_date,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
