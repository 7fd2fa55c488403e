/**
 * Cases: support and service cases a partner handles for an account. Visible to their owner and assignee
 * (and whoever's scope covers either); resolving or closing stamps when, reopening clears it.
 */
import type { z } from 'zod';
import type { Case, CaseCreate, caseListQuerySchema, CaseUpdate } from '../../../shared/cases.schema';
import type { ScopedPage } from '../../../shared/hidden';
import type { Actor, Kernel } from '../../kernel/context';
import { notFound } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { activeUser, assertNoProblems, contactAt, dateProblem } from '../../kernel/references';
import { hiddenCountIf } from '../../kernel/scope';
import { assertVersion } from '../../kernel/versions';
import type { CasesTable } from '../../db/types.partnerManagement';
import type { PartnersService } from '../partners/service';
import * as repo from './repo';

const SORTS = { updatedAt: 'cases.updated_at', createdAt: 'cases.created_at', subject: 'cases.subject' };

const name = (first: string | null, last: string | null) => `${first ?? ''} ${last ?? ''}`.trim() || null;

function present(r: repo.CaseRow): Case {
  return {
    id: r.id,
    kind: r.kind as Case['kind'],
    subject: r.subject,
    description: r.description,
    status: r.status as Case['status'],
    priority: r.priority as Case['priority'],
    organizationId: r.organization_id,
    organizationName: r.organization_name ?? null,
    accountId: r.account_id,
    accountName: r.account_name ?? null,
    contactId: r.contact_id,
    contactName: r.contact_id ? name(r.contact_first_name, r.contact_last_name) : null,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name ?? null,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    dueDate: r.due_date,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** What the audit log compares. */
function auditable(r: CasesTable | repo.CaseRow) {
  return {
    kind: r.kind,
    subject: r.subject,
    description: r.description,
    status: r.status,
    priority: r.priority,
    organization_id: r.organization_id,
    account_id: r.account_id,
    contact_id: r.contact_id,
    assignee_id: r.assignee_id,
    owner_id: r.owner_id,
    due_date: r.due_date,
    resolved_at: r.resolved_at,
    closed_at: r.closed_at,
  };
}

export class CasesService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  async list(actor: Actor, query: z.infer<typeof caseListQuerySchema>): Promise<ScopedPage<Case>> {
    const sort = parseSort(query.sort, SORTS, '-updatedAt');
    if (
      query.organizationId &&
      !(await this.partners.visibleOrganization(this.k.db, actor, query.organizationId))
    )
      throw notFound('That partner');
    const { cursor, limit, sort: _s, q, ...rest } = query;
    const f = { ...rest, q: q || undefined };
    const rows = await repo.listCases(this.k.db, this.k.engine, actor, f, sort, cursor, limit);
    const hidden = await hiddenCountIf(
      !!(f.organizationId || f.accountId) || rows.length <= limit,
      repo.filtered(this.k.db, this.k.engine, f),
      actor,
      'cases',
      repo.CASE_SCOPES,
    );
    const valueOf = (r: repo.CaseRow) =>
      sort.key === 'subject' ? r.subject : sort.key === 'createdAt' ? r.created_at : r.updated_at;
    return { ...toPage(rows, limit, sort, valueOf, (r) => r.id, present), hiddenCount: hidden };
  }

  async get(actor: Actor, id: string): Promise<Case> {
    const row = await repo.getCase(this.k.db, actor, id);
    if (!row) throw notFound('That case');
    return present(row);
  }

  /** Field problems with what the case refers to (only what the request sets; `orgs`: where its person may work). */
  private async check(
    m: MutationScope,
    c: Partial<CaseCreate>,
    createdAt: string,
    orgs: (string | null)[],
  ): Promise<void> {
    const org = async (id: string | null | undefined) =>
      !id || !!(await this.partners.visibleOrganization(m.tx, m.actor, id));
    assertNoProblems({
      organizationId: (await org(c.organizationId)) ? null : 'is not a partner you can see',
      accountId: (await org(c.accountId)) ? null : 'is not an account you can see',
      contactId:
        c.contactId && !(await contactAt(m.tx, c.contactId, orgs))
          ? 'is not a person of the case’s partner or account'
          : null,
      assigneeId: c.assigneeId && !(await activeUser(m.tx, c.assigneeId)) ? 'is not an active user' : null,
      dueDate: dateProblem(c.dueDate, createdAt),
    });
  }

  /** resolved_at / closed_at follow the status: stamped when it gets there, cleared when it leaves. */
  private stamps(
    status: string,
    before: { resolved_at: string | null; closed_at: string | null } | null,
    at: string,
  ) {
    return {
      resolved_at: status === 'resolved' || status === 'closed' ? (before?.resolved_at ?? at) : null,
      closed_at: status === 'closed' ? (before?.closed_at ?? at) : null,
    };
  }

  async create(actor: Actor, input: CaseCreate): Promise<Case> {
    const id = await mutate(this.k, actor, async (m) => {
      await this.check(m, input, m.at, [input.organizationId, input.accountId]);
      const row: CasesTable = {
        id: newId(),
        kind: input.kind,
        department_id: actor.departmentId,
        subject: input.subject,
        description: input.description,
        status: input.status,
        priority: input.priority,
        organization_id: input.organizationId,
        account_id: input.accountId,
        contact_id: input.contactId,
        assignee_id: input.assigneeId === undefined ? actor.userId : input.assigneeId,
        owner_id: actor.userId,
        due_date: input.dueDate,
        ...this.stamps(input.status, null, m.at),
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('cases').values(row).execute();
      m.audit({ entity: 'case', entityId: row.id, action: 'create', after: auditable(row) });
      m.emit({
        type: 'case.created',
        entity: 'case',
        entityId: row.id,
        payload: { assigneeId: row.assignee_id },
      });
      return row.id;
    });
    return this.get(actor, id);
  }

  private async loadForChange(m: MutationScope, id: string) {
    const row = await repo.getCase(m.tx, m.actor, id);
    if (!row) throw notFound('That case');
    return row;
  }

  async update(actor: Actor, id: string, input: CaseUpdate): Promise<Case> {
    await mutate(this.k, actor, async (m) => {
      const before = await this.loadForChange(m, id);
      await assertVersion(m.tx, 'case', before, input.version);
      const { version, ...patch } = input;
      const merged = { ...present(before), ...patch };
      await this.check(m, patch, before.created_at, [merged.organizationId, merged.accountId]);
      const set = {
        kind: merged.kind,
        subject: merged.subject,
        description: merged.description,
        status: merged.status,
        priority: merged.priority,
        organization_id: merged.organizationId,
        account_id: merged.accountId,
        contact_id: merged.contactId,
        assignee_id: merged.assigneeId,
        due_date: merged.dueDate,
        ...this.stamps(merged.status, before, m.at),
      };
      await m.tx
        .updateTable('cases')
        .set({ ...set, updated_at: m.at, version: version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'case',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: auditable({ ...before, ...set }),
      });
      m.emit({ type: 'case.updated', entity: 'case', entityId: id, payload: { status: set.status } });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await this.loadForChange(m, id);
      await m.tx
        .updateTable('cases')
        .set({ deleted_at: m.at, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({ entity: 'case', entityId: id, action: 'delete', before: auditable(before), after: null });
      m.emit({ type: 'case.deleted', entity: 'case', entityId: id });
    });
  }
}
