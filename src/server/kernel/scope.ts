/**
 * Record scope, applied in SQL by this one helper: a role sees all records of a module, those of its
 * department, or only its own. Modules say which columns hold the owner and the owner's department.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import { scopeFor, type ModuleName, type Scope } from '../../shared/permissions';
import type { Actor } from './context';

export interface ScopeColumns {
  owner: string; // e.g. "partners.owner_id"
  department: string; // e.g. "owner.department_id"
}

export function actorScope(actor: Actor, module: ModuleName): Scope | null {
  if (actor.via === 'system') return 'all';
  return scopeFor(actor.permissions, module);
}

export function applyScope<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  actor: Actor,
  module: ModuleName,
  cols: ScopeColumns,
): SelectQueryBuilder<DB, TB, O> {
  const scope = actorScope(actor, module);
  if (scope === 'all') return qb;
  if (scope === 'department' && actor.departmentId) {
    return qb.where(
      sql<boolean>`(${sql.ref(cols.department)} = ${actor.departmentId} OR ${sql.ref(cols.owner)} = ${actor.userId})`,
    );
  }
  if (scope === 'own' || scope === 'department')
    return qb.where(sql<boolean>`${sql.ref(cols.owner)} = ${actor.userId}`);
  return qb.where(sql<boolean>`1 = 0`);
}

/** The same rule for one record already loaded (detail pages, updates). */
export function inScope(
  actor: Actor,
  module: ModuleName,
  ownerId: string | null,
  ownerDepartmentId: string | null,
): boolean {
  const scope = actorScope(actor, module);
  if (scope === 'all') return true;
  if (ownerId !== null && ownerId === actor.userId) return true;
  return scope === 'department' && actor.departmentId !== null && ownerDepartmentId === actor.departmentId;
}
