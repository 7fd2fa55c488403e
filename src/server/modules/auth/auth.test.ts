import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { accounts } from '../../test/accounts';
import { Client, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness';

let t: TestApp;
let newUser: ReturnType<typeof accounts>['newUser'];
let login: ReturnType<typeof accounts>['login'];
beforeAll(async () => {
  t = await startTestApp();
  ({ newUser, login } = accounts(t));
});
afterAll(async () => {
  await t?.close();
});

const MINUTE = 60_000;

/** A client holding only a session cookie, as a browser tab whose page lost its CSRF token. */
const cookieOnly = (c: Client) => new Client(t.accord, c.cookie);

describe('sign-in and sessions', () => {
  it('signs in with the right password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const c = t.anonymous();
    const res = await c.post('/api/v1/auth/login', {
      email: '  Sales_Agent@Test.ACCORD ',
      password: TEST_PASSWORD,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.session.user.email).toBe('sales_agent@test.accord');
    expect(res.body.session.user.roleKey).toBe('sales_agent');
    expect(res.body.session.csrfToken.length).toBeGreaterThanOrEqual(24);
    const cookie = [res.headers['set-cookie']].flat().find((h) => String(h).startsWith('accord_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; Max-Age=1209600/);

    const session = await c.get('/api/v1/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(res.body.session.csrfToken);
    expect(session.body.user.id).toBe(t.users.sales_agent!.id);
    const me = await (await t.as('admin')).get(`/api/v1/users/${t.users.sales_agent!.id}`);
    expect(me.body.lastLoginAt).toBe(t.clock.now().toISOString());
  });

  it('marks the cookie Secure when Accord is served over https', async () => {
    const secure = await startTestApp({ env: { ACCORD_PUBLIC_URL: 'https://crm.example.com' } });
    try {
      const res = await secure.anonymous().post('/api/v1/auth/login', {
        email: 'admin@test.accord',
        password: TEST_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
    const plain = await login('admin@test.accord');
    expect(String(plain.headers['set-cookie'])).not.toMatch(/; Secure/);
  });

  it('answers a wrong password and an unknown email the same way (401), setting no cookie', async () => {
    const wrong = await login('finance@test.accord', 'not-the-password');
    const unknown = await login('nobody@test.accord', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({
      error: { code: 'invalid_credentials', message: 'The email or password is not right.' },
    });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();

    // A deleted account answers like an unknown one.
    const deleted = await newUser();
    expect((await (await t.as('admin')).delete(`/api/v1/users/${deleted.id}`)).status).toBe(200);
    expect((await login(deleted.email)).body).toEqual(wrong.body);

    const bad = await t.anonymous().post('/api/v1/auth/login', { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['email', 'password']);
  });

  it('refuses a deactivated account with 403, but only once the password is right', async () => {
    const inactive = await newUser('sales_agent', { active: false });
    const right = await login(inactive.email);
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('account_inactive');
    expect(right.body.error.message).toMatch(/deactivated/);
    const wrong = await login(inactive.email, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');

    // Deactivating someone ends the sessions they already have.
    const user = await newUser();
    const c = await t.login(user.email);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    const admin = await t.as('admin');
    expect((await admin.patch(`/api/v1/users/${user.id}`, { version: 1, active: false })).status).toBe(200);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('ends the session on logout: the same cookie is refused afterwards', async () => {
    const c = await t.as('finance');
    const cookie = c.cookie;
    expect((await c.get('/api/v1/me')).status).toBe(200);
    const out = await c.post('/api/v1/auth/logout');
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^accord_session=;/);
    const replay = new Client(t.accord, cookie);
    const res = await replay.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect((await replay.get('/api/v1/auth/session')).status).toBe(401);
  });

  it('keeps a session alive while it is used and ends it after 14 idle days', async () => {
    const c = await t.as('project_manager');
    t.clock.advance(13 * 24 * 60 * MINUTE);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    t.clock.advance(13 * 24 * 60 * MINUTE);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    t.clock.advance(14 * 24 * 60 * MINUTE + MINUTE);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses cookie-authenticated writes without the right X-CSRF-Token; reads need none', async () => {
    const c = await t.as('sales_agent');
    const other = await t.as('sales_agent');
    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/me/tokens', { name: 'Forged' }],
      ['PATCH', '/api/v1/me', { theme: 'dark' }],
      ['DELETE', `/api/v1/me/tokens/${newId()}`, undefined],
      ['POST', '/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'forged-password-1' }],
    ];
    for (const [method, url, body] of writes) {
      for (const res of [
        await cookieOnly(c).request(method as 'POST', url, body),
        await c.request(method as 'POST', url, body, { 'x-csrf-token': 'wrong-token' }),
        // Another session's token does not fit this session.
        await c.request(method as 'POST', url, body, { 'x-csrf-token': other.csrf! }),
      ]) {
        expect(res.status, `${method} ${url}: ${res.text}`).toBe(403);
        expect(res.body.error.code).toBe('csrf_failed');
        expect(res.body.error.message).toMatch(/X-CSRF-Token/);
      }
    }
    const me = await cookieOnly(c).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.theme).toBe('auto');
    expect((await cookieOnly(c).get('/api/v1/me/tokens')).body.items).toEqual([]);
    // The password was not changed by any of the refused requests.
    expect((await login('sales_agent@test.accord')).status).toBe(200);

    const ok = await c.patch('/api/v1/me', { theme: 'dark' });
    expect(ok.status).toBe(200);
    expect(ok.body.theme).toBe('dark');
  });

  it('reads the data version with the sign-in on PostgreSQL, the same token the database handle gives', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/v1/me/tokens', { name: 'Versioned' });
    expect(created.status).toBe(201);
    const cookie = admin.cookie!.slice('accord_session='.length);
    const secret = created.body.secret as string;
    const { auth, kernel } = { auth: t.accord.services.auth, kernel: t.accord.kernel };
    for (const [cookieToken, bearer] of [
      [cookie, undefined],
      [undefined, secret],
    ]) {
      if (kernel.engine === 'sqlite') {
        // Asking SQLite costs no round trip: the handle is asked, as before.
        expect((await auth.authenticate(cookieToken, bearer))?.dataVersion).toBeNull();
        continue;
      }
      // The cluster's snapshot moves with other test files' writes: a few tries find a quiet moment.
      let same = false;
      for (let i = 0; i < 50 && !same; i++) {
        const before = await kernel.dataVersion();
        const signedIn = await auth.authenticate(cookieToken, bearer);
        expect(signedIn?.dataVersion).toMatch(/^\d+:\d+:/);
        same = signedIn?.dataVersion === before && (await kernel.dataVersion()) === before;
      }
      expect(same, 'the sign-in never read the version the handle gave before and after').toBe(true);
    }
  });

  it('does not ask Bearer-token callers for a CSRF token', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/v1/me/tokens', { name: 'Script' });
    expect(created.status).toBe(201);
    const bot = new Client(t.accord, null, null, created.body.secret);
    const dept = await bot.post('/api/v1/departments', { name: 'Made by a script' });
    expect(dept.status, dept.text).toBe(201);
    expect((await bot.patch('/api/v1/me', { theme: 'light' })).body.theme).toBe('light');
  });
});

describe('sign-in throttling', () => {
  it('locks an email after 5 failures, even for the right password, until the lock ends', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) expect((await login(user.email, 'not-the-password')).status).toBe(401);
    const locked = await login(user.email);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_requests');
    expect(locked.body.error.message).toMatch(/paused for 15 minutes/);
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.headers['set-cookie']).toBeUndefined();
    // Other accounts are not affected.
    expect((await login('finance@test.accord')).status).toBe(200);

    t.clock.advance(14 * MINUTE);
    const later = await login(user.email);
    expect(later.status).toBe(429);
    expect(later.headers['retry-after']).toBe('60');
    expect(later.body.error.message).toMatch(/paused for 1 minute;/);

    t.clock.advance(MINUTE + 1000);
    const open = await login(user.email);
    expect(open.status, open.text).toBe(200);
    expect(open.body.status).toBe('ok');
  });

  it('clears the failure count after a successful sign-in', async () => {
    const user = await newUser();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await login(user.email, 'not-the-password')).status).toBe(401);
      const ok = await login(user.email);
      expect(ok.status, `round ${round}: ${ok.text}`).toBe(200);
    }
    // Without the reset these would be failures 9 and 10 in the window.
    expect((await login(user.email, 'not-the-password')).status).toBe(401);
    expect((await login(user.email)).status).toBe(200);
    t.clock.advance(16 * MINUTE);
  });

  it('counts guesses sent in parallel: only 5 of 12 simultaneous attempts get their password checked', async () => {
    const user = await newUser();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => login(user.email, 'not-the-password')),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect((await login(user.email)).status).toBe(429);
    t.clock.advance(16 * MINUTE);
    expect((await login(user.email)).status).toBe(200);
  });
});

describe('my profile', () => {
  it('updates the theme and records the change in my history', async () => {
    const user = await newUser();
    const c = await t.login(user.email);
    const res = await c.patch('/api/v1/me', { theme: 'dark' });
    expect(res.status).toBe(200);
    expect(res.body.theme).toBe('dark');
    expect((await c.get('/api/v1/me')).body.theme).toBe('dark');
    const history = await c.get(`/api/v1/history/user/${user.id}`);
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({
      action: 'update',
      actorId: user.id,
      actorName: user.name,
      changes: { theme: { old: 'auto', new: 'dark' } },
    });
    const bad = await c.patch('/api/v1/me', { theme: 'purple', email: 'x@example.test' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.theme).toMatch(/must be one of/);
    expect(bad.body.error.fields.email).toBe('is not a known field');
    expect((await c.get(`/api/v1/history/user/${user.id}`)).body.items).toHaveLength(
      history.body.items.length,
    );
  });
});

describe('client address throttling', () => {
  it('locks a client address after 30 failures across emails, for every account', async () => {
    t.clock.advance(16 * MINUTE); // a fresh window
    for (let i = 0; i < 30; i++) {
      const res = await login(`guess${i}@example.test`, 'not-the-password');
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const locked = await login('admin@test.accord');
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    t.clock.advance(16 * MINUTE);
    expect((await login('admin@test.accord')).status).toBe(200);
  });
});
