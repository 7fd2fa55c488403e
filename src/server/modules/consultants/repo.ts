/** All SQL of consultants: the people (contacts) of partners and other organisations. */
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import { childRecords } from '../../kernel/children';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope } from '../../kernel/scope';
import { PARTNER_SCOPE } from '../partners/repo';

export const CONSULTANT_SCOPE = { owner: 'contacts.owner_id', department: 'owner.department_id' };

/** A partner's consultants as the detail page counts them and a partner delete moves them. */
export const consultantsOfPartner = childRecords({
  kind: 'consultants',
  table: 'contacts',
  parentColumn: 'organization_id',
  entity: 'contact',
  module: 'consultants',
  canUnlink: false, // a person belongs to an organisation; they go to the trash with it
  history: { noun: 'Consultant', label: "contacts.first_name || ' ' || contacts.last_name" },
});

function unscoped(db: Executor) {
  return db
    .selectFrom('contacts')
    .innerJoin('organizations', 'organizations.id', 'contacts.organization_id')
    .leftJoin('users as owner', 'owner.id', 'contacts.owner_id')
    .leftJoin('users as org_owner', 'org_owner.id', 'organizations.owner_id')
    .selectAll('contacts')
    .select([
      'organizations.name as organization_name',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
    ])
    .where('contacts.deleted_at', 'is', null)
    .where('organizations.deleted_at', 'is', null);
}
export type ConsultantRow = NonNullable<Awaited<ReturnType<ReturnType<typeof unscoped>['executeTakeFirst']>>>;

/** Consultants the actor may see: within the consultants scope, at an organisation the actor may see. */
function scoped(db: Executor, actor: Actor) {
  const q = applyScope(unscoped(db), actor, 'consultants', CONSULTANT_SCOPE);
  return applyScope(q, actor, 'partners', { ...PARTNER_SCOPE, department: 'org_owner.department_id' });
}

export function ofOrganization(db: Executor, actor: Actor, organizationId: string) {
  return scoped(db, actor)
    .where('contacts.organization_id', '=', organizationId)
    .orderBy('contacts.is_primary', 'desc')
    .orderBy('contacts.last_name')
    .orderBy('contacts.first_name')
    .execute();
}

export interface ConsultantFilter {
  q?: string;
  organizationId?: string;
  isPrimary?: boolean;
}

export function listConsultants(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: ConsultantFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  let q = scoped(db, actor);
  if (f.organizationId) q = q.where('contacts.organization_id', '=', f.organizationId);
  if (f.isPrimary !== undefined) q = q.where('contacts.is_primary', '=', f.isPrimary ? 1 : 0);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        ilike(engine, 'contacts.first_name', needle),
        ilike(engine, 'contacts.last_name', needle),
        ilike(engine, 'contacts.email', needle),
        ilike(engine, 'contacts.title', needle),
        ilike(engine, 'organizations.name', needle),
      ]),
    );
  }
  return keyset(q, sort, 'contacts.id', cursor, limit).execute();
}

export function getConsultant(db: Executor, actor: Actor, id: string) {
  return scoped(db, actor).where('contacts.id', '=', id).executeTakeFirst();
}

export async function clearPrimary(db: Executor, organizationId: string): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ is_primary: 0 })
    .where('organization_id', '=', organizationId)
    .where('is_primary', '=', 1)
    .execute();
}
