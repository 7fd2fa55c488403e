/**
 * Managed accounts: customer organisations, each managed by at most one partner since a date. Accounts are
 * organisations, so they share the partners' table, unique names and visibility; who sees them is the
 * accounts record scope. Linking an account to a partner needs to see that partner.
 */
import type { z } from 'zod';
import type { Account, AccountCreate, accountListQuerySchema } from '../../../shared/accounts.schema';
import { dateInZone } from '../../../shared/dates';
import { partnerCreateSchema } from '../../../shared/partners.schema';
import type { ScopedPage } from '../../../shared/hidden';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { notFound, validationError } from '../../kernel/errors';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { hiddenCountIf } from '../../kernel/scope';
import { assertVersion } from '../../kernel/versions';
import type { PartnersService } from '../partners/service';
import { readSettings } from '../settings/service';
import * as repo from './repo';

const SORTS = {
  name: 'organizations.name',
  createdAt: 'organizations.created_at',
  updatedAt: 'organizations.updated_at',
};

function present(r: repo.AccountRow): Account {
  return {
    id: r.id,
    name: r.name,
    website: r.website,
    email: r.email,
    phone: r.phone,
    city: r.city,
    country: r.country,
    industry: r.industry,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    visibility: r.visibility as Account['visibility'],
    isPartner: r.is_partner === 1,
    managedById: r.managed_by_id,
    managedByName: r.managed_by_id ? (r.managed_by_name ?? null) : null,
    managedSince: r.managed_by_id ? r.managed_since : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export class AccountsService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  async list(actor: Actor, query: z.infer<typeof accountListQuerySchema>): Promise<ScopedPage<Account>> {
    const sort = parseSort(query.sort, SORTS, 'name');
    if (query.managedById && !(await this.partners.visibleRow(this.k.db, actor, query.managedById)))
      throw notFound('That partner');
    const f = {
      q: query.q || undefined,
      managedById: query.managedById,
      unmanaged: query.unmanaged === 'true',
    };
    const rows = await repo.listAccounts(this.k.db, this.k.engine, actor, f, sort, query.cursor, query.limit);
    const hidden = await hiddenCountIf(
      !!f.managedById || rows.length <= query.limit,
      repo.filtered(this.k.db, this.k.engine, f),
      actor,
      'accounts',
      repo.ACCOUNT_SCOPE,
    );
    const valueOf = (r: repo.AccountRow) =>
      sort.key === 'name' ? r.name : sort.key === 'createdAt' ? r.created_at : r.updated_at;
    return { ...toPage(rows, query.limit, sort, valueOf, (r) => r.id, present), hiddenCount: hidden };
  }

  async get(actor: Actor, id: string): Promise<Account> {
    const row = await repo.getAccount(this.k.db, actor, id);
    if (!row) throw notFound('That account');
    return present(row);
  }

  private async today(db: Executor): Promise<string> {
    const { timeZone } = (await readSettings(db, this.k.secrets)).value;
    return dateInZone(this.k.clock.now(), timeZone);
  }

  private async managerFor(m: MutationScope, partnerId: string, accountId: string | null) {
    const partner = await this.partners.visibleRow(m.tx, m.actor, partnerId);
    if (!partner) throw validationError({ managedById: 'is not a partner you can see' });
    if (accountId && (partner.id === accountId || partner.managed_by_id === accountId))
      throw validationError({ managedById: 'cannot be the account itself or a partner the account manages' });
    return partner;
  }

  /** Creates a customer organisation, optionally managed by a partner from a date (default today). */
  async create(actor: Actor, input: AccountCreate): Promise<Account> {
    const id = await mutate(this.k, actor, async (m) => {
      const { managedById, managedSince, ...org } = input;
      if (managedById) await this.managerFor(m, managedById, null);
      return this.partners.createIn(
        m,
        partnerCreateSchema.parse({ ...org, isCustomer: true }),
        'account',
        managedById
          ? { managed_by_id: managedById, managed_since: managedSince ?? (await this.today(m.tx)) }
          : {},
      );
    });
    return this.get(actor, id);
  }

  private async loadForChange(m: MutationScope, accountId: string, version: number) {
    const row = await repo.getAccount(m.tx, m.actor, accountId);
    if (!row) throw notFound('That account');
    await assertVersion(m.tx, 'account', row, version);
    return row;
  }

  private async setManager(
    m: MutationScope,
    row: repo.AccountRow,
    managedById: string | null,
    since: string | null,
  ) {
    await m.tx
      .updateTable('organizations')
      .set({
        managed_by_id: managedById,
        managed_since: since,
        is_customer: 1,
        updated_at: m.at,
        version: row.version + 1,
        updated_by: m.actor.userId,
      })
      .where('id', '=', row.id)
      .execute();
    m.audit({
      entity: 'account',
      entityId: row.id,
      action: 'update',
      before: {
        managed_by_id: row.managed_by_id,
        managed_since: row.managed_since,
        is_customer: row.is_customer,
      },
      after: { managed_by_id: managedById, managed_since: since, is_customer: 1 },
    });
    m.emit({
      type: 'account.manager_changed',
      entity: 'account',
      entityId: row.id,
      payload: { managedById },
    });
  }

  /** Makes the partner the account's manager from `since` (default today), moving it from any other partner. */
  async link(actor: Actor, partnerId: string, accountId: string, input: { version: number; since?: string }) {
    await mutate(this.k, actor, async (m) => {
      const row = await this.loadForChange(m, accountId, input.version);
      await this.managerFor(m, partnerId, accountId);
      await this.setManager(m, row, partnerId, input.since ?? (await this.today(m.tx)));
    });
    return this.get(actor, accountId);
  }

  async unlink(actor: Actor, partnerId: string, accountId: string, version: number): Promise<Account> {
    await mutate(this.k, actor, async (m) => {
      const row = await this.loadForChange(m, accountId, version);
      if (row.managed_by_id !== partnerId) throw notFound('That account of this partner');
      await this.setManager(m, row, null, null);
    });
    return this.get(actor, accountId);
  }
}
