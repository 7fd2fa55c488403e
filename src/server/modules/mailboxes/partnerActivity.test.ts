/**
 * The partner page's synced-activity summary through the API: mail filed by real signed ingests, counted in
 * and out; the latest synced email and its actor (the contact for inbound, the mailbox owner for outbound);
 * the last contact of any kind up to now; the connected inboxes with the health rule of health.ts; the
 * communications scope; 404 for a hidden, trashed or unknown partner and 403 without communications.view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { createContact, createPartner } from '../../test/mailSync';
import { sign } from './ingest';

let t: TestApp;
let admin: Client;
let agent: Client;
let acme: string;
let agentBox: string;
let teamBox: string;
let newBox: string;
const keys = new Map<string, string>();

const activityOf = (client: Client, partnerId: string) =>
  client.get(`/api/v1/partners/${partnerId}/email-activity`);

async function forwarder(client: Client, email: string, label = ''): Promise<string> {
  const res = await client.post('/api/v1/mailboxes', { kind: 'forwarder', email, label });
  expect(res.status, res.text).toBe(201);
  keys.set(res.body.mailbox.id, res.body.ingestSecret);
  return res.body.mailbox.id as string;
}

/** Files mail through the forwarder's signed ingest endpoint, as an external forwarder would. */
async function ingest(mailboxId: string, actorEmail: string, entries: Record<string, unknown>[]) {
  const raw = JSON.stringify({ provider: 'gmail', actorEmail, entries });
  const ts = String(Math.floor(t.clock.now().getTime() / 1000));
  const res = await t.anonymous().request('POST', `/api/v1/mailboxes/${mailboxId}/ingest`, raw, {
    'content-type': 'application/json',
    'x-accord-timestamp': ts,
    'x-accord-signature': sign(keys.get(mailboxId)!, ts, raw),
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
  agent = await t.as('sales_agent');
  acme = await createPartner(admin, { name: 'Acme', website: 'acme.example' });
  await createContact(admin, acme, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example' });

  // The agent's forwarder files three messages with Ada; the admin's team inbox files an older one.
  agentBox = await forwarder(agent, 'fwd@accord.test', 'Agent inbox');
  const filed = await ingest(agentBox, 'fwd@accord.test', [
    {
      messageId: '<a1@acme.example>',
      from: 'Ada Lovelace <ada@acme.example>',
      to: 'fwd@accord.test',
      subject: 'Sponsoring the expo',
      date: '2026-02-27T10:00:00Z',
    },
    {
      messageId: '<a2@accord.test>',
      from: 'fwd@accord.test',
      to: 'ada@acme.example',
      subject: 'The deck',
      date: '2026-02-28T15:00:00Z',
    },
    {
      messageId: '<a3@acme.example>',
      from: 'ada@acme.example',
      to: 'fwd@accord.test',
      subject: 'Re: The deck',
      date: '2026-03-01T12:00:00Z',
    },
  ]);
  expect(filed).toMatchObject({ imported: 3 });
  teamBox = await forwarder(admin, 'team@accord.test', 'Team');
  await ingest(teamBox, 'team@accord.test', [
    {
      messageId: '<t1@acme.example>',
      from: 'ada@acme.example',
      to: 'team@accord.test',
      subject: 'First contact',
      date: '2026-02-20T08:00:00Z',
    },
  ]);
  // Connected but never synced, and paused: neither is healthy, and a paused one is not connected.
  newBox = await forwarder(admin, 'new@accord.test');
  const paused = await forwarder(admin, 'old@accord.test');
  expect((await admin.patch(`/api/v1/mailboxes/${paused}`, { version: 1, enabled: false })).status).toBe(200);

  // Logged by hand: a call this morning (the last contact) and a meeting planned for next week (not yet one).
  for (const [summary, occurredAt, channel] of [
    ['Call about the booth', '2026-03-02T08:00:00.000Z', 'call'],
    ['Planned site visit', '2026-03-09T15:00:00.000Z', 'meeting'],
  ])
    expect(
      (await admin.post('/api/v1/communications', { organizationId: acme, summary, occurredAt, channel }))
        .status,
    ).toBe(201);
});
afterAll(async () => t?.close());

describe('GET /api/v1/partners/:id/email-activity', () => {
  it('counts synced mail in and out, names the latest one’s sender, and keeps the last contact to now', async () => {
    const res = await activityOf(admin, acme);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      partnerId: acme,
      synced: { total: 4, inbound: 3, outbound: 1 },
      lastSynced: {
        occurredAt: '2026-03-01T12:00:00.000Z',
        direction: 'inbound',
        subject: 'Re: The deck',
        actorName: 'Ada Lovelace',
        actorEmail: 'ada@acme.example',
      },
      lastContactAt: '2026-03-02T08:00:00.000Z',
    });
    const latest = await admin.get(`/api/v1/communications/${res.body.lastSynced.communicationId}`);
    expect(latest.body).toMatchObject({ source: 'email_sync', subject: 'Re: The deck' });
  });

  it('names the mailbox’s owner as the actor of an outbound email', async () => {
    t.clock.set('2026-03-02T10:00:00.000Z');
    await ingest(agentBox, 'fwd@accord.test', [
      {
        messageId: '<a4@accord.test>',
        from: 'fwd@accord.test',
        to: ['ada@acme.example'],
        subject: 'Booth options',
        date: '2026-03-02T09:30:00Z',
      },
    ]);
    const res = await activityOf(admin, acme);
    expect(res.body).toMatchObject({
      synced: { total: 5, inbound: 3, outbound: 2 },
      lastSynced: {
        occurredAt: '2026-03-02T09:30:00.000Z',
        direction: 'outbound',
        subject: 'Booth options',
        actorName: 'Test sales_agent',
        actorEmail: 'fwd@accord.test',
      },
      lastContactAt: '2026-03-02T09:30:00.000Z',
    });
  });

  it('lists the connected inboxes, the caller’s own first, with health, last success and who may manage them', async () => {
    const forAdmin = (await activityOf(admin, acme)).body;
    expect(forAdmin.inboxCount).toBe(3);
    expect(forAdmin.inboxes).toEqual([
      {
        id: newBox,
        email: 'new@accord.test',
        label: '',
        ownerName: 'Test admin',
        status: 'never_synced',
        healthy: false,
        lastSuccessAt: null,
        mayManage: true,
      },
      {
        id: teamBox,
        email: 'team@accord.test',
        label: 'Team',
        ownerName: 'Test admin',
        status: 'healthy',
        healthy: true,
        lastSuccessAt: '2026-03-02T09:00:00.000Z',
        mayManage: true,
      },
      {
        id: agentBox,
        email: 'fwd@accord.test',
        label: 'Agent inbox',
        ownerName: 'Test sales_agent',
        status: 'healthy',
        healthy: true,
        lastSuccessAt: '2026-03-02T10:00:00.000Z',
        mayManage: true,
      },
    ]);
    // The agent manages only their own inbox, which comes first for them.
    const forAgent = (await activityOf(agent, acme)).body;
    expect(forAgent.inboxes.map((i: any) => [i.email, i.mayManage])).toEqual([
      ['fwd@accord.test', true],
      ['new@accord.test', false],
      ['team@accord.test', false],
    ]);

    // Nothing new for more than 72 hours: the same rule as the mailbox's own health.
    t.clock.set('2026-03-05T09:30:00.000Z');
    const later = (await activityOf(admin, acme)).body;
    expect(later.inboxes.map((i: any) => [i.email, i.status, i.healthy])).toEqual([
      ['new@accord.test', 'stale', false],
      ['team@accord.test', 'stale', false],
      ['fwd@accord.test', 'healthy', true],
    ]);
    const health = (await admin.get(`/api/v1/mailboxes/${teamBox}`)).body.health;
    expect(health.status).toBe('stale');
    t.clock.set('2026-03-02T10:00:00.000Z');
  });

  it('counts only the communications the caller may see, as the timeline does', async () => {
    // The agent sees their own communications: not the team inbox's mail nor the admin's call.
    const res = await activityOf(agent, acme);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      synced: { total: 4, inbound: 2, outbound: 2 },
      lastSynced: { subject: 'Booth options', direction: 'outbound' },
      lastContactAt: '2026-03-02T09:30:00.000Z',
    });
    const timeline = (await agent.get(`/api/v1/communications?organizationId=${acme}`)).body.items;
    expect(timeline.length).toBe(4);
  });

  it('answers an empty summary for a partner with no mail, and null times when nothing happened yet', async () => {
    const quiet = await createPartner(admin, { name: 'Quiet Co' });
    const res = await activityOf(admin, quiet);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      synced: { total: 0, inbound: 0, outbound: 0 },
      lastSynced: null,
      lastContactAt: null,
      inboxCount: 3,
    });
  });

  it('answers 404 for an unknown, hidden or trashed partner, 400 for a malformed id', async () => {
    const unknown = await activityOf(admin, newId());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'not_found', message: 'That partner was not found.' });
    const secret = (await admin.post('/api/v1/partners', { name: 'Secret Co', visibility: 'owner' })).body.id;
    expect((await activityOf(admin, secret)).status).toBe(200);
    expect((await activityOf(agent, secret)).status).toBe(404);
    const trashed = await createPartner(admin, { name: 'Gone Co' });
    expect((await admin.delete(`/api/v1/partners/${trashed}?related=unlink`)).status).toBe(200);
    expect((await activityOf(admin, trashed)).status).toBe(404);
    const malformed = await activityOf(admin, 'not-an-id');
    expect(malformed.status).toBe(400);
  });

  it('answers 403 to a role that may see the partner but not its communications', async () => {
    const finance = await t.as('finance');
    expect((await finance.get(`/api/v1/partners/${acme}`)).status).toBe(200);
    const res = await activityOf(finance, acme);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});
