/**
 * Opportunities: deals on the stage pipeline. The probability defaults to the stage's and may be
 * overridden; entering a won or lost stage stamps the close, a lost one needs a reason; the expected close
 * date cannot fall before the deal was created. The board shows every stage with its deals and totals.
 */
import type { z } from 'zod';
import type { ScopedPage } from '../../../shared/hidden';
import {
  BOARD_CARDS_PER_COLUMN,
  type boardQuerySchema,
  type Opportunity,
  type OpportunityBoard,
  type OpportunityCreate,
  type opportunityListQuerySchema,
  type OpportunityUpdate,
} from '../../../shared/opportunities.schema';
import type { OpportunitiesTable } from '../../db/types.partnerManagement';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { notFound } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { assertNoProblems, contactAt, dateProblem, ownerProblem } from '../../kernel/references';
import { hiddenCount, hiddenCountIf } from '../../kernel/scope';
import { assertVersion } from '../../kernel/versions';
import type { PartnersService } from '../partners/service';
import { readSettings } from '../settings/service';
import { presentOpportunity, presentStage } from './present';
import * as repo from './repo';

const SORTS = {
  updatedAt: 'opportunities.updated_at',
  createdAt: 'opportunities.created_at',
  name: 'opportunities.name',
  amount: 'opportunities.amount',
};
const SORT_VALUE = {
  updatedAt: (r: repo.OpportunityRow) => r.updated_at,
  createdAt: (r: repo.OpportunityRow) => r.created_at,
  name: (r: repo.OpportunityRow) => r.name,
  amount: (r: repo.OpportunityRow) => Number(r.amount),
};

/** What the audit log compares. */
function auditable(r: OpportunitiesTable | repo.OpportunityRow) {
  return {
    name: r.name,
    account_id: r.account_id,
    partner_id: r.partner_id,
    contact_id: r.contact_id,
    lead_id: r.lead_id,
    amount: Number(r.amount),
    currency: r.currency,
    stage_id: r.stage_id,
    probability: r.probability,
    expected_close_date: r.expected_close_date,
    owner_id: r.owner_id,
    lost_reason: r.lost_reason,
    closed_at: r.closed_at,
    description: r.description,
  };
}

type StageFields = Pick<OpportunitiesTable, 'stage_id' | 'probability' | 'closed_at' | 'lost_reason'>;

