import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made, tableCounts } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

describe('sales activities', () => {
  it('logs, edits in place and deletes activities of a partner, newest first', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Active Partner' });
    const person = await made(admin, `/api/v1/partners/${p.id}/contacts`, {
      firstName: 'Ada',
      lastName: 'Ng',
    });
    const deal = await made(admin, '/api/v1/opportunities', { name: 'Deal', partnerId: p.id });
    const call = await made(admin, '/api/v1/activities', {
      type: 'call',
      subject: 'Intro call',
      partnerId: p.id,
      contactId: person.id,
      opportunityId: deal.id,
      occurredAt: '2026-03-01T15:30:00+01:00',
      durationMinutes: 30,
      outcome: 'Interested',
    });
    expect(call).toMatchObject({
      occurredAt: '2026-03-01T14:30:00.000Z',
      contactName: 'Ada Ng',
      opportunityName: 'Deal',
      ownerName: 'Test admin',
    });
    const note = await made(admin, '/api/v1/activities', {
      type: 'note',
      subject: 'Follow-up notes',
      partnerId: p.id,
    });
    expect(note.occurredAt).toBe('2026-03-02T09:00:00.000Z');
    const list = (await admin.get(`/api/v1/activities?partnerId=${p.id}`)).body;
    expect(list.items.map((a: { subject: string }) => a.subject)).toEqual(['Follow-up notes', 'Intro call']);
    expect(
      (await admin.get(`/api/v1/activities?partnerId=${p.id}&type=call&from=2026-03-01&to=2026-03-01`)).body
        .items,
    ).toHaveLength(1);
    const edited = await admin.patch(`/api/v1/activities/${call.id}`, {
      version: 1,
      outcome: 'Sent the deck',
      durationMinutes: 45,
    });
    expect(edited.body).toMatchObject({ outcome: 'Sent the deck', durationMinutes: 45, version: 2 });
    expect((await admin.get(`/api/v1/history/activity/${call.id}`)).body.items[0].changes).toEqual({
      outcome: { old: 'Interested', new: 'Sent the deck' },
      duration_minutes: { old: 30, new: 45 },
    });
    expect((await admin.delete(`/api/v1/activities/${note.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/activities?partnerId=${p.id}`)).body.items).toHaveLength(1);
    expect((await admin.get(`/api/v1/partners/${p.id}/counts`)).body.activities).toEqual({
      count: 1,
      hidden: 0,
    });
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Strict Activities' });
    const other = await made(admin, '/api/v1/partners', { name: 'Other Activities' });
    const stranger = await made(admin, `/api/v1/partners/${other.id}/contacts`, { lastName: 'Stranger' });
    const before = await tableCounts(t);
    const bad = await admin.post('/api/v1/activities', {
      type: 'fax',
      subject: '',
      durationMinutes: -5,
      occurredAt: 'yesterday',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'durationMinutes',
      'occurredAt',
      'subject',
      'type',
    ]);
    const orphan = await admin.post('/api/v1/activities', { type: 'task', subject: 'Nowhere' });
    expect(orphan.body.error.fields).toEqual({
      partnerId: 'is required: log an activity against a partner, a lead or an opportunity',
    });
    const wrong = await admin.post('/api/v1/activities', {
      type: 'call',
      subject: 'X',
      partnerId: p.id,
      contactId: stranger.id,
    });
    expect(wrong.body.error.fields).toEqual({ contactId: 'is not a person of this partner' });
    expect(await tableCounts(t)).toEqual(before);
  });

  it('keeps activities to their owner’s scope and says how many are hidden', async () => {
    const agent = await t.as('sales_agent');
    const p = await made(agent, '/api/v1/partners', { name: 'Agent Activities' });
    await made(agent, '/api/v1/activities', { type: 'email', subject: 'Mine', partnerId: p.id });
    const theirs = await made(admin, '/api/v1/activities', {
      type: 'meeting',
      subject: 'Theirs',
      partnerId: p.id,
    });
    const list = (await agent.get(`/api/v1/activities?partnerId=${p.id}`)).body;
    expect(list.items.map((a: { subject: string }) => a.subject)).toEqual(['Mine']);
    expect(list.hiddenCount).toBe(1);
    expect((await agent.patch(`/api/v1/activities/${theirs.id}`, { version: 1, subject: 'X' })).status).toBe(
      404,
    );
    expect((await agent.delete(`/api/v1/activities/${theirs.id}`)).status).toBe(404);
    const lead = await made(admin, '/api/v1/leads', { name: 'Hidden lead' });
    const refused = await agent.post('/api/v1/activities', { type: 'call', subject: 'X', leadId: lead.id });
    expect(refused.body.error.fields).toEqual({ leadId: 'is not a lead you can see' });
  });
});
