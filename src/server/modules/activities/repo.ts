/** All SQL of sales activities. */
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import { childRecords } from '../../kernel/children';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope } from '../../kernel/scope';

export const ACTIVITY_SCOPE = { owner: 'sales_activities.owner_id', department: 'owner.department_id' };

export const activitiesOfPartner = childRecords({
  kind: 'activities',
  table: 'sales_activities',
  parentColumn: 'partner_id',
  entity: 'activity',
  module: 'activities',
  canUnlink: true,
  history: { noun: 'Sales activity', label: 'sales_activities.subject' },
});

function unscoped(db: Executor) {
  return db
    .selectFrom('sales_activities')
    .leftJoin('organizations as partner', 'partner.id', 'sales_activities.partner_id')
    .leftJoin('contacts', 'contacts.id', 'sales_activities.contact_id')
    .leftJoin('leads', 'leads.id', 'sales_activities.lead_id')
    .leftJoin('opportunities', 'opportunities.id', 'sales_activities.opportunity_id')
    .leftJoin('users as owner', 'owner.id', 'sales_activities.owner_id')
    .selectAll('sales_activities')
    .select([
      'partner.name as partner_name',
      'contacts.first_name as contact_first_name',
      'contacts.last_name as contact_last_name',
      'leads.name as lead_name',
      'opportunities.name as opportunity_name',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
    ])
    .where('sales_activities.deleted_at', 'is', null);
}
export type ActivityRow = NonNullable<Awaited<ReturnType<ReturnType<typeof unscoped>['executeTakeFirst']>>>;

export interface ActivityFilter {
  q?: string;
  partnerId?: string;
  contactId?: string;
  leadId?: string;
  opportunityId?: string;
  type?: string;
  ownerId?: string;
  from?: string; // ISO instants: from inclusive, to exclusive
  to?: string;
}

export function filtered(db: Executor, engine: Engine, f: ActivityFilter) {
  let q = unscoped(db);
  if (f.partnerId) q = q.where('sales_activities.partner_id', '=', f.partnerId);
  if (f.contactId) q = q.where('sales_activities.contact_id', '=', f.contactId);
  if (f.leadId) q = q.where('sales_activities.lead_id', '=', f.leadId);
  if (f.opportunityId) q = q.where('sales_activities.opportunity_id', '=', f.opportunityId);
  if (f.type) q = q.where('sales_activities.type', '=', f.type);
  if (f.ownerId) q = q.where('sales_activities.owner_id', '=', f.ownerId);
  if (f.from) q = q.where('sales_activities.occurred_at', '>=', f.from);
  if (f.to) q = q.where('sales_activities.occurred_at', '<', f.to);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        ilike(engine, 'sales_activities.subject', needle),
        ilike(engine, 'sales_activities.body', needle),
      ]),
    );
  }
  return q;
}

export const scoped = <Q extends ReturnType<typeof unscoped>>(q: Q, actor: Actor): Q =>
  applyScope(q, actor, 'activities', ACTIVITY_SCOPE) as Q;

export function listActivities(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: ActivityFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  return keyset(scoped(filtered(db, engine, f), actor), sort, 'sales_activities.id', cursor, limit).execute();
}

export function getActivity(db: Executor, actor: Actor, id: string) {
  return scoped(unscoped(db), actor).where('sales_activities.id', '=', id).executeTakeFirst();
}
