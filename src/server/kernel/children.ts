/**
 * Records that hang off a parent record by one column (a partner's consultants, accounts, cases, leads,
 * opportunities, activities). Each module describes its own with `childRecords`; the parent's detail counts
 * them per tab (with how many the caller's scope hides), and the parent's delete and restore move them to
 * and from the trash, or unlink and re-link them, one audited record at a time.
 */
import { sql, type Expression, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ModuleName } from '../../shared/permissions';
import type { Executor } from '../db/connection';
import type { Actor } from './context';
import type { MutationScope } from './mutation';
import { scopeAny } from './scope';

type ChildTable = 'contacts' | 'organizations' | 'cases' | 'leads' | 'opportunities' | 'sales_activities';

export interface ChildSpec {
  /** The tab / impact name, e.g. "leads". */
  kind: string;
  table: ChildTable;
  /** The column that points at the parent. */
  parentColumn: string;
  /** The audit entity of one record, e.g. "lead". */
  entity: string;
  /** The module whose record scope decides who sees a record. */
  module: ModuleName;
  /** Whether the record can live without its parent (unlink) or always goes with it. */
  canUnlink: boolean;
  /** The record's own visibility column, when it has one (organisations). */
  visibility?: boolean;
  /** A second person who puts the record in scope (a case's assignee), beside its owner. */
  assigneeColumn?: string;
  /** How the parent's History names one record: a singular noun and an SQL expression over the table. */
  history: { noun: string; label: string };
}

/**
 * Records whose changes show in a parent's History beside the parent's own (a partner's consultants,
 * links, communications…): which of them the reader may see, and what to call each one.
 */
export interface RelatedHistory {
  entity: string;
  noun: string;
  module: ModuleName;
  /** The ids of the parent's records the actor may see, deleted ones included (their history stays). */
  visibleIds(
    db: Executor,
    actor: Actor,
    parentId: string,
  ): SelectQueryBuilder<AnyDbShape, string, { id: string }>;
  labels(db: Executor, ids: string[]): Promise<Map<string, string>>;
}

export interface TabCount {
  count: number;
  hidden: number;
}

export interface ChildRecords extends ChildSpec, RelatedHistory {
  /** Live records of each parent, all of them: what deleting the parent would affect. */
  countAll(db: Executor, parentId: string): Promise<number>;
  /**
   * What the caller sees on the parent's tab, and how many more its scope hides, as a one-row query
   * (`total`, `visible`; read with `tabCountOf`), so a parent asks for all its tabs in one round trip.
   */
  tabCountQuery(db: Executor, actor: Actor, parentId: string): Expression<unknown>;
  /** Moves the parent's records to the trash (deleted at `m.at`) or unlinks them; returns the ids unlinked. */
  detach(m: MutationScope, parentId: string, related: 'delete' | 'unlink'): Promise<string[]>;
  /** Undoes `detach`: restores what was trashed with the parent at `deletedAt`, links again what was unlinked. */
  reattach(m: MutationScope, parentId: string, deletedAt: string, unlinkedIds: string[]): Promise<void>;
}

// The child table is a runtime choice, so these queries are built untyped; each spec names real columns.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type AnyDbShape = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A RelatedHistory for records that anyone who sees the parent may see (no record scope of their own). */
export function plainRelatedHistory(s: {
  entity: string;
  noun: string;
  module: ModuleName;
  table: string;
  parentColumn: string;
  /** SQL over the table (and `joins`) naming one record. */
  label: string;
  joins?: (
    q: SelectQueryBuilder<AnyDbShape, string, object>,
  ) => SelectQueryBuilder<AnyDbShape, string, object>;
}): RelatedHistory {
  const base = (db: Executor) => {
    const q = (db as unknown as AnyDb).selectFrom(s.table);
    return s.joins ? s.joins(q) : q;
  };
  return {
    entity: s.entity,
    noun: s.noun,
    module: s.module,
    visibleIds: (db, _actor, parentId) =>
      (db as unknown as AnyDb)
        .selectFrom(s.table)
        .select(`${s.table}.id as id`)
        .where(sql.ref(`${s.table}.${s.parentColumn}`), '=', parentId),
    labels: (db, ids) => labelsOf(base(db), s.table, s.label, ids),
  };
}

async function labelsOf(
  q: SelectQueryBuilder<AnyDbShape, string, object>,
  table: string,
  label: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = (await q
    .select([sql.ref(`${table}.id`).as('id'), sql.raw<string>(label).as('label')])
    .where(sql.ref(`${table}.id`), 'in', ids)
    .execute()) as { id: string; label: string | null }[];
  return new Map(rows.map((r) => [r.id, (r.label ?? '').trim()]));
}

/** A tab count from its query's row (PostgreSQL answers COUNT as text). */
export function tabCountOf(r: { total: unknown; visible: unknown } | undefined): TabCount {
  const count = Number(r?.visible ?? 0);
  return { count, hidden: Number(r?.total ?? 0) - count };
}

