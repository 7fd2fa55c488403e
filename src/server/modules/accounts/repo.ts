/** All SQL of managed accounts: customer organisations and the partner that manages each. */
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import { childRecords } from '../../kernel/children';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope } from '../../kernel/scope';

export const ACCOUNT_SCOPE = {
  owner: 'organizations.owner_id',
  department: 'owner.department_id',
  visibility: 'organizations.visibility',
};

/** A partner's managed accounts as the detail page counts them and a partner delete moves or unlinks them. */
export const accountsOfPartner = childRecords({
  kind: 'accounts',
  table: 'organizations',
  parentColumn: 'managed_by_id',
  entity: 'account',
  module: 'accounts',
  canUnlink: true,
  visibility: true,
  history: { noun: 'Managed account', label: 'organizations.name' },
});

function unscoped(db: Executor) {
  return db
    .selectFrom('organizations')
    .leftJoin('users as owner', 'owner.id', 'organizations.owner_id')
    .leftJoin('organizations as manager', 'manager.id', 'organizations.managed_by_id')
    .selectAll('organizations')
    .select([
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
      'manager.name as managed_by_name',
    ])
    .where('organizations.deleted_at', 'is', null);
}
export type AccountRow = NonNullable<Awaited<ReturnType<ReturnType<typeof unscoped>['executeTakeFirst']>>>;

export interface AccountFilter {
  q?: string;
  managedById?: string;
  unmanaged?: boolean;
}

/** Accounts matching the filter before the actor's scope: customers, or organisations a partner manages. */
export function filtered(db: Executor, engine: Engine, f: AccountFilter) {
  let q = unscoped(db).where((eb) =>
    eb.or([eb('organizations.is_customer', '=', 1), eb('organizations.managed_by_id', 'is not', null)]),
  );
  if (f.managedById) q = q.where('organizations.managed_by_id', '=', f.managedById);
  if (f.unmanaged) q = q.where('organizations.managed_by_id', 'is', null);
  if (f.q) q = q.where(ilike(engine, 'organizations.name', f.q));
  return q;
}

export function listAccounts(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: AccountFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  const q = applyScope(filtered(db, engine, f), actor, 'accounts', ACCOUNT_SCOPE);
  return keyset(q, sort, 'organizations.id', cursor, limit).execute();
}

export function getAccount(db: Executor, actor: Actor, id: string) {
  return applyScope(unscoped(db), actor, 'accounts', ACCOUNT_SCOPE)
    .where('organizations.id', '=', id)
    .executeTakeFirst();
}
