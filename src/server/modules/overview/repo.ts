/**
 * All SQL of the Overview. Figures per event and status come from the trigger-kept `link_stats`; the date-dependent counts read only the rows near today (future follow-ups,
 * recently touched links) and derive the rest; the action queue reads at most `limit` rows per kind, in
 * queue order, from partial indexes (migration 0007). Events are few and come back whole.
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type SelectQueryBuilder,
  type SqlBool,
  type Updateable,
} from 'kysely';
import { CLOSED_STATUSES } from '../../../shared/partnerships/statuses';
import type { Engine, Executor } from '../../db/connection';
import type { Database } from '../../db/types';
import { needsLateralPerKey } from '../../db/dialect';
import type { AnnualGoalsTable } from '../../db/types.partnerships';

export async function loadEvents(db: Executor) {
  return db
    .selectFrom('events')
    .select([
      'id',
      'name',
      'year',
      'outreach_start',
      'start_date',
      'end_date',
      'goal_amount',
      'currency',
      'archived_at',
      'deleted_at',
      'updated_at',
    ])
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof loadEvents>>[number];

/**
 * Count, amount and links with a follow-up date per event and status, from the trigger-kept `link_stats`
 * (db/linkStats.ts): a few rows per event, whatever the number of links.
 */
export async function linkFigures(db: Executor, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return db
    .selectFrom('link_stats')
    .select(['event_id', 'status', 'n as count', 'amount', 'with_follow_up'])
    .where('event_id', 'in', eventIds)
    .where('n', '>', 0)
    .execute();
}
export type FigureRow = Awaited<ReturnType<typeof linkFigures>>[number];

/**
 * The same figures summed over a set of events, per status: what the annual block needs of a year's events
 * when the scope is narrower than the year (one event), a dozen rows instead of a few hundred.
 */
export async function statusTotals(db: Executor, eventIds: string[]): Promise<FigureRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('link_stats')
    .select((eb) => [
      'status',
      eb.fn.sum<number>('n').as('count'),
      eb.fn.sum<number>('amount').as('amount'),
      eb.fn.sum<number>('with_follow_up').as('with_follow_up'),
    ])
    .where('event_id', 'in', eventIds)
    .where('n', '>', 0)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ event_id: '', ...r }));
}

/**
 * Each event's most recently touched live link: the later of its latest dated and latest undated link,
 * each one probe of its own partial index (`links_event_dated_touched`, `links_event_stale`).
 */
export async function lastTouched(db: Executor, eventIds: string[]): Promise<Map<string, string>> {
  if (eventIds.length === 0) return new Map();
  const latest = (eb: ExpressionBuilder<Database, 'events'>, dated: boolean) =>
    eb
      .selectFrom('links')
      .select((e) => e.fn.max('links.updated_at').as('at'))
      .whereRef('links.event_id', '=', 'events.id')
      .where('links.deleted_at', 'is', null)
      .where('links.follow_up_date', dated ? 'is not' : 'is', null);
  const rows = await db
    .selectFrom('events')
    .select((eb) => ['events.id', latest(eb, true).as('dated'), latest(eb, false).as('undated')])
    .where('events.id', 'in', eventIds)
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) {
    const at = [r.dated, r.undated]
      .filter((x) => x !== null && x !== undefined)
      .map(String)
      .sort()
      .at(-1);
    if (at) out.set(r.id, at);
  }
  return out;
}

/**
 * Per event, the counts that depend on today, over only the links their rules count: follow-up dates from
 * today on (`due`, and those by the cutoff; the other dated links are overdue) of links in a status that is
 * not closed (decision 3), and links without one touched after `since` (`touched`, and after `staleFrom`;
 * the others are stale) in a status that can go stale (reference §2.8). The statuses come from
 * shared/partnerships/statuses, the one place their rules live. Grouped by event alone, each half on its own
 * partial index (in event order, so SQLite groups as it reads): a grouping by status too sorted every row it
 * read, 3–4× the time (0.71 → 0.20 ms for one event of 2,500 links, 16.5 → 4.0 ms for a year of 40 events).
 */
