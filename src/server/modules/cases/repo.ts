/** All SQL of cases (partner-handled cases and support tickets). */
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import { childRecords } from '../../kernel/children';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { scopeAny, type ScopeColumns } from '../../kernel/scope';

/** A case is in scope through its owner or its assignee. */
export const CASE_SCOPES: ScopeColumns[] = [
  { owner: 'cases.owner_id', department: 'owner.department_id' },
  { owner: 'cases.assignee_id', department: 'assignee.department_id' },
];

export const casesOfPartner = childRecords({
  kind: 'cases',
  table: 'cases',
  parentColumn: 'organization_id',
  entity: 'case',
  module: 'cases',
  canUnlink: true,
  assigneeColumn: 'assignee_id',
  history: { noun: 'Case', label: 'cases.subject' },
});

function unscoped(db: Executor) {
  return db
    .selectFrom('cases')
    .leftJoin('organizations as org', 'org.id', 'cases.organization_id')
    .leftJoin('organizations as account', 'account.id', 'cases.account_id')
    .leftJoin('contacts', 'contacts.id', 'cases.contact_id')
    .leftJoin('users as owner', 'owner.id', 'cases.owner_id')
    .leftJoin('users as assignee', 'assignee.id', 'cases.assignee_id')
    .selectAll('cases')
    .select([
      'org.name as organization_name',
      'account.name as account_name',
      'contacts.first_name as contact_first_name',
      'contacts.last_name as contact_last_name',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
      'assignee.name as assignee_name',
      'assignee.department_id as assignee_department_id',
    ])
    .where('cases.deleted_at', 'is', null);
}
export type CaseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof unscoped>['executeTakeFirst']>>>;

export interface CaseFilter {
  q?: string;
  kind?: string;
  organizationId?: string;
  accountId?: string;
  status?: string;
  priority?: string;
  assigneeId?: string;
  ownerId?: string;
}

export function filtered(db: Executor, engine: Engine, f: CaseFilter) {
  let q = unscoped(db);
  if (f.kind) q = q.where('cases.kind', '=', f.kind);
  if (f.organizationId) q = q.where('cases.organization_id', '=', f.organizationId);
  if (f.accountId) q = q.where('cases.account_id', '=', f.accountId);
  if (f.status) q = q.where('cases.status', '=', f.status);
  if (f.priority) q = q.where('cases.priority', '=', f.priority);
  if (f.assigneeId) q = q.where('cases.assignee_id', '=', f.assigneeId);
  if (f.ownerId) q = q.where('cases.owner_id', '=', f.ownerId);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([ilike(engine, 'cases.subject', needle), ilike(engine, 'cases.description', needle)]),
    );
  }
  return q;
}

export function scoped<Q extends ReturnType<typeof unscoped>>(q: Q, actor: Actor): Q {
  const condition = scopeAny(actor, 'cases', CASE_SCOPES);
  return (condition ? q.where(condition) : q) as Q;
}

export function listCases(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: CaseFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  return keyset(scoped(filtered(db, engine, f), actor), sort, 'cases.id', cursor, limit).execute();
}

export function getCase(db: Executor, actor: Actor, id: string) {
  return scoped(unscoped(db), actor).where('cases.id', '=', id).executeTakeFirst();
}
