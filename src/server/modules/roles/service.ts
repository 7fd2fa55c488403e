/** Roles: the permission matrix editor's rules. */
import type { z } from 'zod';
import type { Role, roleCreateSchema, roleUpdateSchema } from '../../../shared/roles.schema';
import { can, grantsBeyond, type PermissionMatrix } from '../../../shared/permissions';
import type { Executor } from '../../db/connection';
import type { RoleRow } from '../../db/types';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, conflict, forbidden, notFound, versionConflict } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';

function present(r: RoleRow, userCount: number): Role {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    permissions: JSON.parse(r.permissions) as PermissionMatrix,
    system: r.system === 1,
    userCount,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

/** Drops modules with no actions so the stored matrix stays minimal. */
function normalise(matrix: PermissionMatrix): PermissionMatrix {
  return Object.fromEntries(
    Object.entries(matrix)
      .filter(([, g]) => g.actions.length > 0)
      .map(([m, g]) => [m, { actions: [...new Set(g.actions)], scope: g.scope }]),
  );
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 40) || 'role'
  );
}

async function userCounts(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('users')
    .select(['role_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy('role_id')
    .execute();
  return new Map(rows.map((r) => [r.role_id, Number(r.n)]));
}

/** A role editor cannot put into a role what their own role does not grant. */
function assertGrantable(actor: Actor, matrix: PermissionMatrix): void {
  if (actor.via === 'system') return;
  const extra = grantsBeyond(matrix, actor.permissions);
  if (extra.length) {
    throw forbidden(
      `You cannot grant what your own role does not have: ${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', …' : ''}.`,
    );
  }
}

export class RolesService {
  constructor(private readonly k: Kernel) {}

  async list(): Promise<Role[]> {
    const [rows, counts] = await Promise.all([
      this.k.db
        .selectFrom('roles')
        .selectAll()
        .where('deleted_at', 'is', null)
        .orderBy('system', 'desc')
        .orderBy('name')
        .execute(),
      userCounts(this.k.db),
    ]);
    return rows.map((r) => present(r, counts.get(r.id) ?? 0));
  }

  async get(id: string): Promise<Role> {
    const row = await this.k.db
      .selectFrom('roles')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound('That role');
    return present(row, (await userCounts(this.k.db)).get(id) ?? 0);
  }

  async create(actor: Actor, input: z.infer<typeof roleCreateSchema>): Promise<Role> {
    const id = await mutate(this.k, actor, async (m) => {
      if (
        await m.tx
          .selectFrom('roles')
          .select('id')
          .where('name', '=', input.name)
          .where('deleted_at', 'is', null)
          .executeTakeFirst()
      ) {
        throw conflict(`A role named "${input.name}" already exists.`, 'duplicate_name');
      }
      let key = slug(input.name);
      if (await m.tx.selectFrom('roles').select('id').where('key', '=', key).executeTakeFirst())
        key = `${key}_${newId().slice(-6)}`;
      const id = newId();
      assertGrantable(actor, normalise(input.permissions));
      const permissions = JSON.stringify(normalise(input.permissions));
      await m.tx
        .insertInto('roles')
        .values({
          id,
          key,
          name: input.name,
          description: input.description,
          permissions,
          system: 0,
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
        })
        .execute();
      m.audit({
        entity: 'role',
        entityId: id,
        action: 'create',
        after: {
          name: input.name,
          description: input.description,
          permissions: normalise(input.permissions),
        },
      });
      return id;
    });
    return this.get(id);
  }

  async update(actor: Actor, id: string, input: z.infer<typeof roleUpdateSchema>): Promise<Role> {
    await mutate(this.k, actor, async (m) => {
      const before = await m.tx
        .selectFrom('roles')
        .selectAll()
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!before) throw notFound('That role');
      if (before.version !== input.version) throw versionConflict('role', null, before.updated_at);
      const permissions = input.permissions
        ? normalise(input.permissions)
        : (JSON.parse(before.permissions) as PermissionMatrix);
      if (input.permissions) assertGrantable(actor, permissions);
      // An admin must not lock everyone out of the role editor by accident.
      if (before.key === 'admin' && (!can(permissions, 'roles.edit') || !can(permissions, 'users.edit'))) {
        throw new AppError(
          409,
          'admin_lockout',
          'The Admin role must keep "edit roles" and "edit users"; otherwise nobody could undo the change.',
        );
      }
      if (
        input.name &&
        input.name !== before.name &&
        (await m.tx
          .selectFrom('roles')
          .select('id')
          .where('name', '=', input.name)
          .where('deleted_at', 'is', null)
          .executeTakeFirst())
      ) {
        throw conflict(`A role named "${input.name}" already exists.`, 'duplicate_name');
      }
      const after = {
        name: input.name ?? before.name,
        description: input.description ?? before.description,
        permissions: JSON.stringify(permissions),
      };
      await m.tx
        .updateTable('roles')
        .set({ ...after, updated_at: m.at, version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'role',
        entityId: id,
        action: 'update',
        before: {
          name: before.name,
          description: before.description,
          permissions: JSON.parse(before.permissions) as unknown,
        },
        after: { ...after, permissions },
      });
      m.emit({ type: 'role.updated', entity: 'role', entityId: id });
    });
    return this.get(id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await m.tx
        .selectFrom('roles')
        .selectAll()
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!before) throw notFound('That role');
      if (before.system === 1)
        throw new AppError(
          409,
          'system_role',
          `${before.name} is one of Accord's built-in roles; edit it instead of deleting it.`,
        );
      const n = (await userCounts(m.tx)).get(id) ?? 0;
      if (n > 0)
        throw new AppError(
          409,
          'role_in_use',
          `${n} user${n === 1 ? ' has' : 's have'} the role ${before.name}; give them another role first.`,
        );
      await m.tx
        .updateTable('roles')
        .set({ deleted_at: m.at, updated_at: m.at, version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'role',
        entityId: id,
        action: 'delete',
        before: { deleted_at: null },
        after: { deleted_at: m.at },
      });
    });
  }
}