export async function nearToday(
  db: Executor,
  eventIds: string[],
  s: {
    today: string;
    cutoff: string;
    since: string;
    staleFrom: string;
    staleStatuses: readonly string[];
  },
): Promise<NearTodayRow[]> {
  if (eventIds.length === 0) return [];
  const [due, touched] = await Promise.all([
    db
      .selectFrom('links')
      .where('deleted_at', 'is', null)
      .where('follow_up_date', 'is not', null)
      .where('follow_up_date', '>=', s.today)
      .where('status', 'not in', CLOSED_STATUSES)
      .where('event_id', 'in', eventIds)
      .groupBy('event_id')
      .select((eb) => [
        'event_id',
        eb.fn.countAll<number>().as('due'),
        eb.fn.countAll<number>().filterWhere('follow_up_date', '<=', s.cutoff).as('upcoming'),
      ])
      .execute(),
    s.staleStatuses.length === 0
      ? []
      : db
          .selectFrom('links')
          .where('deleted_at', 'is', null)
          .where('follow_up_date', 'is', null)
          .where('updated_at', '>', s.since)
          .where('status', 'in', [...s.staleStatuses])
          .where('event_id', 'in', eventIds)
          .groupBy('event_id')
          .select((eb) => [
            'event_id',
            eb.fn.countAll<number>().as('touched'),
            eb.fn.countAll<number>().filterWhere('updated_at', '>', s.staleFrom).as('fresh'),
          ])
          .execute(),
  ]);
  const out = new Map<string, NearTodayRow>();
  const of = (eventId: string) => {
    let row = out.get(eventId);
    if (!row) out.set(eventId, (row = { eventId, due: 0, upcoming: 0, touched: 0, fresh: 0 }));
    return row;
  };
  for (const r of due) Object.assign(of(r.event_id), { due: Number(r.due), upcoming: Number(r.upcoming) });
  for (const r of touched)
    Object.assign(of(r.event_id), { touched: Number(r.touched), fresh: Number(r.fresh) });
  return [...out.values()];
}
/** One event's counts that depend on today (see nearToday). */
export interface NearTodayRow {
  eventId: string;
  /** Follow-up dates from today on, and those by the window's end: links not in a closed status. */
  due: number;
  upcoming: number;
  /** Links without a follow-up date touched within 30 and within 14 days: links that can go stale. */
  touched: number;
  fresh: number;
}

/** Which communications are in scope: those of these events, or (all years) every one not of a hidden event. */
export type CommunicationScope = { eventIds: string[] } | { allBut: string[] };

/** Open communication follow-ups in scope: not done, not deleted, with a date. */
function openFollowUps(db: Executor, scope: CommunicationScope) {
  let q = db
    .selectFrom('communications')
    .where('communications.deleted_at', 'is', null)
    .where('communications.follow_up_done_at', 'is', null)
    .where('communications.follow_up_date', 'is not', null);
  if ('eventIds' in scope)
    q = scope.eventIds.length
      ? q.where('communications.event_id', 'in', scope.eventIds)
      : q.where(sql<boolean>`1 = 0`);
  else if (scope.allBut.length) {
    const hidden = scope.allBut;
    q = q.where((eb) =>
      eb.or([eb('communications.event_id', 'is', null), eb('communications.event_id', 'not in', hidden)]),
    );
  }
  return q;
}

export interface CountsScope {
  eventIds: string[];
  /**
   * For a scope over a whole year (or all years) but a few of its events, those few (deleted, hidden, or
   * the remaining events when all years): its partners are then counted from the maintained per-year (or
   * per-partner) counts, less the partners of these events' links that have no live link in scope.
   */
  except: { year: number | null; ids: string[] } | null;
  communications: CommunicationScope;
  today: string;
  cutoff: string;
  year: number | null;
}

/**
 * The scalar figures in one round trip: partners (all, active), distinct partners of the links in scope,
 * open communication follow-ups due by the cutoff (and overdue), and the year's explicit goal.
 */
