/** All SQL of leads. */
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import { childRecords } from '../../kernel/children';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope } from '../../kernel/scope';

export const LEAD_SCOPE = { owner: 'leads.owner_id', department: 'owner.department_id' };

export const leadsOfPartner = childRecords({
  kind: 'leads',
  table: 'leads',
  parentColumn: 'partner_id',
  entity: 'lead',
  module: 'leads',
  canUnlink: true,
  history: { noun: 'Lead', label: 'leads.name' },
});

function unscoped(db: Executor) {
  return db
    .selectFrom('leads')
    .leftJoin('organizations as partner', 'partner.id', 'leads.partner_id')
    .leftJoin('users as owner', 'owner.id', 'leads.owner_id')
    .selectAll('leads')
    .select([
      'partner.name as partner_name',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
    ])
    .where('leads.deleted_at', 'is', null);
}
export type LeadRow = NonNullable<Awaited<ReturnType<ReturnType<typeof unscoped>['executeTakeFirst']>>>;

export interface LeadFilter {
  q?: string;
  partnerId?: string;
  status?: string;
  source?: string;
  ownerId?: string;
  campaign?: string;
}

export function filtered(db: Executor, engine: Engine, f: LeadFilter) {
  let q = unscoped(db);
  if (f.partnerId) q = q.where('leads.partner_id', '=', f.partnerId);
  if (f.status) q = q.where('leads.status', '=', f.status);
  if (f.source) q = q.where('leads.source', '=', f.source);
  if (f.ownerId) q = q.where('leads.owner_id', '=', f.ownerId);
  if (f.campaign) q = q.where('leads.campaign', '=', f.campaign);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        ilike(engine, 'leads.name', needle),
        ilike(engine, 'leads.company', needle),
        ilike(engine, 'leads.email', needle),
      ]),
    );
  }
  return q;
}

export const scoped = <Q extends ReturnType<typeof unscoped>>(q: Q, actor: Actor): Q =>
  applyScope(q, actor, 'leads', LEAD_SCOPE) as Q;

export function listLeads(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: LeadFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  return keyset(scoped(filtered(db, engine, f), actor), sort, 'leads.id', cursor, limit).execute();
}

export function getLead(db: Executor, actor: Actor, id: string) {
  return scoped(unscoped(db), actor).where('leads.id', '=', id).executeTakeFirst();
}

/** A live lead with this email (duplicate handling of imports). */
export function byEmail(db: Executor, email: string) {
  return db
    .selectFrom('leads')
    .select(['id', 'updated_at'])
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
}
