import type { LEAD_SOURCES, LEAD_STATUSES } from '../../../shared/leads.schema';

export const LEAD_SOURCE_LABELS: Record<(typeof LEAD_SOURCES)[number], string> = {
  web: 'Website',
  referral: 'Referral',
  partner: 'Partner',
  event: 'Event',
  campaign: 'Campaign',
  email: 'Email',
  phone: 'Phone',
  other: 'Other',
};

export const LEAD_STATUS_LABELS: Record<(typeof LEAD_STATUSES)[number], string> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  unqualified: 'Unqualified',
  converted: 'Converted',
};

export const LEAD_STATUS_COLORS: Record<(typeof LEAD_STATUSES)[number], string> = {
  new: 'blue',
  contacted: 'cyan',
  qualified: 'teal',
  unqualified: 'gray',
  converted: 'violet',
};
