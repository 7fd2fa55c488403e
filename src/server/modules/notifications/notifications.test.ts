import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type TestApp } from '../../test/harness';
import { notify } from './service';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const at = t.clock.now().toISOString();
  await notify(t.accord.kernel.db, at, [
    { userId: t.users.sales_agent!.id, kind: 'lead.assigned', title: 'First', link: '/leads/1' },
    { userId: t.users.sales_agent!.id, kind: 'lead.assigned', title: 'Second', body: 'Call them today' },
    { userId: t.users.finance!.id, kind: 'invoice.overdue', title: 'For finance' },
    { userId: t.users.sales_agent!.id, kind: 'task.due', title: 'Third' },
  ]);
  await notify(t.accord.kernel.db, at, []);
});
afterAll(async () => t?.close());

describe('notifications API', () => {
  it('lists only my notifications, newest first, with the unread count, in pages', async () => {
    const c = await t.as('sales_agent');
    const all = await c.get('/api/v1/notifications');
    expect(all.status).toBe(200);
    expect(all.body.unread).toBe(3);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items.map((n: { title: string }) => n.title)).toEqual(['Third', 'Second', 'First']);
    expect(all.body.items[1]).toEqual({
      id: expect.any(String),
      kind: 'lead.assigned',
      title: 'Second',
      body: 'Call them today',
      link: null,
      readAt: null,
      createdAt: t.clock.now().toISOString(),
    });
    expect(all.body.items[2].link).toBe('/leads/1');
    expect(all.body.items[2].body).toBe('');

    const page1 = await c.get('/api/v1/notifications?limit=2');
    expect(page1.body.items.map((n: { title: string }) => n.title)).toEqual(['Third', 'Second']);
    expect(page1.body.unread).toBe(3);
    const page2 = await c.get(`/api/v1/notifications?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((n: { title: string }) => n.title)).toEqual(['First']);
    expect(page2.body.nextCursor).toBeNull();

    const finance = await (await t.as('finance')).get('/api/v1/notifications');
    expect(finance.body.items.map((n: { title: string }) => n.title)).toEqual(['For finance']);
    expect(finance.body.unread).toBe(1);
    expect((await (await t.as('admin')).get('/api/v1/notifications')).body).toEqual({
      items: [],
      unread: 0,
      nextCursor: null,
    });

    const bad = await c.get('/api/v1/notifications?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.cursor).toBe('is not valid');
    expect((await c.get('/api/v1/notifications?limit=500')).status).toBe(400);
    expect((await t.anonymous().get('/api/v1/notifications')).status).toBe(401);
  });

  it("marks one read, refusing someone else's (404), then all of mine", async () => {
    const c = await t.as('sales_agent');
    const items = (await c.get('/api/v1/notifications')).body.items as { id: string; title: string }[];
    const second = items.find((n) => n.title === 'Second')!;
    t.clock.advance(60_000);

    const read = await c.post(`/api/v1/notifications/${second.id}/read`);
    expect(read.status).toBe(200);
    const after = await c.get('/api/v1/notifications');
    expect(after.body.unread).toBe(2);
    expect(after.body.items.find((n: { id: string }) => n.id === second.id).readAt).toBe(
      t.clock.now().toISOString(),
    );
    const unread = await c.get('/api/v1/notifications?unread=true');
    expect(unread.body.items.map((n: { title: string }) => n.title)).toEqual(['Third', 'First']);

    const finance = await t.as('finance');
    const theirs = (await finance.get('/api/v1/notifications')).body.items[0].id;
    const foreign = await c.post(`/api/v1/notifications/${theirs}/read`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect((await finance.get('/api/v1/notifications')).body.unread).toBe(1);
    expect((await c.post(`/api/v1/notifications/${newId()}/read`)).status).toBe(404);
    expect((await c.post('/api/v1/notifications/not-an-id/read')).status).toBe(400);

    const all = await c.post('/api/v1/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ updated: 2 });
    expect((await c.get('/api/v1/notifications')).body.unread).toBe(0);
    expect((await c.get('/api/v1/notifications?unread=true')).body.items).toEqual([]);
    expect((await c.post('/api/v1/notifications/read-all')).body).toEqual({ updated: 0 });
    // Reading all of mine left finance's alone.
    expect((await finance.get('/api/v1/notifications')).body.unread).toBe(1);
  });
});
