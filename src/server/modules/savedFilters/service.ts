/**
 * Saved filters: a user's named filter sets of a list, private or shared with everyone who may view that
 * list; each user may mark one of their own per list as the default. Only the owner renames, changes or
 * deletes a filter: a colleague's shared filter is 403, their private one 404.
 */
import type { z } from 'zod';
import type {
  SavedFilter,
  savedFilterCreateSchema,
  SavedFilterModule,
  savedFilterUpdateSchema,
} from '../../../shared/savedFilters.schema';
import { can, MODULES, type Permission } from '../../../shared/permissions';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { conflict, forbidden, notFound } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { assertVersion } from '../../kernel/versions';

function base(db: Executor) {
  return db
    .selectFrom('saved_filters')
    .leftJoin('users as owner', 'owner.id', 'saved_filters.owner_id')
    .selectAll('saved_filters')
    .select('owner.name as owner_name')
    .where('saved_filters.deleted_at', 'is', null);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

const nameKey = (name: string) => name.trim().toLowerCase();

function present(r: Row, actor: Actor): SavedFilter {
  return {
    id: r.id,
    module: r.module as SavedFilterModule,
    name: r.name,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    mine: r.owner_id === actor.userId,
    shared: r.shared === 1,
    isDefault: r.is_default === 1,
    filter: JSON.parse(r.filter) as Record<string, unknown>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const auditable = (r: Pick<Row, 'module' | 'name' | 'shared' | 'is_default' | 'filter'>) => ({
  module: r.module,
  name: r.name,
  shared: r.shared,
  is_default: r.is_default,
  filter: JSON.parse(r.filter) as unknown,
});

export class SavedFiltersService {
  constructor(private readonly k: Kernel) {}

  private assertModule(actor: Actor, module: SavedFilterModule): void {
    if (!can(actor.permissions, `${module}.view` as Permission))
      throw forbidden(`Your role does not allow you to view ${MODULES[module].label.toLowerCase()}.`);
  }

  /** Your filters of the list and those colleagues shared; your default first, then by name. */
  async list(actor: Actor, module: SavedFilterModule): Promise<SavedFilter[]> {
    this.assertModule(actor, module);
    const rows = await base(this.k.db)
      .where('saved_filters.module', '=', module)
      .where((eb) =>
        eb.or([eb('saved_filters.owner_id', '=', actor.userId!), eb('saved_filters.shared', '=', 1)]),
      )
      .execute();
    return rows
      .map((r) => present(r, actor))
      .sort(
        (a, b) =>
          Number(b.mine && b.isDefault) - Number(a.mine && a.isDefault) ||
          Number(b.mine) - Number(a.mine) ||
          a.name.localeCompare(b.name),
      );
  }

  private async assertFreeName(m: MutationScope, module: string, name: string, exceptId?: string) {
    let q = m.tx
      .selectFrom('saved_filters')
      .select('id')
      .where('module', '=', module)
      .where('owner_id', '=', m.actor.userId!)
      .where('name_key', '=', nameKey(name))
      .where('deleted_at', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst())
      throw conflict(`You already have a filter named "${name}" for this list.`, 'duplicate_filter');
  }

  /** One default per user and list: marking one clears the others. */
  private async clearDefault(m: MutationScope, module: string): Promise<void> {
    await m.tx
      .updateTable('saved_filters')
      .set({ is_default: 0 })
      .where('module', '=', module)
      .where('owner_id', '=', m.actor.userId!)
      .where('is_default', '=', 1)
      .execute();
  }

  async create(actor: Actor, input: z.infer<typeof savedFilterCreateSchema>): Promise<SavedFilter> {
    this.assertModule(actor, input.module);
    const id = await mutate(this.k, actor, async (m) => {
      await this.assertFreeName(m, input.module, input.name);
      if (input.isDefault) await this.clearDefault(m, input.module);
      const row = {
        id: newId(),
        module: input.module,
        name: input.name,
        name_key: nameKey(input.name),
        owner_id: actor.userId!,
        shared: input.shared ? 1 : 0,
        is_default: input.isDefault ? 1 : 0,
        filter: JSON.stringify(input.filter),
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('saved_filters').values(row).execute();
      m.audit({ entity: 'saved_filter', entityId: row.id, action: 'create', after: auditable(row) });
      return row.id;
    });
    return this.get(actor, id);
  }

  private async get(actor: Actor, id: string): Promise<SavedFilter> {
    return present((await base(this.k.db).where('saved_filters.id', '=', id).executeTakeFirst())!, actor);
  }

  /** The actor's own filter: 404 when it is someone else's private one (or gone), 403 when shared by someone else. */
  private async own(m: MutationScope, id: string): Promise<Row> {
    const row = await base(m.tx).where('saved_filters.id', '=', id).executeTakeFirst();
    const mine = row?.owner_id === m.actor.userId;
    if (!row || (!mine && row.shared !== 1)) throw notFound('That saved filter');
    this.assertModule(m.actor, row.module as SavedFilterModule);
    if (!mine)
      throw forbidden(`Only ${row.owner_name ?? 'its owner'} can change the shared filter "${row.name}".`);
    return row;
  }

  async update(
    actor: Actor,
    id: string,
    input: z.infer<typeof savedFilterUpdateSchema>,
  ): Promise<SavedFilter> {
    await mutate(this.k, actor, async (m) => {
      const before = await this.own(m, id);
      await assertVersion(m.tx, 'saved filter', before, input.version);
      if (input.name !== undefined) await this.assertFreeName(m, before.module, input.name, id);
      if (input.isDefault) await this.clearDefault(m, before.module);
      const after = {
        module: before.module,
        name: input.name ?? before.name,
        shared: input.shared === undefined ? before.shared : input.shared ? 1 : 0,
        is_default: input.isDefault === undefined ? before.is_default : input.isDefault ? 1 : 0,
        filter: input.filter === undefined ? before.filter : JSON.stringify(input.filter),
      };
      await m.tx
        .updateTable('saved_filters')
        .set({
          name: after.name,
          name_key: nameKey(after.name),
          shared: after.shared,
          is_default: after.is_default,
          filter: after.filter,
          updated_at: m.at,
          version: before.version + 1,
          updated_by: actor.userId,
        })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'saved_filter',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: auditable(after),
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await this.own(m, id);
      await m.tx
        .updateTable('saved_filters')
        .set({ deleted_at: m.at, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'saved_filter',
        entityId: id,
        action: 'delete',
        before: auditable(before),
        after: null,
      });
    });
  }
}
