/**
 * Consultants: the people of a partner. A person is seen within the consultants record scope, at an
 * organisation the caller may see; changing them also needs the right to change that organisation. One
 * primary person per organisation; moving a person to another organisation keeps their history.
 */
import type { z } from 'zod';
import type { Page } from '../../../shared/common.schema';
import type { consultantListQuerySchema } from '../../../shared/consultants.schema';
import type { Contact, contactCreateSchema, contactUpdateSchema } from '../../../shared/partners.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { notFound, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { hiddenCount } from '../../kernel/scope';
import { assertVersion } from '../../kernel/versions';
import { contactName } from '../partners/present';
import type { PartnersService } from '../partners/service';
import * as repo from './repo';

type ContactCreate = z.infer<typeof contactCreateSchema>;
type ContactUpdate = z.infer<typeof contactUpdateSchema>;

const SORTS = {
  lastName: 'contacts.last_name',
  createdAt: 'contacts.created_at',
  updatedAt: 'contacts.updated_at',
};
const COLUMNS: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  title: 'title',
  email: 'email',
  phone: 'phone',
  mobile: 'mobile',
  linkedin: 'linkedin',
  notes: 'notes',
};

export function presentContact(c: repo.ConsultantRow): Contact {
  return {
    id: c.id,
    organizationId: c.organization_id,
    organizationName: c.organization_name,
    ownerId: c.owner_id,
    ownerName: c.owner_name ?? null,
    firstName: c.first_name,
    lastName: c.last_name,
    name: contactName(c),
    title: c.title,
    email: c.email,
    phone: c.phone,
    mobile: c.mobile,
    linkedin: c.linkedin,
    isPrimary: c.is_primary === 1,
    notes: c.notes,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    version: c.version,
  };
}

/** What the audit log compares. */
function auditable(c: Record<string, unknown>) {
  const { version: _v, updated_at: _u, created_at: _c, updated_by: _b, deleted_at: _d, ...rest } = c;
  return rest;
}

