/** Table types of the Partnerships CRM and partner management (migration 0003). */
import type { RecordColumns } from './types';

export interface AuthoredColumns extends RecordColumns {
  updated_by: string | null;
}

export interface PartnerLevelsTable extends AuthoredColumns {
  key: string;
  name: string;
  rank: number;
}

export interface OrganizationsTable extends AuthoredColumns {
  name: string;
  name_key: string;
  is_partner: number;
  is_customer: number;
  is_prospect: number;
  level_id: string | null;
  status: string;
  website: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  industry: string;
  linkedin: string;
  notes: string;
  is_alumni: number;
  owner_id: string | null;
  visibility: string;
  archived_at: string | null;
  /** Derived from organization_tags by triggers (migration 0015); never written by the app. */
  tag_keys: string | null;
  tag_names: string | null;
}

export interface OrganizationTagsTable {
  organization_id: string;
  tag: string;
  tag_key: string;
}

export interface ContactsTable extends AuthoredColumns {
  organization_id: string;
  first_name: string;
  last_name: string;
  title: string;
  email: string;
  phone: string;
  mobile: string;
  linkedin: string;
  is_primary: number;
  notes: string;
  owner_id: string | null;
}

export interface EventsTable extends AuthoredColumns {
  name: string;
  year: number;
  outreach_start: string | null;
  start_date: string | null;
  end_date: string | null;
  goal_amount: number | null;
  currency: string;
  notes: string;
  archived_at: string | null;
}

export interface EventTiersTable {
  id: string;
  event_id: string;
  key: string;
  label: string;
  default_amount: number | null;
  position: number;
}

export interface LinksTable extends AuthoredColumns {
  organization_id: string;
  event_id: string;
  status: string;
  package_tier: string;
  role: string;
  amount: number | null;
  currency: string;
  follow_up_date: string | null;
  contact_id: string | null;
  owner_id: string | null;
  notes: string;
}

export interface CommunicationsTable extends AuthoredColumns {
  organization_id: string;
  event_id: string | null;
  contact_id: string | null;
  subject: string;
  summary: string;
  channel: string;
  direction: string;
  occurred_at: string;
  follow_up_date: string | null;
  follow_up_done_at: string | null;
  source: string;
  sender: string;
  recipient_email: string;
  template_id: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  source_provider: string | null;
  external_message_id: string | null;
  external_thread_id: string | null;
  actor_email: string | null;
  owner_id: string | null;
}

export interface DocumentsTable extends AuthoredColumns {
  organization_id: string;
  event_id: string | null;
  title: string;
  type: string;
  status: string;
  url: string;
  file_name: string;
  file_size: number | null;
  content_type: string | null;
  storage_key: string | null;
  notes: string;
}

export interface DocumentFilesTable {
  document_id: string;
  content: Buffer;
  sha256: string;
  created_at: string;
}

export interface UploadsTable {
  id: string;
  user_id: string;
  purpose: string;
  file_name: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export interface MailTemplatesTable extends AuthoredColumns {
  name: string;
  description: string;
  subject: string;
  body: string;
  archived_at: string | null;
  last_used_at: string | null;
  created_by: string | null;
}

export interface AnnualGoalsTable {
  year: number;
  amount: number;
  currency: string;
  updated_at: string;
  version: number;
}

/** Derived: live links per event and status, kept by triggers (db/linkStats.ts). */
export interface LinkStatsTable {
  event_id: string;
  status: string;
  n: number;
  amount: number;
  with_follow_up: number;
}

/** Derived: live links per partner, kept by triggers (db/linkStats.ts). */
export interface LinkPartnerCountsTable {
  organization_id: string;
  n: number;
}

/** Derived: live links per event year and partner, kept by triggers (db/linkStats.ts). */
export interface LinkPartnerYearsTable {
  year: number;
  organization_id: string;
  n: number;
}

/** Derived: partners with a live link per event year, and (year 0) in all; kept by triggers (db/linkStats.ts). */
export interface LinkPartnerTotalsTable {
  year: number;
  partners: number;
}

/** The one row of partner counts (id 1), kept by triggers on `organizations` (migration 0014). */
export interface PartnerTotalsTable {
  id: number;
  live: number;
  archived: number;
}

export interface PartnershipsDatabase {
  partner_levels: PartnerLevelsTable;
  organizations: OrganizationsTable;
  organization_tags: OrganizationTagsTable;
  contacts: ContactsTable;
  events: EventsTable;
  event_tiers: EventTiersTable;
  links: LinksTable;
  link_stats: LinkStatsTable;
  link_partner_counts: LinkPartnerCountsTable;
  link_partner_years: LinkPartnerYearsTable;
  link_partner_totals: LinkPartnerTotalsTable;
  partner_totals: PartnerTotalsTable;
  communications: CommunicationsTable;
  documents: DocumentsTable;
  document_files: DocumentFilesTable;
  uploads: UploadsTable;
  mail_templates: MailTemplatesTable;
  annual_goals: AnnualGoalsTable;
}
