import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('two-factor sign-in', () => {
  const totp = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

  /** Six-digit codes that are surely wrong now: the server also accepts the previous and the next code. */
  async function wrongCodes(secret: string, n: number): Promise<string[]> {
    const epoch = Math.floor(t.clock.now().getTime() / 1000);
    const valid = new Set(await Promise.all([-30, 0, 30].map((d) => generate({ secret, epoch: epoch + d }))));
    const codes: string[] = [];
    for (let i = 0; codes.length < n; i++) {
      const code = String(i).padStart(6, '0');
      if (!valid.has(code)) codes.push(code);
    }
    return codes;
  }

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
    return {
      ...user,
      client: c,
      secret: setup.body.secret as string,
      codes: enabled.body.recoveryCodes as string[],
    };
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
    const [wrongCode] = await wrongCodes(setup.body.secret, 1);
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
    const [stillWrong] = await wrongCodes(setup.body.secret, 1);
    const bad = await pending.post('/api/v1/auth/login/2fa', { code: stillWrong });
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

  it('accepts each app code once: a replayed code is refused until the app shows the next one', async () => {
    const user = await withTwoFactor();
    t.clock.advance(MINUTE);
    const code = await totp(user.secret);
    const first = await startLogin(user.email);
    expect((await first.post('/api/v1/auth/login/2fa', { code })).status).toBe(200);
    const replay = await startLogin(user.email);
    const refused = await replay.post('/api/v1/auth/login/2fa', { code });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid_code');
    // The next step's code works; after it, a code of an earlier step is refused as well.
    t.clock.advance(30_000);
    const next = await totp(user.secret);
    expect(next).not.toBe(code);
    expect((await replay.post('/api/v1/auth/login/2fa', { code: next })).status).toBe(200);
    const late = await startLogin(user.email);
    expect((await late.post('/api/v1/auth/login/2fa', { code })).status).toBe(401);
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

  it('locks the code step after 5 wrong codes, even when they arrive in parallel', async () => {
    const user = await withTwoFactor();
    const pending = await startLogin(user.email);
    const codes = await wrongCodes(user.secret, 8);
    const results = await Promise.all(codes.map((code) => pending.post('/api/v1/auth/login/2fa', { code })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    const right = await pending.post('/api/v1/auth/login/2fa', { code: await totp(user.secret) });
    expect(right.status).toBe(429);
    expect(right.body.error.message).toMatch(/paused for 15 minutes/);
    t.clock.advance(16 * MINUTE);
    // The pending sign-in lapsed meanwhile; signing in again works once the lock is over.
    const again = await startLogin(user.email);
    const done = await again.post('/api/v1/auth/login/2fa', { code: await totp(user.secret) });
    expect(done.status, done.text).toBe(200);
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
