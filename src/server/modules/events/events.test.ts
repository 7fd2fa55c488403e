import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { createEvent, createLink, insertPartner, writeCounts } from '../../test/partnerships';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

const history = async (entity: string, id: string) =>
  (await admin.get(`/api/v1/history/${entity}/${id}`)).body.items as {
    action: string;
    changes: Record<string, { old: unknown; new: unknown }>;
  }[];

describe('events API', () => {
  it('creates an event with tier presets and the workspace currency, audited with the tiers as one field', async () => {
    const created = await admin.post('/api/v1/events', {
      name: '  Hack the North  ',
      year: 2026,
      outreachStart: '2026-01-15',
      startDate: '2026-09-12',
      endDate: '2026-09-14',
      goal: 5_000_000,
      notes: 'Flagship',
      tiers: [
        { label: 'Gold Sponsor', defaultAmount: 1_000_000 },
        { key: 'Silver', label: 'Silver' },
      ],
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Hack the North',
      year: 2026,
      currency: 'CAD',
      archived: false,
      version: 1,
      tiers: [
        { key: 'gold_sponsor', label: 'Gold Sponsor', defaultAmount: 1_000_000 },
        { key: 'silver', label: 'Silver', defaultAmount: null },
      ],
      metrics: { linkCount: 0, securedAmount: 0, openAmount: 0, progressPct: 0 },
    });
    const usd = await createEvent(admin, { name: 'US tour', currency: 'USD' });
    expect(usd.currency).toBe('USD');
    const [entry] = await history('event', created.body.id);
    expect(entry!.action).toBe('create');
    expect(entry!.changes.tiers!.new).toEqual(created.body.tiers);
    expect(entry!.changes.name!.new).toBe('Hack the North');
  });

  it('refuses bad input with 400 and field messages a person understands, writing nothing', async () => {
    const before = await writeCounts(t);
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{ year: 2026 }, 'name', /required/],
      [{ name: 'x'.repeat(141), year: 2026 }, 'name', /at most 140/],
      [{ name: 'E', year: 1999 }, 'year', /2000/],
      [{ name: 'E', year: 2026.5 }, 'year', /whole/],
      [{ name: 'E' }, 'year', /required/],
      [{ name: 'E', year: 2026, startDate: '2026-02-31' }, 'startDate', /real calendar date/],
      [{ name: 'E', year: 2026, endDate: '31/12/2026' }, 'endDate', /calendar date/],
      [{ name: 'E', year: 2026, goal: -1 }, 'goal', /negative/],
      [{ name: 'E', year: 2026, goal: 10.5 }, 'goal', /cents/],
      [{ name: 'E', year: 2026, currency: 'cad' }, 'currency', /three-letter/],
      [{ name: 'E', year: 2026, notes: 'n'.repeat(5001) }, 'notes', /at most 5000/],
      [{ name: 'E', year: 2026, archived: true }, 'archived', /not a known field/],
      [
        { name: 'E', year: 2026, tiers: Array.from({ length: 13 }, (_, i) => ({ label: `T${i}` })) },
        'tiers',
        /at most 12/,
      ],
      [{ name: 'E', year: 2026, tiers: [{ label: 'x'.repeat(61) }] }, 'tiers.0.label', /at most 60/],
      [{ name: 'E', year: 2026, tiers: [{ label: '€€€' }] }, 'tiers.0.label', /letter or digit/],
      [
        { name: 'E', year: 2026, tiers: [{ label: 'Gold' }, { key: 'GOLD', label: 'Gold again' }] },
        'tiers.1.key',
        /"gold" is already the key of tier 1/,
      ],
      [{ name: 'E', year: 2026, tiers: [{ label: 'Gold', defaultAmount: -5 }] }, 'tiers.0.defaultAmount'],
      [
        { name: 'E', year: 2026, startDate: '2026-06-02', endDate: '2026-06-01' },
        'endDate',
        /on or after the start date \(2026-06-02\)/,
      ],
      [
        { name: 'E', year: 2026, outreachStart: '2026-07-01', endDate: '2026-06-01' },
        'outreachStart',
        /on or before the end date/,
      ],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.post('/api/v1/events', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields?.[field], res.text).toBeTruthy();
      if (message) expect(res.body.error.fields[field]).toMatch(message);
    }
    expect(await writeCounts(t)).toEqual(before);
  });

  it('lists every event (archived too) newest year first, later start first, undated last, then by name, with SQL metrics', async () => {
    const mk = (name: string, year: number, startDate: string | null, goal: number | null = null) =>
      createEvent(admin, { name: `List ${name}`, year, startDate, goal });
    const old = await mk('Old', 2024, '2024-05-01');
    const undated = await mk('Undated', 2030, null);
    const june = await mk('June', 2030, '2030-06-01', 200_000);
    const juneAlpha = await mk('Alpha', 2030, '2030-06-01', 10_000);
    const may = await mk('May', 2030, '2030-05-01');
    await admin.patch(`/api/v1/events/${old.id}`, { version: 1, archived: true });
    const names = async (query: string) =>
      ((await admin.get(`/api/v1/events?q=List&${query}`)).body.items as { name: string }[]).map(
        (e) => e.name,
      );
    expect(await names('')).toEqual(['List Alpha', 'List June', 'List May', 'List Undated', 'List Old']);
    expect(await names('includeArchived=false')).not.toContain('List Old');
    expect(await names('year=2024')).toEqual(['List Old']);

    const amounts: [string, number | null][] = [
      ['confirmed', 100_000],
      ['paid', 50_000],
      ['declined', 30_000],
      ['pitched', 20_000],
      ['Waiting on legal', 10_000],
      ['', null],
    ];
    for (const [i, [status, amount]] of amounts.entries()) {
      const org = await insertPartner(t, `Metric partner ${i}`);
      await createLink(admin, { organizationId: org, eventId: june.id, status, amount });
    }
    await createLink(admin, {
      organizationId: await insertPartner(t, 'Big spender'),
      eventId: juneAlpha.id,
      status: 'paid',
      amount: 25_000,
    });
    const list = (await admin.get('/api/v1/events?q=List')).body.items as any[];
    expect(list.find((e) => e.id === june.id).metrics).toEqual({
      linkCount: 6,
      confirmedCount: 1,
      paidCount: 1,
      committedAmount: 210_000,
      securedAmount: 150_000,
      openAmount: 30_000,
      progressPct: 75,
    });
    expect(list.find((e) => e.id === juneAlpha.id).metrics.progressPct).toBe(100);
    expect(list.find((e) => e.id === may.id).metrics).toMatchObject({ linkCount: 0, progressPct: 0 });
    expect(list.find((e) => e.id === undated.id).metrics.committedAmount).toBe(0);
    const bad = await admin.get('/api/v1/events?year=abc&includeArchived=maybe');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['includeArchived', 'year']);
  });

  it('shows the detail: tiers, metrics, links with partner names and follow-ups from today on, closed ones left out', async () => {
    const event = await createEvent(admin, {
      name: 'Detail fest',
      goal: 100_000,
      tiers: [{ label: 'Gold', defaultAmount: 40_000 }],
    });
    const link = async (name: string, status: string, followUpDate: string | null) =>
      createLink(admin, {
        organizationId: await insertPartner(t, name),
        eventId: event.id,
        status,
        packageTier: 'gold',
        followUpDate,
      });
    await link('Zeta', 'pitched', '2026-03-01'); // yesterday
    const today = await link('Acme', 'confirmed', '2026-03-02');
    await link('Paid Co', 'paid', '2026-03-10'); // closed: no follow-up
    const later = await link('Beta', 'shortlist', '2026-04-01');
    const detail = await admin.get(`/api/v1/events/${event.id}`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.tiers).toEqual([{ key: 'gold', label: 'Gold', defaultAmount: 40_000 }]);
    expect(detail.body.metrics).toMatchObject({ linkCount: 4, securedAmount: 80_000, progressPct: 80 });
    expect(detail.body.links.map((l: any) => l.partnerName)).toEqual(['Acme', 'Beta', 'Paid Co', 'Zeta']);
    expect(detail.body.links[0]).toMatchObject({ amount: 40_000, currency: 'CAD', statusLabel: 'Confirmed' });
    expect(detail.body.upcomingFollowUps.map((f: any) => [f.linkId, f.followUpDate])).toEqual([
      [today.id, '2026-03-02'],
      [later.id, '2026-04-01'],
    ]);
    expect((await admin.get('/api/v1/events/01a229b2-4fce-7000-8b75-f1e59f2798c1')).status).toBe(404);
    expect((await admin.get('/api/v1/events/nope')).status).toBe(400);
  });

  it('renames and moves an event to another year in one audited update, every link still attached', async () => {
    const event = await createEvent(admin, { name: 'Rename me', year: 2026, tiers: [{ label: 'Gold' }] });
    const a = await createLink(admin, {
      organizationId: await insertPartner(t, 'Keep A'),
      eventId: event.id,
    });
    const b = await createLink(admin, {
      organizationId: await insertPartner(t, 'Keep B'),
      eventId: event.id,
    });
    const res = await admin.patch(`/api/v1/events/${event.id}`, {
      version: 1,
      name: 'Renamed',
      year: 2027,
      tiers: [{ label: 'Gold' }, { label: 'Bronze', defaultAmount: 500 }],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ name: 'Renamed', year: 2027, version: 2 });
    expect(res.body.metrics.linkCount).toBe(2);
    const links = (await admin.get(`/api/v1/links?eventId=${event.id}`)).body.items as any[];
    expect(links.map((l) => l.id).sort()).toEqual([a.id, b.id].sort());
    expect(links.every((l) => l.eventName === 'Renamed' && l.eventYear === 2027)).toBe(true);
    const [entry] = await history('event', event.id);
    expect(entry!.action).toBe('update');
    expect(entry!.changes.name).toEqual({ old: 'Rename me', new: 'Renamed' });
    expect(entry!.changes.year).toEqual({ old: 2026, new: 2027 });
    expect((entry!.changes.tiers!.new as unknown[]).length).toBe(2);

    const stale = await admin.patch(`/api/v1/events/${event.id}`, { version: 1, name: 'Stale' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.message).toMatch(/changed by Test admin/);
    const empty = await admin.patch(`/api/v1/events/${event.id}`, { version: 2 });
    expect(empty.status).toBe(400);
    const order = await admin.patch(`/api/v1/events/${event.id}`, {
      version: 2,
      endDate: '2027-06-01',
      startDate: '2027-07-01',
    });
    expect(order.status).toBe(400);
    expect(order.body.error.fields.endDate).toMatch(/on or after the start date/);
  });

  it('leaves nothing changed when the update fails mid-way', async () => {
    const event = await createEvent(admin, { name: 'Fragile', year: 2026, tiers: [{ label: 'Gold' }] });
    await createLink(admin, { organizationId: await insertPartner(t, 'Fragile partner'), eventId: event.id });
    const before = await writeCounts(t);
    // The event row is written first, then its links' currency: take the links table away so that step fails.
    const db = t.accord.kernel.db;
    await sql`ALTER TABLE links RENAME TO links_away`.execute(db);
    let res;
    try {
      res = await admin.patch(`/api/v1/events/${event.id}`, {
        version: 1,
        name: 'Half written',
        year: 2028,
        currency: 'USD',
        tiers: [{ label: 'Platinum' }],
      });
    } finally {
      await sql`ALTER TABLE links_away RENAME TO links`.execute(db);
    }
    expect(res.status).toBe(500);
    const after = (await admin.get(`/api/v1/events/${event.id}`)).body;
    expect(after).toMatchObject({ name: 'Fragile', year: 2026, currency: 'CAD', version: 1 });
    expect(after.tiers.map((x: any) => x.key)).toEqual(['gold']);
    expect(after.links[0].currency).toBe('CAD');
    expect(await writeCounts(t)).toEqual(before);
  });

  it('archives and restores with the archived field, and carries a currency change to the links', async () => {
    const event = await createEvent(admin, { name: 'Archivable' });
    const link = await createLink(admin, {
      organizationId: await insertPartner(t, 'Archivable partner'),
      eventId: event.id,
      amount: 100,
    });
    const archived = await admin.patch(`/api/v1/events/${event.id}`, { version: 1, archived: true });
    expect(archived.body).toMatchObject({ archived: true, archivedAt: t.clock.now().toISOString() });
    const restored = await admin.patch(`/api/v1/events/${event.id}`, {
      version: 2,
      archived: false,
      currency: 'EUR',
    });
    expect(restored.body).toMatchObject({ archived: false, archivedAt: null, currency: 'EUR' });
    expect((await admin.get(`/api/v1/links/${link.id}`)).body.currency).toBe('EUR');
    const changes = (await history('event', event.id)).map((e) => Object.keys(e.changes).sort());
    expect(changes.slice(0, 2)).toEqual([['archived_at', 'currency'], ['archived_at']]);
  });

  it('refuses to delete an event while links exist and soft-deletes it once they are gone', async () => {
    const event = await createEvent(admin, { name: 'Doomed', year: 2026 });
    const link = await createLink(admin, {
      organizationId: await insertPartner(t, 'Doomed partner'),
      eventId: event.id,
    });
    const refused = await admin.delete(`/api/v1/events/${event.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('event_has_links');
    expect(refused.body.error.message).toMatch(/Doomed \(2026\) has 1 partner link.*Archive it instead/);
    expect((await admin.delete(`/api/v1/links/${link.id}`)).status).toBe(200);
    expect((await admin.delete(`/api/v1/events/${event.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/events/${event.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/v1/events/${event.id}`, { version: 2, name: 'Back' })).status).toBe(404);
    expect((await admin.delete(`/api/v1/events/${event.id}`)).status).toBe(404);
    const items = (await admin.get('/api/v1/events?q=Doomed')).body.items;
    expect(items).toHaveLength(0);
    expect((await history('event', event.id))[0]!.action).toBe('delete');
  });

  it('lets read-only and sales roles view events but not change them', async () => {
    const event = await createEvent(admin, { name: 'Guarded' });
    for (const role of ['read_only', 'sales_agent']) {
      const c = await t.as(role);
      expect((await c.get('/api/v1/events')).status).toBe(200);
      expect((await c.get(`/api/v1/events/${event.id}`)).status).toBe(200);
      expect((await c.get(`/api/v1/history/event/${event.id}`)).status).toBe(200);
      const create = await c.post('/api/v1/events', { name: 'Nope', year: 2026 });
      expect(create.status).toBe(403);
      expect(create.body.error.message).toMatch(/create events/);
      expect((await c.patch(`/api/v1/events/${event.id}`, { version: 1, name: 'x' })).status).toBe(403);
      expect((await c.delete(`/api/v1/events/${event.id}`)).status).toBe(403);
    }
    expect((await (await t.as('finance')).get('/api/v1/events')).status).toBe(403);
  });
});
