import type { User } from '../../../shared/users.schema';
import type { UserListRow } from './repo';

export function presentUser(r: UserListRow): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    departmentId: r.department_id,
    departmentName: r.department_name ?? null,
    roleId: r.role_id,
    roleName: r.role_name,
    active: r.active === 1,
    twoFactorEnabled: r.totp_enabled === 1,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    version: r.version,
  };
}
