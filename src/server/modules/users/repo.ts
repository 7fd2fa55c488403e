/** All SQL of users and departments. */
import type { Engine, Executor } from '../../db/connection';
import { ilike } from '../../db/dialect';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope } from '../../kernel/scope';

export interface UserFilter {
  q?: string;
  roleId?: string;
  departmentId?: string;
  active?: boolean;
  deleted: boolean;
}

/** One private base query: users with their role and department names. */
function base(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.department_id',
      'departments.name as department_name',
      'users.role_id',
      'roles.name as role_name',
      'users.active',
      'users.totp_enabled',
      'users.last_login_at',
      'users.created_at',
      'users.updated_at',
      'users.deleted_at',
      'users.version',
      'users.updated_by',
    ]);
}
export type UserListRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

export async function listUsers(
  db: Executor,
  engine: Engine,
  actor: Actor,
  f: UserFilter,
  sort: SortChoice,
  cursor: string | undefined,
  limit: number,
) {
  let q = applyScope(base(db), actor, 'users', { owner: 'users.id', department: 'users.department_id' });
  q = f.deleted ? q.where('users.deleted_at', 'is not', null) : q.where('users.deleted_at', 'is', null);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) => eb.or([ilike(engine, 'users.name', needle), ilike(engine, 'users.email', needle)]));
  }
  if (f.roleId) q = q.where('users.role_id', '=', f.roleId);
  if (f.departmentId) q = q.where('users.department_id', '=', f.departmentId);
  if (f.active !== undefined) q = q.where('users.active', '=', f.active ? 1 : 0);
  return keyset(q, sort, 'users.id', cursor, limit).execute();
}

export async function getUser(db: Executor, id: string) {
  return base(db).where('users.id', '=', id).executeTakeFirst();
}

/** The stored columns of one user, as the audit log compares them. */
export async function getUserRecord(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'name',
      'department_id',
      'role_id',
      'active',
      'password_hash',
      'version',
      'deleted_at',
      'updated_at',
      'updated_by',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function emailTaken(db: Executor, email: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('users').select('id').where('email', '=', email);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function listDepartments(db: Executor) {
  return db
    .selectFrom('departments')
    .leftJoin('users', (j) =>
      j.onRef('users.department_id', '=', 'departments.id').on('users.deleted_at', 'is', null),
    )
    .select(['departments.id', 'departments.name', (eb) => eb.fn.count<number>('users.id').as('user_count')])
    .where('departments.deleted_at', 'is', null)
    .groupBy(['departments.id', 'departments.name'])
    .orderBy('departments.name')
    .execute();
}
