/** The demo sign-ins created on first start in demo mode and listed on the login page. */
import type { Executor } from '../connection';

export const DEMO_PASSWORD = 'accord-demo-2026';

export const DEMO_ACCOUNTS = [
  { roleKey: 'admin', email: 'admin@demo.accord.test', name: 'Alex Admin', department: 'Operations' },
  { roleKey: 'management', email: 'ceo@demo.accord.test', name: 'Morgan Chen', department: 'Executive' },
  { roleKey: 'sales_agent', email: 'sales@demo.accord.test', name: 'Sam Okafor', department: 'Sales' },
  { roleKey: 'finance', email: 'finance@demo.accord.test', name: 'Fiona Tremblay', department: 'Finance' },
  { roleKey: 'project_manager', email: 'pm@demo.accord.test', name: 'Priya Patel', department: 'Operations' },
  { roleKey: 'read_only', email: 'viewer@demo.accord.test', name: 'Riley Novak', department: 'Partnerships' },
] as const;

export async function listDemoAccounts(
  db: Executor,
): Promise<{ role: string; email: string; password: string }[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['users.email', 'roles.name as role'])
    .where(
      'users.email',
      'in',
      DEMO_ACCOUNTS.map((a) => a.email),
    )
    .where('users.active', '=', 1)
    .where('users.deleted_at', 'is', null)
    .execute();
  const byEmail = new Map(rows.map((r) => [r.email, r.role]));
  return DEMO_ACCOUNTS.filter((a) => byEmail.has(a.email)).map((a) => ({
    role: byEmail.get(a.email)!,
    email: a.email,
    password: DEMO_PASSWORD,
  }));
}
