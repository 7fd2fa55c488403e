/**
 * The reference's test vectors (partnerships-reference.md §2.11) rebuilt through the API. Amounts are
 * cents. Where a decision of partnerships.md changes an expected value, the line says which one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import {
  insertRawLink,
  logCommunication,
  orphanLinksOf,
  overview,
  touch,
  withoutTime,
} from '../../test/overview';
import { createEvent, createLink, insertContact, insertPartner } from '../../test/partnerships';

describe('vector V1 (2026-03-15)', () => {
  let t: TestApp;
  let admin: Client;
  const id: Record<string, string> = {};
  const ids = (items: { id: string }[]) => items.map((i) => i.id);
  const rows = (o: { revenueByEvent: { eventId: string }[] }) => o.revenueByEvent.map((r) => r.eventId);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-15T12:00:00.000Z' });
    admin = await t.as('admin');
    id.p1 = await insertPartner(t, 'Acme');
    await insertContact(t, id.p1, 'Ann', 'Lee');
    id.p2 = await insertPartner(t, 'Beta');
    await insertContact(t, id.p2, 'Bob', '');
    id.p3 = await insertPartner(t, 'Gamma');
    await t.accord.kernel.db
      .updateTable('organizations')
      .set({ archived_at: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', id.p3)
      .execute();
    const event = async (key: string, body: Record<string, unknown>) => {
      id[key] = (await createEvent(admin, body)).id;
    };
    await event('e1', {
      name: 'Blueprint',
      goal: 1_000_000,
      outreachStart: '2026-01-01',
      startDate: '2026-02-01',
      endDate: '2026-05-01',
    });
    await event('e2', { name: 'HelloHacks', goal: 500_000 });
    await event('e3', {
      name: 'Old',
      year: 2025,
      goal: 300_000,
      startDate: '2025-01-01',
      endDate: '2025-02-01',
    });
    await event('e4', { name: 'Arch', goal: 999_900 });
    await event('e5', { name: 'NoGoal', startDate: '2026-06-01', endDate: '2026-06-02' });
    const link = async (
      key: string,
      partner: string,
      event: string,
      status: string,
      amount: number | null,
      followUpDate: string | null,
      updatedAt: number | null,
    ) => {
      const body = { organizationId: id[partner], eventId: id[event], status, amount, followUpDate };
      id[key] = (await createLink(admin, body)).id;
      if (updatedAt !== null) await touch(t, 'links', id[key]!, updatedAt);
    };
    await link('l1', 'p1', 'e1', 'confirmed', 300_000, '2026-03-10', 1773000000000);
    await link('l2', 'p2', 'e1', 'pitched', 200_000, '2026-03-16', 1773000000000);
    await link('l3', 'p1', 'e2', 'paid', 100_000, null, 1770000000000);
    await link('l4', 'p2', 'e2', 'in_conversation', 50_000, null, 1770000000000); // "500" in the reference
    await link('l5', 'p3', 'e4', 'paid', 999_900, null, null);
    await link('l6', 'p1', 'e3', 'declined', 70_000, null, 1700000000000);
    await link('l7', 'p2', 'e5', 'Waiting Contract', null, '2026-04-04', 1773500000000);
    await link('l8', 'p1', 'e5', 'confirmed', 25_000, null, 1771000000000);
    expect((await admin.patch(`/api/v1/events/${id.e4}`, { version: 1, archived: true })).status).toBe(200);
    for (const e of ['e1', 'e2', 'e3', 'e4', 'e5']) await touch(t, 'events', id[e]!, 1000);
    id.c1 = (
      await logCommunication(admin, {
        organizationId: id.p1,
        eventId: id.e1,
        subject: 'Call',
        followUpDate: '2026-03-14',
      })
    ).id;
    id.c2 = (await logCommunication(admin, { organizationId: id.p2, followUpDate: '2026-03-20' })).id;
    await touch(t, 'communications', id.c2!, 5);
    id.c3 = (await logCommunication(admin, { organizationId: id.p2, followUpDate: '2026-05-20' })).id;
  });
  afterAll(async () => t?.close());

  it('query {}: auto is 2026 for every figure (decision 2), open pipeline is open links (decision 1)', async () => {
    const o = await overview(admin);
    expect(o.scope).toEqual({
      selectedYear: 2026,
      requestedYear: null,
      requestedEventId: null,
      includeArchived: false,
      upcomingWindowDays: 21,
      actionLimit: 40,
      availableYears: [2026, 2025],
      scopedEventCount: 3, // decision 2: 2026 only (reference: 4, all years)
      yearMode: 'auto',
      year: 2026,
      today: '2026-03-15',
      timeZone: 'UTC',
    });
    expect(o.totals).toMatchObject({
      partnerCount: 3,
      activePartnerCount: 2,
      archivedPartnerCount: 1,
      partnersInScope: 2,
      relationshipCount: 6, // decision 2: l6 (2025) is out (reference: 7)
      securedRelationshipCount: 3,
      pipelineAmount: 250_000, // decisions 1 and 2: open links of 2026 (reference: 7450, every amount)
      securedAmount: 425_000,
      upcomingFollowUps: 2, // decision 2: c2 has no event, so no year (reference: 3)
      overdueFollowUps: 3,
      actionItemCount: 6, // decision 2 (reference: 7)
      openRelationshipCount: 3,
      committedAmount: 675_000,
      lostAmount: 0,
      archivedEventCount: 1,
      staleItemCount: 2,
      eventsWithGoalCount: 2,
      eventsBehindCount: 1,
    });
    expect(o.annual).toEqual({
      year: 2026,
      goalAmount: 1_500_000,
      committedAmount: 675_000,
      securedAmount: 425_000,
      pipelineAmount: 250_000, // decision 1: open links (here the same as committed − secured)
      remainingToGoal: 1_075_000,
      progressToGoalPct: 28.33,
      expectedProgressPct: 20,
      expectedSecuredByNow: 300_000,
      paceDelta: 125_000,
      onTrack: true,
      paceStatus: 'ahead',
      goalSource: 'event_goals',
      eventGoalAmount: 1_500_000,
      lostAmount: 0,
    });
    // Decision 2: 2026 only, so no declined row (reference: confirmed 43.62 %, declined 700 among them).
    expect(
      o.pipeline.byStatus.map((r) => [r.status, r.count, r.amount, r.shareByAmountPct, r.shareByCountPct]),
    ).toEqual([
      ['confirmed', 2, 325_000, 48.15, 33.33],
      ['pitched', 1, 200_000, 29.63, 16.67],
      ['paid', 1, 100_000, 14.81, 16.67],
      ['in_conversation', 1, 50_000, 7.41, 16.67],
      ['waiting_contract', 1, 0, 0, 16.67],
    ]);
    expect(o.pipeline).toMatchObject({ totalCount: 6, totalAmount: 675_000, securedAmount: 425_000 });
    expect(rows(o)).toEqual([id.e5, id.e1, id.e2]); // decision 2: e3 (2025) is out
    const [e5, e1, e2] = o.revenueByEvent;
    expect(e5).toMatchObject({
      paceStatus: 'no_goal',
      hasGoal: false,
      upcomingFollowUps: 1,
      overdueFollowUps: 0,
    });
    expect(e5).toMatchObject({
      progressToGoalPct: null,
      expectedProgressPct: null,
      onTrack: null,
      paceDelta: null,
    });
    expect(e1).toMatchObject({
      paceStatus: 'behind',
      expectedProgressPct: 60.83,
      progressToGoalPct: 30,
      upcomingFollowUps: 1,
      overdueFollowUps: 1,
      pipelineAmount: 200_000,
      expectedSecuredByNow: 608_333,
      paceDelta: -308_333,
      lastActivityAt: '2026-03-08T20:00:00.000Z',
      eventIdYear: `${id.e1}#2026`,
    });
    expect(e2).toMatchObject({ paceStatus: 'on_track', progressToGoalPct: 20, expectedProgressPct: 20 });
    expect(e2).toMatchObject({ pipelineAmount: 50_000, expectedSecuredByNow: 100_000, paceDelta: 0 });
    // Decision 2: c2 (no event) is not in 2026's queue (reference: between l2 and l8).
    expect(ids(o.actionItems)).toEqual([
      `link-follow-up-${id.l1}`,
      `comm-follow-up-${id.c1}`,
      `link-stale-${id.l4}`,
      `link-follow-up-${id.l2}`,
      `link-stale-${id.l8}`,
      `link-follow-up-${id.l7}`,
    ]);
    const [l1, c1, l4, l2, l8, l7] = o.actionItems;
    expect(l1).toMatchObject({ type: 'follow_up', priority: 0, isOverdue: true, daysUntilDue: -5 });
    expect(l1).toMatchObject({
      title: 'Acme (Ann Lee)',
      description: 'Blueprint • Confirmed',
      amount: 300_000,
    });
    expect(c1).toMatchObject({ type: 'communication_follow_up', source: 'communication', priority: 0 });
    expect(c1).toMatchObject({
      daysUntilDue: -1,
      description: 'Call • Blueprint',
      status: null,
      amount: null,
    });
    expect(l4).toMatchObject({ type: 'stale_pipeline', priority: 1, isOverdue: true, staleDays: 40 });
    expect(l4).toMatchObject({ dueDate: null, title: 'Beta (Bob)', canMarkDone: false });
    expect(l4!.description).toBe('HelloHacks • In Conversation • No follow-up set for 40 days');
    expect(l2).toMatchObject({ priority: 1, daysUntilDue: 1, isOverdue: false });
    expect(l8).toMatchObject({ type: 'stale_pipeline', priority: 2, staleDays: 29, status: 'confirmed' });
    expect(l7).toMatchObject({ priority: 3, daysUntilDue: 20, statusLabel: 'Waiting Contract', amount: 0 });
  });

  it('year=all: the reference figures over every year, open pipeline still open links only (decision 1)', async () => {
    const o = await overview(admin, 'year=all');
    expect(o.scope).toMatchObject({ scopedEventCount: 4, selectedYear: 2026, year: null, yearMode: 'all' });
    expect(o.totals).toMatchObject({
      relationshipCount: 7,
      securedRelationshipCount: 3,
      pipelineAmount: 250_000, // decision 1 (reference: 7450, every amount)
      committedAmount: 745_000,
      securedAmount: 425_000,
      upcomingFollowUps: 3,
      overdueFollowUps: 3,
      actionItemCount: 7,
    });
    expect(o.pipeline.byStatus.map((r) => [r.status, r.count, r.amount])).toEqual([
      ['confirmed', 2, 325_000],
      ['pitched', 1, 200_000],
      ['paid', 1, 100_000],
      ['declined', 1, 70_000],
      ['in_conversation', 1, 50_000],
      ['waiting_contract', 1, 0],
    ]);
    expect(o.pipeline.byStatus[0]!.shareByAmountPct).toBe(43.62);
    expect(o.pipeline.byStatus.map((r) => r.shareByCountPct).slice(0, 2)).toEqual([28.57, 14.29]);
    expect(rows(o)).toEqual([id.e5, id.e1, id.e2, id.e3]);
    expect(o.revenueByEvent[3]).toMatchObject({
      paceStatus: 'behind',
      expectedProgressPct: 100,
      pipelineAmount: 0, // decision 1: the declined 700 is lost, not pipeline (reference: 700)
      lostAmount: 70_000,
    });
    expect(ids(o.actionItems)).toEqual([
      `link-follow-up-${id.l1}`,
      `comm-follow-up-${id.c1}`,
      `link-stale-${id.l4}`,
      `link-follow-up-${id.l2}`,
      `comm-follow-up-${id.c2}`,
      `link-stale-${id.l8}`,
      `link-follow-up-${id.l7}`,
    ]);
    expect(o.actionItems[4]).toMatchObject({
      priority: 2,
      daysUntilDue: 5,
      description: 'Follow-up needed • General',
    });
    expect(o.actionItems[4]).toMatchObject({ eventId: null, eventName: 'General', title: 'Beta (Bob)' });
    expect(o.annual.goalAmount).toBe(1_500_000);
  });

  it('eventId=e2: one event; the annual block is still the whole of 2026', async () => {
    const o = await overview(admin, `eventId=${id.e2}`);
    expect(rows(o)).toEqual([id.e2]);
    expect(o.scope).toMatchObject({
      scopedEventCount: 1,
      selectedYear: 2026,
      year: 2026,
      requestedEventId: id.e2,
    });
    expect(o.annual.goalAmount).toBe(1_500_000);
    expect(ids(o.actionItems)).toEqual([`link-stale-${id.l4}`]);
  });

  it('year=2025: the 2025 annual block expects 100 % and is behind', async () => {
    const o = await overview(admin, 'year=2025');
    expect(rows(o)).toEqual([id.e3]);
    expect(o.annual).toMatchObject({
      year: 2025,
      goalAmount: 300_000,
      expectedProgressPct: 100,
      onTrack: false,
      paceStatus: 'behind',
      committedAmount: 70_000,
      pipelineAmount: 0, // decision 1: the declined amount is lost (reference: 700)
    });
    expect(o.scope).toMatchObject({ requestedYear: 2025, year: 2025, yearMode: 'year' });
    expect(o.totals.pipelineAmount).toBe(0); // decision 1
  });

  it('includeArchived=TRUE: the archived event shows (ahead) and its goal counts', async () => {
    const o = await overview(admin, 'includeArchived=TRUE');
    expect(o.scope.scopedEventCount).toBe(4); // decision 2: 2026's four events (reference: 5, all years)
    expect(o.revenueByEvent.find((r) => r.eventId === id.e4)).toMatchObject({
      paceStatus: 'ahead',
      archived: true,
      securedAmount: 999_900,
    });
    expect(o.annual.goalAmount).toBe(2_499_900);
  });

  it('eventId=e4 (archived, hidden): everything is empty and the annual year is null', async () => {
    const o = await overview(admin, `eventId=${id.e4}`);
    expect(o.revenueByEvent).toEqual([]);
    expect(o.actionItems).toEqual([]);
    expect(o.pipeline.byStatus).toEqual([]);
    expect(o.totals).toMatchObject({ relationshipCount: 0, actionItemCount: 0, partnersInScope: 0 });
    expect(o.annual).toMatchObject({ year: null, goalAmount: 0, securedAmount: 0, onTrack: null });
    expect(o.scope).toMatchObject({ selectedYear: null, year: null, scopedEventCount: 0 });
  });

  it('windowDays="" clamps to 7, so l7 (due in 20 days) drops out; the reference name works too', async () => {
    for (const query of ['windowDays=', 'upcomingWindowDays=']) {
      const o = await overview(admin, query);
      expect(o.scope.upcomingWindowDays).toBe(7);
      expect(ids(o.actionItems)).not.toContain(`link-follow-up-${id.l7}`);
      expect(o.actionItems).toHaveLength(5);
    }
  });

  it('actionLimit=3 clamps to 10; year=1999 is auto', async () => {
    expect((await overview(admin, 'actionLimit=3')).scope.actionLimit).toBe(10);
    const auto = await overview(admin);
    expect(withoutTime(await overview(admin, 'year=1999'))).toEqual(withoutTime(auto));
  });
});

describe('vector V2 (2026-03-16, 05:00 UTC)', () => {
  let t: TestApp;
  let admin: Client;
  const id: Record<string, string> = {};
  const midnight = Date.parse('2026-03-16T00:00:00.000Z');
  const DAY = 86_400_000;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-16T05:00:00.000Z' });
    admin = await t.as('admin');
    id.e1 = (
      await createEvent(admin, {
        name: 'Same day',
        goal: 100_000,
        startDate: '2026-03-15',
        endDate: '2026-03-15',
      })
    ).id;
    id.e2 = (
      await createEvent(admin, {
        name: 'Later',
        goal: 100_000,
        outreachStart: '2026-04-01',
        endDate: '2026-05-01',
      })
    ).id;
    const link = async (key: string, body: Record<string, unknown>, touchedAt?: number) => {
      const organizationId = await insertPartner(t, `Partner ${key}`);
      id[key] = (await createLink(admin, { organizationId, eventId: id.e1, ...body })).id;
      if (touchedAt !== undefined) await touch(t, 'links', id[key]!, touchedAt);
    };
    await link('a', { status: '', followUpDate: '2026-03-15' });
    await link('b', { followUpDate: '2026-04-05' });
    await link('c', { followUpDate: '2026-04-06' });
    await link('d', { status: 'shortlist' }, midnight - 15 * DAY);
    await link('e', { status: 'shortlist' }, midnight - 14 * DAY - 1);
    await link('f', { status: 'shortlist' }, Date.parse('2026-02-13T00:00:00.000Z'));
    await link('g', { eventId: id.e2, status: 'paid', amount: 60_000 });
    await link('h', { status: 'declined', followUpDate: '2025-01-01' });
    // Accord refuses an impossible date (partnerships.md, data model); stored anyway, it is never due.
    const refused = await admin.post('/api/v1/links', {
      organizationId: await insertPartner(t, 'Partner i'),
      eventId: id.e1,
      status: 'pitched',
      followUpDate: '2026-13-01',
    });
    expect(refused.status).toBe(400);
    id.i = await insertRawLink(t, {
      organizationId: await insertPartner(t, 'Partner i2'),
      eventId: id.e1!,
      status: 'pitched',
      followUpDate: '2026-13-01',
    });
    const gone = (await createEvent(admin, { name: 'Gone', goal: 100_000 })).id;
    id.j = (
      await createLink(admin, { organizationId: await insertPartner(t, 'Partner j'), eventId: gone })
    ).id;
    await orphanLinksOf(t, gone);
  });
  afterAll(async () => t?.close());

  it('reproduces the timelines, the queue order and the orphan rule', async () => {
    const o = await overview(admin);
    const [e1, e2] = o.revenueByEvent;
    expect(e1).toMatchObject({ eventId: id.e1, expectedProgressPct: 100, paceStatus: 'behind' });
    // Decision 3: h is declined, so its old follow-up is not overdue work (reference: overdue 2).
    expect(e1).toMatchObject({ upcomingFollowUps: 2, overdueFollowUps: 1 });
    expect(e2).toMatchObject({ eventId: id.e2, expectedProgressPct: 0, paceStatus: 'not_started' });
    expect(e2!.progressToGoalPct).toBe(60);
    expect(
      o.actionItems.map((i) => [i.sourceId, i.daysUntilDue ?? i.staleDays, i.priority, i.isOverdue]),
    ).toEqual([
      // Decision 3: h (declined, −439 days) leaves the queue (reference: first).
      [id.a, -1, 0, true],
      [id.f, 31, 1, true],
      [id.e, 14, 2, false],
      [id.d, 15, 2, false],
      [id.b, 20, 3, false],
      [id.c, 21, 3, false],
    ]);
    expect(o.actionItems.map((i) => i.sourceId)).not.toContain(id.i);
    expect(o.totals.relationshipCount).toBe(9); // j's event is gone: not counted
    expect(o.annual).toMatchObject({ expectedProgressPct: 20.27, onTrack: true });
  });
});
