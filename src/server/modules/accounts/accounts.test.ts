import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made, tableCounts } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

describe('managed accounts', () => {
  it('creates customer accounts managed by a partner since a date, moves and unlinks them, with history', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Managing Partner' });
    const q = await made(admin, '/api/v1/partners', { name: 'Other Partner' });
    const acc = await made(admin, '/api/v1/accounts', { name: 'Customer One', managedById: p.id });
    expect(acc).toMatchObject({
      managedById: p.id,
      managedByName: 'Managing Partner',
      managedSince: '2026-03-02',
      isPartner: false,
    });
    const plain = await made(admin, '/api/v1/accounts', { name: 'Customer Two', country: 'CA' });
    expect(plain.managedById).toBeNull();
    const linked = await admin.request('PUT', `/api/v1/partners/${p.id}/accounts/${plain.id}`, {
      version: 1,
      since: '2025-11-01',
    });
    expect(linked.body).toMatchObject({ managedById: p.id, managedSince: '2025-11-01', version: 2 });
    const tab = (await admin.get(`/api/v1/accounts?managedById=${p.id}`)).body;
    expect(tab.items.map((a: { name: string }) => a.name)).toEqual(['Customer One', 'Customer Two']);
    expect(tab.hiddenCount).toBe(0);
    const moved = await admin.request('PUT', `/api/v1/partners/${q.id}/accounts/${plain.id}`, { version: 2 });
    expect(moved.body).toMatchObject({ managedById: q.id, managedSince: '2026-03-02' });
    expect(
      (await admin.request('DELETE', `/api/v1/partners/${p.id}/accounts/${plain.id}?version=3`)).status,
    ).toBe(404);
    const unlinked = await admin.request('DELETE', `/api/v1/partners/${q.id}/accounts/${plain.id}?version=3`);
    expect(unlinked.body).toMatchObject({ managedById: null, managedSince: null });
    expect(
      (await admin.get('/api/v1/accounts?unmanaged=true&q=customer')).body.items.map(
        (a: { name: string }) => a.name,
      ),
    ).toEqual(['Customer Two']);
    const history = (await admin.get(`/api/v1/history/account/${plain.id}`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'update',
      'update',
      'update',
      'create',
    ]);
    expect(history[1].changes.managed_by_id).toEqual({ old: p.id, new: q.id });
    expect((await admin.get(`/api/v1/partners/${p.id}/counts`)).body.accounts).toEqual({
      count: 1,
      hidden: 0,
    });
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Strict Partner' });
    const acc = await made(admin, '/api/v1/accounts', { name: 'Strict Customer' });
    const before = await tableCounts(t);
    const bad = await admin.post('/api/v1/accounts', { name: '', email: 'x', managedSince: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['email', 'managedSince', 'name']);
    const dup = await admin.post('/api/v1/accounts', { name: 'STRICT customer' });
    expect(dup.status).toBe(409);
    expect(
      (await admin.post('/api/v1/accounts', { name: 'New', managedById: newId() })).body.error.fields,
    ).toEqual({
      managedById: 'is not a partner you can see',
    });
    const self = await admin.request('PUT', `/api/v1/partners/${acc.id}/accounts/${acc.id}`, { version: 1 });
    expect(self.status).toBe(400); // an account is not a partner
    expect(
      (await admin.request('PUT', `/api/v1/partners/${p.id}/accounts/${newId()}`, { version: 1 })).status,
    ).toBe(404);
    const stale = await admin.request('PUT', `/api/v1/partners/${p.id}/accounts/${acc.id}`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('shows a sales agent only the accounts in their scope, says how many are hidden, and lets them only look', async () => {
    const agent = await t.as('sales_agent');
    const p = await made(agent, '/api/v1/partners', { name: 'Agent Managing' });
    await made(admin, '/api/v1/accounts', { name: 'Open Customer', managedById: p.id });
    const secret = await made(admin, '/api/v1/accounts', {
      name: 'Secret Customer',
      managedById: p.id,
      visibility: 'owner',
    });
    const tab = (await agent.get(`/api/v1/accounts?managedById=${p.id}`)).body;
    expect(tab.items.map((a: { name: string }) => a.name)).toEqual(['Open Customer']);
    expect(tab.hiddenCount).toBe(1);
    expect((await agent.get(`/api/v1/partners/${p.id}/counts`)).body.accounts).toEqual({
      count: 1,
      hidden: 1,
    });
    expect((await agent.get(`/api/v1/accounts/${secret.id}`)).status).toBe(404);
    expect((await agent.post('/api/v1/accounts', { name: 'Nope' })).status).toBe(403);
    expect(
      (await agent.request('PUT', `/api/v1/partners/${p.id}/accounts/${secret.id}`, { version: 1 })).status,
    ).toBe(403);
  });
});
