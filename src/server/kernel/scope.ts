/**
 * Record scope, applied in SQL by this one helper: a role sees all records of a module, those of its
 * department, or only its own. Modules say which columns hold the owner and the owner's department.
 */
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { scopeFor, type ModuleName, type Scope } from '../../shared/permissions';
import type { Actor } from './context';

export interface ScopeColumns {
  owner: string; // e.g. "partners.owner_id"
  department: string; // e.g. "owner.department_id"
  /**
   * Records that carry their own visibility (everyone / team / owner) are also visible beyond the role's
   * scope: `everyone` to all who may view the module, `team` to the owner's department.
   */
  visibility?: string;
}

/** A record's own visibility setting. */
export type Visibility = 'everyone' | 'team' | 'owner';

export function actorScope(actor: Actor, module: ModuleName): Scope | null {
  if (actor.via === 'system') return 'all';
  return scopeFor(actor.permissions, module);
}

/**
 * The scope rule as one SQL condition over the given columns; null when the actor sees every record (so
 * callers add nothing). Lists filter by it; hidden-record counts count what it leaves out.
 */
export function scopeCondition(
  actor: Actor,
  module: ModuleName,
  cols: ScopeColumns,
): RawBuilder<boolean> | null {
  const scope = actorScope(actor, module);
  if (scope === 'all') return null;
  if (scope === null) return sql<boolean>`1 = 0`;
  const owner = sql.ref(cols.owner);
  const dept = sql.ref(cols.department);
  const mine = sql`${owner} = ${actor.userId}`;
  const myDept = actor.departmentId ? sql`${dept} = ${actor.departmentId}` : sql`1 = 0`;
  const byScope = scope === 'department' ? sql`(${mine} OR ${myDept})` : mine;
  if (!cols.visibility) return sql<boolean>`${byScope}`;
  const vis = sql.ref(cols.visibility);
  return sql<boolean>`(${byScope} OR ${vis} = 'everyone' OR (${vis} = 'team' AND ${myDept}))`;
}

export function applyScope<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  module: ModuleName,
  cols: ScopeColumns,
): SelectQueryBuilder<DB, TB, O> {
  const condition = scopeCondition(actor, module, cols);
  return condition ? qb.where(condition) : qb;
}

/**
 * How many records an (unscoped, filtered) query matches that the actor's scope hides: "2 consultants are
 * hidden by your visibility settings". One COUNT over the filter, nothing loaded.
 */
export async function hiddenCount<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  module: ModuleName,
  cols: ScopeColumns | ScopeColumns[],
): Promise<number> {
  const condition = Array.isArray(cols) ? scopeAny(actor, module, cols) : scopeCondition(actor, module, cols);
  if (!condition) return 0;
  const row = (await qb
    .clearSelect()
    .select(sql<number>`COUNT(*) - COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`.as('hidden'))
    .executeTakeFirst()) as { hidden: number | string } | undefined;
  return Number(row?.hidden ?? 0);
}

/** The same rule for one record already loaded (detail pages, updates). */
export function inScope(
  actor: Actor,
  module: ModuleName,
  ownerId: string | null,
  ownerDepartmentId: string | null,
  visibility?: Visibility,
): boolean {
  const scope = actorScope(actor, module);
  if (scope === 'all') return true;
  if (scope === null) return false;
  if (ownerId !== null && ownerId === actor.userId) return true;
  const sameDept = actor.departmentId !== null && ownerDepartmentId === actor.departmentId;
  if (scope === 'department' && sameDept) return true;
  return visibility === 'everyone' || (visibility === 'team' && sameDept);
}

/** Records with several people on them (a case's owner and assignee): visible when any of them puts it in scope. */
export function scopeAny(actor: Actor, module: ModuleName, cols: ScopeColumns[]): RawBuilder<boolean> | null {
  const conditions = cols.map((c) => scopeCondition(actor, module, c));
  if (conditions.some((c) => c === null)) return null;
  return sql<boolean>`(${sql.join(conditions as RawBuilder<boolean>[], sql` OR `)})`;
}

/**
 * Lists say how many records the scope hides when counting them is bounded: the list is narrowed to one
 * parent record (a partner's tab) or this is its last page. A whole unnarrowed list would be a full count
 * on every page, so there it is null (not counted).
 */
export function hiddenCountIf<DB, TB extends keyof DB, O>(
  when: boolean,
  qb: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  module: ModuleName,
  cols: ScopeColumns | ScopeColumns[],
): Promise<number | null> {
  return when ? hiddenCount(qb, actor, module, cols) : Promise.resolve(null);
}
