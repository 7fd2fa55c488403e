import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
let agent: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  agent = await t.as('sales_agent');
});
afterAll(async () => t?.close());

describe('saved filters', () => {
  it('saves, shares, marks one default, renames and deletes filter sets', async () => {
    const gold = await made(agent, '/api/v1/saved-filters', {
      module: 'partners',
      name: 'Gold in Canada',
      filter: { country: 'CA', tags: ['gold', 'returning'], includeArchived: false },
      isDefault: true,
    });
    expect(gold).toMatchObject({ mine: true, shared: false, isDefault: true, filter: { country: 'CA' } });
    const recent = await made(agent, '/api/v1/saved-filters', {
      module: 'partners',
      name: 'Recent',
      filter: { sort: '-createdAt' },
      isDefault: true,
    });
    expect(recent.isDefault).toBe(true);
    const mine = (await agent.get('/api/v1/saved-filters?module=partners')).body.items;
    expect(mine.map((f: { name: string; isDefault: boolean }) => [f.name, f.isDefault])).toEqual([
      ['Recent', true],
      ['Gold in Canada', false],
    ]);
    expect(
      (await agent.post('/api/v1/saved-filters', { module: 'partners', name: 'gold IN canada', filter: {} }))
        .status,
    ).toBe(409);
    const renamed = await agent.patch(`/api/v1/saved-filters/${gold.id}`, {
      version: 1,
      name: 'Canadian gold',
      shared: true,
    });
    expect(renamed.body).toMatchObject({ name: 'Canadian gold', shared: true, version: 2 });
    expect(
      (await agent.patch(`/api/v1/saved-filters/${gold.id}`, { version: 1, name: 'Stale' })).status,
    ).toBe(409);
    // Colleagues see the shared one (not the private one), may use it but not change it.
    const seen = (await admin.get('/api/v1/saved-filters?module=partners')).body.items;
    expect(seen.map((f: { name: string; mine: boolean }) => [f.name, f.mine])).toEqual([
      ['Canadian gold', false],
    ]);
    expect(
      (await admin.patch(`/api/v1/saved-filters/${gold.id}`, { version: 2, name: 'Mine now' })).status,
    ).toBe(403);
    expect((await admin.delete(`/api/v1/saved-filters/${recent.id}`)).status).toBe(404);
    expect((await agent.delete(`/api/v1/saved-filters/${recent.id}`)).status).toBe(200);
    expect((await agent.get('/api/v1/saved-filters?module=partners')).body.items).toHaveLength(1);
    expect((await admin.get(`/api/v1/history/saved_filter/${gold.id}`)).status).toBe(400);
  });

  it('refuses bad input and lists of modules the caller may not view', async () => {
    const bad = await agent.post('/api/v1/saved-filters', {
      module: 'invoices',
      name: '',
      filter: { 'bad key': 1 },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['filter.bad key', 'module', 'name']);
    const tooMany = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`k${i}`, 'v']));
    expect(
      (await agent.post('/api/v1/saved-filters', { module: 'leads', name: 'Many', filter: tooMany })).status,
    ).toBe(400);
    const finance = await t.as('finance');
    expect((await finance.get('/api/v1/saved-filters?module=leads')).status).toBe(403);
    expect(
      (await finance.post('/api/v1/saved-filters', { module: 'leads', name: 'X', filter: {} })).status,
    ).toBe(403);
    expect((await agent.patch(`/api/v1/saved-filters/${newId()}`, { version: 1, name: 'X' })).status).toBe(
      404,
    );
  });
});
