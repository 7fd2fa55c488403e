/** All SQL of partners (organisations), their tags, contacts and partner levels. */
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Engine, Executor } from '../../db/connection';
import type { Database } from '../../db/types';
import { ilike, likeLiteral } from '../../db/dialect';
import { TAG_SEPARATOR } from '../../db/linkStats';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope } from '../../kernel/scope';

/** Link-level filters: a partner matches when at least one of its links matches all of them. */
export interface LinkFilter {
  status?: string;
  eventId?: string;
  packageTier?: string;
}
export interface PartnerFilter extends LinkFilter {
  q?: string;
  ids?: string[];
  levelId?: string | null; // null: partners without a level
  isAlumni?: boolean;
  isCustomer?: boolean;
  tagKeys?: string[];
  ownerId?: string;
  partnerStatus?: string;
  country?: string;
  industry?: string;
  city?: string;
  region?: string;
  visibility?: string;
  createdFrom?: string; // ISO instants, inclusive from, exclusive to
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  includeArchived: boolean;
}

export const hasLinkFilter = (f: LinkFilter) => !!(f.status || f.eventId || f.packageTier);

export const PARTNER_SCOPE = {
  owner: 'organizations.owner_id',
  department: 'owner.department_id',
  visibility: 'organizations.visibility',
};

function unscoped(db: Executor) {
  return db
    .selectFrom('organizations')
    .leftJoin('partner_levels', 'partner_levels.id', 'organizations.level_id')
    .leftJoin('users as owner', 'owner.id', 'organizations.owner_id')
    .selectAll('organizations')
    .select([
      'partner_levels.name as level_name',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
    ]);
}

/** One private base query: partners with level and owner names, visible to the actor. */
function base(db: Executor, actor: Actor) {
  return applyScope(unscoped(db), actor, 'partners', PARTNER_SCOPE);
}
export type PartnerRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

/** Live partners matching the filter, before the actor's scope (lists add it; hidden counts compare). */
export function filtered(db: Executor, engine: Engine, f: PartnerFilter) {
  let q = unscoped(db)
    .where('organizations.is_partner', '=', 1)
    .where('organizations.deleted_at', 'is', null);
  if (!f.includeArchived) q = q.where('organizations.archived_at', 'is', null);
  if (f.ids) q = q.where('organizations.id', 'in', f.ids.length ? f.ids : ['']);
  if (f.levelId !== undefined)
    q =
      f.levelId === null
        ? q.where('organizations.level_id', 'is', null)
        : q.where('organizations.level_id', '=', f.levelId);
  if (f.isAlumni !== undefined) q = q.where('organizations.is_alumni', '=', f.isAlumni ? 1 : 0);
  if (f.isCustomer !== undefined) q = q.where('organizations.is_customer', '=', f.isCustomer ? 1 : 0);
  if (f.ownerId) q = q.where('organizations.owner_id', '=', f.ownerId);
  if (f.partnerStatus) q = q.where('organizations.status', '=', f.partnerStatus);
  if (f.country) q = q.where('organizations.country', '=', f.country);
  if (f.industry) q = q.where('organizations.industry', '=', f.industry);
  if (f.city) q = q.where('organizations.city', '=', f.city);
  if (f.region) q = q.where('organizations.region', '=', f.region);
  if (f.visibility) q = q.where('organizations.visibility', '=', f.visibility);
  if (f.createdFrom) q = q.where('organizations.created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('organizations.created_at', '<', f.createdTo);
  if (f.updatedFrom) q = q.where('organizations.updated_at', '>=', f.updatedFrom);
  if (f.updatedTo) q = q.where('organizations.updated_at', '<', f.updatedTo);
  // On the row's own tag keys (migration 0015), not a probe of organization_tags per candidate row.
  for (const tagKey of f.tagKeys ?? []) q = q.where(hasTag(tagKey));
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        ilike(engine, 'organizations.name', needle),
        ilike(engine, 'organizations.email', needle),
        ilike(engine, 'organizations.phone', needle),
        ilike(engine, 'organizations.notes', needle),
        ilike(engine, 'organizations.city', needle),
        eb.exists(
          eb
            .selectFrom('organization_tags')
            .select('organization_id')
            .whereRef('organization_tags.organization_id', '=', 'organizations.id')
            .where(ilike(engine, 'organization_tags.tag', needle)),
        ),
        eb.exists(
          eb
            .selectFrom('contacts')
            .select('contacts.id')
            .whereRef('contacts.organization_id', '=', 'organizations.id')
            .where('contacts.deleted_at', 'is', null)
            .where((e2) =>
              e2.or([
                ilike(engine, 'contacts.first_name', needle),
                ilike(engine, 'contacts.last_name', needle),
                ilike(engine, 'contacts.email', needle),
                ilike(engine, 'contacts.title', needle),
              ]),
            ),
        ),
      ]),
    );
  }
  if (hasLinkFilter(f)) {
    q = q.where((eb) => {
      const links = eb
        .selectFrom('links')
        .select('links.id')
        .whereRef('links.organization_id', '=', 'organizations.id');
      return eb.exists(liveLinks(links, f));
    });
  }
  return q;
}

