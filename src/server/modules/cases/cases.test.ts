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

describe('cases', () => {
  it('opens a case for a partner and account, stamps resolve and close, reopens, and keeps a history', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Case Partner' });
    const acc = await made(admin, '/api/v1/accounts', { name: 'Case Customer', managedById: p.id });
    const person = await made(admin, `/api/v1/partners/${p.id}/contacts`, { lastName: 'Reporter' });
    const c = await made(admin, '/api/v1/cases', {
      subject: 'Sync fails nightly',
      organizationId: p.id,
      accountId: acc.id,
      contactId: person.id,
      priority: 'high',
      dueDate: '2026-03-10',
    });
    expect(c).toMatchObject({
      kind: 'partner_case',
      status: 'open',
      organizationName: 'Case Partner',
      accountName: 'Case Customer',
      contactName: 'Reporter',
      assigneeId: t.users.admin!.id,
      resolvedAt: null,
    });
    t.clock.advance(3_600_000);
    const resolved = await admin.patch(`/api/v1/cases/${c.id}`, { version: 1, status: 'resolved' });
    expect(resolved.body).toMatchObject({ resolvedAt: '2026-03-02T10:00:00.000Z', closedAt: null });
    const closed = await admin.patch(`/api/v1/cases/${c.id}`, { version: 2, status: 'closed' });
    expect(closed.body).toMatchObject({
      resolvedAt: '2026-03-02T10:00:00.000Z',
      closedAt: '2026-03-02T10:00:00.000Z',
    });
    const reopened = await admin.patch(`/api/v1/cases/${c.id}`, { version: 3, status: 'in_progress' });
    expect(reopened.body).toMatchObject({ resolvedAt: null, closedAt: null });
    const history = (await admin.get(`/api/v1/history/case/${c.id}`)).body.items;
    expect(history[0].changes.status).toEqual({ old: 'closed', new: 'in_progress' });
    const list = (await admin.get(`/api/v1/cases?organizationId=${p.id}&status=in_progress`)).body;
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    await made(admin, '/api/v1/cases', { subject: 'Ticket', kind: 'support_ticket' });
    expect((await admin.get('/api/v1/cases?kind=support_ticket')).body.items).toHaveLength(1);
    expect((await admin.delete(`/api/v1/cases/${c.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/cases/${c.id}`)).status).toBe(404);
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Strict Cases' });
    const stranger = await made(admin, '/api/v1/partners', { name: 'Stranger Org' });
    const alien = await made(admin, `/api/v1/partners/${stranger.id}/contacts`, { lastName: 'Alien' });
    const before = await tableCounts(t);
    const bad = await admin.post('/api/v1/cases', {
      subject: '',
      status: 'done',
      priority: 'urgent',
      dueDate: 'soon',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['dueDate', 'priority', 'status', 'subject']);
    const refs = await admin.post('/api/v1/cases', {
      subject: 'Refs',
      organizationId: p.id,
      contactId: alien.id,
      assigneeId: newId(),
      dueDate: '2026-03-01',
    });
    expect(refs.status).toBe(400);
    expect(refs.body.error.fields).toEqual({
      contactId: 'is not a person of the case’s partner or account',
      assigneeId: 'is not an active user',
      dueDate: 'must not be before the record was created (2026-03-02)',
    });
    expect(await tableCounts(t)).toEqual(before);
  });

  it('shows a case to its owner and its assignee; others see it hidden (404), read-only may look but not change (403)', async () => {
    const agent = await t.as('sales_agent');
    const p = await made(agent, '/api/v1/partners', { name: 'Agent Cases' });
    const assigned = await made(admin, '/api/v1/cases', {
      subject: 'For the agent',
      organizationId: p.id,
      assigneeId: t.users.sales_agent!.id,
    });
    const hidden = await made(admin, '/api/v1/cases', { subject: 'Admin only', organizationId: p.id });
    const own = await made(agent, '/api/v1/cases', { subject: 'Agent own', organizationId: p.id });
    const seen = (await agent.get(`/api/v1/cases?organizationId=${p.id}`)).body;
    expect(seen.items.map((c: { id: string }) => c.id).sort()).toEqual([assigned.id, own.id].sort());
    expect(seen.hiddenCount).toBe(1);
    expect((await agent.get(`/api/v1/partners/${p.id}/counts`)).body.cases).toEqual({ count: 2, hidden: 1 });
    expect((await agent.get(`/api/v1/cases/${hidden.id}`)).status).toBe(404);
    expect((await agent.patch(`/api/v1/cases/${hidden.id}`, { version: 1, status: 'closed' })).status).toBe(
      404,
    );
    expect(
      (await agent.patch(`/api/v1/cases/${assigned.id}`, { version: 1, status: 'in_progress' })).status,
    ).toBe(200);
    expect((await agent.delete(`/api/v1/cases/${own.id}`)).status).toBe(403); // agents may not delete cases
    const viewer = await t.as('read_only');
    expect((await viewer.get(`/api/v1/cases/${hidden.id}`)).status).toBe(200);
    expect((await viewer.patch(`/api/v1/cases/${hidden.id}`, { version: 1, status: 'closed' })).status).toBe(
      403,
    );
  });
});
