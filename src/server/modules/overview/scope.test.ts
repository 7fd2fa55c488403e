/**
 * Boundaries of the Overview's scope and figures (reference §8.1–§8.4, §8.8–§8.9, §5; decisions 1, 2, 6),
 * through the API: an empty workspace, archived events, orphan links, year auto at a year boundary, leap
 * years, timelines of one day, missing and zero goals, query values that make no sense.
 */
import { EMAIL_SYNC_NOT_CONFIGURED } from '../../../shared/mailboxes.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { logCommunication, orphanLinksOf, overview, setTimeZone, withoutTime } from '../../test/overview';
import { createEvent, createLink, insertPartner } from '../../test/partnerships';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-12-31T23:30:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

const link = async (eventId: string, body: Record<string, unknown> = {}) =>
  createLink(admin, { organizationId: await insertPartner(t, `Partner ${Math.random()}`), eventId, ...body });

describe('overview scope', () => {
  it('answers an empty workspace with empty lists, no year and zero or null figures', async () => {
    const o = await overview(admin);
    expect(o.scope).toMatchObject({
      selectedYear: null,
      year: null,
      availableYears: [],
      scopedEventCount: 0,
    });
    expect([o.revenueByEvent, o.actionItems, o.pipeline.byStatus]).toEqual([[], [], []]);
    expect(o.annual).toEqual({
      year: null,
      goalAmount: 0,
      committedAmount: 0,
      securedAmount: 0,
      pipelineAmount: 0,
      remainingToGoal: 0,
      progressToGoalPct: null,
      expectedProgressPct: null,
      expectedSecuredByNow: null,
      paceDelta: null,
      onTrack: null,
      paceStatus: 'no_goal',
      goalSource: 'event_goals',
      eventGoalAmount: 0,
      lostAmount: 0,
    });
    expect(Object.values(o.totals).every((v) => v === 0)).toBe(true);
    expect(o.emailSync).toEqual(EMAIL_SYNC_NOT_CONFIGURED);
    expect(o.sheetsSync).toMatchObject({ configured: false, message: 'Not configured', lastSyncAt: null });
  });

  it('never answers a query value with an error', async () => {
    for (const q of [
      'year=abc&windowDays=x&actionLimit=-5&includeArchived=maybe',
      'year=2026&year=2027&eventId=a&eventId=b',
      `eventId=${'%27'.repeat(200)}&unknown=1`,
      'windowDays=1e400&actionLimit=NaN&year=%20',
    ])
      expect((await admin.get(`/api/v1/partnerships/overview?${q}`)).status, q).toBe(200);
  });

  it('picks the latest year with an event for auto, even a future one, at a year boundary', async () => {
    const e2026 = await createEvent(admin, { name: 'This year', year: 2026, goal: 100_000 });
    await createEvent(admin, { name: 'Next year', year: 2027, goal: 200_000 });
    await link(e2026.id, { status: 'paid', amount: 50_000 });
    let o = await overview(admin);
    expect(o.scope).toMatchObject({ year: 2027, selectedYear: 2027, availableYears: [2027, 2026] });
    expect(o.annual).toMatchObject({
      year: 2027,
      expectedProgressPct: 0,
      onTrack: true,
      paceStatus: 'not_started',
    });
    o = await overview(admin, 'year=2026');
    expect(o.annual).toMatchObject({ expectedProgressPct: 99.73, progressToGoalPct: 50, onTrack: false });
    t.clock.set('2027-01-01T00:00:00.000Z');
    expect((await overview(admin, 'year=2026')).annual.expectedProgressPct).toBe(100);
    expect((await overview(admin)).annual).toMatchObject({ year: 2027, expectedProgressPct: 0 });
    // Three hours into 2027 in UTC is still New Year's Eve in Toronto.
    await setTimeZone(admin, 'America/Toronto');
    t.clock.set('2027-01-01T03:00:00.000Z');
    expect((await overview(admin, 'year=2026')).annual.expectedProgressPct).toBe(99.73);
    await setTimeZone(admin, 'UTC');
  });

  it('hides archived events with their links and communications unless asked, and counts them (decision 6)', async () => {
    const shown = await createEvent(admin, { name: 'Shown', year: 2024, goal: 100_000 });
    const archived = await createEvent(admin, { name: 'Archived', year: 2024, goal: 900_000 });
    const partner = await insertPartner(t, 'Archive partner');
    await createLink(admin, { organizationId: partner, eventId: shown.id, status: 'paid', amount: 10_000 });
    await createLink(admin, {
      organizationId: partner,
      eventId: archived.id,
      status: 'paid',
      amount: 70_000,
    });
    await logCommunication(admin, {
      organizationId: partner,
      eventId: archived.id,
      followUpDate: '2026-12-01',
    });
    await admin.patch(`/api/v1/events/${archived.id}`, { version: 1, archived: true });
    const hidden = await overview(admin, 'year=2024');
    expect(hidden.revenueByEvent.map((r) => r.eventName)).toEqual(['Shown']);
    expect(hidden.totals).toMatchObject({ securedAmount: 10_000, archivedEventCount: 1, actionItemCount: 0 });
    expect(hidden.annual.goalAmount).toBe(100_000);
    const all = await overview(admin, 'year=2024&includeArchived=true');
    expect(all.revenueByEvent.map((r) => [r.eventName, r.archived])).toEqual([
      ['Archived', true],
      ['Shown', false],
    ]);
    expect(all.totals).toMatchObject({ securedAmount: 80_000, archivedEventCount: 1, actionItemCount: 1 });
    expect(all.annual.goalAmount).toBe(1_000_000);
    expect(all.totals.partnersInScope).toBe(1);
  });

  it('keeps orphan links out while events are in scope, and counts them (without a row) when none is', async () => {
    const kept = await createEvent(admin, { name: 'Kept', year: 2023 });
    const gone = await createEvent(admin, { name: 'Gone', year: 2023 });
    await link(kept.id, { amount: 1_000 });
    await link(gone.id, { amount: 2_000 });
    await orphanLinksOf(t, gone.id);
    expect((await overview(admin, 'year=2023')).totals).toMatchObject({
      relationshipCount: 1,
      pipelineAmount: 1_000,
    });
    const lonely = await createEvent(admin, { name: 'Lonely', year: 2022 });
    await link(lonely.id, { amount: 5_000, status: 'shortlist' });
    await orphanLinksOf(t, lonely.id);
    const o = await overview(admin, 'year=2022');
    expect(o.revenueByEvent).toEqual([]);
    expect(o.totals).toMatchObject({ relationshipCount: 1, pipelineAmount: 5_000, partnersInScope: 1 });
    expect(o.pipeline.byStatus.map((r) => r.status)).toEqual(['shortlist']);
  });

  it('counts links of archived partners (partner archiving is never considered)', async () => {
    const event = await createEvent(admin, { name: 'Partners', year: 2021 });
    const created = await link(event.id, { status: 'confirmed', amount: 4_000 });
    await t.accord.kernel.db
      .updateTable('organizations')
      .set({ archived_at: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', created.organizationId)
      .execute();
    const o = await overview(admin, 'year=2021');
    expect(o.totals).toMatchObject({ securedAmount: 4_000, partnersInScope: 1 });
    expect(o.totals.archivedPartnerCount).toBeGreaterThan(0);
  });

  it('scopes an event filter to that event, and to nothing when the year does not match', async () => {
    const event = await createEvent(admin, { name: 'Filtered', year: 2020, goal: 10_000 });
    await link(event.id, { amount: 3_000 });
    const alone = await overview(admin, `eventId=${event.id}`);
    expect(alone.scope).toMatchObject({
      year: 2020,
      selectedYear: 2020,
      scopedEventCount: 1,
      yearMode: 'auto',
    });
    expect(withoutTime(await overview(admin, `eventId=${event.id}&year=all`))).toMatchObject({
      ...withoutTime(alone),
      scope: { ...alone.scope, yearMode: 'all' },
    });
    const mismatch = await overview(admin, `eventId=${event.id}&year=2021`);
    expect(mismatch.revenueByEvent).toEqual([]);
    expect(mismatch.scope).toMatchObject({ year: 2021, selectedYear: 2021 });
    expect(mismatch.totals.relationshipCount).toBe(0);
  });
});

describe('goals and timelines', () => {
  it('treats a missing goal and a zero goal alike: no goal, null percentages, nothing remaining', async () => {
    for (const goal of [null, 0]) {
      const event = await createEvent(admin, { name: `Goal ${goal}`, year: 2019, goal });
      await link(event.id, { status: 'paid', amount: 1_000 });
    }
    const o = await overview(admin, 'year=2019');
    for (const row of o.revenueByEvent) {
      expect(row).toMatchObject({ hasGoal: false, paceStatus: 'no_goal', remainingToGoal: 0, goalAmount: 0 });
      expect(row).toMatchObject({ progressToGoalPct: null, expectedProgressPct: null, onTrack: null });
    }
    expect(o.annual).toMatchObject({
      goalAmount: 0,
      progressToGoalPct: null,
      onTrack: null,
      paceStatus: 'no_goal',
    });
    expect(o.totals.eventsWithGoalCount).toBe(0);
  });

  it('runs a one-day timeline from 0 to 100 % on its day, and leap years through 366 days', async () => {
    t.clock.set('2028-03-01T12:00:00.000Z');
    admin = await t.as('admin'); // the session went idle over the year
    const oneDay = await createEvent(admin, {
      name: 'One day',
      year: 2028,
      goal: 100_000,
      startDate: '2028-03-02',
      endDate: '2028-03-02',
    });
    const leap = await createEvent(admin, { name: 'Leap', year: 2028, goal: 100_000 });
    const row = async (id: string) =>
      (await overview(admin, 'year=2028')).revenueByEvent.find((r) => r.eventId === id)!;
    expect(await row(oneDay.id)).toMatchObject({ expectedProgressPct: 0, paceStatus: 'not_started' });
    expect(await row(leap.id)).toMatchObject({ expectedProgressPct: 16.39 }); // 60 of 366 days
    expect((await overview(admin, 'year=2028')).annual.expectedProgressPct).toBe(16.39);
    t.clock.set('2028-03-02T00:00:00.000Z');
    expect(await row(oneDay.id)).toMatchObject({ expectedProgressPct: 100, paceStatus: 'behind' });
    const fu = await link(leap.id, { followUpDate: '2028-02-29' });
    t.clock.set('2028-02-27T00:00:00.000Z');
    const item = (await overview(admin, 'year=2028')).actionItems.find((i) => i.sourceId === fu.id);
    expect(item).toMatchObject({ daysUntilDue: 2, priority: 1 });
  });
});
