import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { createEvent, createLink, insertContact, insertPartner, writeCounts } from '../../test/partnerships';

let t: TestApp;
let admin: Client;
let event: any;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  event = await createEvent(admin, {
    name: 'Summit',
    year: 2026,
    currency: 'EUR',
    tiers: [
      { label: 'Gold', defaultAmount: 500_000 },
      { label: 'Silver', defaultAmount: null },
    ],
  });
});
afterAll(async () => t?.close());

const GHOST = '01a229b2-4fce-7000-8b75-f1e59f2798c1';

describe('links API', () => {
  it('creates a link with defaults (reached out, owned by its creator, in the event currency), audited', async () => {
    const org = await insertPartner(t, 'Acme');
    const contact = await insertContact(t, org, 'Ada', 'Lovelace');
    const res = await admin.post(`/api/v1/events/${event.id}/links`, {
      organizationId: org,
      contactId: contact,
      role: ' Sponsor ',
      followUpDate: '2026-03-10',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      organizationId: org,
      partnerName: 'Acme',
      eventId: event.id,
      eventName: 'Summit',
      eventYear: 2026,
      status: 'reached_out',
      statusLabel: 'Reached Out',
      statusGroup: 'open',
      packageTier: '',
      role: 'Sponsor',
      amount: null,
      currency: 'EUR',
      followUpDate: '2026-03-10',
      contactId: contact,
      contactName: 'Ada Lovelace',
      ownerId: t.users.admin!.id,
      ownerName: 'Test admin',
      version: 1,
    });
    expect((await admin.get(`/api/v1/links/${res.body.id}`)).body).toEqual(res.body);
    const history = (await admin.get(`/api/v1/history/link/${res.body.id}`)).body.items;
    expect(history[0].action).toBe('create');
    expect(history[0].changes.status).toEqual({ old: null, new: 'reached_out' });
  });

  it('applies the tier default amount rules on create and update', async () => {
    const make = async (name: string, body: Record<string, unknown>) =>
      createLink(admin, { organizationId: await insertPartner(t, name), eventId: event.id, ...body });
    expect((await make('Tier 1', { packageTier: 'Gold' })).amount).toBe(500_000);
    expect((await make('Tier 2', { packageTier: 'gold', amount: null })).amount).toBeNull();
    expect((await make('Tier 3', { packageTier: 'gold', amount: 1234 })).amount).toBe(1234);
    expect((await make('Tier 4', { packageTier: 'silver' })).amount).toBeNull();
    const custom = await make('Tier 5', { packageTier: 'Community Booth' });
    expect(custom).toMatchObject({ packageTier: 'community_booth', amount: null });

    const link = await make('Tier 6', { amount: 77 });
    const patch = async (body: Record<string, unknown>) => {
      const current = (await admin.get(`/api/v1/links/${link.id}`)).body;
      const res = await admin.patch(`/api/v1/links/${link.id}`, { version: current.version, ...body });
      expect(res.status, res.text).toBe(200);
      return res.body;
    };
    expect((await patch({ role: 'Judge' })).amount).toBe(77);
    expect((await patch({ packageTier: 'gold' })).amount).toBe(500_000);
    expect((await patch({ packageTier: 'gold', amount: 42 })).amount).toBe(42);
    expect((await patch({ packageTier: 'gold' })).amount).toBe(500_000); // sent again: reset again
    expect((await patch({ packageTier: 'silver' })).amount).toBeNull();
    expect((await patch({ packageTier: 'bespoke' })).amount).toBeNull();
    expect((await patch({ amount: 900 })).amount).toBe(900);
    expect((await patch({ packageTier: '' })).amount).toBeNull();
  });

  it('normalises statuses: aliases, custom slugs, empty means reached out, symbols refused', async () => {
    const cases: [string, string, string][] = [
      ['Reached Out', 'reached_out', 'Reached Out'],
      ['in conversation', 'in_conversation', 'In Conversation'],
      ['  BACKED OUT ', 'backed_out', 'Backed Out'],
      ['CONFIRMED', 'confirmed', 'Confirmed'],
      ['Waiting on Legal!', 'waiting_on_legal', 'Waiting On Legal'],
      ['', 'reached_out', 'Reached Out'],
    ];
    for (const [i, [sent, status, label]] of cases.entries()) {
      const link = await createLink(admin, {
        organizationId: await insertPartner(t, `Status ${i}`),
        eventId: event.id,
        status: sent,
      });
      expect([link.status, link.statusLabel], sent).toEqual([status, label]);
    }
    const org = await insertPartner(t, 'Status refused');
    for (const [status, message] of [
      ['!!!', /letter or digit/],
      ['x'.repeat(61), /at most 60/],
      [42, /must be a status/],
    ] as const) {
      const res = await admin.post('/api/v1/links', { organizationId: org, eventId: event.id, status });
      expect(res.status).toBe(400);
      expect(res.body.error.fields.status).toMatch(message);
    }
    const listed = await admin.get(
      `/api/v1/links?eventId=${event.id}&status=${encodeURIComponent('In Conversation')}`,
    );
    expect(listed.body.items.map((l: any) => l.status)).toEqual(['in_conversation']);
    expect((await admin.get('/api/v1/links?status=%25%25')).status).toBe(400);
  });

  it('refuses a second link for the same partner and event with a 409 naming the existing link', async () => {
    const org = await insertPartner(t, 'Twice Inc');
    const first = await createLink(admin, { organizationId: org, eventId: event.id });
    const before = await writeCounts(t);
    const again = await admin.post(`/api/v1/events/${event.id}/links`, {
      organizationId: org,
      status: 'paid',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate_link');
    expect(again.body.error.message).toContain('Twice Inc is already linked to Summit (2026)');
    expect(again.body.error.message).toContain(first.id);
    expect(again.body.error.fields.organizationId).toContain(first.id);
    expect(again.body.error.existingId).toBe(first.id);
    expect(await writeCounts(t)).toEqual(before);
  });

  it('checks what a link refers to: 404 for a missing partner or event, 400 for a foreign contact or unknown owner', async () => {
    const org = await insertPartner(t, 'Refs Ltd');
    const other = await insertPartner(t, 'Other Ltd');
    const foreignContact = await insertContact(t, other, 'Bob', 'Other');
    const gone = await insertPartner(t, 'Gone Ltd', { deleted: true });
    const deletedEvent = await createEvent(admin, { name: 'Deleted event' });
    await admin.delete(`/api/v1/events/${deletedEvent.id}`);
    const before = await writeCounts(t);
    const post = (body: Record<string, unknown>) =>
      admin.post('/api/v1/links', { organizationId: org, eventId: event.id, ...body });
    const missing = await post({ organizationId: GHOST });
    expect([missing.status, missing.body.error.message]).toEqual([404, 'That partner was not found.']);
    expect((await post({ organizationId: gone })).status).toBe(404);
    const noEvent = await post({ eventId: GHOST });
    expect([noEvent.status, noEvent.body.error.message]).toEqual([404, 'That event was not found.']);
    expect((await post({ eventId: deletedEvent.id })).status).toBe(404);
    expect((await admin.post(`/api/v1/events/${GHOST}/links`, { organizationId: org })).status).toBe(404);
    const contact = await post({ contactId: foreignContact });
    expect(contact.status).toBe(400);
    expect(contact.body.error.fields.contactId).toBe('is not a contact of this partner');
    const owner = await post({ ownerId: GHOST });
    expect(owner.body.error.fields.ownerId).toBe('is not an active user');
    expect(await writeCounts(t)).toEqual(before);
  });

  it('refuses bad input with field messages (limits stated, impossible dates, negative amounts, unknown fields), writing nothing', async () => {
    const org = await insertPartner(t, 'Bad Input Co');
    const before = await writeCounts(t);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ role: 'r'.repeat(81) }, 'role', /at most 80/],
      [{ notes: 'n'.repeat(3001) }, 'notes', /at most 3000/],
      [{ amount: -1 }, 'amount', /negative/],
      [{ amount: 1.5 }, 'amount', /cents/],
      [{ amount: '100' }, 'amount', /cents/],
      [{ followUpDate: '2026-02-31' }, 'followUpDate', /real calendar date/],
      [{ packageTier: '***' }, 'packageTier', /letter or digit/],
      [{ packageTier: 'p'.repeat(61) }, 'packageTier', /at most 60/],
      [{ contactId: 'nope' }, 'contactId', /valid Accord id/],
      [{ priority: 'high' }, 'priority', /not a known field/],
      [{ eventId: undefined }, 'eventId', /required/],
    ];
    for (const [extra, field, message] of cases) {
      const res = await admin.post('/api/v1/links', { organizationId: org, eventId: event.id, ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error.fields?.[field], res.text).toMatch(message);
    }
    expect(await writeCounts(t)).toEqual(before);
  });

  it('keeps partner and event fixed, clears a follow-up date, and refuses stale versions', async () => {
    const link = await createLink(admin, {
      organizationId: await insertPartner(t, 'Fixed Co'),
      eventId: event.id,
      followUpDate: '2026-04-01',
    });
    for (const field of ['eventId', 'organizationId']) {
      const res = await admin.patch(`/api/v1/links/${link.id}`, { version: 1, [field]: GHOST });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[field]).toMatch(/cannot be changed after the link is created/);
    }
    expect((await admin.patch(`/api/v1/links/${link.id}`, { version: 1 })).status).toBe(400);
    const cleared = await admin.patch(`/api/v1/links/${link.id}`, { version: 1, followUpDate: null });
    expect(cleared.body).toMatchObject({ followUpDate: null, version: 2 });
    const stale = await admin.patch(`/api/v1/links/${link.id}`, { version: 1, role: 'Late' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const staleDrag = await admin.post(`/api/v1/links/${link.id}/status`, { version: 1, status: 'paid' });
    expect(staleDrag.status).toBe(409);
    const drag = await admin.post(`/api/v1/links/${link.id}/status`, { version: 2, status: 'Followed Up' });
    expect(drag.status, drag.text).toBe(200);
    expect(drag.body).toMatchObject({ status: 'followed_up', version: 3 });
    expect((await admin.post(`/api/v1/links/${link.id}/status`, { version: 3 })).status).toBe(400);
    const history = (await admin.get(`/api/v1/history/link/${link.id}`)).body.items;
    expect(history.map((e: any) => e.action)).toEqual(['update', 'update', 'create']);
    expect(history[0].changes).toEqual({ status: { old: 'reached_out', new: 'followed_up' } });
    expect(history[1].changes).toEqual({ follow_up_date: { old: '2026-04-01', new: null } });
    const outbox = await t.accord.kernel.db
      .selectFrom('outbox')
      .select('type')
      .where('entity_id', '=', link.id)
      .execute();
    expect(outbox.map((o) => o.type)).toContain('link.status_changed');
  });

  it('hard-deletes a link, audited with what it held', async () => {
    const link = await createLink(admin, {
      organizationId: await insertPartner(t, 'Deleted Co'),
      eventId: event.id,
      amount: 10,
    });
    expect((await admin.delete(`/api/v1/links/${link.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/links/${link.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/links/${link.id}`)).status).toBe(404);
    expect(
      await t.accord.kernel.db.selectFrom('links').where('id', '=', link.id).selectAll().execute(),
    ).toEqual([]);
    const [entry] = (await admin.get(`/api/v1/history/link/${link.id}`)).body.items;
    expect(entry.action).toBe('delete');
    expect(entry.changes.amount).toEqual({ old: 10, new: null });
  });

  it('lists links with filters and keyset pages without gaps or repeats', async () => {
    const fair = await createEvent(admin, { name: 'Fair', tiers: [{ label: 'Booth', defaultAmount: 100 }] });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const link = await createLink(admin, {
        organizationId: await insertPartner(t, `Fair partner ${String.fromCharCode(71 - i)}`),
        eventId: fair.id,
        status: i % 2 ? 'pitched' : 'confirmed',
        packageTier: i < 3 ? 'booth' : '',
        followUpDate: `2026-05-0${i + 1}`,
        ownerId: i === 0 ? t.users.sales_agent!.id : undefined,
      });
      ids.push(link.id);
    }
    const q = async (query: string) =>
      ((await admin.get(`/api/v1/links?eventId=${fair.id}&${query}`)).body.items as any[]).map((l) => l.id);
    expect((await q('')).sort()).toEqual([...ids].sort());
    expect((await q('status=pitched')).length).toBe(3);
    expect((await q('packageTier=Booth')).length).toBe(3);
    expect(await q(`ownerId=${t.users.sales_agent!.id}`)).toEqual([ids[0]]);
    expect((await q('followUpBefore=2026-05-03')).sort()).toEqual(ids.slice(0, 3).sort());
    expect(await q('q=partner%20g')).toEqual([ids[0]]);
    expect(
      await q('organizationId=' + (await admin.get(`/api/v1/links/${ids[1]}`)).body.organizationId),
    ).toEqual([ids[1]]);
    const byPartner = await q('sort=partner&limit=200');
    expect(byPartner).toEqual([...ids].reverse());

    for (const sort of ['partner', '-updatedAt', 'status', '-createdAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: any = await admin.get(
          `/api/v1/links?eventId=${fair.id}&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status, res.text).toBe(200);
        seen.push(...res.body.items.map((l: any) => l.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(await q(`sort=${sort}&limit=200`));
      expect(new Set(seen).size).toBe(7);
    }
    expect((await admin.get('/api/v1/links?sort=amount')).status).toBe(400);
    expect((await admin.get('/api/v1/links?cursor=garbage')).status).toBe(400);
    expect((await admin.get('/api/v1/links?followUpBefore=2026-13-01')).status).toBe(400);
  });
});
