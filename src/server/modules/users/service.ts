/** Users and departments: the rules. */
import type { z } from 'zod';
import type { Page } from '../../../shared/common.schema';
import type {
  User,
  userCreateSchema,
  userListQuerySchema,
  userUpdateSchema,
} from '../../../shared/users.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { hashPassword } from '../../kernel/crypto';
import {
  AppError,
  conflict,
  forbidden,
  notFound,
  validationError,
  versionConflict,
} from '../../kernel/errors';
import { grantsBeyond, type PermissionMatrix } from '../../../shared/permissions';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { inScope } from '../../kernel/scope';
import { presentUser } from './present';
import { emailTaken, getUser, getUserRecord, listDepartments, listUsers } from './repo';

const SORTS = { name: 'users.name', email: 'users.email', createdAt: 'users.created_at' };

/** What the audit log shows of a user (the password hash appears only as "(changed)"). */
function auditable(r: NonNullable<Awaited<ReturnType<typeof getUserRecord>>>) {
  const { id: _id, version: _v, updated_at: _u, updated_by: _b, ...rest } = r;
  return { ...rest, active: r.active === 1 };
}

export class UsersService {
  constructor(private readonly k: Kernel) {}

  async list(actor: Actor, query: z.infer<typeof userListQuerySchema>): Promise<Page<User>> {
    const sort = parseSort(query.sort, SORTS, 'name');
    const rows = await listUsers(
      this.k.db,
      this.k.engine,
      actor,
      {
        q: query.q || undefined,
        roleId: query.roleId,
        departmentId: query.departmentId,
        active: query.active === undefined ? undefined : query.active === 'true',
        deleted: query.deleted === 'true',
      },
      sort,
      query.cursor,
      query.limit,
    );
    const valueOf = (r: (typeof rows)[number]) =>
      sort.key === 'name' ? r.name : sort.key === 'email' ? r.email : r.created_at;
    return toPage(rows, query.limit, sort, valueOf, (r) => r.id, presentUser);
  }

  async get(actor: Actor, id: string): Promise<User> {
    const row = await getUser(this.k.db, id);
    if (!row || !inScope(actor, 'users', row.id, row.department_id)) throw notFound('That user');
    return presentUser(row);
  }

