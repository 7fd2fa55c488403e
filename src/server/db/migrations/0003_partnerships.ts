import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connection';

/**
 * The Partnerships CRM and partner management share these tables: organisations (partners, customers,
 * prospects), their people (contacts / consultants), partner levels and tags; partnership events with tier
 * presets; partner–event links; communications; documents; annual goals.
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

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await recordTable(db, 'partner_levels')
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await recordTable(db, 'organizations')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('is_partner', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_customer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_prospect', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('level_id', 'text', (c) => c.references('partner_levels.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('website', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('street', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('city', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postal_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .addColumn('industry', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('linkedin', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_alumni', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('everyone'))
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema
    .createIndex('organizations_name_key')
    .on('organizations')
    .column('name_key')
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema.createIndex('organizations_name_id').on('organizations').columns(['name', 'id']).execute();
  await db.schema.createIndex('organizations_owner').on('organizations').column('owner_id').execute();
  await db.schema.createIndex('organizations_level').on('organizations').column('level_id').execute();
  await db.schema.createIndex('organizations_email').on('organizations').column('email').execute();

  await db.schema
    .createTable('organization_tags')
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_tags_pk', ['organization_id', 'tag_key'])
    .execute();
  await db.schema
    .createIndex('organization_tags_key')
    .on('organization_tags')
    .columns(['tag_key', 'organization_id'])
    .execute();

  await recordTable(db, 'contacts')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mobile', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('linkedin', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('contacts_organization')
    .on('contacts')
    .columns(['organization_id', 'last_name'])
    .execute();
  await db.schema.createIndex('contacts_email').on('contacts').column('email').execute();

  await recordTable(db, 'events')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('outreach_start', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('goal_amount', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('events_year').on('events').columns(['year', 'start_date']).execute();

  await db.schema
    .createTable('event_tiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('default_amount', 'bigint')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('event_tiers_key')
    .on('event_tiers')
    .columns(['event_id', 'key'])
    .unique()
    .execute();

  await recordTable(db, 'links')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('package_tier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount', 'bigint')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('follow_up_date', 'text')
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('links_pair')
    .on('links')
    .columns(['organization_id', 'event_id'])
    .unique()
    .execute();
  await db.schema.createIndex('links_event_status').on('links').columns(['event_id', 'status']).execute();
  await db.schema.createIndex('links_follow_up').on('links').column('follow_up_date').execute();
  await db.schema.createIndex('links_owner').on('links').column('owner_id').execute();

  await recordTable(db, 'communications')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('email'))
    .addColumn('direction', 'text', (c) => c.notNull().defaultTo('outbound'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('follow_up_date', 'text')
    .addColumn('follow_up_done_at', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('sender', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recipient_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('template_id', 'text')
    .addColumn('campaign_id', 'text')
    .addColumn('campaign_name', 'text')
    .addColumn('source_provider', 'text')
    .addColumn('external_message_id', 'text')
    .addColumn('external_thread_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('communications_org')
    .on('communications')
    .columns(['organization_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('communications_event')
    .on('communications')
    .columns(['event_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('communications_follow_up')
    .on('communications')
    .column('follow_up_date')
    .execute();
  await db.schema
    .createIndex('communications_message')
    .on('communications')
    .columns(['organization_id', 'external_message_id'])
    .unique()
    .where(sql.ref('external_message_id'), 'is not', null)
    .execute();

  await recordTable(db, 'documents')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('general'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_size', 'integer')
    .addColumn('content_type', 'text')
    .addColumn('storage_key', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('documents_org')
    .on('documents')
    .columns(['organization_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('annual_goals')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