export async function scopeCounts(db: Executor, engine: Engine, s: CountsScope) {
  // All and archived partners, maintained by triggers (migration 0014).
  const partners = db
    .selectFrom('partner_totals')
    .select(['live as total', sql<number>`live - archived`.as('active')])
    .where('id', '=', 1);
  const comms = openFollowUps(db, s.communications)
    .where('communications.follow_up_date', '<=', s.cutoff)
    .select((eb) => [
      eb.fn.countAll<number>().as('due'),
      eb.fn.countAll<number>().filterWhere('communications.follow_up_date', '<', s.today).as('overdue'),
    ]);
  // Distinct partners, grouped rather than COUNT(DISTINCT), which PostgreSQL always sorts. A scope of some
  // events reads their (event, partner) entries; a year's or all years' scope the maintained counts, less
  // the partners whose every counted link is in an excepted event (their maintained count equals the
  // number of their links in those events).
  const partnersOf = (ids: string[]) =>
    db
      .selectFrom('links')
      .select('links.organization_id')
      .where('links.deleted_at', 'is', null)
      .where('links.event_id', 'in', ids)
      .groupBy('links.organization_id');
  const count = (q: Expression<unknown>) => sql<number>`(SELECT COUNT(*) FROM (${q}) AS counted)`;
  // One event: a partner has at most one link to it (the unique `links_pair`), so its distinct partners
  // are its live links, which the caller already has from `link_stats` (returned as null).
  let inScope = sql<number | null>`0`;
  if (s.eventIds.length === 1 && s.except === null) inScope = sql<null>`NULL`;
  else if (s.eventIds.length && s.except === null) inScope = count(partnersOf(s.eventIds));
  else if (s.eventIds.length) {
    const { year, ids: except } = s.except!;
    inScope = sql<number>`COALESCE((${db
      .selectFrom('link_partner_totals')
      .select('partners')
      .where('year', '=', year ?? 0)}), 0)`;
    if (except.length) {
      // Left out: the partners all of whose counted links are in the excepted events.
      const there = db
        .selectFrom('links')
        .select((eb) => ['links.organization_id', eb.fn.countAll<number>().as('n')])
        .where('links.deleted_at', 'is', null)
        .where('links.event_id', 'in', except)
        .groupBy('links.organization_id');
      const gone =
        year === null
          ? db
              .selectFrom(there.as('there'))
              .innerJoin('link_partner_counts as t', 't.organization_id', 'there.organization_id')
              .whereRef('t.n', '=', 'there.n')
              .select('there.organization_id')
          : db
              .selectFrom(there.as('there'))
              .innerJoin('link_partner_years as t', (j) =>
                j.onRef('t.organization_id', '=', 'there.organization_id').on('t.year', '=', year),
              )
              .whereRef('t.n', '=', 'there.n')
              .select('there.organization_id');
      inScope = sql<number>`(${inScope} - ${count(gone)})`;
    }
  }
  const r = await db
    .selectFrom([partners.as('p'), comms.as('c')])
    .select((eb) => [
      'p.total',
      'p.active',
      'c.due',
      'c.overdue',
      inScope.as('in_scope'),
      s.year === null
        ? sql<number | null>`NULL`.as('annual_goal')
        : eb.selectFrom('annual_goals').select('amount').where('year', '=', s.year).as('annual_goal'),
    ])
    .executeTakeFirstOrThrow();
  return {
    partners: Number(r.total),
    activePartners: Number(r.active),
    /** Null for a scope of one event: its live link count. */
    partnersInScope: r.in_scope === null || r.in_scope === undefined ? null : Number(r.in_scope),
    communicationsDue: Number(r.due),
    communicationsOverdue: Number(r.overdue),
    annualGoal: r.annual_goal === null || r.annual_goal === undefined ? null : Number(r.annual_goal),
  };
}

export interface QueueScope {
  eventIds: string[];
  communications: CommunicationScope;
  cutoff: string;
  /** Links touched at or before these instants are stale, and overdue-stale. */
  staleFrom: string;
  staleOverdueFrom: string;
  staleStatuses: string[];
  limit: number;
}
export interface CandidateRow {
  kind: 'follow_up' | 'stale_overdue' | 'stale' | 'communication_follow_up';
  id: string;
  organization_id: string;
  due: string | null;
  updated_at: string;
}