  private async checkRefs(m: MutationScope, roleId?: string, departmentId?: string | null): Promise<void> {
    const fields: Record<string, string> = {};
    if (roleId) {
      const role = await m.tx
        .selectFrom('roles')
        .select(['name', 'permissions'])
        .where('id', '=', roleId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!role) fields.roleId = 'is not an existing role';
      else if (m.actor.via !== 'system') {
        // Nobody hands out more than they hold: assigning a role needs every permission it grants.
        const extra = grantsBeyond(JSON.parse(role.permissions) as PermissionMatrix, m.actor.permissions);
        if (extra.length) {
          throw forbidden(
            `You cannot give the role ${role.name}: it grants what your own role does not (${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', …' : ''}).`,
          );
        }
      }
    }
    if (
      departmentId &&
      !(await m.tx
        .selectFrom('departments')
        .select('id')
        .where('id', '=', departmentId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst())
    ) {
      fields.departmentId = 'is not an existing department';
    }
    if (Object.keys(fields).length) throw validationError(fields);
  }

  async create(actor: Actor, input: z.infer<typeof userCreateSchema>): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    const id = await mutate(this.k, actor, async (m) => {
      await this.checkRefs(m, input.roleId, input.departmentId);
      if (await emailTaken(m.tx, input.email))
        throw conflict(`A user with the email ${input.email} already exists.`, 'duplicate_email');
      const id = newId();
      await m.tx
        .insertInto('users')
        .values({
          id,
          email: input.email,
          name: input.name,
          role_id: input.roleId,
          department_id: input.departmentId,
          active: input.active ? 1 : 0,
          password_hash: passwordHash,
          totp_secret: null,
          totp_enabled: 0,
          theme: 'auto',
          last_login_at: null,
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
          updated_by: actor.userId,
        })
        .execute();
      const after = (await getUserRecord(m.tx, id))!;
      m.audit({ entity: 'user', entityId: id, action: 'create', after: auditable(after) });
      m.emit({
        type: 'user.created',
        entity: 'user',
        entityId: id,
        payload: { email: input.email, name: input.name },
      });
      return id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: z.infer<typeof userUpdateSchema>): Promise<User> {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    await mutate(this.k, actor, async (m) => {
      const before = await getUserRecord(m.tx, id);
      if (!before || before.deleted_at || !inScope(actor, 'users', before.id, before.department_id))
        throw notFound('That user');
      if (before.version !== input.version) {
        const by = before.updated_by
          ? (
              await m.tx
                .selectFrom('users')
                .select('name')
                .where('id', '=', before.updated_by)
                .executeTakeFirst()
            )?.name
          : null;
        throw versionConflict('user', by ?? null, before.updated_at);
      }
      await this.checkRefs(m, input.roleId, input.departmentId);
      if (input.email && (await emailTaken(m.tx, input.email, id)))
        throw conflict(`A user with the email ${input.email} already exists.`, 'duplicate_email');
      if (
        id === actor.userId &&
        (input.active === false || (input.roleId && input.roleId !== before.role_id))
      ) {
        throw new AppError(
          409,
          'self_lockout',
          'You cannot deactivate yourself or change your own role; ask another admin.',
        );
      }
      const set = {
        ...(input.email !== undefined && { email: input.email }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.roleId !== undefined && { role_id: input.roleId }),
        ...(input.departmentId !== undefined && { department_id: input.departmentId }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        ...(passwordHash && { password_hash: passwordHash }),
      };
      await m.tx
        .updateTable('users')
        .set({ ...set, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      if (input.active === false || passwordHash)
        await m.tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      const after = (await getUserRecord(m.tx, id))!;
      m.audit({
        entity: 'user',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: auditable(after),
      });
      if (input.roleId && input.roleId !== before.role_id) {
        const role = await m.tx
          .selectFrom('roles')
          .select('name')
          .where('id', '=', input.roleId)
          .executeTakeFirstOrThrow();
        m.emit({
          type: 'user.role_changed',
          entity: 'user',
          entityId: id,
          payload: { roleId: input.roleId, roleName: role.name },
        });
      }
      m.emit({ type: 'user.updated', entity: 'user', entityId: id });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await getUserRecord(m.tx, id);
      if (!before || before.deleted_at || !inScope(actor, 'users', before.id, before.department_id))
        throw notFound('That user');
      if (id === actor.userId) throw new AppError(409, 'self_lockout', 'You cannot delete your own account.');
      await m.tx
        .updateTable('users')
        .set({ deleted_at: m.at, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      await m.tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      m.audit({
        entity: 'user',
        entityId: id,
        action: 'delete',
        before: { deleted_at: null },
        after: { deleted_at: m.at },
      });
      m.emit({ type: 'user.deleted', entity: 'user', entityId: id });
    });
  }

  async restore(actor: Actor, id: string): Promise<User> {
    await mutate(this.k, actor, async (m) => {
      const before = await getUserRecord(m.tx, id);
      if (!before || !before.deleted_at || !inScope(actor, 'users', before.id, before.department_id))
        throw notFound('That deleted user');
      if (await emailTaken(m.tx, before.email, id))
        throw conflict(
          `Another user now has the email ${before.email}; change it before restoring.`,
          'duplicate_email',
        );
      await m.tx
        .updateTable('users')
        .set({ deleted_at: null, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'user',
        entityId: id,
        action: 'restore',
        before: { deleted_at: before.deleted_at },
        after: { deleted_at: null },
      });
      m.emit({ type: 'user.restored', entity: 'user', entityId: id });
    });
    return this.get(actor, id);
  }

  async departments() {
    return (await listDepartments(this.k.db)).map((d) => ({
      id: d.id,
      name: d.name,
      userCount: Number(d.user_count),
    }));
  }

  async createDepartment(actor: Actor, name: string) {
    return mutate(this.k, actor, async (m) => {
      const existing = await m.tx
        .selectFrom('departments')
        .select('id')
        .where('name', '=', name)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (existing) throw conflict(`A department named "${name}" already exists.`, 'duplicate_name');
      const id = newId();
      await m.tx
        .insertInto('departments')
        .values({ id, name, created_at: m.at, updated_at: m.at, version: 1, deleted_at: null })
        .execute();
      m.audit({ entity: 'department', entityId: id, action: 'create', after: { name } });
      return { id, name, userCount: 0 };
    });
  }
}
