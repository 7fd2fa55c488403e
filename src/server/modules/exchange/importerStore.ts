/**
 * What one batch of the partnerships importer (importer.ts) reads and writes, in a handful of set-based
 * queries instead of several round trips per row: `prefetch` loads every partner, event, tier, link, contact
 * and tag the batch's rows refer to into maps; the importer applies the rows against those maps (so a
 * partner created by row 3 is found by row 7 without a query) and queues its writes; `flush` writes them
 * in dependency order with multi-row INSERTs and one UPDATE per changed record.
 */
import type { Executor } from '../../db/connection';

/** Bind parameters per statement: SQLite allows 32766, PostgreSQL 65535; stay under both. */
const MAX_PARAMS = 30_000;
/** Values per `IN (...)` list. */
const IN_CHUNK = 1000;

export type Row = Record<string, unknown>;

/** A record as the database has it, plus this batch's changes, and what the flush must write for it. */
export interface Rec {
  row: Row;
  /** Created in this batch: inserted (in its final state) by the flush. */
  isNew: boolean;
  /** Columns changed on an existing record: one UPDATE each by the flush. */
  changed: Set<string>;
}

export interface OrgRec extends Rec {
  /** Tags, sorted; null when not loaded (a dry run does not read them). */
  tags: string[] | null;
  tagsChanged: boolean;
}

export interface PartnerRef {
  id: string;
  updatedAt: string;
  /** null for a partner a dry run only pretends to create, and in a dry run. */
  rec: OrgRec | null;
}

export interface EventRef {
  id: string;
  year: number;
  currency: string;
  /** Tier key → default amount. */
  tiers: Map<string, number | null>;
}

export interface LinkRef {
  id: string;
  organizationId: string;
  eventId: string;
  updatedAt: string;
  rec: Rec | null;
}

/** What the batch's rows point at, as found in the database (or created by the run). */
export interface Wanted {
  partnerIds: Set<string>;
  nameKeys: Set<string>;
  eventIds: Set<string>;
  years: Set<number>;
  linkIds: Set<string>;
  /**
   * Called once the partners are loaded: which of them need their contacts and their tags read (those a
   * row may change). A real run must name every partner it will change; a dry run names none.
   */
  details(s: ImportState): { contacts: Set<string>; tags: Set<string> };
}

/** Lookups of one batch (of a dry run: of the whole run, since nothing it creates reaches the database). */
export class ImportState {
  partnersById = new Map<string, PartnerRef>();
  partnersByKey = new Map<string, PartnerRef>();
  /** Every partner id in use, deleted ones too: a row's id for a new partner must not collide. */
  takenPartnerIds = new Set<string>();
  eventsById = new Map<string, EventRef>();
  eventsByKey = new Map<string, EventRef>();
  takenEventIds = new Set<string>();
  linksById = new Map<string, LinkRef>();
  linksByPair = new Map<string, LinkRef>();
  /** Live contacts of the partners in the maps, oldest first. */
  contacts = new Map<string, Rec[]>();

  // Queued writes (not used by dry runs).
  newLevels: Row[] = [];
  newEvents: Row[] = [];
  newTiers: Row[] = [];
  orgs = new Set<OrgRec>();
  contactRecs = new Set<Rec>();
  linkRecs = new Set<Rec>();
}

export const eventKey = (name: string, year: number | null) => `${name.trim().toLowerCase()}|${year}`;
export const pairKey = (organizationId: string, eventId: string) => `${organizationId}|${eventId}`;