type Order = [column: 'due' | 'updated_at' | 'id', direction: 'asc' | 'desc'][];
const DUE_ORDER: Order = [
  ['due', 'asc'],
  ['updated_at', 'desc'],
  ['id', 'asc'],
];
const TOUCHED_ORDER: Order = [
  ['updated_at', 'desc'],
  ['id', 'asc'],
];

/**
 * The first `limit` items of each kind, each in queue order, in one round trip: follow-ups of links in an
 * open or secured status due by the cutoff (decision 3); links without a follow-up date stale for 30 days
 * or more, then for 14 to 29, most recently touched first; open communication follow-ups due by the cutoff.
 * Each kind reads an index led by the event in its order, a few rows per event (see needsLateralPerKey).
 */
export async function queueCandidates(db: Executor, engine: Engine, s: QueueScope): Promise<CandidateRow[]> {
  const lateral = needsLateralPerKey(engine);
  const kind = (k: CandidateRow['kind']) => sql<string>`${sql.lit(k)}`.as('kind');
  const noDate = sql<string | null>`NULL`.as('due');
  /** Restricts rows to the scope's events: one event at a time inside the LATERAL join, else by list. */
  const ofScope = (column: string, ids: string[]) =>
    lateral
      ? sql<SqlBool>`${sql.ref(column)} = scope.id`
      : sql<SqlBool>`${sql.ref(column)} IN (${sql.join(ids)})`;
  const first = <TB extends keyof Database>(
    q: SelectQueryBuilder<Database, TB, CandidateRow>,
    order: Order,
    ids: string[] | null,
  ): Expression<unknown> => {
    const limited = order.reduce((o, [column, dir]) => o.orderBy(sql.ref(column), dir), q).limit(s.limit);
    if (!lateral || ids === null) return limited;
    const perEvent = db
      .selectFrom('events as scope')
      .innerJoinLateral(limited.as('x'), (join) => join.onTrue())
      .where('scope.id', 'in', ids)
      .selectAll('x');
    return order
      .reduce((o, [column, dir]) => o.orderBy(sql.ref(`x.${column}`), dir), perEvent)
      .limit(s.limit);
  };

  const comms = s.communications;
  const commRows = openFollowUps(db, 'eventIds' in comms ? { allBut: [] } : comms)
    .select([
      kind('communication_follow_up'),
      'communications.id',
      'communications.organization_id',
      'communications.follow_up_date as due',
      'communications.updated_at',
    ])
    .where('communications.follow_up_date', '<=', s.cutoff) as SelectQueryBuilder<
    Database,
    'communications',
    CandidateRow
  >;
  const members: Expression<unknown>[] = [];
  if (!('eventIds' in comms)) members.push(first(commRows, DUE_ORDER, null));
  else if (comms.eventIds.length)
    members.push(
      first(commRows.where(ofScope('communications.event_id', comms.eventIds)), DUE_ORDER, comms.eventIds),
    );
  if (s.eventIds.length) {
    const links = db
      .selectFrom('links')
      .where('deleted_at', 'is', null)
      .where(ofScope('links.event_id', s.eventIds));
    const stale = (upTo: string, after: string | null) => {
      let q = links
        .select([kind(after ? 'stale' : 'stale_overdue'), 'id', 'organization_id', noDate, 'updated_at'])
        .where('follow_up_date', 'is', null)
        .where('updated_at', '<=', upTo)
        .where('status', 'in', s.staleStatuses);
      if (after) q = q.where('updated_at', '>', after);
      return first(q as SelectQueryBuilder<Database, 'links', CandidateRow>, TOUCHED_ORDER, s.eventIds);
    };
    const dated = links
      .select([kind('follow_up'), 'id', 'organization_id', 'follow_up_date as due', 'updated_at'])
      .where('follow_up_date', 'is not', null)
      .where('follow_up_date', '<=', s.cutoff)
      .where('status', 'not in', CLOSED_STATUSES);
    members.push(
      first(dated as SelectQueryBuilder<Database, 'links', CandidateRow>, DUE_ORDER, s.eventIds),
      stale(s.staleOverdueFrom, null),
      stale(s.staleFrom, s.staleOverdueFrom),
    );
  }
  if (members.length === 0) return [];
  const union = sql.join(
    members.map((m) => sql`SELECT * FROM (${m}) AS q`),
    sql` UNION ALL `,
  );
  return (await sql<CandidateRow>`${union}`.execute(db)).rows;
}

