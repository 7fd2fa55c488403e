import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made, tableCounts } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
let agent: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  agent = await t.as('sales_agent');
});
afterAll(async () => t?.close());

describe('consultants', () => {
  it('adds people with a required name, one primary per partner, valid email and phone; nothing written on bad input', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Consulting Co' });
    const url = `/api/v1/partners/${p.id}/contacts`;
    const before = await tableCounts(t);
    const bad = await admin.post(url, {
      title: 'CTO',
      email: 'not-an-email',
      phone: 'call me',
      linkedin: 'nope',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['email', 'linkedin', 'phone']);
    const noName = await admin.post(url, { title: 'CTO' });
    expect(noName.body.error.fields).toEqual({ lastName: 'is required (a first or last name)' });
    expect((await admin.post(url, { lastName: 'x'.repeat(81) })).body.error.fields.lastName).toBe(
      'must be at most 80 characters',
    );
    expect(await tableCounts(t)).toEqual(before);

    const ada = await made(admin, url, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ADA@consulting.example',
      isPrimary: true,
    });
    expect(ada).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@consulting.example',
      organizationName: 'Consulting Co',
      ownerName: 'Test admin',
    });
    const alan = await made(admin, url, {
      firstName: 'Alan',
      lastName: 'Turing',
      phone: '+44 (0)20 7946-0000',
      isPrimary: true,
    });
    const list = (await admin.get(url)).body;
    expect(list.hiddenCount).toBe(0);
    expect(list.items.map((c: { name: string; isPrimary: boolean }) => [c.name, c.isPrimary])).toEqual([
      ['Alan Turing', true],
      ['Ada Lovelace', false],
    ]);
    const upd = await admin.patch(`${url}/${ada.id}`, {
      version: ada.version,
      isPrimary: true,
      title: 'Countess',
    });
    expect(upd.body).toMatchObject({ isPrimary: true, title: 'Countess', version: 2 });
    const stale = await admin.patch(`${url}/${ada.id}`, { version: 1, title: 'X' });
    expect(stale.status).toBe(409);
    expect((await admin.patch(`${url}/${alan.id}`, { version: 1, firstName: '', lastName: '' })).status).toBe(
      400,
    );
    expect((await admin.get(`/api/v1/consultants/${alan.id}`)).body.isPrimary).toBe(false);
  });

  it('moves a person to another organisation, keeping their history', async () => {
    const from = await made(admin, '/api/v1/partners', { name: 'Move From' });
    const to = await made(admin, '/api/v1/partners', { name: 'Move To' });
    const c = await made(admin, `/api/v1/partners/${from.id}/contacts`, {
      lastName: 'Mover',
      isPrimary: true,
    });
    const moved = await admin.patch(`/api/v1/partners/${from.id}/contacts/${c.id}`, {
      version: 1,
      organizationId: to.id,
    });
    expect(moved.body).toMatchObject({
      organizationId: to.id,
      organizationName: 'Move To',
      isPrimary: false,
    });
    expect((await admin.get(`/api/v1/partners/${from.id}/contacts`)).body.items).toHaveLength(0);
    const history = (await admin.get(`/api/v1/history/contact/${c.id}`)).body.items;
    expect(history[0].changes.organization_id).toEqual({ old: from.id, new: to.id });
    expect(history.at(-1).action).toBe('create');
  });

  it('says how many people the caller’s visibility settings hide, and hides them everywhere', async () => {
    const p = await made(agent, '/api/v1/partners', { name: 'Agent Partner' });
    const mine = await made(agent, `/api/v1/partners/${p.id}/contacts`, { lastName: 'Mine' });
    await made(admin, `/api/v1/partners/${p.id}/contacts`, { lastName: 'Theirs One' });
    const theirs = await made(admin, `/api/v1/partners/${p.id}/contacts`, { lastName: 'Theirs Two' });
    const seen = (await agent.get(`/api/v1/partners/${p.id}/contacts`)).body;
    expect(seen.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expect(seen.hiddenCount).toBe(2); // "2 consultants are hidden by your visibility settings"
    expect((await agent.get(`/api/v1/partners/${p.id}/counts`)).body.consultants).toEqual({
      count: 1,
      hidden: 2,
    });
    expect((await admin.get(`/api/v1/partners/${p.id}/contacts`)).body).toMatchObject({ hiddenCount: 0 });
    expect((await agent.get(`/api/v1/consultants/${theirs.id}`)).status).toBe(404);
    expect((await agent.get('/api/v1/consultants?q=theirs')).body.items).toHaveLength(0);
    expect(
      (await agent.patch(`/api/v1/partners/${p.id}/contacts/${theirs.id}`, { version: 1, title: 'X' }))
        .status,
    ).toBe(404);
    // Sales agents may not delete people at all; a partner they only see is 403, a hidden one 404.
    expect((await agent.delete(`/api/v1/partners/${p.id}/contacts/${mine.id}`)).status).toBe(403);
    const shared = await made(admin, '/api/v1/partners', { name: 'Admin Shared' });
    expect((await agent.post(`/api/v1/partners/${shared.id}/contacts`, { lastName: 'X' })).status).toBe(403);
    const secret = await made(admin, '/api/v1/partners', { name: 'Admin Secret', visibility: 'owner' });
    expect((await agent.post(`/api/v1/partners/${secret.id}/contacts`, { lastName: 'X' })).status).toBe(404);
    expect((await agent.get(`/api/v1/partners/${secret.id}/contacts`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/partners/${p.id}/contacts/${theirs.id}`)).status).toBe(200);
  });

  it('lists people across partners with search, filters and keyset pages', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Paging Partners' });
    for (const n of ['Aalto', 'Baker', 'Cole'])
      await made(admin, `/api/v1/partners/${p.id}/contacts`, { lastName: n });
    const first = await admin.get(`/api/v1/consultants?organizationId=${p.id}&limit=2`);
    expect(first.body.items.map((c: { lastName: string }) => c.lastName)).toEqual(['Aalto', 'Baker']);
    const next = await admin.get(
      `/api/v1/consultants?organizationId=${p.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(next.body.items.map((c: { lastName: string }) => c.lastName)).toEqual(['Cole']);
    expect((await admin.get('/api/v1/consultants?q=paging partners')).body.items).toHaveLength(3);
    expect((await admin.get('/api/v1/consultants?sort=email')).status).toBe(400);
  });
});