function chunks<T>(values: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** Runs `query` over chunks of `a` and `b` side by side (either may be empty, not both), concatenated. */
async function inChunks<A, B, R>(a: A[], b: B[], query: (a: A[], b: B[]) => Promise<R[]>): Promise<R[]> {
  const ca = chunks(a, IN_CHUNK);
  const cb = chunks(b, IN_CHUNK);
  const out: R[] = [];
  for (let i = 0; i < Math.max(ca.length, cb.length); i++)
    out.push(...(await query(ca[i] ?? [], cb[i] ?? [])));
  return out;
}

/**
 * Loads into `s` what the wanted keys refer to. Entries already in `s` are replaced by the database's
 * (fresher) state; ones the database lacks (a dry run's pretend creations) stay.
 */
export async function prefetch(db: Executor, s: ImportState, w: Wanted): Promise<void> {
  const partnerIds = [...w.partnerIds];
  const nameKeys = [...w.nameKeys];
  const livePartners: string[] = [];
  if (partnerIds.length || nameKeys.length) {
    const orgs = await inChunks(partnerIds, nameKeys, (ids, keys) =>
      db
        .selectFrom('organizations')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(ids.length ? [eb('id', 'in', ids)] : []),
            ...(keys.length ? [eb.and([eb('name_key', 'in', keys), eb('deleted_at', 'is', null)])] : []),
          ]),
        )
        .execute(),
    );
    const seen = new Set<string>();
    for (const o of orgs) {
      s.takenPartnerIds.add(o.id);
      if (o.deleted_at !== null || seen.has(o.id)) continue;
      seen.add(o.id);
      const ref: PartnerRef = {
        id: o.id,
        updatedAt: o.updated_at,
        rec: { row: o as unknown as Row, isNew: false, changed: new Set(), tags: null, tagsChanged: false },
      };
      s.partnersById.set(o.id, ref);
      s.partnersByKey.set(o.name_key, ref);
      livePartners.push(o.id);
    }
  }

  const eventIds = [...w.eventIds];
  const years = [...w.years];
  const liveEvents = new Set<string>();
  if (eventIds.length || years.length) {
    // Events with their tier presets in one query (few events, few tiers each).
    const events = await inChunks(eventIds, years, (ids, ys) =>
      db
        .selectFrom('events')
        .leftJoin('event_tiers', 'event_tiers.event_id', 'events.id')
        .select([
          'events.id',
          'events.name',
          'events.year',
          'events.currency',
          'events.deleted_at',
          'event_tiers.key',
          'event_tiers.default_amount',
        ])
        .where((eb) =>
          eb.or([
            ...(ids.length ? [eb('events.id', 'in', ids)] : []),
            ...(ys.length
              ? [eb.and([eb('events.year', 'in', ys), eb('events.deleted_at', 'is', null)])]
              : []),
          ]),
        )
        .execute(),
    );
    const byId = new Map<string, EventRef>();
    for (const e of events) {
      s.takenEventIds.add(e.id);
      if (e.deleted_at !== null) continue;
      let ref = byId.get(e.id);
      if (!ref) {
        ref = { id: e.id, year: e.year, currency: e.currency, tiers: new Map() };
        byId.set(e.id, ref);
        s.eventsById.set(e.id, ref);
        s.eventsByKey.set(eventKey(e.name, e.year), ref);
        liveEvents.add(e.id);
      }
      if (e.key !== null) ref.tiers.set(e.key, e.default_amount);
    }
  }

  // Links: those the rows name by id, and every link between the batch's partners and events.
  const linkIds = [...w.linkIds];
  const links = [
    ...(linkIds.length
      ? await inChunks(linkIds, [], (ids) =>
          db.selectFrom('links').selectAll().where('id', 'in', ids).execute(),
        )
      : []),
    ...(livePartners.length && liveEvents.size
      ? await inChunks(livePartners, [], (ids) =>
          db
            .selectFrom('links')
            .selectAll()
            .where('organization_id', 'in', ids)
            .where('event_id', 'in', [...liveEvents])
            .execute(),
        )
      : []),
  ];
  for (const l of links) {
    const ref: LinkRef = {
      id: l.id,
      organizationId: l.organization_id,
      eventId: l.event_id,
      updatedAt: l.updated_at,
      rec: { row: l as unknown as Row, isNew: false, changed: new Set() },
    };
    s.linksById.set(l.id, ref);
    s.linksByPair.set(pairKey(l.organization_id, l.event_id), ref);
  }

  const details = w.details(s);
  const withContacts = livePartners.filter((id) => details.contacts.has(id));
  const withTags = livePartners.filter((id) => details.tags.has(id));
  if (withContacts.length) {
    for (const id of withContacts) s.contacts.set(id, []);
    const contacts = await inChunks(withContacts, [], (ids) =>
      db
        .selectFrom('contacts')
        .selectAll()
        .where('organization_id', 'in', ids)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    );
    for (const c of contacts)
      s.contacts.get(c.organization_id)!.push({ row: c as unknown as Row, isNew: false, changed: new Set() });
  }
  if (withTags.length) {
    const tags = await inChunks(withTags, [], (ids) =>
      db
        .selectFrom('organization_tags')
        .select(['organization_id', 'tag'])
        .where('organization_id', 'in', ids)
        .execute(),
    );
    const byOrg = new Map<string, string[]>(withTags.map((id) => [id, []]));
    for (const t of tags) byOrg.get(t.organization_id)!.push(t.tag);
    for (const [id, list] of byOrg) s.partnersById.get(id)!.rec!.tags = list.sort();
  }
}

type InsertTable =
  'partner_levels' | 'events' | 'event_tiers' | 'organizations' | 'organization_tags' | 'contacts' | 'links';

/** Multi-row INSERTs, chunked under the engines' bind-parameter limits. All rows have the same columns. */
export async function insertMany(db: Executor, table: InsertTable, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  for (const part of chunks(rows, size))
    await db
      .insertInto(table)
      .values(part as never)
      .execute();
}

type UpdateTable = 'organizations' | 'contacts' | 'links';

async function updateChanged(db: Executor, table: UpdateTable, recs: Iterable<Rec>): Promise<void> {
  for (const r of recs) {
    if (r.isNew || r.changed.size === 0) continue;
    const set: Row = {};
    for (const col of r.changed) set[col] = r.row[col];
    await db
      .updateTable(table)
      .set(set as never)
      .where('id', '=', r.row.id as string)
      .execute();
  }
}

/** Writes what the batch queued, parents before children. */
export async function flush(db: Executor, s: ImportState): Promise<void> {
  const orgs = [...s.orgs];
  const contacts = [...s.contactRecs];
  const links = [...s.linkRecs];
  await insertMany(db, 'partner_levels', s.newLevels);
  await insertMany(db, 'events', s.newEvents);
  await insertMany(db, 'event_tiers', s.newTiers);
  await insertMany(
    db,
    'organizations',
    orgs.filter((o) => o.isNew).map((o) => o.row),
  );
  await updateChanged(db, 'organizations', orgs);
  const retagged = orgs.filter((o) => !o.isNew && o.tagsChanged).map((o) => o.row.id as string);
  for (const part of chunks(retagged, IN_CHUNK))
    await db.deleteFrom('organization_tags').where('organization_id', 'in', part).execute();
  await insertMany(
    db,
    'organization_tags',
    orgs
      .filter((o) => o.isNew || o.tagsChanged)
      .flatMap((o) =>
        (o.tags ?? []).map((tag) => ({ organization_id: o.row.id, tag, tag_key: tag.toLowerCase() })),
      ),
  );
  await insertMany(
    db,
    'contacts',
    contacts.filter((c) => c.isNew).map((c) => c.row),
  );
  await updateChanged(db, 'contacts', contacts);
  await insertMany(
    db,
    'links',
    links.filter((l) => l.isNew).map((l) => l.row),
  );
  await updateChanged(db, 'links', links);
}
