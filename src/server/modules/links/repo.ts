/** All SQL of partner–event links. */
import type { Insertable, Updateable } from 'kysely';
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import type { LinksTable } from '../../db/types.partnerships';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope, type ScopeColumns } from '../../kernel/scope';

/** A link belongs to its owner and, through the owner, to the owner's department. */
const SCOPE: ScopeColumns = { owner: 'links.owner_id', department: 'owner.department_id' };

/** One private base query: links with their partner, event, contact and owner names. */
function base(db: Executor) {
  return db
    .selectFrom('links')
    .innerJoin('organizations', 'organizations.id', 'links.organization_id')
    .innerJoin('events', 'events.id', 'links.event_id')
    .leftJoin('users as owner', 'owner.id', 'links.owner_id')
    .leftJoin('contacts', 'contacts.id', 'links.contact_id')
    .where('links.deleted_at', 'is', null)
    .select([
      'links.id',
      'links.organization_id',
      'organizations.name as partner_name',
      'links.event_id',
      'events.name as event_name',
      'events.year as event_year',
      'links.status',
      'links.package_tier',
      'links.role',
      'links.amount',
      'links.currency',
      'links.follow_up_date',
      'links.contact_id',
      'contacts.first_name as contact_first_name',
      'contacts.last_name as contact_last_name',
      'links.owner_id',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
      'links.notes',
      'links.created_at',
      'links.updated_at',
      'links.version',
    ]);
}
export type LinkRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

export interface LinkFilter {
  q?: string;
  eventId?: string;
  organizationId?: string;
  status?: string;
  packageTier?: string;
  ownerId?: string;
  followUpBefore?: string;
}

export async function listLinks(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: LinkFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  let q = applyScope(base(db), actor, 'links', SCOPE);
  if (f.eventId) q = q.where('links.event_id', '=', f.eventId);
  if (f.organizationId) q = q.where('links.organization_id', '=', f.organizationId);
  if (f.status) q = q.where('links.status', '=', f.status);
  if (f.packageTier !== undefined) q = q.where('links.package_tier', '=', f.packageTier);
  if (f.ownerId) q = q.where('links.owner_id', '=', f.ownerId);
  if (f.followUpBefore) q = q.where('links.follow_up_date', '<=', f.followUpBefore);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([ilike(engine, 'organizations.name', needle), ilike(engine, 'links.role', needle)]),
    );
  }
  return keyset(q, sort, 'links.id', cursor, limit).execute();
}

/** One link, whatever the caller's scope: the service decides who may see it. */
export async function getLink(db: Executor, id: string) {
  return base(db).where('links.id', '=', id).executeTakeFirst();
}

/** The event's links the caller may see, by partner name. */
export async function linksOfEvent(db: Executor, actor: Actor, eventId: string) {
  return applyScope(base(db), actor, 'links', SCOPE)
    .where('links.event_id', '=', eventId)
    .orderBy('organizations.name')
    .orderBy('links.id')
    .execute();
}

/** Count and amount per stored status over the event's links the caller may see. */
export async function statusTotals(db: Executor, actor: Actor, eventId: string) {
  return applyScope(
    db.selectFrom('links').leftJoin('users as owner', 'owner.id', 'links.owner_id'),
    actor,
    'links',
    SCOPE,
  )
    .where('links.event_id', '=', eventId)
    .where('links.deleted_at', 'is', null)
    .groupBy('links.status')
    .select((eb) => [
      'links.status',
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('links.amount'), eb.lit(0)).as('total'),
    ])
    .execute();
}

/** The stored columns of one link, with its owner's department for the scope check. */
export async function getLinkRecord(db: Executor, id: string) {
  return db
    .selectFrom('links')
    .leftJoin('users as owner', 'owner.id', 'links.owner_id')
    .selectAll('links')
    .select('owner.department_id as owner_department_id')
    .where('links.id', '=', id)
    .where('links.deleted_at', 'is', null)
    .executeTakeFirst();
}
export type LinkRecord = NonNullable<Awaited<ReturnType<typeof getLinkRecord>>>;

export async function findPair(db: Executor, organizationId: string, eventId: string) {
  return db
    .selectFrom('links')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

/** A live partner (organisation) a link may point at, with what decides who may see it. */
export async function partnerOf(db: Executor, id: string) {
  return db
    .selectFrom('organizations')
    .leftJoin('users as owner', 'owner.id', 'organizations.owner_id')
    .select([
      'organizations.id',
      'organizations.name',
      'organizations.owner_id',
      'owner.department_id as owner_department_id',
      'organizations.visibility',
    ])
    .where('organizations.id', '=', id)
    .where('organizations.deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A live event a link may point at. */
export async function eventOf(db: Executor, id: string) {
  return db
    .selectFrom('events')
    .select(['id', 'name', 'year', 'currency'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The default amount of the event's tier preset with this key; null when there is none. */
export async function tierDefault(db: Executor, eventId: string, key: string): Promise<number | null> {
  if (!key) return null;
  const r = await db
    .selectFrom('event_tiers')
    .select('default_amount')
    .where('event_id', '=', eventId)
    .where('key', '=', key)
    .executeTakeFirst();
  return r?.default_amount == null ? null : Number(r.default_amount);
}

export async function contactOf(db: Executor, id: string) {
  return db
    .selectFrom('contacts')
    .select(['id', 'organization_id'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function activeUser(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'department_id'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where('active', '=', 1)
    .executeTakeFirst();
}

export async function insertLink(tx: Executor, row: Insertable<LinksTable>): Promise<void> {
  await tx.insertInto('links').values(row).execute();
}

export async function updateLink(tx: Executor, id: string, set: Updateable<LinksTable>): Promise<void> {
  await tx.updateTable('links').set(set).where('id', '=', id).execute();
}

export async function deleteLink(tx: Executor, id: string): Promise<void> {
  await tx.deleteFrom('links').where('id', '=', id).execute();
}