/** A page of the list (one row more than `limit`, for the next cursor), visible to the actor. */
function listPage(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: PartnerFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  const q = applyScope(filtered(db, engine, f), actor, 'partners', PARTNER_SCOPE);
  return keyset(q, sort, 'organizations.id', cursor, limit);
}

export async function listPartners(...args: Parameters<typeof listPage>) {
  return listPage(...args).execute();
}

type ContactColumn = 'id' | 'first_name' | 'last_name';

/**
 * One column of an organisation's first contact: the primary one, else the earliest added (one probe of
 * `contacts_organization_primary`). `organizationId` names the outer query's organisation id column.
 */
function firstContact(db: Executor, organizationId: string, column: ContactColumn) {
  return db
    .selectFrom('contacts')
    .select(`contacts.${column}`)
    .where(sql.ref('contacts.organization_id'), '=', sql.ref(organizationId))
    .where('contacts.deleted_at', 'is', null)
    .orderBy('contacts.is_primary', 'desc')
    .orderBy('contacts.created_at')
    .limit(1);
}

/**
 * What a list row or the detail shows beyond the partner's own columns, read with it in one statement:
 * its primary contact's name, its latest live link (status, when) and its live links' figures per status
 * (as JSON), all restricted to the link filters. Evaluated over the page only (`page`, already sorted and
 * cut): a partners list is then two round trips (session, page) instead of three, with no second wave of
 * queries on other connections.
 */
function decorated<O>(
  db: Executor,
  engine: Engine,
  page: SelectQueryBuilder<Database, keyof Database, O>,
  f: LinkFilter,
) {
  const contact = (column: ContactColumn) => firstContact(db, 'page.id', column);
  const links = () =>
    liveLinks(db.selectFrom('links').where(sql.ref('links.organization_id'), '=', sql.ref('page.id')), f);
  const latest = (column: 'status' | 'updated_at') =>
    links()
      .select(`links.${column}`)
      .orderBy('links.updated_at', 'desc')
      .orderBy('links.id', 'desc')
      .limit(1);
  const byStatus = links()
    .select((eb) => [
      'links.status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.coalesce(eb.fn.sum<number>('links.amount'), sql<number>`0`).as('amount'),
      eb.fn.max('links.updated_at').as('last_touched'),
    ])
    .groupBy('links.status');
  const json =
    engine === 'sqlite'
      ? sql<
          string | null
        >`(SELECT json_group_array(json_array(g.status, g.n, g.amount, g.last_touched)) FROM (${byStatus}) g)`
      : sql<
          string | null
        >`(SELECT json_agg(json_build_array(g.status, g.n, g.amount, g.last_touched))::text FROM (${byStatus}) g)`;
  return db
    .selectFrom(page.as('page'))
    .selectAll('page')
    .select([
      contact('first_name').as('contact_first_name'),
      contact('last_name').as('contact_last_name'),
      latest('status').as('latest_status'),
      latest('updated_at').as('latest_at'),
      json.as('figures'),
    ]);
}

/** The figures of `decorated` as rows (SQLite answers [] for none, PostgreSQL null). */
export function figuresOf(json: string | null): FigureRow[] {
  if (!json) return [];
  return (JSON.parse(json) as [string, number, number, string][]).map(([status, n, amount, last]) => ({
    status,
    n: Number(n),
    amount: Number(amount),
    last_touched: last,
  }));
}
export interface FigureRow {
  status: string;
  n: number;
  amount: number;
  last_touched: string;
}

/** A page of the list, each row with what it shows (`decorated`), in the page's order. */
export async function listPartnersDecorated(...args: Parameters<typeof listPage>) {
  const [db, engine, , f, sort] = args;
  const page = listPage(...args).select(sql.ref(sort.column).as('sort_value'));
  return decorated(db, engine, page as never, f)
    .orderBy(sql.ref('page.sort_value'), sort.direction)
    .orderBy(sql.ref('page.id'), sort.direction)
    .execute() as Promise<DecoratedRow[]>;
}

