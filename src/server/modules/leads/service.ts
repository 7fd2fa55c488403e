/**
 * Leads: potential customers with their source, status, owner and the partner who brought them.
 * Converting one makes an opportunity (and, when asked, its account organisation and the lead's person
 * there) in one transaction, and records when; a converted lead stays as the record of where the deal
 * came from and cannot be converted again.
 */
import type { z } from 'zod';
import type { ScopedPage } from '../../../shared/hidden';
import type {
  Lead,
  LeadConvert,
  LeadCreate,
  leadListQuerySchema,
  LeadUpdate,
} from '../../../shared/leads.schema';
import { partnerCreateSchema } from '../../../shared/partners.schema';
import { can } from '../../../shared/permissions';
import type { LeadsTable } from '../../db/types.partnerManagement';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { conflict, forbidden, notFound } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { assertNoProblems, ownerProblem } from '../../kernel/references';
import { hiddenCountIf } from '../../kernel/scope';
import { assertVersion } from '../../kernel/versions';
import type { ConsultantsService } from '../consultants/service';
import type { OpportunitiesService } from '../opportunities/service';
import type { PartnersService } from '../partners/service';
import { readSettings } from '../settings/service';
import * as repo from './repo';

const SORTS = { updatedAt: 'leads.updated_at', createdAt: 'leads.created_at', name: 'leads.name' };

