/** Partner management fixtures: more signed-in colleagues, partners and records made through the API. */
import { expect } from 'vitest';
import type { Client, TestApp } from './harness';
import { accounts } from './accounts';

const makers = new WeakMap<TestApp, ReturnType<typeof accounts>>();

/**
 * A colleague with the given role and a client signed in as them: in the test users' department unless
 * `otherDepartment` (a fresh one) is asked for.
 */
export async function colleague(
  t: TestApp,
  role = 'sales_agent',
  opts: { otherDepartment?: boolean } = {},
): Promise<{ id: string; name: string; client: Client }> {
  const admin = await t.as('admin');
  let departmentId = (
    await t.accord.kernel.db
      .selectFrom('users')
      .select('department_id')
      .where('id', '=', t.users.admin!.id)
      .executeTakeFirstOrThrow()
  ).department_id;
  if (opts.otherDepartment) {
    const dept = await admin.post('/api/v1/departments', {
      name: `Dept ${Math.random().toString(36).slice(2, 8)}`,
    });
    expect(dept.status, dept.text).toBe(201);
    departmentId = dept.body.id;
  }
  if (!makers.has(t)) makers.set(t, accounts(t));
  const user = await makers.get(t)!.newUser(role, { departmentId });
  return { id: user.id, name: user.name, client: await t.login(user.email) };
}

/** Makes a record through the API, checking the 201, and returns its body. */
export async function made(client: Client, url: string, body: Record<string, unknown>): Promise<any> {
  const res = await client.post(url, body);
  expect(res.status, `${url}: ${res.text}`).toBe(201);
  return res.body;
}

/** Row counts of every table a refused request must leave alone. */
export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = [
    'organizations',
    'contacts',
    'cases',
    'leads',
    'opportunities',
    'sales_activities',
    'comments',
    'saved_filters',
    'audit_log',
    'outbox',
  ] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const r = await t.accord.kernel.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}
