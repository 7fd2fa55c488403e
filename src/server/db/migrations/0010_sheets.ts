import type { Kysely } from 'kysely';
import type { Engine } from '../connection';

/**
 * Google Sheets sync (reference §3.8, decision 9): the workspace's one sheet connection with its last run,
 * the conflicts a pull found (listed for review, never applied), and what each row looked like when it was
 * last pushed, so a pull can tell a row the sheet edited from a row only the CRM changed.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .createTable('sheets_config')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('spreadsheet_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sheet_name', 'text', (c) => c.notNull().defaultTo('PartnershipsCRM'))
    .addColumn('service_account_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('private_key_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('private_key', 'text', (c) => c.notNull().defaultTo('')) // sealed (kernel/secrets)
    .addColumn('token_uri', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('api_base_url', 'text')
    .addColumn('auto_push', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accessible', 'integer')
    .addColumn('access_checked_at', 'text')
    .addColumn('access_error', 'text')
    .addColumn('last_sync_at', 'text')
    .addColumn('last_sync_mode', 'text')
    .addColumn('last_sync_source', 'text')
    .addColumn('last_sync_status', 'text')
    .addColumn('last_sync_summary', 'text')
    .addColumn('last_sync_error', 'text')
    .addColumn('last_job_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('sheet_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull()) // google | file
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull()) // partner | link
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sheet_row', 'text', (c) => c.notNull()) // JSON: the row model's cells as the sheet has them
    .addColumn('crm_row', 'text', (c) => c.notNull()) // JSON: the same cells from the CRM at pull time
    .addColumn('sheet_updated_at', 'text', (c) => c.notNull())
    .addColumn('crm_updated_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | sheet | crm
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sheet_conflicts_status')
    .on('sheet_conflicts')
    .columns(['status', 'source', 'row_number'])
    .execute();

  await db.schema
    .createTable('sheet_snapshots')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull()) // the link id, or the partner id of a row without a link
    .addColumn('partner_hash', 'text', (c) => c.notNull())
    .addColumn('link_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sheet_snapshots_pk', ['source', 'row_key'])
    .execute();
}
