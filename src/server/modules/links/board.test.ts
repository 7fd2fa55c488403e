import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_STATUSES } from '../../../shared/partnerships/statuses';
import { accounts } from '../../test/accounts';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { createEvent, createLink, insertPartner } from '../../test/partnerships';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

const GHOST = '01a229b2-4fce-7000-8b75-f1e59f2798c1';

describe('event board', () => {
  it('has a column per canonical status in order, then the custom ones found, with counts, totals and cards', async () => {
    const event = await createEvent(admin, {
      name: 'Board fest',
      tiers: [{ label: 'Gold', defaultAmount: 700 }],
    });
    const links: [string, string, number | null, Record<string, unknown>?][] = [
      ['Banana', 'confirmed', 200, { role: 'Judge', followUpDate: '2026-03-05' }],
      ['Apple', 'confirmed', 100],
      ['Cherry', 'paid', null],
      ['Date', 'Waiting on legal', 50],
      ['Elder', 'zz custom', 1],
      ['Fig', 'Alpha custom', null],
      ['Grape', 'pitched', 5],
    ];
    for (const [name, status, amount, extra] of links) {
      await createLink(admin, {
        organizationId: await insertPartner(t, name),
        eventId: event.id,
        status,
        amount,
        ...extra,
      });
    }
    const res = await admin.get(`/api/v1/events/${event.id}/board`);
    expect(res.status, res.text).toBe(200);
    const { columns } = res.body;
    expect(res.body.event).toEqual({ id: event.id, name: 'Board fest', year: 2026, currency: 'CAD' });
    expect(columns.map((c: any) => c.key)).toEqual([
      ...CANONICAL_STATUSES,
      'alpha_custom',
      'waiting_on_legal',
      'zz_custom',
    ]);
    const col = (key: string) => columns.find((c: any) => c.key === key);
    expect(col('confirmed')).toMatchObject({ label: 'Confirmed', group: 'secured', custom: false, count: 2 });
    expect(col('confirmed').totalAmount).toBe(300);
    expect(col('confirmed').cards.map((c: any) => c.partnerName)).toEqual(['Apple', 'Banana']);
    expect(col('confirmed').cards[1]).toEqual({
      id: expect.any(String),
      organizationId: expect.any(String),
      partnerName: 'Banana',
      status: 'confirmed',
      amount: 200,
      packageTier: '',
      role: 'Judge',
      followUpDate: '2026-03-05',
      ownerId: t.users.admin!.id,
      ownerName: 'Test admin',
      updatedAt: t.clock.now().toISOString(),
      version: 1,
    });
    expect(col('paid')).toMatchObject({ count: 1, totalAmount: 0 });
    expect(col('waiting_on_legal')).toMatchObject({ label: 'Waiting On Legal', group: 'open', custom: true });
    expect(col('declined')).toMatchObject({ group: 'lost', count: 0, totalAmount: 0, cards: [] });
    const total = columns.reduce((s: number, c: any) => s + c.totalAmount, 0);
    expect(total).toBe((await admin.get(`/api/v1/events/${event.id}`)).body.metrics.committedAmount);

    // The drag moves a card between columns.
    const card = col('pitched').cards[0];
    const moved = await admin.post(`/api/v1/links/${card.id}/status`, {
      status: 'declined',
      version: card.version,
    });
    expect(moved.status, moved.text).toBe(200);
    const after = (await admin.get(`/api/v1/events/${event.id}/board`)).body.columns;
    expect(after.find((c: any) => c.key === 'pitched').count).toBe(0);
    expect(after.find((c: any) => c.key === 'declined')).toMatchObject({ count: 1, totalAmount: 5 });
    expect((await admin.get(`/api/v1/events/${GHOST}/board`)).status).toBe(404);
  });
});