/**
 * What an action item shows of its links, and whose they and their partners are (for what the caller may see
 * and change).
 */
export async function linkDetails(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('links')
    .innerJoin('organizations', 'organizations.id', 'links.organization_id')
    .innerJoin('events', 'events.id', 'links.event_id')
    .leftJoin('contacts', 'contacts.id', 'links.contact_id')
    .leftJoin('users as owner', 'owner.id', 'links.owner_id')
    .leftJoin('users as partner_owner', 'partner_owner.id', 'organizations.owner_id')
    .select([
      'links.id',
      'links.owner_id',
      'owner.department_id as owner_department_id',
      'links.organization_id',
      'organizations.name as partner_name',
      'organizations.deleted_at as partner_deleted_at',
      'organizations.owner_id as partner_owner_id',
      'partner_owner.department_id as partner_owner_department_id',
      'organizations.visibility as partner_visibility',
      'links.event_id',
      'events.name as event_name',
      'events.year as event_year',
      'links.status',
      'links.amount',
      'links.currency',
      'links.contact_id',
      'contacts.first_name as contact_first_name',
      'contacts.last_name as contact_last_name',
      'links.version',
    ])
    .where('links.id', 'in', ids)
    .execute();
}
export type LinkDetail = Awaited<ReturnType<typeof linkDetails>>[number];

/** What an action item shows of its communications, and whose they are. */
export async function communicationDetails(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('communications')
    .innerJoin('organizations', 'organizations.id', 'communications.organization_id')
    .leftJoin('events', 'events.id', 'communications.event_id')
    .leftJoin('contacts', 'contacts.id', 'communications.contact_id')
    .leftJoin('users as owner', 'owner.id', 'communications.owner_id')
    .leftJoin('users as partner_owner', 'partner_owner.id', 'organizations.owner_id')
    .select([
      'communications.id',
      'communications.owner_id',
      'owner.department_id as owner_department_id',
      'communications.organization_id',
      'organizations.name as partner_name',
      'organizations.deleted_at as partner_deleted_at',
      'organizations.owner_id as partner_owner_id',
      'partner_owner.department_id as partner_owner_department_id',
      'organizations.visibility as partner_visibility',
      'communications.event_id',
      'events.name as event_name',
      'events.year as event_year',
      'communications.subject',
      'communications.contact_id',
      'contacts.first_name as contact_first_name',
      'contacts.last_name as contact_last_name',
      'communications.version',
    ])
    .where('communications.id', 'in', ids)
    .execute();
}
export type CommunicationDetail = Awaited<ReturnType<typeof communicationDetails>>[number];

// Annual goals.

export async function annualGoal(db: Executor, year: number) {
  return db.selectFrom('annual_goals').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function annualGoals(db: Executor) {
  return db.selectFrom('annual_goals').selectAll().orderBy('year', 'desc').execute();
}

/** The sum of the goals of each year's shown (live, not archived) events. */
export async function eventGoalsByYear(db: Executor) {
  return db
    .selectFrom('events')
    .select((eb) => ['year', eb.fn.sum<number | null>('goal_amount').as('goal')])
    .where('deleted_at', 'is', null)
    .where('archived_at', 'is', null)
    .groupBy('year')
    .execute();
}

export async function insertAnnualGoal(db: Executor, row: Insertable<AnnualGoalsTable>) {
  await db.insertInto('annual_goals').values(row).execute();
}

export async function updateAnnualGoal(db: Executor, year: number, set: Updateable<AnnualGoalsTable>) {
  await db.updateTable('annual_goals').set(set).where('year', '=', year).execute();
}

export async function deleteAnnualGoal(db: Executor, year: number) {
  await db.deleteFrom('annual_goals').where('year', '=', year).execute();
}