function present(r: repo.LeadRow): Lead {
  return {
    id: r.id,
    name: r.name,
    company: r.company,
    title: r.title,
    email: r.email,
    phone: r.phone,
    source: r.source as Lead['source'],
    status: r.status as Lead['status'],
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    partnerId: r.partner_id,
    partnerName: r.partner_name ?? null,
    campaign: r.campaign,
    estimatedValue: r.estimated_value === null ? null : Number(r.estimated_value),
    currency: r.currency,
    notes: r.notes,
    convertedAt: r.converted_at,
    convertedOpportunityId: r.converted_opportunity_id,
    convertedOrganizationId: r.converted_organization_id,
    convertedContactId: r.converted_contact_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const COLUMNS = [
  'name',
  'company',
  'title',
  'email',
  'phone',
  'source',
  'status',
  'campaign',
  'currency',
  'notes',
];

/** What the audit log compares. */
function auditable(r: LeadsTable | repo.LeadRow) {
  return {
    ...Object.fromEntries(COLUMNS.map((c) => [c, (r as unknown as Record<string, unknown>)[c]])),
    owner_id: r.owner_id,
    partner_id: r.partner_id,
    estimated_value: r.estimated_value === null ? null : Number(r.estimated_value),
    converted_at: r.converted_at,
    converted_opportunity_id: r.converted_opportunity_id,
    converted_organization_id: r.converted_organization_id,
    converted_contact_id: r.converted_contact_id,
  };
}

export class LeadsService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
    private readonly opportunities: OpportunitiesService,
    private readonly consultants: ConsultantsService,
  ) {}

  async list(actor: Actor, query: z.infer<typeof leadListQuerySchema>): Promise<ScopedPage<Lead>> {
    const sort = parseSort(query.sort, SORTS, '-updatedAt');
    if (query.partnerId && !(await this.partners.visibleRow(this.k.db, actor, query.partnerId)))
      throw notFound('That partner');
    const { cursor, limit, sort: _s, q, ...rest } = query;
    const f = { ...rest, q: q || undefined };
    const rows = await repo.listLeads(this.k.db, this.k.engine, actor, f, sort, cursor, limit);
    const hidden = await hiddenCountIf(
      !!f.partnerId || rows.length <= limit,
      repo.filtered(this.k.db, this.k.engine, f),
      actor,
      'leads',
      repo.LEAD_SCOPE,
    );
    const valueOf = (r: repo.LeadRow) =>
      sort.key === 'name' ? r.name : sort.key === 'createdAt' ? r.created_at : r.updated_at;
    return { ...toPage(rows, limit, sort, valueOf, (r) => r.id, present), hiddenCount: hidden };
  }

  /** A live lead the actor may see, or undefined (for other modules' references, inside their changes). */
  visibleRow(db: Executor, actor: Actor, id: string) {
    return repo.getLead(db, actor, id);
  }

  async get(actor: Actor, id: string): Promise<Lead> {
    const row = await repo.getLead(this.k.db, actor, id);
    if (!row) throw notFound('That lead');
    return present(row);
  }

  private async check(m: MutationScope, l: Partial<LeadCreate>): Promise<void> {
    assertNoProblems({
      partnerId:
        l.partnerId && !(await this.partners.visibleRow(m.tx, m.actor, l.partnerId))
          ? 'is not a partner you can see'
          : null,
      ownerId: l.ownerId !== undefined ? await ownerProblem(m.tx, m.actor, 'leads', l.ownerId) : null,
    });
  }

  /** Creates a lead inside a running change (imports use this too). */
  async createIn(m: MutationScope, input: LeadCreate): Promise<string> {
    const ownerId = input.ownerId === undefined ? m.actor.userId : input.ownerId;
    await this.check(m, { ...input, ownerId });
    const row: LeadsTable = {
      id: newId(),
      name: input.name,
      company: input.company,
      title: input.title,
      email: input.email,
      phone: input.phone,
      source: input.source,
      status: input.status,
      owner_id: ownerId,
      partner_id: input.partnerId,
      campaign: input.campaign,
      estimated_value: input.estimatedValue,
      currency: input.currency ?? (await readSettings(m.tx, this.k.secrets)).value.baseCurrency,
      notes: input.notes,
      converted_at: null,
      converted_opportunity_id: null,
      converted_organization_id: null,
      converted_contact_id: null,
      created_at: m.at,
      updated_at: m.at,
      version: 1,
      deleted_at: null,
      updated_by: m.actor.userId,
    };
    await m.tx.insertInto('leads').values(row).execute();
    m.audit({ entity: 'lead', entityId: row.id, action: 'create', after: auditable(row) });
    m.emit({
      type: 'lead.created',
      entity: 'lead',
      entityId: row.id,
      payload: { partnerId: row.partner_id },
    });
    return row.id;
  }

  async create(actor: Actor, input: LeadCreate): Promise<Lead> {
    const id = await mutate(this.k, actor, (m) => this.createIn(m, input));
    return this.get(actor, id);
  }

  private async loadForChange(m: MutationScope, id: string, version: number) {
    const row = await repo.getLead(m.tx, m.actor, id);
    if (!row) throw notFound('That lead');
    await assertVersion(m.tx, 'lead', row, version);
    return row;
  }

  /** Applies a patch inside a running change (imports that update use this too). */
  async updateIn(m: MutationScope, before: repo.LeadRow, patch: Partial<LeadCreate>): Promise<boolean> {
    await this.check(m, patch);
    const set: Record<string, unknown> = {};
    for (const c of COLUMNS) {
      const v = (patch as Record<string, unknown>)[c];
      if (v !== undefined) set[c] = v;
    }
    if (patch.ownerId !== undefined) set.owner_id = patch.ownerId;
    if (patch.partnerId !== undefined) set.partner_id = patch.partnerId;
    if (patch.estimatedValue !== undefined) set.estimated_value = patch.estimatedValue;
    const after = { ...before, ...set } as repo.LeadRow;
    if (JSON.stringify(auditable(after)) === JSON.stringify(auditable(before))) return false;
    await m.tx
      .updateTable('leads')
      .set({ ...set, updated_at: m.at, version: before.version + 1, updated_by: m.actor.userId })
      .where('id', '=', before.id)
      .execute();
    m.audit({
      entity: 'lead',
      entityId: before.id,
      action: 'update',
      before: auditable(before),
      after: auditable(after),
    });
    m.emit({ type: 'lead.updated', entity: 'lead', entityId: before.id });
    return true;
  }

  async update(actor: Actor, id: string, input: LeadUpdate): Promise<Lead> {
    await mutate(this.k, actor, async (m) => {
      const before = await this.loadForChange(m, id, input.version);
      if (before.converted_at)
        throw conflict('This lead was converted; change its opportunity instead.', 'lead_converted');
      const { version: _v, ...patch } = input;
      await this.updateIn(m, before, patch);
    });
    return this.get(actor, id);
  }

  /**
   * The opportunity (always), the account (existing, new from the lead's company, or none) and the person
   * at that account (when asked), all in one transaction with the lead's conversion.
   */
  async convert(actor: Actor, id: string, input: LeadConvert) {
    const missing = [
      ['opportunities.create', true],
      ['accounts.create', input.createAccount],
      ['consultants.create', input.createContact],
    ].filter(([p, needed]) => needed && !can(actor.permissions, p as 'opportunities.create'));
    if (missing.length)
      throw forbidden(
        `Converting this lead needs permissions your role lacks: ${missing.map((x) => x[0]).join(', ')}.`,
      );
    const result = await mutate(this.k, actor, async (m) => {
      const lead = await this.loadForChange(m, id, input.version);
      if (lead.converted_at)
        throw conflict(
          `This lead was already converted on ${lead.converted_at.slice(0, 10)}.`,
          'lead_converted',
        );
      let accountId = input.accountId ?? null;
      if (accountId && !(await this.partners.visibleOrganization(m.tx, actor, accountId)))
        assertNoProblems({ accountId: 'is not an account you can see' });
      if (input.createAccount) {
        assertNoProblems({
          createAccount: lead.company ? null : 'the lead has no company to name the account after',
        });
        accountId = await this.partners.createIn(
          m,
          partnerCreateSchema.parse({
            name: lead.company,
            email: lead.email,
            phone: lead.phone,
            isCustomer: true,
          }),
          'account',
        );
      }
      let contactId: string | null = null;
      if (input.createContact && accountId) {
        const [first, ...rest] = lead.name.split(/\s+/);
        contactId = await this.consultants.createIn(m, accountId, {
          firstName: rest.length ? (first ?? '') : '',
          lastName: rest.length ? rest.join(' ') : (first ?? lead.name),
          title: lead.title,
          email: lead.email,
          phone: lead.phone,
          mobile: '',
          linkedin: '',
          isPrimary: false,
          notes: '',
        });
      }
      const o = input.opportunity;
      const opportunityId = await this.opportunities.createIn(
        m,
        {
          name: o.name ?? (lead.company ? `${lead.company} — ${lead.name}` : lead.name),
          accountId,
          partnerId: lead.partner_id,
          contactId,
          amount: o.amount ?? (lead.estimated_value === null ? 0 : Number(lead.estimated_value)),
          currency: o.currency ?? lead.currency,
          stageId: o.stageId,
          probability: o.probability,
          expectedCloseDate: o.expectedCloseDate ?? null,
          ownerId: lead.owner_id,
          lostReason: '',
          description: lead.notes,
        },
        lead.id,
      );
      const set = {
        status: 'converted',
        converted_at: m.at,
        converted_opportunity_id: opportunityId,
        converted_organization_id: accountId,
        converted_contact_id: contactId,
      };
      await m.tx
        .updateTable('leads')
        .set({ ...set, updated_at: m.at, version: lead.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'lead',
        entityId: id,
        action: 'update',
        before: auditable(lead),
        after: auditable({ ...lead, ...set }),
      });
      m.emit({
        type: 'lead.converted',
        entity: 'lead',
        entityId: id,
        payload: { opportunityId, accountId, contactId },
      });
      return { opportunityId, accountId, contactId };
    });
    return {
      lead: await this.get(actor, id),
      opportunity: await this.opportunities.get(actor, result.opportunityId),
      accountId: result.accountId,
      contactId: result.contactId,
    };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await repo.getLead(m.tx, actor, id);
      if (!before) throw notFound('That lead');
      await m.tx
        .updateTable('leads')
        .set({ deleted_at: m.at, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({ entity: 'lead', entityId: id, action: 'delete', before: auditable(before), after: null });
      m.emit({ type: 'lead.deleted', entity: 'lead', entityId: id });
    });
  }
}
