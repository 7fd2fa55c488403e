/** SQL of the partner lifecycle: the duplicate check and the trash. */
import type { Executor } from '../../db/connection';
import type { Actor } from '../../kernel/context';
import { applyScope } from '../../kernel/scope';
import { PARTNER_SCOPE } from './repo';

/** Live organisations (partners or not: names are unique across all) with this name key or these domains. */
export function duplicateCandidates(
  db: Executor,
  nameKey: string,
  domains: string[],
  excludeId: string | undefined,
) {
  let q = db
    .selectFrom('organizations')
    .leftJoin('users as owner', 'owner.id', 'organizations.owner_id')
    .select([
      'organizations.id',
      'organizations.name',
      'organizations.name_key',
      'organizations.website_domain',
      'organizations.email_domain',
      'organizations.is_partner',
      'organizations.archived_at',
      'organizations.owner_id',
      'organizations.visibility',
      'owner.department_id as owner_department_id',
    ])
    .where('organizations.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(nameKey ? [eb('organizations.name_key', '=', nameKey)] : []),
        ...(domains.length
          ? [
              eb('organizations.website_domain', 'in', domains),
              eb('organizations.email_domain', 'in', domains),
            ]
          : []),
      ]),
    );
  if (excludeId) q = q.where('organizations.id', '!=', excludeId);
  return q.orderBy('organizations.name').limit(50).execute();
}

/** Partners in the trash since `since`, that the actor may see, newest deletion first. */
export function trashed(db: Executor, actor: Actor, since: string, q: string | undefined) {
  let query = db
    .selectFrom('organizations')
    .leftJoin('users as owner', 'owner.id', 'organizations.owner_id')
    .leftJoin('partner_deletions as pd', (j) =>
      j
        .onRef('pd.organization_id', '=', 'organizations.id')
        .onRef('pd.deleted_at', '=', 'organizations.deleted_at'),
    )
    .leftJoin('users as deleter', 'deleter.id', 'pd.deleted_by')
    .select([
      'organizations.id',
      'organizations.name',
      'organizations.deleted_at',
      'pd.related',
      'pd.counts',
      'deleter.name as deleted_by_name',
    ])
    .where('organizations.is_partner', '=', 1)
    .where('organizations.deleted_at', '>=', since);
  if (q) query = query.where('organizations.name_key', 'like', `%${q}%`);
  return applyScope(query, actor, 'partners', PARTNER_SCOPE);
}
export type TrashRow = Awaited<ReturnType<ReturnType<typeof trashed>['execute']>>[number];

export function deletionOf(db: Executor, organizationId: string, deletedAt: string) {
  return db
    .selectFrom('partner_deletions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('deleted_at', '=', deletedAt)
    .executeTakeFirst();
}
