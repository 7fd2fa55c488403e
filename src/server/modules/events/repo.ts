/** All SQL of partnership events: the rows, their tier presets and the link figures derived per event. */
import type { Insertable, Updateable } from 'kysely';
import type { TierInput } from '../../../shared/events.schema';
import { LOST_STATUSES, SECURED_STATUSES } from '../../../shared/partnerships/statuses';
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import type { EventsTable } from '../../db/types.partnerships';
import { newId } from '../../kernel/ids';

/**
 * Link figures per event, counted and summed in SQL. They cover every link of the event whatever the
 * caller's record scope on links: they are the event's aggregate figures (progress to goal, secured
 * revenue), not link records, and a sales agent who sees only their own links still needs the event's real
 * progress. The links themselves (detail, board, lists) are scoped.
 */
function metricsByEvent(db: Executor) {
  const notOpen = [...SECURED_STATUSES, ...LOST_STATUSES];
  return db
    .selectFrom('links')
    .where('links.deleted_at', 'is', null)
    .groupBy('links.event_id')
    .select((eb) => [
      'links.event_id',
      eb.fn.countAll<number>().as('link_count'),
      eb.fn
        .sum<number>(eb.case().when('links.status', '=', 'confirmed').then(1).else(0).end())
        .as('confirmed_count'),
      eb.fn.sum<number>(eb.case().when('links.status', '=', 'paid').then(1).else(0).end()).as('paid_count'),
      eb.fn.sum<number>('links.amount').as('committed_amount'),
      eb.fn
        .sum<number>(
          eb.case().when('links.status', 'in', SECURED_STATUSES).then(eb.ref('links.amount')).end(),
        )
        .as('secured_amount'),
      eb.fn
        .sum<number>(eb.case().when('links.status', 'not in', notOpen).then(eb.ref('links.amount')).end())
        .as('open_amount'),
    ])
    .as('m');
}

/** One private base query: live events with their link figures (0 when they have no links). */
function base(db: Executor) {
  return db
    .selectFrom('events')
    .leftJoin(metricsByEvent(db), 'm.event_id', 'events.id')
    .where('events.deleted_at', 'is', null)
    .select((eb) => [
      'events.id',
      'events.name',
      'events.year',
      'events.outreach_start',
      'events.start_date',
      'events.end_date',
      'events.goal_amount',
      'events.currency',
      'events.notes',
      'events.archived_at',
      'events.created_at',
      'events.updated_at',
      'events.version',
      eb.fn.coalesce('m.link_count', eb.lit(0)).as('link_count'),
      eb.fn.coalesce('m.confirmed_count', eb.lit(0)).as('confirmed_count'),
      eb.fn.coalesce('m.paid_count', eb.lit(0)).as('paid_count'),
      eb.fn.coalesce('m.committed_amount', eb.lit(0)).as('committed_amount'),
      eb.fn.coalesce('m.secured_amount', eb.lit(0)).as('secured_amount'),
      eb.fn.coalesce('m.open_amount', eb.lit(0)).as('open_amount'),
    ]);
}
export type EventRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

export interface EventFilter {
  includeArchived: boolean;
  year?: number;
  q?: string;
}

/** Every matching event: year descending, start date descending (undated last), name, id. */
export async function listEvents(db: Executor, engine: Engine, f: EventFilter) {
  let q = base(db);
  if (!f.includeArchived) q = q.where('events.archived_at', 'is', null);
  if (f.year !== undefined) q = q.where('events.year', '=', f.year);
  if (f.q) q = q.where(ilike(engine, 'events.name', f.q));
  return q
    .orderBy('events.year', 'desc')
    .orderBy('events.start_date', (ob) => ob.desc().nullsLast())
    .orderBy('events.name', 'asc')
    .orderBy('events.id', 'asc')
    .execute();
}

export async function getEvent(db: Executor, id: string) {
  return base(db).where('events.id', '=', id).executeTakeFirst();
}

/** The stored columns of one event (deleted ones too), as updates and the audit log compare them. */
export async function getEventRecord(db: Executor, id: string) {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}
export type EventRecord = NonNullable<Awaited<ReturnType<typeof getEventRecord>>>;

/** Tier presets of the given events in their order, by event id. */
export async function tiersOf(db: Executor, eventIds: string[]): Promise<Map<string, TierInput[]>> {
  const byEvent = new Map<string, TierInput[]>();
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .selectFrom('event_tiers')
    .select(['event_id', 'key', 'label', 'default_amount'])
    .where('event_id', 'in', eventIds)
    .orderBy('event_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = byEvent.get(r.event_id) ?? [];
    list.push({
      key: r.key,
      label: r.label,
      defaultAmount: r.default_amount === null ? null : Number(r.default_amount),
    });
    byEvent.set(r.event_id, list);
  }
  return byEvent;
}

/** Replaces an event's whole preset list, keeping the order sent. */
export async function replaceTiers(tx: Executor, eventId: string, tiers: TierInput[]): Promise<void> {
  await tx.deleteFrom('event_tiers').where('event_id', '=', eventId).execute();
  if (tiers.length === 0) return;
  await tx
    .insertInto('event_tiers')
    .values(
      tiers.map((t, position) => ({
        id: newId(),
        event_id: eventId,
        key: t.key,
        label: t.label,
        default_amount: t.defaultAmount,
        position,
      })),
    )
    .execute();
}

export async function insertEvent(tx: Executor, row: Insertable<EventsTable>): Promise<void> {
  await tx.insertInto('events').values(row).execute();
}

export async function updateEvent(tx: Executor, id: string, set: Updateable<EventsTable>): Promise<void> {
  await tx.updateTable('events').set(set).where('id', '=', id).execute();
}

/** A link's currency is its event's: a currency change carries over to the event's links. */
export async function setLinksCurrency(tx: Executor, eventId: string, currency: string): Promise<void> {
  await tx.updateTable('links').set({ currency }).where('event_id', '=', eventId).execute();
}

export async function countLinks(db: Executor, eventId: string): Promise<number> {
  const r = await db
    .selectFrom('links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
