import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { Client, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness';
import { startMailbox, useMailbox, type Mailbox } from '../../test/mailbox';

let t: TestApp;
let mailbox: Mailbox;
let roleIds: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  mailbox = await startMailbox();
  await useMailbox(t, mailbox.port);
  const roles = await t.accord.kernel.db.selectFrom('roles').select(['id', 'key']).execute();
  roleIds = Object.fromEntries(roles.map((r) => [r.key, r.id]));
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

const MINUTE = 60_000;
let userCount = 0;

/** A fresh user (created by the admin through the API), so each scenario starts from a clean account. */
async function newUser(role = 'sales_agent', extra: Record<string, unknown> = {}) {
  const admin = await t.as('admin');
  const email = `person${++userCount}@example.test`;
  const res = await admin.post('/api/v1/users', {
    email,
    name: `Person ${userCount}`,
    roleId: roleIds[role],
    password: TEST_PASSWORD,
    ...extra,
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, email };
}

const login = (email: string, password = TEST_PASSWORD) =>
  t.anonymous().post('/api/v1/auth/login', { email, password });

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
});

describe('password reset by email', () => {
  const resetToken = (text: string) => {
    const link = /(https?:\/\/\S+\/reset-password\?token=\S+)/.exec(text)?.[1];
    expect(link, text).toBeDefined();
    return new URL(link!).searchParams.get('token')!;
  };

  it('mails a link that sets a new password once, ending the old sessions; unknown emails get nothing', async () => {
    const user = await newUser();
    const oldSession = await t.login(user.email);
    const anon = t.anonymous();
    const before = mailbox.messages.length;

    const unknown = await anon.post('/api/v1/auth/password-reset', { email: 'nobody@example.test' });
    const known = await anon.post('/api/v1/auth/password-reset', { email: user.email.toUpperCase() });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.message).toMatch(/If an account uses that email/);

    await mailbox.deliver(t, before + 1);
    await mailbox.deliver(t, before + 2); // give a mail to the unknown address every chance to appear
    expect(mailbox.messages.length).toBe(before + 1);
    const mail = mailbox.messages.at(-1)!;
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe('crm@accord.test');
    expect(mail.parsed.subject).toBe('Reset your Accord password');
    expect(mail.parsed.text).toContain(`Hello Person ${userCount}`);
    const token = resetToken(mail.parsed.text ?? '');

    const weak = await anon.post('/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.password).toBe('must be at least 10 characters');

    const confirmed = await anon.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'a-brand-new-password',
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect((await oldSession.get('/api/v1/me')).status).toBe(401);
    expect((await login(user.email)).status).toBe(401);
    expect((await login(user.email, 'a-brand-new-password')).status).toBe(200);

    const again = await anon.post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'yet-another-password',
    });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/not valid any more/);
    expect((await login(user.email, 'yet-another-password')).status).toBe(401);

    const history = await (await t.as('admin')).get(`/api/v1/history/user/${user.id}`);
    expect(history.body.items[0].actorName).toBe('Password reset');
    expect(history.body.items[0].changes.password_hash).toEqual({ old: '(hidden)', new: '(changed)' });
  });

  it('refuses a link older than an hour, and made-up tokens', async () => {
    const user = await newUser();
    const before = mailbox.messages.length;
    expect((await t.anonymous().post('/api/v1/auth/password-reset', { email: user.email })).status).toBe(202);
    await mailbox.deliver(t, before + 1);
    const token = resetToken(mailbox.messages.at(-1)!.parsed.text ?? '');
    t.clock.advance(61 * MINUTE);
    const late = await t.anonymous().post('/api/v1/auth/password-reset/confirm', {
      token,
      password: 'a-brand-new-password',
    });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toMatch(/expired/);
    expect((await login(user.email)).status).toBe(200);

    const madeUp = await t.anonymous().post('/api/v1/auth/password-reset/confirm', {
      token: 'x'.repeat(43),
      password: 'a-brand-new-password',
    });
    expect(madeUp.status).toBe(400);
  });
});

