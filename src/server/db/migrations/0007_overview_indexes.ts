import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connection';

/**
 * Indexes for the Partnerships Overview, each matching one of its queries (modules/overview/repo.ts), so every
 * figure is read from an index: the per-event, per-status figures from a covering index; follow-ups, stale
 * links and communication follow-ups from partial indexes in the queue's order; partners in scope from
 * (partner, event); the partner counts from (is partner, archived).
 *
 * Three indexes of 0003 are replaced, measured on the Overview benchmark's data (500k links, 1M
 * communications) with SQLite's planner, which has no statistics: `links_event_status` is a prefix of
 * `links_event_figures`; `links_follow_up` and `communications_follow_up` also index rows without a
 * follow-up date, which led the planner to look up "no follow-up date" through them (100–1,200 ms instead
 * of 1–10 ms). Their partial successors serve the same date-range queries.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  const live = sql.ref('deleted_at');
  const due = sql.ref('follow_up_date');

  await db.schema.dropIndex('links_event_status').execute();
  await db.schema
    .createIndex('links_event_figures')
    .on('links')
    .columns(['event_id', 'status', 'amount', 'follow_up_date', 'updated_at', 'deleted_at'])
    .execute();

  await db.schema.dropIndex('links_follow_up').execute();
  await db.schema
    .createIndex('links_follow_up_due')
    .on('links')
    .column('follow_up_date')
    .where(due, 'is not', null)
    .execute();
  await db.schema
    .createIndex('links_event_follow_up')
    .on('links')
    .columns(['event_id', 'follow_up_date', 'updated_at desc', 'id', 'status'])
    .where(live, 'is', null)
    .where(due, 'is not', null)
    .execute();
  await db.schema
    .createIndex('links_event_stale')
    .on('links')
    .columns(['event_id', 'updated_at desc', 'id', 'status'])
    .where(live, 'is', null)
    .where(due, 'is', null)
    .execute();
  // Partners in scope: a narrow scope reads its events' partners, a wide one reads partners in order.
  await db.schema
    .createIndex('links_event_partner')
    .on('links')
    .columns(['event_id', 'organization_id'])
    .where(live, 'is', null)
    .execute();
  await db.schema
    .createIndex('links_partner_scope')
    .on('links')
    .columns(['organization_id', 'event_id'])
    .where(live, 'is', null)
    .execute();

  await db.schema
    .createIndex('organizations_partner_archive')
    .on('organizations')
    .columns(['is_partner', 'archived_at'])
    .where(live, 'is', null)
    .execute();

  const done = sql.ref('follow_up_done_at');
  await db.schema.dropIndex('communications_follow_up').execute();
  await db.schema
    .createIndex('communications_open_follow_up')
    .on('communications')
    .columns(['follow_up_date', 'updated_at desc', 'id', 'event_id'])
    .where(live, 'is', null)
    .where(done, 'is', null)
    .where(due, 'is not', null)
    .execute();
  await db.schema
    .createIndex('communications_event_follow_up')
    .on('communications')
    .columns(['event_id', 'follow_up_date', 'updated_at desc', 'id'])
    .where(live, 'is', null)
    .where(done, 'is', null)
    .where(due, 'is not', null)
    .execute();
}
