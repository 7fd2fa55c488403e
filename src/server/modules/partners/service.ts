/** Partners: the directory with link-level filters and metrics, partner records, tags, levels. */
import type { z } from 'zod';
import type { Page } from '../../../shared/common.schema';
import { labelFromSlug, slugify, statusOptions } from '../../../shared/partnerships/statuses';
import type { Partner, PartnerCreate, partnerListQuerySchema } from '../../../shared/partners.schema';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { conflict, duplicate, notFound, validationError, versionConflict } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { hiddenCountIf } from '../../kernel/scope';
import { nameKey, snapshot, toColumns } from './columns';
import { filterOf, SORT_VALUE, SORTS } from './listFilter';
import { assertChangeable } from './policy';
import { contactName, EMPTY_METRICS, metricsFrom, presentPartner } from './present';
import * as repo from './repo';

type PartnerListQuery = z.infer<typeof partnerListQuerySchema>;

export { assertChangeable, nameKey, snapshot };

export class PartnersService {
  constructor(private readonly k: Kernel) {}

  /** A partner as the API shows it, from a row read with what it shows (repo `decorated`). */
  private present(r: repo.DecoratedRow): Partner {
    const figures = repo.figuresOf(r.figures);
    const latest =
      r.latest_status === null || r.latest_at === null
        ? undefined
        : { status: r.latest_status, updated_at: r.latest_at };
    const contact =
      r.contact_first_name === null && r.contact_last_name === null
        ? null
        : contactName({ first_name: r.contact_first_name ?? '', last_name: r.contact_last_name ?? '' });
    return presentPartner(
      r,
      repo.tagsOfRow(r),
      contact,
      figures.length || latest ? metricsFrom(figures, latest) : EMPTY_METRICS,
    );
  }