describe('two-factor sign-in', () => {
  const totp = (secret: string) =>
    generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

  /** Signs in with the password only; the answer asks for the second step. */
  async function startLogin(email: string, password = TEST_PASSWORD) {
    const c = t.anonymous();
    const res = await c.post('/api/v1/auth/login', { email, password });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('two_factor_required');
    expect(res.body.session).toBeUndefined();
    c.csrf = res.body.csrfToken;
    return c;
  }

  async function withTwoFactor() {
    const user = await newUser();
    const c = await t.login(user.email);
    const setup = await c.post('/api/v1/me/2fa/setup');
    expect(setup.status).toBe(200);
    const enabled = await c.post('/api/v1/me/2fa/enable', { code: await totp(setup.body.secret) });
    expect(enabled.status, enabled.text).toBe(200);
    return { ...user, client: c, secret: setup.body.secret as string, codes: enabled.body.recoveryCodes as string[] };
  }

  it('turns on with a code from the app, then asks for it at sign-in', async () => {
    const user = await newUser();
    const c = await t.login(user.email);
    expect((await c.post('/api/v1/me/2fa/enable', { code: '123456' })).body.error.code).toBe(
      'two_factor_not_set_up',
    );
    const setup = await c.post('/api/v1/me/2fa/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Accord:/);
    expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const code = await totp(setup.body.secret);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await c.post('/api/v1/me/2fa/enable', { code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.code).toBe('is not the current code from your app');
    expect((await c.get('/api/v1/me')).body.twoFactorEnabled).toBe(false);

    const enabled = await c.post('/api/v1/me/2fa/enable', { code });
    expect(enabled.status, enabled.text).toBe(200);
    const codes = enabled.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const rc of codes) expect(rc).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect((await c.get('/api/v1/me')).body.twoFactorEnabled).toBe(true);
    expect((await c.post('/api/v1/me/2fa/setup')).status).toBe(409);
    // The session that turned it on stays signed in.
    expect((await c.get('/api/v1/me')).status).toBe(200);

    const pending = await startLogin(user.email);
    for (const url of ['/api/v1/me', '/api/v1/auth/session', '/api/v1/notifications']) {
      const res = await pending.get(url);
      expect(res.status, url).toBe(401);
      expect(res.body.error.message).toMatch(/code from your authenticator app/);
    }
    expect((await pending.patch('/api/v1/me', { theme: 'dark' })).status).toBe(401);

    t.clock.advance(MINUTE);
    const bad = await pending.post('/api/v1/auth/login/2fa', { code: wrongCode });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('invalid_code');
    const pendingCookie = pending.cookie;
    const done = await pending.post('/api/v1/auth/login/2fa', { code: await totp(setup.body.secret) });
    expect(done.status, done.text).toBe(200);
    expect(done.body.status).toBe('ok');
    expect(done.body.session.user.id).toBe(user.id);
    expect(pending.cookie).not.toBe(pendingCookie);
    pending.csrf = done.body.session.csrfToken;
    expect((await pending.get('/api/v1/me')).status).toBe(200);
    expect((await new Client(t.accord, pendingCookie).get('/api/v1/me')).status).toBe(401);
    const twice = await pending.post('/api/v1/auth/login/2fa', { code: '123456' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('two_factor_not_pending');
  });

  it('accepts each recovery code once', async () => {
    const user = await withTwoFactor();
    const first = await startLogin(user.email);
    const ok = await first.post('/api/v1/auth/login/2fa', { code: ` ${user.codes[0]!.toUpperCase()} ` });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.status).toBe('ok');

    const second = await startLogin(user.email);
    const reused = await second.post('/api/v1/auth/login/2fa', { code: user.codes[0] });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('invalid_code');
    const next = await second.post('/api/v1/auth/login/2fa', { code: user.codes[1] });
    expect(next.status, next.text).toBe(200);
  });

  it('lets a pending sign-in lapse after 10 minutes', async () => {
    const user = await withTwoFactor();
    const pending = await startLogin(user.email);
    t.clock.advance(11 * MINUTE);
    const late = await pending.post('/api/v1/auth/login/2fa', { code: await totp(user.secret) });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('unauthorized');
  });

  it('turns off with the password, and sign-in is one step again', async () => {
    const user = await withTwoFactor();
    const wrong = await user.client.post('/api/v1/me/2fa/disable', { password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.password).toBe('is not your password');
    expect((await user.client.get('/api/v1/me')).body.twoFactorEnabled).toBe(true);
    const off = await user.client.post('/api/v1/me/2fa/disable', { password: TEST_PASSWORD });
    expect(off.status).toBe(200);
    expect((await user.client.get('/api/v1/me')).body.twoFactorEnabled).toBe(false);
    const res = await login(user.email);
    expect(res.body.status).toBe('ok');
    const history = await user.client.get(`/api/v1/history/user/${user.id}`);
    expect(history.body.items.slice(0, 2).map((e: { changes: unknown }) => e.changes)).toEqual([
      { totp_enabled: { old: true, new: false } },
      { totp_enabled: { old: false, new: true } },
    ]);
  });
});

describe('API tokens', () => {
  async function tokenFor(c: Client, body: Record<string, unknown> = {}) {
    const res = await c.post('/api/v1/me/tokens', { name: 'Integration', ...body });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.token.id as string, secret: res.body.secret as string, bot: bearer(res.body.secret) };
  }
  const bearer = (secret: string) => new Client(t.accord, null, null, secret);

  it('shows the secret once; the list never shows it', async () => {
    const c = await t.as('finance');
    const res = await c.post('/api/v1/me/tokens', { name: 'Accounting sync', expiresInDays: 30 });
    expect(res.status).toBe(201);
    const { token, secret } = res.body;
    expect(secret).toMatch(/^acc_[A-Za-z0-9_-]{40}$/);
    expect(token.prefix).toBe(secret.slice(0, 10));
    expect(token.scopes).toEqual(['api']);
    expect(token.expiresAt).toBe(new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString());
    const list = await c.get('/api/v1/me/tokens');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([token.id]);
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain(secret.slice(10));
    expect(Object.keys(list.body.items[0]).sort()).toEqual(
      ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scopes'].sort(),
    );
    // Another user sees none of them and cannot revoke them.
    const other = await t.as('sales_agent');
    expect((await other.get('/api/v1/me/tokens')).text).not.toContain(token.id);
    expect((await other.delete(`/api/v1/me/tokens/${token.id}`)).status).toBe(404);
  });

  it("acts with the owner's permissions", async () => {
    const admin = await tokenFor(await t.as('admin'));
    const users = await admin.bot.get('/api/v1/users');
    expect(users.status, users.text).toBe(200);
    expect(users.body.items.length).toBeGreaterThanOrEqual(6);

    const readOnly = await tokenFor(await t.as('read_only'));
    expect((await readOnly.bot.get('/api/v1/me')).body.roleKey).toBe('read_only');
    const create = await readOnly.bot.post('/api/v1/users', {
      email: 'via-token@example.test',
      name: 'Via token',
      roleId: roleIds.admin,
      password: 'a-long-password',
    });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('forbidden');
    expect(create.body.error.message).toBe('Your role does not allow you to create users.');

    const listed = await (await t.as('read_only')).get('/api/v1/me/tokens');
    expect(listed.body.items[0].lastUsedAt).toBe(t.clock.now().toISOString());
  });

  it('refuses a token without the "api" scope on the normal API', async () => {
    const ingest = await tokenFor(await t.as('admin'), { scopes: ['ingest'] });
    for (const url of ['/api/v1/users', '/api/v1/me']) {
      const res = await ingest.bot.get(url);
      expect(res.status, url).toBe(403);
      expect(res.body.error.message).toBe('This API token lacks the "api" scope.');
    }
    const bad = await (await t.as('admin')).post('/api/v1/me/tokens', { name: 'X', scopes: ['root'] });
    expect(bad.status).toBe(400);
  });

  it('cannot mint further tokens, so revoking or expiring a token really ends its access', async () => {
    const { bot } = await tokenFor(await t.as('admin'), { expiresInDays: 1 });
    const before = (await bot.get('/api/v1/me/tokens')).body.items.length;
    const res = await bot.post('/api/v1/me/tokens', { name: 'Forever' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.body.error.message).toMatch(/signed-in session/);
    expect((await bot.get('/api/v1/me/tokens')).body.items).toHaveLength(before);
  });

  it('stops working once revoked or expired, with a clear 401', async () => {
    const c = await t.as('sales_agent');
    const revoked = await tokenFor(c);
    expect((await revoked.bot.get('/api/v1/me')).status).toBe(200);
    expect((await c.delete(`/api/v1/me/tokens/${revoked.id}`)).status).toBe(200);
    const after = await revoked.bot.get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe(
      'This API token is not valid: it may have been revoked or have expired.',
    );
    const listed = (await c.get('/api/v1/me/tokens')).body.items.find(
      (i: { id: string }) => i.id === revoked.id,
    );
    expect(listed.revokedAt).toBe(t.clock.now().toISOString());

    const shortLived = await tokenFor(c, { expiresInDays: 1 });
    t.clock.advance(86_400_000 - MINUTE);
    expect((await shortLived.bot.get('/api/v1/me')).status).toBe(200);
    t.clock.advance(2 * MINUTE);
    const expired = await shortLived.bot.get('/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
    expect((await bearer('acc_made-up-token').get('/api/v1/me')).status).toBe(401);
  });
});

describe('my account', () => {
  it('changes the password only with the current one, signing out the other sessions', async () => {
    const user = await newUser();
    const here = await t.login(user.email);
    const elsewhere = await t.login(user.email);
    const wrong = await here.post('/api/v1/me/password', {
      currentPassword: 'not-the-password',
      newPassword: 'a-fresh-password-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ currentPassword: 'is not your current password' });
    const weak = await here.post('/api/v1/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.newPassword).toBe('must be at least 10 characters');
    expect((await elsewhere.get('/api/v1/me')).status).toBe(200);

    const ok = await here.post('/api/v1/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a-fresh-password-1',
    });
    expect(ok.status, ok.text).toBe(200);
    expect((await here.get('/api/v1/me')).status).toBe(200);
    expect((await here.patch('/api/v1/me', { theme: 'light' })).status).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    expect((await login(user.email)).status).toBe(401);
    expect((await login(user.email, 'a-fresh-password-1')).status).toBe(200);
  });

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
      actorName: `Person ${userCount}`,
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
