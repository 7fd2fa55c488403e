import { weightedAmount } from '../../../shared/forecast';
import type { Opportunity, Stage } from '../../../shared/opportunities.schema';
import type { OpportunityRow, StageRow } from './repo';

export function presentStage(s: StageRow): Stage {
  return {
    id: s.id,
    key: s.key,
    name: s.name,
    position: s.position,
    probability: s.probability,
    outcome: s.outcome as Stage['outcome'],
    committed: s.is_committed === 1,
    version: s.version,
  };
}

export function presentOpportunity(r: OpportunityRow): Opportunity {
  const amount = Number(r.amount);
  return {
    id: r.id,
    name: r.name,
    accountId: r.account_id,
    accountName: r.account_name ?? null,
    partnerId: r.partner_id,
    partnerName: r.partner_name ?? null,
    contactId: r.contact_id,
    contactName: r.contact_id ? `${r.contact_first_name ?? ''} ${r.contact_last_name ?? ''}`.trim() : null,
    leadId: r.lead_id,
    amount,
    currency: r.currency,
    stageId: r.stage_id,
    stageKey: r.stage_key,
    stageName: r.stage_name,
    outcome: r.stage_outcome as Opportunity['outcome'],
    probability: r.probability,
    weightedAmount: weightedAmount(amount, r.probability),
    expectedCloseDate: r.expected_close_date,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    lostReason: r.lost_reason,
    closedAt: r.closed_at,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}