const bump = (m: MutationScope, before: Record<string, unknown>) => ({
  updated_at: m.at,
  version: Number(before.version) + 1,
  updated_by: m.actor.userId,
});

export function childRecords(spec: ChildSpec): ChildRecords {
  const { table, parentColumn, entity } = spec;
  const col = `${table}.${parentColumn}`;
  const live = (db: Executor, parentId: string) =>
    (db as unknown as AnyDb)
      .selectFrom(table)
      .where(sql.ref(col), '=', parentId)
      .where(sql.ref(`${table}.deleted_at`), 'is', null);
  const scopeCols = {
    owner: `${table}.owner_id`,
    department: 'owner.department_id',
    ...(spec.visibility ? { visibility: `${table}.visibility` } : {}),
  };
  const one = (tx: Executor, id: string): Promise<Record<string, unknown>> =>
    (tx as unknown as AnyDb).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  return {
    ...spec,
    noun: spec.history.noun,
    visibleIds(db, actor, parentId) {
      const cols = [scopeCols];
      if (spec.assigneeColumn)
        cols.push({ owner: `${table}.${spec.assigneeColumn}`, department: 'assignee.department_id' });
      const condition = scopeAny(actor, spec.module, cols);
      let q = (db as unknown as AnyDb)
        .selectFrom(table)
        .leftJoin('users as owner', 'owner.id', `${table}.owner_id`)
        .select(`${table}.id as id`)
        .where(sql.ref(col), '=', parentId);
      if (spec.assigneeColumn)
        q = q.leftJoin('users as assignee', 'assignee.id', `${table}.${spec.assigneeColumn}`);
      return condition ? q.where(condition) : q;
    },
    labels: (db, ids) => labelsOf((db as unknown as AnyDb).selectFrom(table), table, spec.history.label, ids),
    async countAll(db, parentId) {
      const r = (await live(db, parentId)
        .select(sql<number>`COUNT(*)`.as('n'))
        .executeTakeFirst()) as { n: number | string } | undefined;
      return Number(r?.n ?? 0);
    },
    tabCountQuery(db, actor, parentId) {
      const cols = [scopeCols];
      if (spec.assigneeColumn)
        cols.push({ owner: `${table}.${spec.assigneeColumn}`, department: 'assignee.department_id' });
      const condition = scopeAny(actor, spec.module, cols) ?? sql<boolean>`1 = 1`;
      let q = live(db, parentId).leftJoin('users as owner', 'owner.id', `${table}.owner_id`);
      if (spec.assigneeColumn)
        q = q.leftJoin('users as assignee', 'assignee.id', `${table}.${spec.assigneeColumn}`);
      return q.select([
        sql<number>`COUNT(*)`.as('total'),
        sql<number>`COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`.as('visible'),
      ]);
    },
    async detach(m, parentId, related) {
      const rows = (await live(m.tx, parentId).select('id').execute()) as { id: string }[];
      const unlink = related === 'unlink' && spec.canUnlink;
      for (const { id } of rows) {
        const before = await one(m.tx, id);
        const set = unlink
          ? { [parentColumn]: null, ...bump(m, before) }
          : { deleted_at: m.at, ...bump(m, before) };
        await (m.tx as unknown as AnyDb).updateTable(table).set(set).where('id', '=', id).execute();
        m.audit({
          entity,
          entityId: id,
          action: unlink ? 'update' : 'delete',
          before: unlink ? { [parentColumn]: parentId } : { deleted_at: null },
          after: unlink ? { [parentColumn]: null } : { deleted_at: m.at },
        });
      }
      return unlink ? rows.map((r) => r.id) : [];
    },
    async reattach(m, parentId, deletedAt, unlinkedIds) {
      const trashed = (await (m.tx as unknown as AnyDb)
        .selectFrom(table)
        .select('id')
        .where(sql.ref(col), '=', parentId)
        .where('deleted_at', '=', deletedAt)
        .execute()) as { id: string }[];
      for (const { id } of trashed) {
        const before = await one(m.tx, id);
        await (m.tx as unknown as AnyDb)
          .updateTable(table)
          .set({ deleted_at: null, ...bump(m, before) })
          .where('id', '=', id)
          .execute();
        m.audit({
          entity,
          entityId: id,
          action: 'restore',
          before: { deleted_at: deletedAt },
          after: { deleted_at: null },
        });
      }
      for (const id of unlinkedIds) {
        const before = await one(m.tx, id);
        // Only what is still unlinked and alive goes back; a record someone linked elsewhere stays there.
        if (before[parentColumn] !== null || before.deleted_at !== null) continue;
        await (m.tx as unknown as AnyDb)
          .updateTable(table)
          .set({ [parentColumn]: parentId, ...bump(m, before) })
          .where('id', '=', id)
          .execute();
        m.audit({
          entity,
          entityId: id,
          action: 'update',
          before: { [parentColumn]: null },
          after: { [parentColumn]: parentId },
        });
      }
    },
  };
}
