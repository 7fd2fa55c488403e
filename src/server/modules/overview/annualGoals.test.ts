/** Annual goals: set, change, remove (back to the event goals), audited, and who may do it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { overview } from '../../test/overview';
import { createEvent, createLink, insertPartner } from '../../test/partnerships';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-07-02T12:00:00.000Z' });
  admin = await t.as('admin');
  await createEvent(admin, { name: 'Spring', goal: 300_000 });
  const fall = await createEvent(admin, { name: 'Fall', goal: 200_000 });
  await createLink(admin, {
    organizationId: await insertPartner(t, 'Payer'),
    eventId: fall.id,
    status: 'paid',
    amount: 250_000,
  });
  await createEvent(admin, { name: 'Old', year: 2025, goal: 50_000 });
});
afterAll(async () => t?.close());

describe('annual goals', () => {
  it('lists each year with its event goals until a goal is set', async () => {
    const res = await admin.get('/api/v1/partnerships/annual-goals');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        year: 2026,
        amount: null,
        currency: 'CAD',
        eventGoalAmount: 500_000,
        effectiveAmount: 500_000,
        version: null,
        updatedAt: null,
      },
      {
        year: 2025,
        amount: null,
        currency: 'CAD',
        eventGoalAmount: 50_000,
        effectiveAmount: 50_000,
        version: null,
        updatedAt: null,
      },
    ]);
  });

  it('sets, changes and removes a goal, which the Overview then uses, each change audited', async () => {
    const set = await admin.request('PUT', '/api/v1/partnerships/annual-goals/2026', { amount: 1_000_000 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ year: 2026, amount: 1_000_000, effectiveAmount: 1_000_000, version: 1 });
    let annual = (await overview(admin)).annual;
    expect(annual).toMatchObject({
      goalAmount: 1_000_000,
      goalSource: 'annual_goal',
      eventGoalAmount: 500_000,
    });
    expect(annual).toMatchObject({ securedAmount: 250_000, remainingToGoal: 750_000, progressToGoalPct: 25 });

    const missingVersion = await admin.request('PUT', '/api/v1/partnerships/annual-goals/2026', {
      amount: 5,
    });
    expect(missingVersion.status).toBe(409);
    expect(missingVersion.body.error.code).toBe('version_required');
    const changed = await admin.request('PUT', '/api/v1/partnerships/annual-goals/2026', {
      amount: 0,
      version: 1,
    });
    expect(changed.body).toMatchObject({ amount: 0, version: 2 });
    annual = (await overview(admin)).annual;
    expect(annual).toMatchObject({
      goalAmount: 0,
      progressToGoalPct: null,
      onTrack: null,
      paceStatus: 'no_goal',
    });
    const stale = await admin.request('PUT', '/api/v1/partnerships/annual-goals/2026', {
      amount: 9,
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');

    const removed = await admin.delete('/api/v1/partnerships/annual-goals/2026');
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ amount: null, effectiveAmount: 500_000, version: null });
    expect((await overview(admin)).annual).toMatchObject({ goalAmount: 500_000, goalSource: 'event_goals' });
    expect((await admin.delete('/api/v1/partnerships/annual-goals/2026')).status).toBe(404);
    const gone = await admin.request('PUT', '/api/v1/partnerships/annual-goals/2026', {
      amount: 1,
      version: 2,
    });
    expect(gone.status).toBe(409);

    const history = await admin.get('/api/v1/history/annual_goal/2026');
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: any) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(history.body.items[1].changes.amount).toEqual({ old: 1_000_000, new: 0 });
  });

  it('sets a goal for a year without events', async () => {
    const res = await admin.request('PUT', '/api/v1/partnerships/annual-goals/2030', { amount: 42 });
    expect(res.body).toMatchObject({ year: 2030, amount: 42, eventGoalAmount: 0, effectiveAmount: 42 });
    expect((await overview(admin, 'year=2030')).annual).toMatchObject({ year: 2030, goalAmount: 42 });
  });

  it('refuses bad years and amounts with 400', async () => {
    const put = (year: string, body: unknown) =>
      admin.request('PUT', `/api/v1/partnerships/annual-goals/${year}`, body);
    for (const [year, body, field] of [
      ['1999', { amount: 1 }, 'year'],
      ['abc', { amount: 1 }, 'year'],
      ['2026', { amount: -1 }, 'amount'],
      ['2026', { amount: 10.5 }, 'amount'],
      ['2026', {}, 'amount'],
      ['2026', { amount: 1, extra: true }, 'extra'],
    ] as const) {
      const res = await put(year, body);
      expect(res.status, `${year} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.fields?.[field], res.text).toBeTruthy();
    }
  });

  it('lets viewers read the Overview and goals, and only configurers change goals', async () => {
    for (const role of ['read_only', 'sales_agent']) {
      const c = await t.as(role);
      expect((await c.get('/api/v1/partnerships/overview')).status).toBe(200);
      expect((await c.get('/api/v1/partnerships/annual-goals')).status).toBe(200);
      const put = await c.request('PUT', '/api/v1/partnerships/annual-goals/2026', { amount: 1 });
      expect(put.status).toBe(403);
      expect(put.body.error.message).toMatch(/configure partnerships overview/);
    }
    expect((await (await t.as('finance')).get('/api/v1/partnerships/overview')).status).toBe(403);
  });
});
