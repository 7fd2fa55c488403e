/** Fresh accounts made through the API and a bare sign-in call, for the account and security tests. */
import { expect } from 'vitest';
import { TEST_PASSWORD, type Response, type TestApp } from './harness';

export interface TestAccount {
  id: string;
  email: string;
  name: string;
}

export function accounts(t: TestApp) {
  let count = 0;
  return {
    /** A new user made by the admin, so each scenario starts from a clean account. */
    async newUser(role = 'sales_agent', extra: Record<string, unknown> = {}): Promise<TestAccount> {
      const admin = await t.as('admin');
      const roleRow = await t.accord.kernel.db
        .selectFrom('roles')
        .select('id')
        .where('key', '=', role)
        .executeTakeFirstOrThrow();
      const n = ++count;
      const account = { email: `person${n}@example.test`, name: `Person ${n}` };
      const res = await admin.post('/api/v1/users', {
        ...account,
        roleId: roleRow.id,
        password: TEST_PASSWORD,
        ...extra,
      });
      expect(res.status, res.text).toBe(201);
      return { id: res.body.id as string, ...account };
    },
    /** One sign-in request from a new anonymous client; the answer is returned as it is. */
    login(email: string, password = TEST_PASSWORD): Promise<Response> {
      return t.anonymous().post('/api/v1/auth/login', { email, password });
    },
  };
}