/** One partner the actor may see, with what its detail shows (`decorated`). */
export async function getPartnerDecorated(db: Executor, engine: Engine, actor: Actor, id: string) {
  const one = base(db, actor).where('organizations.id', '=', id).where('organizations.is_partner', '=', 1);
  return decorated(db, engine, one as never, {}).executeTakeFirst() as Promise<DecoratedRow | undefined>;
}

export type DecoratedRow = PartnerRow & {
  contact_first_name: string | null;
  contact_last_name: string | null;
  latest_status: string | null;
  latest_at: string | null;
  figures: string | null;
};

export async function getPartner(db: Executor, actor: Actor, id: string) {
  return base(db, actor)
    .where('organizations.id', '=', id)
    .where('organizations.is_partner', '=', 1)
    .executeTakeFirst();
}

/**
 * A partner's links that count: live ones (the Overview leaves soft-deleted links out too), matching the
 * list's link filters (status, event, package tier).
 */
export function liveLinks<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, f: LinkFilter) {
  let out = q.where(sql.ref('links.deleted_at'), 'is', null);
  if (f.status) out = out.where(sql.ref('links.status'), '=', f.status);
  if (f.eventId) out = out.where(sql.ref('links.event_id'), '=', f.eventId);
  if (f.packageTier) out = out.where(sql.ref('links.package_tier'), '=', f.packageTier);
  return out;
}

/** The organisation has this tag (its lower-case key), from `organizations.tag_keys`. */
function hasTag(tagKey: string) {
  const pattern = `%${TAG_SEPARATOR}${likeLiteral(tagKey)}${TAG_SEPARATOR}%`;
  return sql<SqlBool>`${sql.ref('organizations.tag_keys')} LIKE ${pattern} ESCAPE '\\'`;
}

/** An organisation's tags as written, sorted, from the row's `tag_names` (migration 0015). */
export const tagsOfRow = (r: { tag_names: string | null }): string[] =>
  r.tag_names ? r.tag_names.split(TAG_SEPARATOR) : [];

/**
 * Each listed organisation's first contact's name (see firstContact), from the covering index
 * `contacts_organization_primary` alone: no contact row is read. Null names where it has no contact.
 */
export async function primaryContactNameRows(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organizations as o')
    .select([
      'o.id',
      firstContact(db, 'o.id', 'first_name').as('first_name'),
      firstContact(db, 'o.id', 'last_name').as('last_name'),
    ])
    .where('o.id', 'in', ids)
    .execute();
}

/** Each listed organisation's first contact (see firstContact), whole, by organisation; those without one are absent. */
export async function primaryContacts(db: Executor, ids: string[]) {
  const first = db
    .selectFrom('organizations as o')
    .select(firstContact(db, 'o.id', 'id').as('id'))
    .where('o.id', 'in', ids);
  const rows = ids.length
    ? await db.selectFrom('contacts').selectAll().where('contacts.id', 'in', first).execute()
    : [];
  return new Map(rows.map((c) => [c.organization_id, c]));
}

export async function findByNameKey(db: Executor, nameKey: string, exceptId?: string) {
  let q = db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('name_key', '=', nameKey)
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function replaceTags(db: Executor, id: string, tags: string[]) {
  await db.deleteFrom('organization_tags').where('organization_id', '=', id).execute();
  if (tags.length)
    await db
      .insertInto('organization_tags')
      .values(tags.map((tag) => ({ organization_id: id, tag, tag_key: tag.toLowerCase() })))
      .execute();
}

export async function listContacts(db: Executor, organizationId: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .orderBy('is_primary', 'desc')
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
}

export async function listLevels(db: Executor) {
  return db
    .selectFrom('partner_levels')
    .select(['id', 'key', 'name', 'rank'])
    .where('deleted_at', 'is', null)
    .orderBy('rank')
    .orderBy('name')
    .execute();
}

/** Several partners the actor may see, live ones only (bulk actions). */
export async function getPartners(db: Executor, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  return base(db, actor)
    .where('organizations.id', 'in', ids)
    .where('organizations.is_partner', '=', 1)
    .where('organizations.deleted_at', 'is', null)
    .execute();
}

/** Any live organisation (partner, customer, prospect) the actor may see under the partners scope. */
export async function getOrganization(db: Executor, actor: Actor, id: string) {
  return base(db, actor)
    .where('organizations.id', '=', id)
    .where('organizations.deleted_at', 'is', null)
    .executeTakeFirst();
}
