import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { colleague, made, tableCounts } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

/** Runs the outbox until the notifications of committed events are written. */
async function deliver() {
  for (let i = 0; i < 3; i++) await t.accord.kernel.jobs.tick();
}

describe('comments', () => {
  it('discusses a record, notifies each @mentioned person once, and lets only the author edit', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Commented Co' });
    const agent = await t.as('sales_agent');
    const agentId = t.users.sales_agent!.id;
    const c = await made(admin, '/api/v1/comments', {
      entity: 'partner',
      entityId: p.id,
      body: '@Test sales_agent can you call them this week?',
      mentions: [agentId, agentId],
    });
    expect(c).toMatchObject({
      authorName: 'Test admin',
      mentions: [{ id: agentId, name: 'Test sales_agent' }],
      edited: false,
    });
    await deliver();
    const inbox = (await agent.get('/api/v1/notifications')).body;
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      kind: 'mention',
      title: 'Test admin mentioned you on Commented Co',
      body: '@Test sales_agent can you call them this week?',
      link: `/partners/${p.id}#comment-${c.id}`,
    });
    const reply = await made(agent, '/api/v1/comments', {
      entity: 'partner',
      entityId: p.id,
      body: 'On it.',
    });
    const thread = (await agent.get(`/api/v1/comments?entity=partner&entityId=${p.id}`)).body.items;
    expect(thread.map((x: { body: string }) => x.body)).toEqual([
      '@Test sales_agent can you call them this week?',
      'On it.',
    ]);
    expect((await admin.get(`/api/v1/partners/${p.id}/counts`)).body.comments).toBe(2);
    // Editing: the author only (403 for others); re-mentioning someone already mentioned does not notify again.
    expect((await agent.patch(`/api/v1/comments/${c.id}`, { version: 1, body: 'Hijack' })).status).toBe(403);
    const edited = await admin.patch(`/api/v1/comments/${c.id}`, { version: 1, body: 'Call them, please.' });
    expect(edited.body).toMatchObject({ body: 'Call them, please.', edited: true });
    await deliver();
    expect((await agent.get('/api/v1/notifications')).body.items).toHaveLength(1);
    expect((await admin.delete(`/api/v1/comments/${reply.id}`)).status).toBe(403);
    expect((await agent.delete(`/api/v1/comments/${reply.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/history/partner/${p.id}`)).status).toBe(200);
  });

  it('refuses comments on hidden records, mentions of people who cannot see the record, and bad input', async () => {
    const other = await colleague(t, 'sales_agent', { otherDepartment: true });
    const secret = await made(admin, '/api/v1/partners', { name: 'Hush Co', visibility: 'owner' });
    const lead = await made(admin, '/api/v1/leads', { name: 'L' });
    const before = await tableCounts(t);
    const mention = await admin.post('/api/v1/comments', {
      entity: 'partner',
      entityId: secret.id,
      body: 'Look',
      mentions: [other.id],
    });
    expect(mention.status).toBe(400);
    expect(mention.body.error.fields).toEqual({ mentions: `${other.name} cannot see this partner` });
    const ghost = await admin.post('/api/v1/comments', {
      entity: 'partner',
      entityId: secret.id,
      body: 'Look',
      mentions: [newId()],
    });
    expect(ghost.body.error.fields.mentions).toMatch(/is not an active user$/);
    expect(
      (await other.client.post('/api/v1/comments', { entity: 'partner', entityId: secret.id, body: 'Hi' }))
        .status,
    ).toBe(404);
    expect((await other.client.get(`/api/v1/comments?entity=partner&entityId=${secret.id}`)).status).toBe(
      404,
    );
    const bad = await admin.post('/api/v1/comments', { entity: 'invoice', entityId: 'x', body: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['body', 'entity', 'entityId']);
    const finance = await t.as('finance');
    expect(
      (await finance.post('/api/v1/comments', { entity: 'lead', entityId: lead.id, body: 'x' })).status,
    ).toBe(403);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('offers for @mentions exactly the active users who can see the record, to roles without the user directory', async () => {
    const owner = await colleague(t);
    const peer = await colleague(t, 'sales_agent', { otherDepartment: true });
    const mine = await made(owner.client, '/api/v1/partners', { name: 'Own Co', visibility: 'owner' });
    // A sales agent may not list users, yet gets the people for a record it sees.
    expect((await owner.client.get('/api/v1/users')).status).toBe(403);
    const res = await owner.client.get(`/api/v1/comments/mentionable?entity=partner&entityId=${mine.id}`);
    expect(res.status, res.text).toBe(200);
    const ids = res.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(owner.id);
    expect(ids).toContain(t.users.admin!.id); // sees every partner
    expect(ids).not.toContain(peer.id); // the partner is the owner's only
    const names = res.body.items.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    // Once shared with everyone, the peer is offered too.
    const shared = await owner.client.patch(`/api/v1/partners/${mine.id}`, {
      version: mine.version,
      visibility: 'everyone',
    });
    expect(shared.status, shared.text).toBe(200);
    const after = await owner.client.get(`/api/v1/comments/mentionable?entity=partner&entityId=${mine.id}`);
    expect(after.body.items.map((p: { id: string }) => p.id)).toContain(peer.id);
    // Someone who cannot see a record cannot ask who can.
    const hidden = await made(admin, '/api/v1/partners', { name: 'Hidden Co', visibility: 'owner' });
    expect(
      (await peer.client.get(`/api/v1/comments/mentionable?entity=partner&entityId=${hidden.id}`)).status,
    ).toBe(404);
    expect((await admin.get('/api/v1/comments/mentionable?entity=invoice&entityId=x')).status).toBe(400);
  });
});