  /** Each partner's primary contact's name (its first contact when none is marked primary). */
  async primaryContactNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await repo.primaryContactNameRows(this.k.db, [...new Set(ids)]);
    return new Map(
      rows
        .filter((r) => r.first_name !== null || r.last_name !== null)
        .map((r) => [r.id, contactName({ first_name: r.first_name ?? '', last_name: r.last_name ?? '' })]),
    );
  }

  async list(actor: Actor, query: PartnerListQuery): Promise<Page<Partner> & { hiddenCount: number | null }> {
    const sort = parseSort(query.sort, SORTS, 'name');
    const f = filterOf(query);
    const rows = await repo.listPartnersDecorated(
      this.k.db,
      this.k.engine,
      actor,
      f,
      sort,
      query.cursor,
      query.limit,
    );
    const hidden = await hiddenCountIf(
      rows.length <= query.limit,
      repo.filtered(this.k.db, this.k.engine, f),
      actor,
      'partners',
      repo.PARTNER_SCOPE,
    );
    const page = toPage(
      rows,
      query.limit,
      sort,
      SORT_VALUE[sort.key as keyof typeof SORTS],
      (r) => r.id,
      (r) => this.present(r),
    );
    return { ...page, hiddenCount: hidden };
  }

  /** A live partner the actor may see, or undefined (for other modules' references). */
  visibleRow(db: Executor, actor: Actor, id: string): Promise<repo.PartnerRow | undefined> {
    return repo.getPartner(db, actor, id).then((r) => (r && !r.deleted_at ? r : undefined));
  }

  /** A partner the actor may see, live or in the trash (its History stays readable): 404 otherwise. */
  async assertSeen(actor: Actor, id: string): Promise<void> {
    if (!(await repo.getPartner(this.k.db, actor, id))) throw notFound('That partner');
  }

  /** The id of a live partner with this name key that the actor may see (imports name partners). */
  async findByName(db: Executor, actor: Actor, key: string): Promise<string | null> {
    const found = key ? await repo.findByNameKey(db, key) : undefined;
    return found && (await this.visibleRow(db, actor, found.id)) ? found.id : null;
  }

  /** A live organisation of any kind (a customer account too) the actor may see, or undefined. */
  visibleOrganization(db: Executor, actor: Actor, id: string): Promise<repo.PartnerRow | undefined> {
    return repo.getOrganization(db, actor, id);
  }

  /** A live partner the actor may change: 404 when hidden or missing, 403 when only visible. */
  async changeableRow(db: Executor, actor: Actor, id: string): Promise<repo.PartnerRow> {
    const row = await this.visibleRow(db, actor, id);
    if (!row) throw notFound('That partner');
    assertChangeable(actor, row);
    return row;
  }

  async get(actor: Actor, id: string): Promise<Partner> {
    const row = await repo.getPartnerDecorated(this.k.db, this.k.engine, actor, id);
    if (!row || row.deleted_at) throw notFound('That partner');
    return this.present(row);
  }

  private async checkRefs(m: MutationScope, input: Partial<PartnerCreate>): Promise<void> {
    const fields: Record<string, string> = {};
    if (
      input.levelId &&
      !(await m.tx
        .selectFrom('partner_levels')
        .select('id')
        .where('id', '=', input.levelId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst())
    ) {
      fields.levelId = 'is not an existing partner level';
    }
    if (
      input.ownerId &&
      !(await m.tx
        .selectFrom('users')
        .select('id')
        .where('id', '=', input.ownerId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst())
    ) {
      fields.ownerId = 'is not an existing user';
    }
    if (Object.keys(fields).length) throw validationError(fields);
  }

  private async assertUniqueName(m: MutationScope, name: string, exceptId?: string): Promise<void> {
    const existing = await repo.findByNameKey(m.tx, nameKey(name), exceptId);
    if (existing)
      throw duplicate(
        `A partner named "${existing.name}" already exists (id ${existing.id}).`,
        'duplicate_partner',
        existing.id,
      );
  }

  /**
   * Creates an organisation inside a running change: a partner, or (`entity` "account") a customer that a
   * partner may manage. Names are unique across all organisations.
   */
  async createIn(
    m: MutationScope,
    input: PartnerCreate,
    entity: 'partner' | 'account' = 'partner',
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    if (!nameKey(input.name)) throw validationError({ name: 'must contain at least one letter or digit' });
    await this.checkRefs(m, input);
    await this.assertUniqueName(m, input.name);
    const id = newId();
    const cols = toColumns({
      ...input,
      ownerId: input.ownerId === undefined ? m.actor.userId : input.ownerId,
    });
    await m.tx
      .insertInto('organizations')
      .values({
        ...(cols as object),
        ...extra,
        id,
        is_partner: entity === 'partner' ? 1 : 0,
        ...(entity === 'account' ? { is_customer: 1 } : {}),
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        archived_at: null,
        updated_by: m.actor.userId,
      } as never)
      .execute();
    await repo.replaceTags(m.tx, id, input.tags);
    m.audit({ entity, entityId: id, action: 'create', after: await snapshot(m.tx, id) });
    m.emit({ type: `${entity}.created`, entity, entityId: id, payload: { name: input.name } });
    return id;
  }

  async create(actor: Actor, input: PartnerCreate): Promise<Partner> {
    const id = await mutate(this.k, actor, (m) => this.createIn(m, input));
    return this.get(actor, id);
  }

  /** Loads a partner the actor may see, for a change; 404 when hidden or missing, 409 when stale. */
  private async loadForChange(m: MutationScope, actor: Actor, id: string, version?: number) {
    const row = await repo.getPartner(m.tx, actor, id);
    if (!row || row.deleted_at) throw notFound('That partner');
    assertChangeable(actor, row);
    if (version !== undefined && row.version !== version) {
      const by = row.updated_by
        ? (await m.tx.selectFrom('users').select('name').where('id', '=', row.updated_by).executeTakeFirst())
            ?.name
        : null;
      throw versionConflict('partner', by ?? null, row.updated_at);
    }
    return row;
  }

  /**
   * Applies a change inside a running change (imports use this too) to a partner the caller already
   * checked; returns false when it changed nothing.
   */
  async updateIn(
    m: MutationScope,
    id: string,
    version: number,
    input: Partial<PartnerCreate>,
  ): Promise<boolean> {
    const { tags, ...rest } = input;
    if (rest.name !== undefined && !nameKey(rest.name))
      throw validationError({ name: 'must contain at least one letter or digit' });
    await this.checkRefs(m, rest);
    if (rest.name !== undefined) await this.assertUniqueName(m, rest.name, id);
    const before = await snapshot(m.tx, id);
    const cols = toColumns(rest);
    const after = { ...before, ...cols, tags: tags ?? before.tags };
    delete (after as Record<string, unknown>).name_key;
    delete (after as Record<string, unknown>).website_domain;
    delete (after as Record<string, unknown>).email_domain;
    if (JSON.stringify(after) === JSON.stringify(before)) return false;
    await m.tx
      .updateTable('organizations')
      .set({
        ...(cols as object),
        updated_at: m.at,
        version: version + 1,
        updated_by: m.actor.userId,
      } as never)
      .where('id', '=', id)
      .execute();
    if (tags) await repo.replaceTags(m.tx, id, tags);
    m.audit({ entity: 'partner', entityId: id, action: 'update', before, after: await snapshot(m.tx, id) });
    m.emit({ type: 'partner.updated', entity: 'partner', entityId: id });
    return true;
  }

  async update(
    actor: Actor,
    id: string,
    input: { version: number } & Partial<PartnerCreate>,
  ): Promise<Partner> {
    const { version, ...rest } = input;
    await mutate(this.k, actor, async (m) => {
      await this.loadForChange(m, actor, id, version);
      await this.updateIn(m, id, version, rest);
    });
    return this.get(actor, id);
  }

  async setArchived(actor: Actor, id: string, archived: boolean): Promise<Partner> {
    await mutate(this.k, actor, async (m) => {
      const row = await this.loadForChange(m, actor, id);
      if (!!row.archived_at === archived) return;
      const before = await snapshot(m.tx, id);
      await m.tx
        .updateTable('organizations')
        .set({
          archived_at: archived ? m.at : null,
          updated_at: m.at,
          version: row.version + 1,
          updated_by: actor.userId,
        })
        .where('id', '=', id)
        .execute();
      m.audit({ entity: 'partner', entityId: id, action: 'update', before, after: await snapshot(m.tx, id) });
      m.emit({ type: archived ? 'partner.archived' : 'partner.restored', entity: 'partner', entityId: id });
    });
    return this.get(actor, id);
  }

  async filterOptions() {
    const [statuses, linkTiers, presetTiers, levels, tags] = await Promise.all([
      // What the live links use (soft-deleted ones count nowhere, as in the list's link filters).
      this.k.db.selectFrom('links').select('status').distinct().where('deleted_at', 'is', null).execute(),
      this.k.db
        .selectFrom('links')
        .select('package_tier')
        .distinct()
        .where('package_tier', '!=', '')
        .where('deleted_at', 'is', null)
        .execute(),
      this.k.db.selectFrom('event_tiers').select(['key', 'label']).execute(),
      repo.listLevels(this.k.db),
      this.k.db.selectFrom('organization_tags').select('tag').distinct().orderBy('tag').execute(),
    ]);
    const tierLabels = new Map<string, string>();
    for (const t of presetTiers) tierLabels.set(t.key, t.label);
    for (const t of linkTiers)
      if (!tierLabels.has(t.package_tier)) tierLabels.set(t.package_tier, labelFromSlug(t.package_tier));
    return {
      statuses: statusOptions(statuses.map((s) => s.status)),
      packageTiers: [...tierLabels]
        .map(([key, label]) => ({ key, label }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      levels,
      tags: [...new Set(tags.map((t) => t.tag))],
    };
  }

  // Partner levels (the configurable, ordered list).

  levels() {
    return repo.listLevels(this.k.db);
  }

  async createLevel(actor: Actor, name: string, rank?: number) {
    const key = slugify(name, 50);
    if (!key) throw validationError({ name: 'must contain at least one letter or digit' });
    return mutate(this.k, actor, async (m) => {
      if (await m.tx.selectFrom('partner_levels').select('id').where('key', '=', key).executeTakeFirst())
        throw conflict(`A partner level named "${name}" already exists.`, 'duplicate_level');
      const max = await m.tx
        .selectFrom('partner_levels')
        .select((eb) => eb.fn.max('rank').as('r'))
        .executeTakeFirst();
      const row = {
        id: newId(),
        key,
        name,
        rank: rank ?? Number(max?.r ?? 0) + 10,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('partner_levels').values(row).execute();
      m.audit({
        entity: 'partner_level',
        entityId: row.id,
        action: 'create',
        after: { key, name, rank: row.rank },
      });
      return { id: row.id, key, name, rank: row.rank };
    });
  }
}