export class OpportunitiesService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  async list(
    actor: Actor,
    query: z.infer<typeof opportunityListQuerySchema>,
  ): Promise<ScopedPage<Opportunity>> {
    const sort = parseSort(query.sort, SORTS, '-updatedAt');
    if (query.partnerId && !(await this.partners.visibleRow(this.k.db, actor, query.partnerId)))
      throw notFound('That partner');
    const { cursor, limit, sort: _s, q, ...rest } = query;
    const f = { ...rest, q: q || undefined };
    const rows = await repo.listOpportunities(this.k.db, this.k.engine, actor, f, sort, cursor, limit);
    const hidden = await hiddenCountIf(
      !!(f.partnerId || f.accountId) || rows.length <= limit,
      repo.filtered(this.k.db, this.k.engine, f),
      actor,
      'opportunities',
      repo.OPPORTUNITY_SCOPE,
    );
    const page = toPage(
      rows,
      limit,
      sort,
      SORT_VALUE[sort.key as keyof typeof SORTS],
      (r) => r.id,
      presentOpportunity,
    );
    return { ...page, hiddenCount: hidden };
  }

  /** A live opportunity the actor may see, or undefined (for other modules' references, inside their changes). */
  visibleRow(db: Executor, actor: Actor, id: string) {
    return repo.getOpportunity(db, actor, id);
  }

  async get(actor: Actor, id: string): Promise<Opportunity> {
    const row = await repo.getOpportunity(this.k.db, actor, id);
    if (!row) throw notFound('That opportunity');
    return presentOpportunity(row);
  }

  /** Every stage as a column: the caller's deals (first 200), their count and per-currency totals. */
  async board(actor: Actor, query: z.infer<typeof boardQuerySchema>): Promise<OpportunityBoard> {
    if (query.partnerId && !(await this.partners.visibleRow(this.k.db, actor, query.partnerId)))
      throw notFound('That partner');
    const { db, engine } = this.k;
    const [stages, totals, hidden] = await Promise.all([
      repo.stages(db),
      repo.boardTotals(db, engine, actor, query),
      hiddenCount(repo.filtered(db, engine, query), actor, 'opportunities', repo.OPPORTUNITY_SCOPE),
    ]);
    const cards = await Promise.all(
      stages.map((s) => repo.boardCards(db, engine, actor, query, s.id, BOARD_CARDS_PER_COLUMN)),
    );
    return {
      columns: stages.map((s, i) => {
        const mine = totals.filter((t) => t.stage_id === s.id);
        return {
          ...presentStage(s),
          count: mine.reduce((n, t) => n + Number(t.n), 0),
          totals: mine
            .map((t) => ({
              currency: t.currency,
              amount: Number(t.amount),
              weightedAmount: Math.round(Number(t.amount_x_prob) / 100),
            }))
            .sort((a, b) => a.currency.localeCompare(b.currency)),
          cards: cards[i]!.map(presentOpportunity),
        };
      }),
      hiddenCount: hidden,
    };
  }

  /**
   * The stage fields a deal gets in `stageId`: the stage's probability unless one is given (or it stays in
   * its stage), the close stamped on entering won or lost, a reason required for lost.
   */
  private async stageFields(
    m: MutationScope,
    stageId: string | undefined,
    probability: number | undefined,
    lostReason: string | undefined,
    before: repo.OpportunityRow | null,
  ): Promise<StageFields> {
    const stages = await repo.stages(m.tx);
    const stage = stageId
      ? stages.find((s) => s.id === stageId)
      : before
        ? stages.find((s) => s.id === before.stage_id)
        : stages.find((s) => s.outcome === 'open');
    assertNoProblems({ stageId: stage ? null : 'is not a stage of the pipeline' });
    const same = before?.stage_id === stage!.id;
    const reason = stage!.outcome === 'lost' ? (lostReason ?? (same ? before!.lost_reason : '')) : '';
    assertNoProblems({
      lostReason: stage!.outcome === 'lost' && !reason ? 'is required when a deal is lost' : null,
    });
    return {
      stage_id: stage!.id,
      probability: probability ?? (same ? before!.probability : stage!.probability),
      closed_at: stage!.outcome === 'open' ? null : same && before!.closed_at ? before!.closed_at : m.at,
      lost_reason: reason,
    };
  }

  /** Field problems with what the deal refers to (only what the request sets). */
  private async check(
    m: MutationScope,
    o: Partial<OpportunityCreate>,
    createdAt: string,
    orgs: (string | null)[],
  ) {
    assertNoProblems({
      partnerId:
        o.partnerId && !(await this.partners.visibleRow(m.tx, m.actor, o.partnerId))
          ? 'is not a partner you can see'
          : null,
      accountId:
        o.accountId && !(await this.partners.visibleOrganization(m.tx, m.actor, o.accountId))
          ? 'is not an account you can see'
          : null,
      contactId:
        o.contactId && !(await contactAt(m.tx, o.contactId, orgs))
          ? 'is not a person of the account or partner'
          : null,
      ownerId: o.ownerId !== undefined ? await ownerProblem(m.tx, m.actor, 'opportunities', o.ownerId) : null,
      expectedCloseDate: dateProblem(o.expectedCloseDate, createdAt),
    });
  }

  /** Creates a deal inside a running change (a lead's conversion uses this too). */
  async createIn(m: MutationScope, input: OpportunityCreate, leadId: string | null = null): Promise<string> {
    const ownerId = input.ownerId === undefined ? m.actor.userId : input.ownerId;
    await this.check(m, { ...input, ownerId }, m.at, [input.accountId, input.partnerId]);
    const currency = input.currency ?? (await readSettings(m.tx, this.k.secrets)).value.baseCurrency;
    const row: OpportunitiesTable = {
      id: newId(),
      name: input.name,
      account_id: input.accountId,
      partner_id: input.partnerId,
      contact_id: input.contactId,
      lead_id: leadId,
      amount: input.amount,
      currency,
      ...(await this.stageFields(m, input.stageId, input.probability, input.lostReason || undefined, null)),
      expected_close_date: input.expectedCloseDate,
      owner_id: ownerId,
      description: input.description,
      created_at: m.at,
      updated_at: m.at,
      version: 1,
      deleted_at: null,
      updated_by: m.actor.userId,
    };
    await m.tx.insertInto('opportunities').values(row).execute();
    m.audit({ entity: 'opportunity', entityId: row.id, action: 'create', after: auditable(row) });
    m.emit({
      type: 'opportunity.created',
      entity: 'opportunity',
      entityId: row.id,
      payload: { stageId: row.stage_id },
    });
    return row.id;
  }

  async create(actor: Actor, input: OpportunityCreate): Promise<Opportunity> {
    const id = await mutate(this.k, actor, (m) => this.createIn(m, input));
    return this.get(actor, id);
  }

  private async loadForChange(m: MutationScope, id: string, version: number) {
    const row = await repo.getOpportunity(m.tx, m.actor, id);
    if (!row) throw notFound('That opportunity');
    await assertVersion(m.tx, 'opportunity', row, version);
    return row;
  }

  async update(actor: Actor, id: string, input: OpportunityUpdate): Promise<Opportunity> {
    await mutate(this.k, actor, async (m) => {
      const before = await this.loadForChange(m, id, input.version);
      const { version, ...patch } = input;
      const accountId = patch.accountId === undefined ? before.account_id : patch.accountId;
      const partnerId = patch.partnerId === undefined ? before.partner_id : patch.partnerId;
      await this.check(m, patch, before.created_at, [accountId, partnerId]);
      const pick = <T>(sent: T | undefined, stored: T): T => (sent === undefined ? stored : sent);
      const set = {
        name: pick(patch.name, before.name),
        account_id: accountId,
        partner_id: partnerId,
        contact_id: pick(patch.contactId, before.contact_id),
        amount: pick(patch.amount, Number(before.amount)),
        currency: pick(patch.currency, before.currency),
        expected_close_date: pick(patch.expectedCloseDate, before.expected_close_date),
        owner_id: pick(patch.ownerId, before.owner_id),
        description: pick(patch.description, before.description),
        ...(await this.stageFields(m, patch.stageId, patch.probability, patch.lostReason, before)),
      };
      await m.tx
        .updateTable('opportunities')
        .set({ ...set, updated_at: m.at, version: version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'opportunity',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: auditable({ ...before, ...set }),
      });
      m.emit({ type: 'opportunity.updated', entity: 'opportunity', entityId: id });
      if (set.stage_id !== before.stage_id)
        m.emit({
          type: 'opportunity.stage_changed',
          entity: 'opportunity',
          entityId: id,
          payload: { from: before.stage_id, to: set.stage_id },
        });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await repo.getOpportunity(m.tx, actor, id);
      if (!before) throw notFound('That opportunity');
      await m.tx
        .updateTable('opportunities')
        .set({ deleted_at: m.at, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'opportunity',
        entityId: id,
        action: 'delete',
        before: auditable(before),
        after: null,
      });
      m.emit({ type: 'opportunity.deleted', entity: 'opportunity', entityId: id });
    });
  }
}
