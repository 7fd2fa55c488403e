/**
 * Sales activities: calls, meetings, emails, tasks and notes against a partner, and optionally one of its
 * people, a lead or a deal. Edited in place and deleted after confirmation (into the audit log's keeping).
 */
import type { z } from 'zod';
import type {
  Activity,
  ActivityCreate,
  activityListQuerySchema,
  ActivityUpdate,
} from '../../../shared/activities.schema';
import type { ScopedPage } from '../../../shared/hidden';
import type { SalesActivitiesTable } from '../../db/types.partnerManagement';
import type { Actor, Kernel } from '../../kernel/context';
import { notFound } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { assertNoProblems, contactAt, ownerProblem } from '../../kernel/references';
import { hiddenCountIf } from '../../kernel/scope';
import { assertVersion } from '../../kernel/versions';
import type { LeadsService } from '../leads/service';
import type { OpportunitiesService } from '../opportunities/service';
import type { PartnersService } from '../partners/service';
import * as repo from './repo';

const SORTS = { occurredAt: 'sales_activities.occurred_at', createdAt: 'sales_activities.created_at' };
const DAY = 86_400_000;

function present(r: repo.ActivityRow): Activity {
  return {
    id: r.id,
    type: r.type as Activity['type'],
    subject: r.subject,
    body: r.body,
    occurredAt: r.occurred_at,
    durationMinutes: r.duration_minutes,
    outcome: r.outcome,
    partnerId: r.partner_id,
    partnerName: r.partner_name ?? null,
    contactId: r.contact_id,
    contactName: r.contact_id ? `${r.contact_first_name ?? ''} ${r.contact_last_name ?? ''}`.trim() : null,
    leadId: r.lead_id,
    leadName: r.lead_name ?? null,
    opportunityId: r.opportunity_id,
    opportunityName: r.opportunity_name ?? null,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** What the audit log compares. */
function auditable(r: SalesActivitiesTable | repo.ActivityRow) {
  return {
    type: r.type,
    subject: r.subject,
    body: r.body,
    occurred_at: r.occurred_at,
    duration_minutes: r.duration_minutes,
    outcome: r.outcome,
    owner_id: r.owner_id,
    partner_id: r.partner_id,
    contact_id: r.contact_id,
    lead_id: r.lead_id,
    opportunity_id: r.opportunity_id,
  };
}

const iso = (instant: string) => new Date(instant).toISOString();

export class ActivitiesService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
    private readonly leads: LeadsService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  async list(actor: Actor, query: z.infer<typeof activityListQuerySchema>): Promise<ScopedPage<Activity>> {
    const sort = parseSort(query.sort, SORTS, '-occurredAt');
    if (query.partnerId && !(await this.partners.visibleRow(this.k.db, actor, query.partnerId)))
      throw notFound('That partner');
    const { cursor, limit, sort: _s, q, from, to, ...rest } = query;
    const f = {
      ...rest,
      q: q || undefined,
      from: from ? `${from}T00:00:00.000Z` : undefined,
      to: to ? new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY).toISOString() : undefined,
    };
    const rows = await repo.listActivities(this.k.db, this.k.engine, actor, f, sort, cursor, limit);
    const hidden = await hiddenCountIf(
      !!(f.partnerId || f.leadId || f.opportunityId || f.contactId) || rows.length <= limit,
      repo.filtered(this.k.db, this.k.engine, f),
      actor,
      'activities',
      repo.ACTIVITY_SCOPE,
    );
    const valueOf = (r: repo.ActivityRow) => (sort.key === 'createdAt' ? r.created_at : r.occurred_at);
    return { ...toPage(rows, limit, sort, valueOf, (r) => r.id, present), hiddenCount: hidden };
  }

  async get(actor: Actor, id: string): Promise<Activity> {
    const row = await repo.getActivity(this.k.db, actor, id);
    if (!row) throw notFound('That activity');
    return present(row);
  }

  /** Field problems with what the activity refers to (only what the request sets). */
  private async check(m: MutationScope, a: Partial<ActivityCreate>, partnerId: string | null): Promise<void> {
    assertNoProblems({
      partnerId:
        a.partnerId && !(await this.partners.visibleRow(m.tx, m.actor, a.partnerId))
          ? 'is not a partner you can see'
          : null,
      contactId:
        a.contactId && !(await contactAt(m.tx, a.contactId, [partnerId]))
          ? 'is not a person of this partner'
          : null,
      leadId:
        a.leadId && !(await this.leads.visibleRow(m.tx, m.actor, a.leadId))
          ? 'is not a lead you can see'
          : null,
      opportunityId:
        a.opportunityId && !(await this.opportunities.visibleRow(m.tx, m.actor, a.opportunityId))
          ? 'is not an opportunity you can see'
          : null,
      ownerId: a.ownerId !== undefined ? await ownerProblem(m.tx, m.actor, 'activities', a.ownerId) : null,
    });
  }

  async create(actor: Actor, input: ActivityCreate): Promise<Activity> {
    const id = await mutate(this.k, actor, async (m) => {
      const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
      await this.check(m, { ...input, ownerId }, input.partnerId);
      const row: SalesActivitiesTable = {
        id: newId(),
        type: input.type,
        subject: input.subject,
        body: input.body,
        occurred_at: input.occurredAt ? iso(input.occurredAt) : m.at,
        duration_minutes: input.durationMinutes,
        outcome: input.outcome,
        owner_id: ownerId,
        partner_id: input.partnerId,
        contact_id: input.contactId,
        lead_id: input.leadId,
        opportunity_id: input.opportunityId,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('sales_activities').values(row).execute();
      m.audit({ entity: 'activity', entityId: row.id, action: 'create', after: auditable(row) });
      m.emit({
        type: 'activity.created',
        entity: 'activity',
        entityId: row.id,
        payload: { partnerId: row.partner_id },
      });
      return row.id;
    });
    return this.get(actor, id);
  }

  private async loadForChange(m: MutationScope, id: string) {
    const row = await repo.getActivity(m.tx, m.actor, id);
    if (!row) throw notFound('That activity');
    return row;
  }

  async update(actor: Actor, id: string, input: ActivityUpdate): Promise<Activity> {
    await mutate(this.k, actor, async (m) => {
      const before = await this.loadForChange(m, id);
      await assertVersion(m.tx, 'activity', before, input.version);
      const { version, ...patch } = input;
      const pick = <T>(sent: T | undefined, stored: T): T => (sent === undefined ? stored : sent);
      const partnerId = pick(patch.partnerId, before.partner_id);
      const leadId = pick(patch.leadId, before.lead_id);
      const opportunityId = pick(patch.opportunityId, before.opportunity_id);
      assertNoProblems({
        partnerId:
          partnerId || leadId || opportunityId
            ? null
            : 'is required: an activity belongs to a partner, lead or deal',
      });
      await this.check(m, patch, partnerId);
      const set = {
        type: pick(patch.type, before.type),
        subject: pick(patch.subject, before.subject),
        body: pick(patch.body, before.body),
        occurred_at: patch.occurredAt ? iso(patch.occurredAt) : before.occurred_at,
        duration_minutes: pick(patch.durationMinutes, before.duration_minutes),
        outcome: pick(patch.outcome, before.outcome),
        owner_id: pick(patch.ownerId, before.owner_id),
        partner_id: partnerId,
        contact_id: pick(patch.contactId, before.contact_id),
        lead_id: leadId,
        opportunity_id: opportunityId,
      };
      await m.tx
        .updateTable('sales_activities')
        .set({ ...set, updated_at: m.at, version: version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'activity',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: auditable({ ...before, ...set }),
      });
      m.emit({ type: 'activity.updated', entity: 'activity', entityId: id });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await this.loadForChange(m, id);
      await m.tx
        .updateTable('sales_activities')
        .set({ deleted_at: m.at, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({ entity: 'activity', entityId: id, action: 'delete', before: auditable(before), after: null });
      m.emit({ type: 'activity.deleted', entity: 'activity', entityId: id });
    });
  }
}
