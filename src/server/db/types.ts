/**
 * Table types. Portable representation on both engines: ids are UUIDv7 text, instants are ISO-8601 UTC
 * text (`2026-11-29T10:00:00.000Z`, which sorts correctly), dates are `YYYY-MM-DD` text, booleans are
 * integers 0/1, JSON is text, money is a bigint of minor units beside a currency code.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { PartnerManagementDatabase } from './types.partnerManagement';

/** Columns every mutable business record carries. */
export interface RecordColumns {
  id: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface DepartmentsTable extends RecordColumns {
  name: string;
}

export interface RolesTable extends RecordColumns {
  key: string;
  name: string;
  description: string;
  permissions: string; // JSON PermissionMatrix
  system: number;
}

export interface UsersTable extends RecordColumns {
  email: string;
  name: string;
  department_id: string | null;
  role_id: string;
  password_hash: string;
  active: number;
  totp_secret: string | null;
  totp_enabled: number;
  /** The TOTP time step of the last code accepted (a code is good once). */
  totp_last_step: number | null;
  theme: string;
  last_login_at: string | null;
  updated_by: string | null;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  user_id: string;
  csrf_token: string;
  two_factor_pending: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string; // JSON string[]
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface LoginThrottleTable {
  key: string; // "email:x@y" or "ip:1.2.3.4"
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity: string;
  entity_id: string;
  action: string;
  changes: string; // JSON { field: { old, new } }
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  seq: Generated<number>;
  id: string;
  at: string;
  type: string;
  entity: string;
  entity_id: string;
  actor_id: string | null;
  payload: string;
  dispatched_at: string | null;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: string; // queued | running | done | failed | dead
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  lease_until: string | null;
  last_error: string | null;
  dedupe_key: string | null;
  progress_done: number;
  progress_total: number;
  progress_message: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface SchedulesTable {
  id: string;
  name: string;
  cron: string;
  time_zone: string;
  job_name: string;
  payload: string;
  enabled: number;
  next_run_at: string;
  last_run_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read_at: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: string;
  version: number;
}

export interface Database extends PartnerManagementDatabase {
  departments: DepartmentsTable;
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  password_resets: PasswordResetsTable;
  recovery_codes: RecoveryCodesTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
  notifications: NotificationsTable;
  settings: SettingsTable;
  mailboxes: MailboxesTable;
  mailbox_folders: MailboxFoldersTable;
  mail_messages: MailMessagesTable;
  mailbox_ignored_senders: MailboxIgnoredSendersTable;
  sheets_config: SheetsConfigTable;
  sheet_conflicts: SheetConflictsTable;
  sheet_snapshots: SheetSnapshotsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserPatch = Updateable<UsersTable>;
export type RoleRow = Selectable<RolesTable>;
export type JobRow = Selectable<JobsTable>;

// Google Sheets sync (migration 0010).
export interface SheetsConfigTable {
  id: string;
  enabled: number;
  spreadsheet_id: string;
  sheet_name: string;
  service_account_email: string;
  private_key_id: string;
  private_key: string; // sealed
  token_uri: string;
  api_base_url: string | null;
  auto_push: number;
  accessible: number | null;
  access_checked_at: string | null;
  access_error: string | null;
  last_sync_at: string | null;
  last_sync_mode: string | null;
  last_sync_source: string | null;
  last_sync_status: string | null;
  last_sync_summary: string | null;
  last_sync_error: string | null;
  last_job_id: string | null;
  updated_at: string;
  version: number;
  updated_by: string | null;
}

export interface SheetConflictsTable {
  id: string;
  source: string;
  row_number: number;
  entity: string;
  entity_id: string;
  company: string;
  event_name: string;
  sheet_row: string;
  crm_row: string;
  sheet_updated_at: string;
  crm_updated_at: string;
  status: string;
  resolved_at: string | null;
  resolved_by: string | null;
  created_at: string;
}

export interface SheetSnapshotsTable {
  source: string;
  row_key: string;
  partner_hash: string;
  link_hash: string;
}

// Email sync (migration 0009).
export interface MailboxesTable {
  id: string;
  owner_id: string;
  kind: string; // imap | forwarder
  email: string;
  label: string;
  enabled: number;
  imap_host: string;
  imap_port: number;
  imap_tls: number;
  imap_user: string;
  imap_auth: string; // password | xoauth2
  imap_secret: string | null; // sealed
  smtp_host: string;
  smtp_port: number;
  smtp_tls: number;
  smtp_user: string;
  smtp_secret: string | null; // sealed
  ingest_secret: string | null; // sealed
  sync_since: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  last_status_code: number | null;
  failure_count: number;
  failure_notified_at: string | null;
  next_sync_at: string | null;
  last_job_id: string | null;
  last_run: string | null; // JSON
  recent_errors: string; // JSON
  duplicates_total: number;
  malformed_total: number;
  created_at: string;
  updated_at: string;
  version: number;
  updated_by: string | null;
}

export interface MailboxFoldersTable {
  mailbox_id: string;
  role: string; // inbox | sent
  path: string;
  uid_validity: string | null;
  last_uid: number;
  server_uid_next: number | null;
  last_synced_at: string | null;
}

export interface MailMessagesTable {
  id: string;
  mailbox_id: string;
  message_key: string;
  folder: string;
  uid: number | null;
  uid_validity: string | null;
  direction: string;
  thread_key: string;
  from_email: string;
  from_name: string;
  recipients: string; // JSON {to, cc, bcc}
  subject: string;
  snippet: string;
  occurred_at: string;
  attachments: string; // JSON
  status: string;
  match_kind: string | null;
  organization_ids: string; // JSON
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface MailboxIgnoredSendersTable {
  mailbox_id: string;
  address: string;
  created_at: string;
  created_by: string | null;
}
