/**
 * Checks of the records a request refers to (owner, assignee, contact), each answered as a field problem
 * so forms can show it beside the field: a 400 with field messages, nothing written.
 */
import type { ModuleName } from '../../shared/permissions';
import type { Executor } from '../db/connection';
import type { Actor } from './context';
import { validationError, type FieldErrors } from './errors';
import { actorScope, inScope } from './scope';

export async function activeUser(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'department_id'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/**
 * The problem with making `ownerId` a record's owner, or null: an active user, and nobody creates or hands
 * over a record they could then no longer see.
 */
export async function ownerProblem(
  db: Executor,
  actor: Actor,
  module: ModuleName,
  ownerId: string | null,
): Promise<string | null> {
  const owner = ownerId ? await activeUser(db, ownerId) : undefined;
  if (ownerId && !owner) return 'is not an active user';
  if (inScope(actor, module, owner?.id ?? null, owner?.department_id ?? null)) return null;
  return actorScope(actor, module) === 'department'
    ? 'must be you or someone in your department: your role works only with its team’s records'
    : 'must be you: your role works only with the records it owns';
}

/** Whether the person exists and works at one of the organisations. */
export async function contactAt(
  db: Executor,
  contactId: string,
  organizationIds: (string | null | undefined)[],
): Promise<boolean> {
  const orgs = organizationIds.filter((o): o is string => !!o);
  if (orgs.length === 0) return false;
  return !!(await db
    .selectFrom('contacts')
    .select('id')
    .where('id', '=', contactId)
    .where('organization_id', 'in', orgs)
    .where('deleted_at', 'is', null)
    .executeTakeFirst());
}

/** A calendar date that must not fall before the record was created ("expected close not before creation"). */
export function dateProblem(date: string | null | undefined, createdAt: string): string | null {
  if (!date) return null;
  const created = createdAt.slice(0, 10);
  return date < created ? `must not be before the record was created (${created})` : null;
}

/** Throws the collected field problems as one 400. */
export function assertNoProblems(
  problems: Record<string, string | null | undefined>,
  message?: string,
): void {
  const fields: FieldErrors = {};
  for (const [k, v] of Object.entries(problems)) if (v) fields[k] = v;
  if (Object.keys(fields).length) throw validationError(fields, message);
}
