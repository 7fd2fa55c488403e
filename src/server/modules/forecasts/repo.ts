/** The forecast's one query: deals summed per group, month, outcome, committed flag and currency. */
import { sql } from 'kysely';
import type { Executor } from '../../db/connection';
import type { Actor } from '../../kernel/context';
import { applyScope } from '../../kernel/scope';

export interface BucketFilter {
  groupBy: 'partner' | 'level';
  fromMonth: string;
  toMonth: string;
  partnerId?: string;
  levelId?: string;
}

/**
 * Open deals count in the month of their expected close, won deals in the month they were won; lost deals
 * and deals without a partner or a date are left out. The actor sees deals within the forecasts scope, of
 * partners they may see.
 */
export function buckets(db: Executor, actor: Actor, f: BucketFilter) {
  const month = sql<string>`(CASE WHEN stage.outcome = 'won' THEN substr(opportunities.closed_at, 1, 7) ELSE substr(opportunities.expected_close_date, 1, 7) END)`;
  const key = f.groupBy === 'partner' ? sql<string>`partner.id` : sql<string>`COALESCE(level.id, 'none')`;
  const label = f.groupBy === 'partner' ? sql<string>`partner.name` : sql<string>`COALESCE(level.name, '')`;
  let q = db
    .selectFrom('opportunities')
    .innerJoin('opportunity_stages as stage', 'stage.id', 'opportunities.stage_id')
    .innerJoin('organizations as partner', 'partner.id', 'opportunities.partner_id')
    .leftJoin('partner_levels as level', 'level.id', 'partner.level_id')
    .leftJoin('users as owner', 'owner.id', 'opportunities.owner_id')
    .leftJoin('users as partner_owner', 'partner_owner.id', 'partner.owner_id')
    .where('opportunities.deleted_at', 'is', null)
    .where('partner.deleted_at', 'is', null)
    .where('stage.outcome', '!=', 'lost')
    .where(month, '>=', f.fromMonth)
    .where(month, '<=', f.toMonth);
  if (f.partnerId) q = q.where('opportunities.partner_id', '=', f.partnerId);
  if (f.levelId) q = q.where('partner.level_id', '=', f.levelId);
  q = applyScope(q, actor, 'forecasts', {
    owner: 'opportunities.owner_id',
    department: 'owner.department_id',
  });
  q = applyScope(q, actor, 'partners', {
    owner: 'partner.owner_id',
    department: 'partner_owner.department_id',
    visibility: 'partner.visibility',
  });
  return q
    .select([
      key.as('key'),
      label.as('label'),
      month.as('month'),
      'stage.outcome as outcome',
      'stage.is_committed as committed',
      'opportunities.currency as currency',
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`COALESCE(SUM(opportunities.amount), 0)`.as('amount'),
      sql<number>`COALESCE(SUM(opportunities.amount * opportunities.probability), 0)`.as('amount_x_prob'),
    ])
    .groupBy([key, label, month, 'stage.outcome', 'stage.is_committed', 'opportunities.currency'])
    .execute();
}
