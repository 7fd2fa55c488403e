/** All SQL of partners (organisations), their tags, contacts and partner levels. */
import { sql } from 'kysely';
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
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
  levelId?: string;
  isAlumni?: boolean;
  tagKey?: string;
  ownerId?: string;
  partnerStatus?: string;
  country?: string;
  includeArchived: boolean;
  deleted: boolean;
}

export const hasLinkFilter = (f: LinkFilter) => !!(f.status || f.eventId || f.packageTier);

/** One private base query: partners with level and owner names, visible to the actor. */
function base(db: Executor, actor: Actor) {
  const q = db
    .selectFrom('organizations')
    .leftJoin('partner_levels', 'partner_levels.id', 'organizations.level_id')
    .leftJoin('users as owner', 'owner.id', 'organizations.owner_id')
    .selectAll('organizations')
    .select([
      'partner_levels.name as level_name',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
    ]);
  return applyScope(q, actor, 'partners', {
    owner: 'organizations.owner_id',
    department: 'owner.department_id',
    visibility: 'organizations.visibility',
  });
}
export type PartnerRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

export async function listPartners(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: PartnerFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  let q = base(db, actor).where('organizations.is_partner', '=', 1);
  q = f.deleted
    ? q.where('organizations.deleted_at', 'is not', null)
    : q.where('organizations.deleted_at', 'is', null);
  if (!f.includeArchived && !f.deleted) q = q.where('organizations.archived_at', 'is', null);
  if (f.levelId) q = q.where('organizations.level_id', '=', f.levelId);
  if (f.isAlumni !== undefined) q = q.where('organizations.is_alumni', '=', f.isAlumni ? 1 : 0);
  if (f.ownerId) q = q.where('organizations.owner_id', '=', f.ownerId);
  if (f.partnerStatus) q = q.where('organizations.status', '=', f.partnerStatus);
  if (f.country) q = q.where('organizations.country', '=', f.country);
  if (f.tagKey) {
    const tagKey = f.tagKey;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('organization_tags')
          .select('organization_id')
          .whereRef('organization_tags.organization_id', '=', 'organizations.id')
          .where('organization_tags.tag_key', '=', tagKey),
      ),
    );
  }
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
      let links = eb
        .selectFrom('links')
        .select('links.id')
        .whereRef('links.organization_id', '=', 'organizations.id');
      if (f.status) links = links.where('links.status', '=', f.status);
      if (f.eventId) links = links.where('links.event_id', '=', f.eventId);
      if (f.packageTier) links = links.where('links.package_tier', '=', f.packageTier);
      return eb.exists(links);
    });
  }
  return keyset(q, sort, 'organizations.id', cursor, limit).execute();
}

export async function getPartner(db: Executor, actor: Actor, id: string) {
  return base(db, actor)
    .where('organizations.id', '=', id)
    .where('organizations.is_partner', '=', 1)
    .executeTakeFirst();
}

/** Link figures per partner and status, for the given partners, restricted to the link filters. */
export async function linkFigures(db: Executor, ids: string[], f: LinkFilter) {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('links')
    .select([
      'links.organization_id',
      'links.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('links.amount'), sql<number>`0`).as('amount'),
      (eb) => eb.fn.max('links.updated_at').as('last_touched'),
    ])
    .where('links.organization_id', 'in', ids)
    .groupBy(['links.organization_id', 'links.status']);
  if (f.status) q = q.where('links.status', '=', f.status);
  if (f.eventId) q = q.where('links.event_id', '=', f.eventId);
  if (f.packageTier) q = q.where('links.package_tier', '=', f.packageTier);
  return q.execute();
}

/** The newest link of each partner (its status is the partner's "latest status"). */
export async function latestLinks(db: Executor, ids: string[], f: LinkFilter) {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('links')
    .select(['organization_id', 'status', 'updated_at', 'id'])
    .where('organization_id', 'in', ids);
  if (f.status) q = q.where('links.status', '=', f.status);
  if (f.eventId) q = q.where('links.event_id', '=', f.eventId);
  if (f.packageTier) q = q.where('links.package_tier', '=', f.packageTier);
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
}

export async function tagsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organization_tags')
    .select(['organization_id', 'tag'])
    .where('organization_id', 'in', ids)
    .orderBy('tag')
    .execute();
}

export async function primaryContacts(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('contacts')
    .select(['organization_id', 'first_name', 'last_name', 'is_primary', 'created_at'])
    .where('organization_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .orderBy('is_primary', 'desc')
    .orderBy('created_at')
    .execute();
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