export class ConsultantsService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  /** A partner's people the caller may see, and how many more its scope hides (404 when the partner is hidden). */
  async ofPartner(actor: Actor, organizationId: string) {
    if (!(await this.partners.visibleRow(this.k.db, actor, organizationId))) throw notFound('That partner');
    const [rows, hidden] = await Promise.all([
      repo.ofOrganization(this.k.db, actor, organizationId),
      hiddenCount(
        this.k.db
          .selectFrom('contacts')
          .leftJoin('users as owner', 'owner.id', 'contacts.owner_id')
          .where('contacts.organization_id', '=', organizationId)
          .where('contacts.deleted_at', 'is', null),
        actor,
        'consultants',
        repo.CONSULTANT_SCOPE,
      ),
    ]);
    return { items: rows.map(presentContact), hiddenCount: hidden };
  }

  async list(actor: Actor, query: z.infer<typeof consultantListQuerySchema>): Promise<Page<Contact>> {
    const sort = parseSort(query.sort, SORTS, 'lastName');
    const rows = await repo.listConsultants(
      this.k.db,
      this.k.engine,
      actor,
      {
        q: query.q || undefined,
        organizationId: query.organizationId,
        isPrimary: query.isPrimary === undefined ? undefined : query.isPrimary === 'true',
      },
      sort,
      query.cursor,
      query.limit,
    );
    const valueOf = (r: repo.ConsultantRow) =>
      sort.key === 'lastName' ? r.last_name : sort.key === 'createdAt' ? r.created_at : r.updated_at;
    return toPage(rows, query.limit, sort, valueOf, (r) => r.id, presentContact);
  }

  async get(actor: Actor, id: string): Promise<Contact> {
    const row = await repo.getConsultant(this.k.db, actor, id);
    if (!row) throw notFound('That consultant');
    return presentContact(row);
  }

  /** Adds a person inside a running change (lead conversion, imports): the caller checked the organisation. */
  async createIn(m: MutationScope, organizationId: string, input: ContactCreate): Promise<string> {
    const id = newId();
    if (input.isPrimary) await repo.clearPrimary(m.tx, organizationId);
    const row = {
      id,
      organization_id: organizationId,
      first_name: input.firstName,
      last_name: input.lastName,
      title: input.title,
      email: input.email,
      phone: input.phone,
      mobile: input.mobile,
      linkedin: input.linkedin,
      is_primary: input.isPrimary ? 1 : 0,
      notes: input.notes,
      owner_id: m.actor.userId,
      created_at: m.at,
      updated_at: m.at,
      version: 1,
      deleted_at: null,
      updated_by: m.actor.userId,
    };
    await m.tx.insertInto('contacts').values(row).execute();
    m.audit({ entity: 'contact', entityId: id, action: 'create', after: auditable(row) });
    m.emit({ type: 'contact.created', entity: 'contact', entityId: id, payload: { organizationId } });
    return id;
  }

  async create(actor: Actor, organizationId: string, input: ContactCreate): Promise<Contact> {
    const id = await mutate(this.k, actor, async (m) => {
      await this.partners.changeableRow(m.tx, actor, organizationId);
      return this.createIn(m, organizationId, input);
    });
    return this.get(actor, id);
  }

  /** The person for a change: 404 when the partner or the person is hidden, 403 when the partner is only visible. */
  private async loadForChange(m: MutationScope, organizationId: string, contactId: string) {
    await this.partners.changeableRow(m.tx, m.actor, organizationId);
    const row = await repo.getConsultant(m.tx, m.actor, contactId);
    if (!row || row.organization_id !== organizationId) throw notFound('That consultant');
    return row;
  }

  /** Applies a change inside a running change (imports use this too); false when it changed nothing. */
  async updateIn(
    m: MutationScope,
    row: repo.ConsultantRow,
    input: Omit<ContactUpdate, 'version'>,
  ): Promise<boolean> {
    const set: Record<string, unknown> = {};
    for (const [key, col] of Object.entries(COLUMNS)) {
      const v = (input as Record<string, unknown>)[key];
      if (v !== undefined) set[col] = v;
    }
    const target = input.organizationId ?? row.organization_id;
    if (input.organizationId && input.organizationId !== row.organization_id) {
      await this.partners.changeableRow(m.tx, m.actor, input.organizationId).catch(() => {
        throw validationError({ organizationId: 'is not an organisation you may add people to' });
      });
      set.organization_id = input.organizationId;
      set.is_primary = 0; // the new organisation keeps its own primary person
    }
    if (input.isPrimary !== undefined) {
      set.is_primary = input.isPrimary ? 1 : 0;
      if (input.isPrimary) await repo.clearPrimary(m.tx, target);
    }
    const before = await m.tx
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    const after = { ...before, ...set };
    if (!contactName(after)) throw validationError({ lastName: 'is required (a first or last name)' });
    if (JSON.stringify(auditable(after)) === JSON.stringify(auditable(before))) return false;
    await m.tx
      .updateTable('contacts')
      .set({ ...set, updated_at: m.at, version: before.version + 1, updated_by: m.actor.userId })
      .where('id', '=', row.id)
      .execute();
    m.audit({
      entity: 'contact',
      entityId: row.id,
      action: 'update',
      before: auditable(before),
      after: auditable(after),
    });
    return true;
  }

  async update(
    actor: Actor,
    organizationId: string,
    contactId: string,
    input: ContactUpdate,
  ): Promise<Contact> {
    await mutate(this.k, actor, async (m) => {
      const row = await this.loadForChange(m, organizationId, contactId);
      await assertVersion(m.tx, 'consultant', row, input.version);
      const { version: _v, ...patch } = input;
      await this.updateIn(m, row, patch);
    });
    return this.get(actor, contactId);
  }

  async remove(actor: Actor, organizationId: string, contactId: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const row = await this.loadForChange(m, organizationId, contactId);
      await m.tx
        .updateTable('contacts')
        .set({ deleted_at: m.at, updated_at: m.at, version: row.version + 1, updated_by: actor.userId })
        .where('id', '=', contactId)
        .execute();
      m.audit({
        entity: 'contact',
        entityId: contactId,
        action: 'delete',
        before: { deleted_at: null },
        after: { deleted_at: m.at },
      });
    });
  }
}
