/** Table types of partner management (migration 0008). */
import type { Generated } from 'kysely';
import type { AuthoredColumns, OrganizationsTable, PartnershipsDatabase } from './types.partnerships';

/** Columns 0008 added to organizations; every insert may leave them to their defaults. */
export interface OrganizationManagementColumns {
  managed_by_id: Generated<string | null>;
  managed_since: Generated<string | null>;
  website_domain: Generated<string>;
  email_domain: Generated<string>;
}

export interface OpportunityStagesTable extends AuthoredColumns {
  key: string;
  name: string;
  position: number;
  probability: number;
  outcome: string; // open | won | lost
  is_committed: number;
}

export interface OpportunitiesTable extends AuthoredColumns {
  name: string;
  account_id: string | null;
  partner_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  amount: number;
  currency: string;
  stage_id: string;
  probability: number;
  expected_close_date: string | null;
  owner_id: string | null;
  lost_reason: string;
  closed_at: string | null;
  description: string;
}

export interface LeadsTable extends AuthoredColumns {
  name: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  source: string;
  status: string;
  owner_id: string | null;
  partner_id: string | null;
  campaign: string;
  estimated_value: number | null;
  currency: string;
  notes: string;
  converted_at: string | null;
  converted_opportunity_id: string | null;
  converted_organization_id: string | null;
  converted_contact_id: string | null;
}

export interface CasesTable extends AuthoredColumns {
  kind: string;
  department_id: string | null;
  subject: string;
  description: string;
  status: string;
  priority: string;
  organization_id: string | null;
  account_id: string | null;
  contact_id: string | null;
  assignee_id: string | null;
  owner_id: string | null;
  due_date: string | null;
  resolved_at: string | null;
  closed_at: string | null;
}

export interface SalesActivitiesTable extends AuthoredColumns {
  type: string;
  subject: string;
  body: string;
  occurred_at: string;
  duration_minutes: number | null;
  outcome: string;
  owner_id: string | null;
  partner_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  opportunity_id: string | null;
}

export interface CommentsTable extends AuthoredColumns {
  entity: string;
  entity_id: string;
  author_id: string | null;
  body: string;
  mentions: string; // JSON string[] of user ids
}

export interface SavedFiltersTable extends AuthoredColumns {
  module: string;
  name: string;
  name_key: string;
  owner_id: string;
  shared: number;
  is_default: number;
  filter: string; // JSON
}

export interface PartnerDeletionsTable {
  id: string;
  organization_id: string;
  deleted_at: string;
  deleted_by: string | null;
  related: string; // delete | unlink
  counts: string; // JSON DeleteImpact counts
  unlinked: string; // JSON { table: ids[] } of the records unlinked, to link again on restore
  restored_at: string | null;
  restored_by: string | null;
}

export interface ImportedRowsTable {
  kind: string;
  row_hash: string;
  record_id: string;
  created_at: string;
}

export interface PartnerManagementDatabase extends Omit<PartnershipsDatabase, 'organizations'> {
  organizations: OrganizationsTable & OrganizationManagementColumns;
  opportunity_stages: OpportunityStagesTable;
  opportunities: OpportunitiesTable;
  leads: LeadsTable;
  cases: CasesTable;
  sales_activities: SalesActivitiesTable;
  comments: CommentsTable;
  saved_filters: SavedFiltersTable;
  partner_deletions: PartnerDeletionsTable;
  imported_rows: ImportedRowsTable;
}
