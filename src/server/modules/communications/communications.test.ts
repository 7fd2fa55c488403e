import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
let partnerId: string;
let eventId: string;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-04-10T15:00:00.000Z' });
  admin = await t.as('admin');
  partnerId = (await admin.post('/api/v1/partners', { name: 'Contoso' })).body.id;
  eventId = newId();
  const at = t.clock.now().toISOString();
  await t.accord.kernel.db
    .insertInto('events')
    .values({
      id: eventId,
      name: 'Expo',
      year: 2026,
      outreach_start: null,
      start_date: null,
      end_date: null,
      goal_amount: null,
      currency: 'CAD',
      notes: '',
      archived_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
      deleted_at: null,
      updated_by: null,
    })
    .execute();
});
afterAll(async () => t?.close());

describe('communications', () => {
  it('logs a communication with defaults, lists timelines newest first per partner and per event', async () => {
    const first = await admin.post('/api/v1/communications', {
      organizationId: partnerId,
      summary: 'Intro call',
      channel: 'Video Call',
      occurredAt: '2026-04-01T10:00:00-04:00',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      channel: 'video_call',
      direction: 'outbound',
      occurredAt: '2026-04-01T14:00:00.000Z',
      source: 'manual',
      organizationName: 'Contoso',
      ownerName: 'Test admin',
      followUpDate: null,
    });
    const second = await admin.post('/api/v1/communications', {
      organizationId: partnerId,
      summary: 'Sent deck',
      subject: 'Deck',
      eventId,
      followUpDate: '2026-04-15',
    });
    expect(second.body).toMatchObject({
      eventName: 'Expo',
      eventYear: 2026,
      occurredAt: '2026-04-10T15:00:00.000Z',
    });

    const timeline = (await admin.get(`/api/v1/communications?organizationId=${partnerId}`)).body.items;
    expect(timeline.map((c: { summary: string }) => c.summary)).toEqual(['Sent deck', 'Intro call']);
    const byEvent = (await admin.get(`/api/v1/communications?eventId=${eventId}`)).body.items;
    expect(byEvent.map((c: { summary: string }) => c.summary)).toEqual(['Sent deck']);
    const open = (await admin.get(`/api/v1/communications?followUp=open`)).body.items;
    expect(open).toHaveLength(1);
  });

  it('marks a follow-up done and re-opens it with a new date; edits can clear the date', async () => {
    const c = (
      await admin.post('/api/v1/communications', {
        organizationId: partnerId,
        summary: 'Budget question',
        followUpDate: '2026-04-12',
      })
    ).body;
    const done = await admin.post(`/api/v1/communications/${c.id}/follow-up-done`, { version: c.version });
    expect(done.status).toBe(200);
    expect(done.body.followUpDoneAt).toBe('2026-04-10T15:00:00.000Z');
    expect(
      (await admin.get(`/api/v1/communications?followUp=open&organizationId=${partnerId}`)).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).not.toContain(c.id);
    const moved = await admin.patch(`/api/v1/communications/${c.id}`, {
      version: done.body.version,
      followUpDate: '2026-05-01',
    });
    expect(moved.body).toMatchObject({ followUpDate: '2026-05-01', followUpDoneAt: null });
    const cleared = await admin.patch(`/api/v1/communications/${c.id}`, {
      version: moved.body.version,
      followUpDate: null,
    });
    expect(cleared.body.followUpDate).toBeNull();
    const nothing = await admin.post(`/api/v1/communications/${c.id}/follow-up-done`, {
      version: cleared.body.version,
    });
    expect(nothing.status).toBe(400);
    expect(
      (await admin.patch(`/api/v1/communications/${c.id}`, { version: 1, summary: 'stale' })).status,
    ).toBe(409);
    const history = (await admin.get(`/api/v1/history/communication/${c.id}`)).body.items;
    expect(history.length).toBe(4);
    expect((await admin.delete(`/api/v1/communications/${c.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/communications/${c.id}`)).status).toBe(404);
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const before = (await admin.get(`/api/v1/communications?organizationId=${partnerId}&limit=200`)).body
      .items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ organizationId: partnerId, summary: '' }, 'summary'],
      [{ organizationId: partnerId }, 'summary'],
      [{ organizationId: partnerId, summary: 'x'.repeat(3001) }, 'summary'],
      [{ organizationId: partnerId, summary: 'ok', direction: 'sideways' }, 'direction'],
      [{ organizationId: partnerId, summary: 'ok', followUpDate: '2026-02-31' }, 'followUpDate'],
      [{ organizationId: partnerId, summary: 'ok', occurredAt: 'yesterday' }, 'occurredAt'],
      [{ organizationId: partnerId, summary: 'ok', channel: '!!!' }, 'channel'],
      [{ organizationId: partnerId, summary: 'ok', eventId: newId() }, 'eventId'],
      [{ organizationId: partnerId, summary: 'ok', contactId: newId() }, 'contactId'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/communications', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields[field], res.text).toBeTruthy();
    }
    expect(
      (await admin.post('/api/v1/communications', { organizationId: newId(), summary: 'ok' })).status,
    ).toBe(404);
    expect(
      (await admin.get(`/api/v1/communications?organizationId=${partnerId}&limit=200`)).body.items.length,
    ).toBe(before);
  });

  it('applies the role: read-only sees but cannot log; an agent sees only what they logged', async () => {
    const viewer = await t.as('read_only');
    expect((await viewer.get(`/api/v1/communications?organizationId=${partnerId}`)).status).toBe(200);
    expect(
      (await viewer.post('/api/v1/communications', { organizationId: partnerId, summary: 'x' })).status,
    ).toBe(403);
    const agent = await t.as('sales_agent');
    const mine = await agent.post('/api/v1/communications', {
      organizationId: partnerId,
      summary: 'Agent note',
    });
    expect(mine.status).toBe(201);
    const seen = (await agent.get(`/api/v1/communications?organizationId=${partnerId}`)).body.items.map(
      (c: { summary: string }) => c.summary,
    );
    expect(seen).toEqual(['Agent note']);
    const adminsOwn = (await admin.get(`/api/v1/communications?organizationId=${partnerId}`)).body.items.find(
      (c: { summary: string }) => c.summary === 'Intro call',
    );
    expect((await agent.get(`/api/v1/communications/${adminsOwn.id}`)).status).toBe(404);
  });
});
