import { sql, type Kysely } from 'kysely';
import { emailDomain, websiteDomain } from '../../../shared/domains';
import type { Engine } from '../connection';

/**
 * Partner management: managed accounts, cases, leads, opportunities on a stage pipeline, sales activities,
 * comments, saved filters, the partner trash, and the row ledger that makes imports idempotent.
 *
 * A managed account is a customer organisation with one managing partner, so it is two columns on
 * `organizations` (managed_by_id, managed_since) rather than a table: the relation is many-to-one, the
 * account's History shows who managed it when (audit log), and the partner's Accounts tab is one indexed
 * lookup. Website and email domains are stored beside the address they come from so the duplicate check
 * before save is an indexed equality, not a LIKE over every partner.
 */
function recordTable(db: Kysely<unknown>, name: string) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', 'text')
    .addColumn('updated_by', 'text');
}

async function index(db: Kysely<unknown>, name: string, table: string, columns: string[]) {
  await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  const orgs = db.schema.alterTable('organizations');
  await orgs.addColumn('managed_by_id', 'text', (c) => c.references('organizations.id')).execute();
  await orgs.addColumn('managed_since', 'text').execute();
  await orgs.addColumn('website_domain', 'text', (c) => c.notNull().defaultTo('')).execute();
  await orgs.addColumn('email_domain', 'text', (c) => c.notNull().defaultTo('')).execute();
  const any = db as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const existing = (await any.selectFrom('organizations').select(['id', 'website', 'email']).execute()) as {
    id: string;
    website: string;
    email: string;
  }[];
  for (const o of existing) {
    await any
      .updateTable('organizations')
      .set({ website_domain: websiteDomain(o.website), email_domain: emailDomain(o.email) })
      .where('id', '=', o.id)
      .execute();
  }
  await index(db, 'organizations_managed_by', 'organizations', ['managed_by_id', 'name']);
  await index(db, 'organizations_website_domain', 'organizations', ['website_domain']);
  await index(db, 'organizations_email_domain', 'organizations', ['email_domain']);
  // The partners list reads a page in the order of its sort, from an index, on both engines:
  // - SQLite's planner (no statistics) takes the index with the most equality terms, so it gets one that
  //   starts with the list's two (is_partner, deleted_at) and continues in the sort's order; with only a
  //   plain sort index it took (is_partner, archived_at) and sorted every live partner for each page.
  // - PostgreSQL does not count `deleted_at IS NULL` as an equality for ordering, so it gets plain
  //   (sort, id) indexes ((name, id) exists since 0003); without them it sorted every match for a page.
  for (const column of ['name', 'created_at', 'updated_at'])
    await index(db, `organizations_live_${column}`, 'organizations', [
      'is_partner',
      'deleted_at',
      column,
      'id',
    ]);
  await index(db, 'organizations_created_id', 'organizations', ['created_at', 'id']);
  await index(db, 'organizations_updated_id', 'organizations', ['updated_at', 'id']);
  await index(db, 'organizations_deleted', 'organizations', ['deleted_at']);

  await recordTable(db, 'opportunity_stages')
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('is_committed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The default stages are created by the app on first use (modules/opportunities/repo.ts): a migrated
  // database stays empty, as restoring a backup needs.

  await recordTable(db, 'opportunities')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('partner_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('lead_id', 'text') // the lead it was converted from (leads point back with a foreign key)
    .addColumn('amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull().references('opportunity_stages.id'))
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('expected_close_date', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('lost_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('closed_at', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await index(db, 'opportunities_partner', 'opportunities', ['partner_id', 'expected_close_date']);
  await index(db, 'opportunities_account', 'opportunities', ['account_id']);
  await index(db, 'opportunities_stage', 'opportunities', ['stage_id', 'expected_close_date']);
  await index(db, 'opportunities_owner', 'opportunities', ['owner_id', 'updated_at']);
  await index(db, 'opportunities_updated', 'opportunities', ['updated_at', 'id']);

  await recordTable(db, 'leads')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('web'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('partner_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('campaign', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('estimated_value', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('converted_at', 'text')
    .addColumn('converted_opportunity_id', 'text', (c) => c.references('opportunities.id'))
    .addColumn('converted_organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('converted_contact_id', 'text', (c) => c.references('contacts.id'))
    .execute();
  await index(db, 'leads_partner', 'leads', ['partner_id', 'created_at']);
  await index(db, 'leads_owner', 'leads', ['owner_id', 'status']);
  await index(db, 'leads_email', 'leads', ['email']);
  await index(db, 'leads_updated', 'leads', ['updated_at', 'id']);

  // One table for partner-handled cases and the management suite's support tickets (`kind`).
  await recordTable(db, 'cases')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('partner_case'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('medium'))
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('account_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('due_date', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await index(db, 'cases_organization', 'cases', ['organization_id', 'updated_at']);
  await index(db, 'cases_account', 'cases', ['account_id']);
  await index(db, 'cases_assignee', 'cases', ['assignee_id', 'status']);
  await index(db, 'cases_owner', 'cases', ['owner_id']);
  await index(db, 'cases_updated', 'cases', ['updated_at', 'id']);

  await recordTable(db, 'sales_activities')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('partner_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('lead_id', 'text', (c) => c.references('leads.id'))
    .addColumn('opportunity_id', 'text', (c) => c.references('opportunities.id'))
    .execute();
  await index(db, 'sales_activities_partner', 'sales_activities', ['partner_id', 'occurred_at']);
  await index(db, 'sales_activities_lead', 'sales_activities', ['lead_id']);
  await index(db, 'sales_activities_opportunity', 'sales_activities', ['opportunity_id']);
  await index(db, 'sales_activities_owner', 'sales_activities', ['owner_id', 'occurred_at']);
  await index(db, 'sales_activities_occurred', 'sales_activities', ['occurred_at', 'id']);

  await recordTable(db, 'comments')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await index(db, 'comments_entity', 'comments', ['entity', 'entity_id', 'created_at']);

  await recordTable(db, 'saved_filters')
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filter', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'saved_filters_owner', 'saved_filters', ['module', 'owner_id']);
  await db.schema
    .createIndex('saved_filters_name')
    .on('saved_filters')
    .columns(['module', 'owner_id', 'name_key'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();

  // The trash: one row per partner deletion, with what went with it, so a restore can undo exactly that.
  await db.schema
    .createTable('partner_deletions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('deleted_at', 'text', (c) => c.notNull())
    .addColumn('deleted_by', 'text', (c) => c.references('users.id'))
    .addColumn('related', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('unlinked', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('restored_at', 'text')
    .addColumn('restored_by', 'text', (c) => c.references('users.id'))
    .execute();
  await index(db, 'partner_deletions_org', 'partner_deletions', ['organization_id', 'deleted_at']);

  // Which import rows were already applied (by content hash), so importing a file again creates nothing.
  await db.schema
    .createTable('imported_rows')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('row_hash', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('imported_rows_pk', ['kind', 'row_hash'])
    .execute();
}
