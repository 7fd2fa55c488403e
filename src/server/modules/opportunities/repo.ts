/** All SQL of opportunities and the stage pipeline. */
import { sql } from 'kysely';
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import { childRecords } from '../../kernel/children';
import { newId } from '../../kernel/ids';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope } from '../../kernel/scope';

export const OPPORTUNITY_SCOPE = { owner: 'opportunities.owner_id', department: 'owner.department_id' };

export const opportunitiesOfPartner = childRecords({
  kind: 'opportunities',
  table: 'opportunities',
  parentColumn: 'partner_id',
  entity: 'opportunity',
  module: 'opportunities',
  canUnlink: true,
  history: { noun: 'Opportunity', label: 'opportunities.name' },
});

/** The pipeline a new workspace starts with; admins rename, reorder and re-weight it. */
export const DEFAULT_STAGES = [
  { key: 'prospecting', name: 'Prospecting', probability: 10, outcome: 'open', committed: false },
  { key: 'qualification', name: 'Qualification', probability: 25, outcome: 'open', committed: false },
  { key: 'proposal', name: 'Proposal', probability: 50, outcome: 'open', committed: false },
  { key: 'negotiation', name: 'Negotiation', probability: 75, outcome: 'open', committed: true },
  { key: 'won', name: 'Won', probability: 100, outcome: 'won', committed: true },
  { key: 'lost', name: 'Lost', probability: 0, outcome: 'lost', committed: false },
] as const;

function liveStages(db: Executor) {
  return db
    .selectFrom('opportunity_stages')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('name')
    .execute();
}

/**
 * The pipeline in order. A workspace without one gets the default pipeline on first use (not from a
 * migration: a migrated database stays empty, as restoring a backup needs); concurrent first uses agree.
 */
export async function stages(db: Executor) {
  const rows = await liveStages(db);
  if (rows.length) return rows;
  const at = new Date().toISOString();
  await db
    .insertInto('opportunity_stages')
    .values(
      DEFAULT_STAGES.map((s, i) => ({
        id: newId(),
        key: s.key,
        name: s.name,
        position: (i + 1) * 10,
        probability: s.probability,
        outcome: s.outcome,
        is_committed: s.committed ? 1 : 0,
        created_at: at,
        updated_at: at,
        version: 1,
        deleted_at: null,
        updated_by: null,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return liveStages(db);
}
export type StageRow = Awaited<ReturnType<typeof stages>>[number];

export function stage(db: Executor, id: string) {
  return db
    .selectFrom('opportunity_stages')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

function unscoped(db: Executor) {
  return db
    .selectFrom('opportunities')
    .innerJoin('opportunity_stages as stage', 'stage.id', 'opportunities.stage_id')
    .leftJoin('organizations as account', 'account.id', 'opportunities.account_id')
    .leftJoin('organizations as partner', 'partner.id', 'opportunities.partner_id')
    .leftJoin('contacts', 'contacts.id', 'opportunities.contact_id')
    .leftJoin('users as owner', 'owner.id', 'opportunities.owner_id')
    .selectAll('opportunities')
    .select([
      'stage.key as stage_key',
      'stage.name as stage_name',
      'stage.outcome as stage_outcome',
      'account.name as account_name',
      'partner.name as partner_name',
      'contacts.first_name as contact_first_name',
      'contacts.last_name as contact_last_name',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
    ])
    .where('opportunities.deleted_at', 'is', null);
}
export type OpportunityRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof unscoped>['executeTakeFirst']>>
>;

export interface OpportunityFilter {
  q?: string;
  partnerId?: string;
  accountId?: string;
  stageId?: string;
  ownerId?: string;
  outcome?: string;
  closeFrom?: string;
  closeTo?: string;
}

export function filtered(db: Executor, engine: Engine, f: OpportunityFilter) {
  let q = unscoped(db);
  if (f.partnerId) q = q.where('opportunities.partner_id', '=', f.partnerId);
  if (f.accountId) q = q.where('opportunities.account_id', '=', f.accountId);
  if (f.stageId) q = q.where('opportunities.stage_id', '=', f.stageId);
  if (f.ownerId) q = q.where('opportunities.owner_id', '=', f.ownerId);
  if (f.outcome) q = q.where('stage.outcome', '=', f.outcome);
  if (f.closeFrom) q = q.where('opportunities.expected_close_date', '>=', f.closeFrom);
  if (f.closeTo) q = q.where('opportunities.expected_close_date', '<=', f.closeTo);
  if (f.q) q = q.where(ilike(engine, 'opportunities.name', f.q));
  return q;
}

export const scoped = <Q extends ReturnType<typeof unscoped>>(q: Q, actor: Actor): Q =>
  applyScope(q, actor, 'opportunities', OPPORTUNITY_SCOPE) as Q;

export function listOpportunities(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: OpportunityFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  return keyset(scoped(filtered(db, engine, f), actor), sort, 'opportunities.id', cursor, limit).execute();
}

export function getOpportunity(db: Executor, actor: Actor, id: string) {
  return scoped(unscoped(db), actor).where('opportunities.id', '=', id).executeTakeFirst();
}

/** Per stage and currency: how many deals the actor sees, their amount and amount × probability. */
export function boardTotals(db: Executor, engine: Engine, actor: Actor, f: OpportunityFilter) {
  return scoped(filtered(db, engine, f), actor)
    .clearSelect()
    .select([
      'opportunities.stage_id',
      'opportunities.currency',
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`COALESCE(SUM(opportunities.amount), 0)`.as('amount'),
      sql<number>`COALESCE(SUM(opportunities.amount * opportunities.probability), 0)`.as('amount_x_prob'),
    ])
    .groupBy(['opportunities.stage_id', 'opportunities.currency'])
    .execute();
}

/** The first cards of one column, soonest expected close first (undated last), then newest. */
export function boardCards(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: OpportunityFilter,
  stageId: string,
  limit: number,
) {
  return scoped(filtered(db, engine, { ...f, stageId }), actor)
    .orderBy(sql`CASE WHEN opportunities.expected_close_date IS NULL THEN 1 ELSE 0 END`)
    .orderBy('opportunities.expected_close_date')
    .orderBy('opportunities.updated_at', 'desc')
    .limit(limit)
    .execute();
}