describe('record scope and permissions', () => {
  it('shows a sales agent only the links they own, while event figures count every link', async () => {
    const { newUser } = accounts(t);
    const dept = await admin.post('/api/v1/departments', { name: 'Elsewhere' });
    const outsider = await newUser('sales_agent', { departmentId: dept.body.id });
    const event = await createEvent(admin, { name: 'Scoped', goal: 1000 });
    const link = async (name: string, ownerId: string, amount: number) =>
      createLink(admin, {
        organizationId: await insertPartner(t, name),
        eventId: event.id,
        ownerId,
        amount,
        status: 'confirmed',
        followUpDate: '2026-03-20',
      });
    const mine = await link('Mine', t.users.sales_agent!.id, 100);
    const admins = await link('Admins', t.users.admin!.id, 200);
    const theirs = await link('Theirs', outsider.id, 300);

    const agent = await t.as('sales_agent');
    const listed = (await agent.get(`/api/v1/links?eventId=${event.id}`)).body.items;
    expect(listed.map((l: any) => l.id)).toEqual([mine.id]);
    expect((await agent.get(`/api/v1/links/${admins.id}`)).status).toBe(404);
    expect((await agent.patch(`/api/v1/links/${admins.id}`, { version: 1, role: 'x' })).status).toBe(404);
    expect(
      (await agent.post(`/api/v1/links/${admins.id}/status`, { version: 1, status: 'paid' })).status,
    ).toBe(404);
    expect((await agent.delete(`/api/v1/links/${admins.id}`)).status).toBe(404);
    expect((await agent.get(`/api/v1/links/${mine.id}`)).status).toBe(200);

    const detail = (await agent.get(`/api/v1/events/${event.id}`)).body;
    expect(detail.links.map((l: any) => l.id)).toEqual([mine.id]);
    expect(detail.upcomingFollowUps.map((f: any) => f.linkId)).toEqual([mine.id]);
    expect(detail.metrics).toMatchObject({ linkCount: 3, securedAmount: 600, progressPct: 60 });
    const listedEvent = (await agent.get('/api/v1/events?q=Scoped')).body.items[0];
    expect(listedEvent.metrics.linkCount).toBe(3);
    const board = (await agent.get(`/api/v1/events/${event.id}/board`)).body.columns;
    expect(board.find((c: any) => c.key === 'confirmed')).toMatchObject({ count: 1, totalAmount: 100 });

    // Creating: owned by the agent by default; never for someone else.
    const own = await agent.post('/api/v1/links', {
      organizationId: await insertPartner(t, 'Agent pick'),
      eventId: event.id,
    });
    expect(own.status, own.text).toBe(201);
    expect(own.body.ownerId).toBe(t.users.sales_agent!.id);
    const forOther = await agent.post('/api/v1/links', {
      organizationId: await insertPartner(t, 'Agent gift'),
      eventId: event.id,
      ownerId: t.users.admin!.id,
    });
    expect(forOther.status).toBe(400);
    expect(forOther.body.error.fields.ownerId).toMatch(/must be you/);
    const handOver = await agent.patch(`/api/v1/links/${mine.id}`, {
      version: 1,
      ownerId: t.users.admin!.id,
    });
    expect(handOver.status).toBe(400);
    const hidden = await insertPartner(t, 'Private partner', {
      ownerId: t.users.admin!.id,
      visibility: 'owner',
    });
    const hiddenLink = await agent.post('/api/v1/links', { organizationId: hidden, eventId: event.id });
    expect(hiddenLink.status).toBe(404);

    // A department-scoped role sees its department's links, not the outsider's.
    const teamRole = await admin.post('/api/v1/roles', {
      name: 'Team lead',
      permissions: {
        events: { actions: ['view'], scope: 'all' },
        links: { actions: ['view', 'edit'], scope: 'department' },
      },
    });
    expect(teamRole.status, teamRole.text).toBe(201);
    const lead = await newUser('team_lead', {
      departmentId: (await admin.get(`/api/v1/users/${t.users.admin!.id}`)).body.departmentId,
    });
    const leadClient = await t.login(lead.email);
    const seen = (await leadClient.get(`/api/v1/links?eventId=${event.id}&sort=partner`)).body.items;
    expect(seen.map((l: any) => l.partnerName)).toEqual(['Admins', 'Agent pick', 'Mine']);
    expect((await leadClient.get(`/api/v1/links/${theirs.id}`)).status).toBe(404);
  });

  it('lets read-only view links and the board but change nothing; roles without links get 403', async () => {
    const event = await createEvent(admin, { name: 'Perms' });
    const link = await createLink(admin, {
      organizationId: await insertPartner(t, 'Perm Co'),
      eventId: event.id,
    });
    const ro = await t.as('read_only');
    expect((await ro.get(`/api/v1/links?eventId=${event.id}`)).body.items).toHaveLength(1);
    expect((await ro.get(`/api/v1/events/${event.id}/board`)).status).toBe(200);
    expect((await ro.get(`/api/v1/history/link/${link.id}`)).status).toBe(200);
    const create = await ro.post('/api/v1/links', {
      organizationId: await insertPartner(t, 'Nope Co'),
      eventId: event.id,
    });
    expect(create.status).toBe(403);
    expect(create.body.error.message).toMatch(/create partner–event links/);
    expect((await ro.patch(`/api/v1/links/${link.id}`, { version: 1, role: 'x' })).status).toBe(403);
    expect((await ro.post(`/api/v1/links/${link.id}/status`, { version: 1, status: 'paid' })).status).toBe(
      403,
    );
    expect((await ro.delete(`/api/v1/links/${link.id}`)).status).toBe(403);
    const finance = await t.as('finance');
    expect((await finance.get('/api/v1/links')).status).toBe(403);
    expect((await finance.get(`/api/v1/events/${event.id}/board`)).status).toBe(403);
  });
});
