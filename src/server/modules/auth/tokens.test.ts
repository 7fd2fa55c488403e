import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const MINUTE = 60_000;

describe('API tokens', () => {
  async function tokenFor(c: Client, body: Record<string, unknown> = {}) {
    const res = await c.post('/api/v1/me/tokens', { name: 'Integration', ...body });
    expect(res.status, res.text).toBe(201);
    return {
      id: res.body.token.id as string,
      secret: res.body.secret as string,
      bot: bearer(res.body.secret),
    };
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
    const me = await readOnly.bot.get('/api/v1/me');
    expect(me.body.roleKey).toBe('read_only');
    const create = await readOnly.bot.post('/api/v1/users', {
      email: 'via-token@example.test',
      name: 'Via token',
      roleId: me.body.roleId,
      password: 'a-long-password',
    });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('forbidden');
    expect(create.body.error.message).toBe('Your role does not allow you to create users.');

    const listed = await (await t.as('read_only')).get('/api/v1/me/tokens');
    expect(listed.body.items[0].lastUsedAt).toBe(t.clock.now().toISOString());
  });

  it('writes when a token was last used at most every 10 minutes', async () => {
    const owner = await t.as('finance');
    const { id, bot } = await tokenFor(owner);
    const lastUsed = async () =>
      ((await owner.get('/api/v1/me/tokens')).body.items as { id: string; lastUsedAt: string | null }[]).find(
        (x) => x.id === id,
      )!.lastUsedAt;
    const start = t.clock.now();
    try {
      expect((await bot.get('/api/v1/me')).status).toBe(200);
      const first = t.clock.now().toISOString();
      expect(await lastUsed()).toBe(first);
      t.clock.advance(9 * MINUTE);
      expect((await bot.get('/api/v1/me')).status).toBe(200);
      expect(await lastUsed()).toBe(first);
      t.clock.advance(2 * MINUTE);
      expect((await bot.get('/api/v1/me')).status).toBe(200);
      expect(await lastUsed()).toBe(t.clock.now().toISOString());
    } finally {
      t.clock.set(start);
    }
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
