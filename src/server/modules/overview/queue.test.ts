/**
 * Boundaries of the action queue and the follow-up figures (reference §8.5–§8.7, §5; decisions 3, 4, 5),
 * through the API. Each test works in its own year so the tests do not see each other's links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { logCommunication, overview, setTimeZone, touch } from '../../test/overview';
import { createEvent, createLink, insertPartner } from '../../test/partnerships';

const DAY = 86_400_000;
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ now: '2030-06-15T12:00:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

/** An event in `year` and one link per spec, each to its own partner; returns the link ids. */
async function links(year: number, specs: Record<string, unknown>[]) {
  const event = await createEvent(admin, { name: `Queue ${year}`, year });
  const out: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const { touched, ...body } = spec as { touched?: number };
    const organizationId = await insertPartner(t, `Q${year} partner ${i}`);
    const link = await createLink(admin, { organizationId, eventId: event.id, ...body });
    if (touched !== undefined) await touch(t, 'links', link.id, touched);
    out.push(link.id);
  }
  return { event, ids: out };
}
const byId = (o: Awaited<ReturnType<typeof overview>>) => new Map(o.actionItems.map((i) => [i.sourceId, i]));

describe('action queue boundaries', () => {
  it('includes both ends of the window: due today is upcoming (priority 1), today + window is the last day', async () => {
    const today = '2030-06-15';
    const days = [-1, 0, 2, 3, 7, 8, 14, 15];
    const { ids } = await links(
      2100,
      days.map((d) => ({ followUpDate: addDays(today, d) })),
    );
    const o = await overview(admin, 'year=2100&windowDays=14');
    const items = byId(o);
    expect(days.map((_d, i) => items.get(ids[i]!)?.priority ?? null)).toEqual([0, 1, 1, 2, 2, 3, 3, null]);
    expect(items.get(ids[1]!)).toMatchObject({ daysUntilDue: 0, isOverdue: false, dueDate: today });
    expect(o.totals).toMatchObject({ overdueFollowUps: 1, upcomingFollowUps: 6, actionItemCount: 7 });
    expect(o.revenueByEvent[0]).toMatchObject({ overdueFollowUps: 1, upcomingFollowUps: 6 });
    // Clamped windows: 6 → 7 and 91 → 90.
    expect(byId(await overview(admin, 'year=2100&windowDays=6')).has(ids[4]!)).toBe(true);
    expect(byId(await overview(admin, 'year=2100&windowDays=6')).has(ids[5]!)).toBe(false);
    expect((await overview(admin, 'year=2100&windowDays=91')).scope.upcomingWindowDays).toBe(90);
  });

  it("counts a link stale from 14 days and overdue from 30, measured from today's midnight", async () => {
    const midnight = Date.parse('2030-06-15T00:00:00.000Z');
    const ago = [14 * DAY, 14 * DAY - 1, 30 * DAY, 30 * DAY - 1];
    const { ids } = await links(
      2099,
      ago.map((a) => ({ status: 'pitched', touched: midnight - a })),
    );
    for (const now of ['2030-06-15T00:00:00.000Z', '2030-06-15T23:59:59.999Z']) {
      t.clock.set(now);
      const items = byId(await overview(admin, 'year=2099'));
      expect(ago.map((_a, i) => items.get(ids[i]!)?.staleDays ?? null)).toEqual([14, null, 30, 29]);
      expect(items.get(ids[2]!)).toMatchObject({ priority: 1, isOverdue: true, dueDate: null });
      expect(items.get(ids[3]!)).toMatchObject({ priority: 2, isOverdue: false });
    }
    t.clock.set('2030-06-15T12:00:00.000Z');
  });

  it('lets confirmed links go stale but never paid, lost or custom ones; a far follow-up suppresses staleness', async () => {
    const old = Date.parse('2030-01-01T00:00:00.000Z');
    const statuses = ['confirmed', 'paid', 'declined', 'backed_out', 'Waiting on legal', 'prospecting'];
    const { ids } = await links(2098, [
      ...statuses.map((status) => ({ status, touched: old })),
      { status: 'pitched', followUpDate: '2030-12-01', touched: old },
    ]);
    const o = await overview(admin, 'year=2098');
    expect(o.actionItems.map((i) => i.sourceId).sort()).toEqual([ids[0], ids[5]].sort());
    expect(o.totals).toMatchObject({ staleItemCount: 2, overdueFollowUps: 2, actionItemCount: 2 });
  });

  it('drops follow-ups of closed links from the queue and every count (decision 3), whatever their date', async () => {
    const { ids } = await links(2097, [
      { status: 'paid', followUpDate: '2030-06-01' },
      { status: 'declined', followUpDate: '2020-01-01' },
      { status: 'backed_out', followUpDate: '2030-06-16' },
      { status: 'confirmed', followUpDate: '2030-06-01' },
      { status: 'pitched', followUpDate: '2001-01-01' },
    ]);
    const o = await overview(admin, 'year=2097');
    expect(o.actionItems.map((i) => i.sourceId)).toEqual([ids[4], ids[3]]); // no lower bound on overdue
    expect(o.revenueByEvent[0]).toMatchObject({ overdueFollowUps: 2, upcomingFollowUps: 0 });
    // Moving a link to a closed status clears its item at once.
    const link = (await admin.get(`/api/v1/links/${ids[3]}`)).body;
    await admin.patch(`/api/v1/links/${ids[3]}`, { version: link.version, status: 'paid' });
    expect((await overview(admin, 'year=2097')).totals.actionItemCount).toBe(1);
  });

  it('counts every item before cutting the list (decision 4)', async () => {
    await links(2096, [
      ...Array.from({ length: 9 }, (_v, i) => ({ followUpDate: addDays('2030-06-15', -1 - i) })),
      ...Array.from({ length: 6 }, (_v, i) => ({ followUpDate: addDays('2030-06-15', i) })),
    ]);
    const o = await overview(admin, 'year=2096&actionLimit=10');
    expect(o.actionItems).toHaveLength(10);
    expect(o.totals).toMatchObject({ actionItemCount: 15, overdueFollowUps: 9, upcomingFollowUps: 6 });
    expect(o.actionItems.slice(0, 9).every((i) => i.isOverdue)).toBe(true);
  });

  it('queues communication follow-ups (no priority 3), drops done ones, and keeps general ones only across all years', async () => {
    const { event } = await links(2095, []);
    const partner = await insertPartner(t, 'Comm partner');
    const comm = async (days: number, eventId: string | null) =>
      (
        await logCommunication(admin, {
          organizationId: partner,
          eventId,
          followUpDate: addDays('2030-06-15', days),
        })
      ).id as string;
    const ids = [
      await comm(-3, event.id),
      await comm(2, event.id),
      await comm(14, event.id),
      await comm(21, event.id),
    ];
    const general = await comm(1, null);
    const o = await overview(admin, 'year=2095');
    expect(o.actionItems.map((i) => [i.sourceId, i.priority])).toEqual([
      [ids[0], 0],
      [ids[1], 1],
      [ids[2], 2],
      [ids[3], 2],
    ]);
    expect(o.revenueByEvent[0]).toMatchObject({ overdueFollowUps: 0, upcomingFollowUps: 0 }); // links only
    expect(byId(await overview(admin, `eventId=${event.id}`)).has(general)).toBe(false);
    expect(byId(await overview(admin, 'year=all')).has(general)).toBe(true);
    const done = await admin.post(`/api/v1/communications/${ids[0]}/follow-up-done`, {
      done: true,
      version: 1,
    });
    expect(done.status, done.text).toBe(200);
    const after = await overview(admin, 'year=2095');
    expect(after.actionItems.map((i) => i.sourceId)).not.toContain(ids[0]);
    expect(after.totals).toMatchObject({ actionItemCount: 3, overdueFollowUps: 0 });
  });

  it('says per item whether the caller may change it, as the link and communication routes decide', async () => {
    const sales = await t.as('sales_agent');
    const readOnly = await t.as('read_only');
    const salesId = t.users.sales_agent!.id;
    const { event, ids } = await links(2093, [
      { status: 'pitched', followUpDate: '2030-06-16' },
      { status: 'pitched', followUpDate: '2030-06-17', ownerId: salesId },
    ]);
    const [theirs, mine] = ids as [string, string];
    const comm = await logCommunication(admin, {
      organizationId: await insertPartner(t, 'Q2093 comm partner'),
      eventId: event.id,
      followUpDate: '2030-06-18',
    });
    const canEdit = async (client: Client) =>
      Object.fromEntries(
        (await overview(client, 'year=2093')).actionItems.map((i) => [i.sourceId, i.canEdit]),
      );

    // A sales agent sees the team's queue (overview scope all) but edits only their own records.
    expect(await canEdit(sales)).toEqual({ [theirs]: false, [mine]: true, [comm.id]: false });
    expect(await canEdit(admin)).toEqual({ [theirs]: true, [mine]: true, [comm.id]: true });
    expect(await canEdit(readOnly)).toEqual({ [theirs]: false, [mine]: false, [comm.id]: false });

    // The flag is the routes' rule: the agent's change to a colleague's link is refused, to their own accepted.
    const version = async (id: string) => (await admin.get(`/api/v1/links/${id}`)).body.version as number;
    const refused = await sales.patch(`/api/v1/links/${theirs}`, {
      version: await version(theirs),
      followUpDate: null,
    });
    expect(refused.status).toBe(404);
    const accepted = await sales.patch(`/api/v1/links/${mine}`, {
      version: await version(mine),
      followUpDate: null,
    });
    expect(accepted.status, accepted.text).toBe(200);
  });

  it("withholds an item whose partner's own visibility leaves the caller out, and says how many", async () => {
    const sales = await t.as('sales_agent');
    const readOnly = await t.as('read_only');
    const adminId = t.users.admin!.id;
    const salesId = t.users.sales_agent!.id;
    const event = await createEvent(admin, { name: 'Queue 2092', year: 2092 });
    // Every test user is in the same department; a partner without an owner is in no department.
    const partners = {
      adminsPrivate: await insertPartner(t, 'Q2092 private to admin', {
        ownerId: adminId,
        visibility: 'owner',
      }),
      salesPrivate: await insertPartner(t, 'Q2092 private to sales', {
        ownerId: salesId,
        visibility: 'owner',
      }),
      team: await insertPartner(t, 'Q2092 team', { ownerId: adminId, visibility: 'team' }),
      noTeam: await insertPartner(t, 'Q2092 team of nobody', { ownerId: null, visibility: 'team' }),
      everyone: await insertPartner(t, 'Q2092 everyone', { ownerId: adminId, visibility: 'everyone' }),
    };
    const itemOf: Record<string, string> = {};
    for (const [key, organizationId] of Object.entries(partners)) {
      const link = await createLink(admin, { organizationId, eventId: event.id, followUpDate: '2030-06-20' });
      itemOf[link.id] = key;
    }
    const comm = await logCommunication(admin, {
      organizationId: partners.adminsPrivate,
      eventId: event.id,
      followUpDate: '2030-06-21',
    });
    itemOf[comm.id] = 'adminsPrivate (communication)';
    const seen = async (client: Client) => {
      const o = await overview(client, 'year=2092');
      return { items: o.actionItems.map((i) => itemOf[i.sourceId]).sort(), hidden: o.actionItemsHidden };
    };

    const all = Object.values(itemOf).sort();
    expect(await seen(admin)).toEqual({ items: all, hidden: 0 });
    expect(await seen(readOnly)).toEqual({ items: all, hidden: 0 });
    // The sales agent's partner scope is their own, plus what partners share with everyone or their team.
    expect(await seen(sales)).toEqual({ items: ['everyone', 'salesPrivate', 'team'], hidden: 3 });
    // The counts stay the team's: the same for every caller.
    const totals = async (client: Client) => (await overview(client, 'year=2092')).totals.actionItemCount;
    expect(await totals(sales)).toBe(await totals(admin));
    expect(await totals(admin)).toBe(6);
    // What the queue withholds is what the partner's page refuses the agent.
    expect((await sales.get(`/api/v1/partners/${partners.adminsPrivate}`)).status).toBe(404);
    expect((await sales.get(`/api/v1/partners/${partners.noTeam}`)).status).toBe(404);
    expect((await sales.get(`/api/v1/partners/${partners.team}`)).status).toBe(200);
  });

  it("takes today in the workspace's time zone (decision 5), near midnight", async () => {
    const midnight = Date.parse('2030-03-15T07:00:00.000Z'); // 2030-03-15 00:00 in Vancouver (PDT)
    const { ids } = await links(2094, [
      { followUpDate: '2030-03-15' },
      { status: 'pitched', touched: midnight - 14 * DAY },
      { status: 'pitched', touched: midnight - 14 * DAY + 1 },
    ]);
    await setTimeZone(admin, 'America/Vancouver');
    try {
      t.clock.set('2030-03-16T06:59:59.000Z'); // 23:59:59 on the 15th in Vancouver
      let o = await overview(admin, 'year=2094');
      expect(o.scope).toMatchObject({ today: '2030-03-15', timeZone: 'America/Vancouver' });
      expect(byId(o).get(ids[0]!)).toMatchObject({ daysUntilDue: 0, isOverdue: false });
      t.clock.set('2030-03-15T07:00:00.000Z'); // the first instant of the 15th there
      o = await overview(admin, 'year=2094');
      expect(byId(o).get(ids[1]!)?.staleDays).toBe(14);
      expect(byId(o).has(ids[2]!)).toBe(false);
      t.clock.set('2030-03-16T07:00:00.000Z'); // the 16th begins: the follow-up is overdue
      o = await overview(admin, 'year=2094');
      expect(byId(o).get(ids[0]!)).toMatchObject({ daysUntilDue: -1, isOverdue: true, priority: 0 });
      t.clock.set('2030-03-16T06:00:00.000Z'); // still the 15th in Vancouver; UTC would say the 16th
      expect((await overview(admin, 'year=2094')).scope.today).toBe('2030-03-15');
    } finally {
      await setTimeZone(admin, 'UTC');
      t.clock.set('2030-06-15T12:00:00.000Z');
    }
  });
});
