import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

async function event(name: string, year: number): Promise<string> {
  const id = newId();
  const at = t.clock.now().toISOString();
  await t.accord.kernel.db
    .insertInto('events')
    .values({
      id,
      name,
      year,
      outreach_start: null,
      start_date: null,
      end_date: null,
      goal_amount: 1_000_000,
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
  return id;
}
async function link(
  organizationId: string,
  eventId: string,
  status: string,
  amount: number | null,
  packageTier = '',
  updatedAt?: string,
): Promise<void> {
  const at = updatedAt ?? t.clock.now().toISOString();
  await t.accord.kernel.db
    .insertInto('links')
    .values({
      id: newId(),
      organization_id: organizationId,
      event_id: eventId,
      status,
      package_tier: packageTier,
      role: '',
      amount,
      currency: 'CAD',
      follow_up_date: null,
      contact_id: null,
      owner_id: null,
      notes: '',
      created_at: at,
      updated_at: at,
      version: 1,
      deleted_at: null,
      updated_by: null,
    })
    .execute();
}

describe('partners', () => {
  it('creates a partner with tags, refuses duplicates ignoring case and punctuation, and validates every field', async () => {
    const res = await admin.post('/api/v1/partners', {
      name: 'Acme Robotics Inc.',
      email: 'Hello@Acme.example',
      website: 'https://acme.example',
      country: 'CA',
      tags: ['Hardware', 'hardware', 'AI'],
      isAlumni: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Acme Robotics Inc.',
      email: 'hello@acme.example',
      tags: ['AI', 'Hardware'],
      isAlumni: true,
      ownerId: t.users.admin!.id,
      visibility: 'everyone',
      status: 'active',
    });
    expect(res.body.metrics.relationshipCount).toBe(0);

    const dup = await admin.post('/api/v1/partners', { name: 'acme robotics, inc' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('Acme Robotics Inc.');
    expect(dup.body.error.message).toContain(res.body.id);
    expect(dup.body.error.existingId).toBe(res.body.id);

    const bad = await admin.post('/api/v1/partners', {
      name: '',
      email: 'nope',
      website: 'not a url',
      country: 'Canada',
      latitude: 200,
      notes: 'x'.repeat(5001),
      tags: ['x'.repeat(41)],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(
      ['country', 'email', 'latitude', 'name', 'notes', 'tags.0', 'website'].sort(),
    );
    expect(bad.body.error.fields.notes).toBe('must be at most 5000 characters');
    const symbols = await admin.post('/api/v1/partners', { name: '!!!' });
    expect(symbols.status).toBe(400);
  });

  it('filters by link-level status/event/tier together and computes metrics on the matching links only', async () => {
    const e2025 = await event('Summit', 2025);
    const e2026 = await event('Summit', 2026);
    const a = (await admin.post('/api/v1/partners', { name: 'Northwind' })).body.id as string;
    const b = (await admin.post('/api/v1/partners', { name: 'Globex' })).body.id as string;
    await link(a, e2025, 'paid', 500_000, 'gold', '2025-05-01T00:00:00.000Z');
    await link(a, e2026, 'confirmed', 300_000, 'silver', '2026-02-01T00:00:00.000Z');
    await link(b, e2026, 'declined', 200_000, 'gold', '2026-01-01T00:00:00.000Z');

    const all = (await admin.get('/api/v1/partners?q=northwind')).body.items[0];
    expect(all.metrics).toMatchObject({
      relationshipCount: 2,
      confirmedCount: 1,
      paidCount: 1,
      totalAmount: 800_000,
      securedAmount: 800_000,
      openAmount: 0,
      latestStatus: 'confirmed',
      lastTouchedAt: '2026-02-01T00:00:00.000Z',
    });

    const gold2026 = (await admin.get(`/api/v1/partners?eventId=${e2026}&packageTier=gold`)).body.items;
    expect(gold2026.map((p: { name: string }) => p.name)).toEqual(['Globex']);
    expect(gold2026[0].metrics).toMatchObject({
      relationshipCount: 1,
      totalAmount: 200_000,
      securedAmount: 0,
      openAmount: 0,
    });

    const confirmed = (await admin.get(`/api/v1/partners?status=Confirmed`)).body.items;
    expect(confirmed.map((p: { name: string }) => p.name)).toEqual(['Northwind']);
    expect(confirmed[0].metrics).toMatchObject({
      relationshipCount: 1,
      totalAmount: 300_000,
      statusBreakdown: [{ status: 'confirmed', count: 1, amount: 300_000 }],
    });
    // A soft-deleted link counts nowhere: not in the metrics, the latest status or the link filters.
    const e2024 = await event('Summit', 2024);
    await link(a, e2024, 'waiting_on_legal', 900_000, 'platinum', '2026-03-01T00:00:00.000Z');
    await t.accord.kernel.db
      .updateTable('links')
      .set({ deleted_at: '2026-03-01T00:00:00.000Z' })
      .where('event_id', '=', e2024)
      .execute();
    const live = (await admin.get('/api/v1/partners?q=northwind')).body.items[0];
    expect(live.metrics).toMatchObject({
      relationshipCount: 2,
      totalAmount: 800_000,
      latestStatus: 'confirmed',
    });
    expect((await admin.get(`/api/v1/partners/${a}`)).body.metrics.relationshipCount).toBe(2);
    expect((await admin.get('/api/v1/partners?packageTier=platinum')).body.items).toHaveLength(0);
    expect((await admin.get(`/api/v1/partners?eventId=${e2024}`)).body.items).toHaveLength(0);
    // a partner needs ONE link matching all three, not one link per filter
    expect((await admin.get(`/api/v1/partners?eventId=${e2025}&status=confirmed`)).body.items).toHaveLength(
      0,
    );
    expect((await admin.get(`/api/v1/partners?status=!!!`)).status).toBe(400);

    const options = (await admin.get('/api/v1/partners/filter-options')).body;
    expect(options.statuses.slice(-3).map((s: { key: string }) => s.key)).toEqual([
      'paid',
      'declined',
      'backed_out',
    ]);
    expect(options.packageTiers.map((x: { key: string }) => x.key)).toEqual(['gold', 'silver']);
  });

  it('hides archived partners unless asked, updates with optimistic concurrency and keeps a history', async () => {
    const p = (await admin.post('/api/v1/partners', { name: 'Initech', tags: ['legacy'] })).body;
    const upd = await admin.patch(`/api/v1/partners/${p.id}`, {
      version: p.version,
      city: 'Austin',
      tags: ['legacy', 'software'],
    });
    expect(upd.status).toBe(200);
    const stale = await admin.patch(`/api/v1/partners/${p.id}`, { version: p.version, city: 'Dallas' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed by Test admin/);
    expect((await admin.post(`/api/v1/partners/${p.id}/archive`)).body.archivedAt).toBeTruthy();
    expect((await admin.get('/api/v1/partners?q=initech')).body.items).toHaveLength(0);
    expect((await admin.get('/api/v1/partners?q=initech&includeArchived=true')).body.items).toHaveLength(1);
    expect((await admin.post(`/api/v1/partners/${p.id}/unarchive`)).body.archivedAt).toBeNull();
    expect(
      (await admin.get('/api/v1/partners?tag=SOFTWARE')).body.items.map((x: { name: string }) => x.name),
    ).toEqual(['Initech']);
    const history = (await admin.get(`/api/v1/history/partner/${p.id}`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'update',
      'update',
      'update',
      'create',
    ]);
    expect(history[1].changes.archived_at.old).toBeNull();
    expect(history[0].changes.archived_at.new).toBeNull();
    expect(history[2].changes).toMatchObject({
      city: { old: '', new: 'Austin' },
      tags: { old: ['legacy'], new: ['legacy', 'software'] },
    });
  });

  it('manages contacts with one primary, and finds partners by their people', async () => {
    const p = (await admin.post('/api/v1/partners', { name: 'Hooli' })).body;
    const c1 = await admin.post(`/api/v1/partners/${p.id}/contacts`, {
      firstName: 'Gavin',
      lastName: 'Belson',
      email: 'gavin@hooli.example',
      isPrimary: true,
    });
    expect(c1.status).toBe(201);
    const c2 = await admin.post(`/api/v1/partners/${p.id}/contacts`, {
      firstName: 'Jian',
      lastName: 'Yang',
      isPrimary: true,
    });
    expect(c2.status).toBe(201);
    const list = (await admin.get(`/api/v1/partners/${p.id}/contacts`)).body.items;
    expect(list.map((c: { name: string; isPrimary: boolean }) => [c.name, c.isPrimary])).toEqual([
      ['Jian Yang', true],
      ['Gavin Belson', false],
    ]);
    expect((await admin.get(`/api/v1/partners/${p.id}`)).body.primaryContactName).toBe('Jian Yang');
    expect(
      (await admin.get('/api/v1/partners?q=belson')).body.items.map((x: { name: string }) => x.name),
    ).toEqual(['Hooli']);
    expect((await admin.post(`/api/v1/partners/${p.id}/contacts`, { title: 'CEO' })).status).toBe(400);
    expect(
      (await admin.post(`/api/v1/partners/${p.id}/contacts`, { lastName: 'X', email: 'bad' })).body.error
        .fields.email,
    ).toBeTruthy();
    const upd = await admin.patch(`/api/v1/partners/${p.id}/contacts/${c1.body.id}`, {
      version: 1,
      title: 'CEO',
    });
    expect(upd.body.title).toBe('CEO');
    expect((await admin.delete(`/api/v1/partners/${p.id}/contacts/${c2.body.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/partners/${p.id}/contacts`)).body.items).toHaveLength(1);
  });

  it('respects visibility and role scope: hidden → 404, visible but not yours → 403', async () => {
    const agent = await t.as('sales_agent');
    const mine = await agent.post('/api/v1/partners', { name: 'Agent Own Co', visibility: 'owner' });
    expect(mine.status).toBe(201);
    const shared = (await admin.post('/api/v1/partners', { name: 'Shared Co', visibility: 'everyone' })).body;
    const secret = (await admin.post('/api/v1/partners', { name: 'Secret Co', visibility: 'owner' })).body;
    const team = (await admin.post('/api/v1/partners', { name: 'Team Co', visibility: 'team' })).body; // admin is in the agent's department

    const names = (await agent.get('/api/v1/partners?limit=200')).body.items.map(
      (p: { name: string }) => p.name,
    );
    expect(names).toContain('Agent Own Co');
    expect(names).toContain('Shared Co');
    expect(names).toContain('Team Co');
    expect(names).not.toContain('Secret Co');
    expect((await agent.get(`/api/v1/partners/${secret.id}`)).status).toBe(404);
    expect((await agent.patch(`/api/v1/partners/${secret.id}`, { version: 1, city: 'X' })).status).toBe(404);
    const forbidden = await agent.patch(`/api/v1/partners/${shared.id}`, {
      version: shared.version,
      city: 'X',
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/only Test admin or their team can change it/);
    expect((await agent.post(`/api/v1/partners/${team.id}/contacts`, { lastName: 'X' })).status).toBe(403);
    expect(
      (await agent.patch(`/api/v1/partners/${mine.body.id}`, { version: 1, city: 'Paris' })).status,
    ).toBe(200);
    const viewer = await t.as('read_only');
    expect((await viewer.post('/api/v1/partners', { name: 'Nope' })).status).toBe(403);
  });

  it('keeps an ordered list of partner levels', async () => {
    const l1 = await admin.post('/api/v1/partner-levels', { name: 'Silver' });
    const l2 = await admin.post('/api/v1/partner-levels', { name: 'Gold' });
    expect(l1.status).toBe(201);
    expect((await admin.post('/api/v1/partner-levels', { name: 'silver' })).status).toBe(409);
    expect(
      (await admin.get('/api/v1/partner-levels')).body.items.map((l: { name: string }) => l.name),
    ).toEqual(['Silver', 'Gold']);
    const p = (await admin.post('/api/v1/partners', { name: 'Umbrella', levelId: l2.body.id })).body;
    expect(p.levelName).toBe('Gold');
    expect((await admin.get(`/api/v1/partners?levelId=${l1.body.id}`)).body.items).toHaveLength(0);
    expect(
      (await admin.post('/api/v1/partners', { name: 'Bad Level', levelId: newId() })).body.error.fields
        .levelId,
    ).toBe('is not an existing partner level');
  });
});

describe('tags kept on the partner row (migration 0015)', () => {
  /** Every organisation's derived tag columns, and the same recomputed from organization_tags. */
  async function derivedAndSource() {
    const db = t.db.handle.db;
    const orgs = await db.selectFrom('organizations').select(['id', 'tag_keys', 'tag_names']).execute();
    // Sorted by the database, as the triggers sort (its collation, not JavaScript's).
    const tags = (column: 'tag' | 'tag_key') =>
      db.selectFrom('organization_tags').select(['organization_id', column]).orderBy(column).execute();
    const [names, keys] = [await tags('tag'), await tags('tag_key')];
    return orgs.map((o) => {
      const mine = (rows: Record<string, string>[], column: string) =>
        rows.filter((x) => x.organization_id === o.id).map((x) => x[column]!);
      const k = mine(keys, 'tag_key');
      const n = mine(names, 'tag');
      return {
        id: o.id,
        derived: { keys: o.tag_keys, names: o.tag_names },
        source: {
          keys: k.length ? `\u001f${k.join('\u001f')}\u001f` : null,
          names: n.length ? n.join('\u001f') : null,
        },
      };
    });
  }

  it('follow every way tags change, and a tag filter matches whole tags only, wildcards literally', async () => {
    const a = await admin.post('/api/v1/partners', { name: 'Tagged Alpha', tags: ['50%_off', 'AI'] });
    const b = await admin.post('/api/v1/partners', { name: 'Tagged Beta', tags: ['50x_off', 'ai-ops'] });
    const c = await admin.post('/api/v1/partners', { name: 'Tagged Gamma', tags: ['a\\b', 'Zeta'] });
    for (const r of [a, b, c]) expect(r.status, r.text).toBe(201);
    const edit = await admin.patch(`/api/v1/partners/${c.body.id}`, {
      version: c.body.version,
      tags: ['Zeta', 'Mid', 'AI'],
    });
    expect(edit.status, edit.text).toBe(200);
    expect(edit.body.tags).toEqual(['AI', 'Mid', 'Zeta']);
    await admin.post('/api/v1/partners/bulk', { action: 'add_tag', ids: [b.body.id], tag: 'new' });
    await admin.post('/api/v1/partners/bulk', { action: 'remove_tag', ids: [a.body.id], tag: 'ai' });
    for (const row of await derivedAndSource()) expect(row.derived, row.id).toEqual(row.source);

    const named = async (q: string) =>
      ((await admin.get(`/api/v1/partners?${q}&limit=200`)).body.items as { name: string }[])
        .map((p) => p.name)
        .filter((n) => n.startsWith('Tagged'))
        .sort();
    expect(await named('tag=50%25_off')).toEqual(['Tagged Alpha']); // not 50x_off
    expect(await named('tag=ai')).toEqual(['Tagged Gamma']); // Alpha's was removed; not ai-ops
    expect(await named('tag=AI-OPS')).toEqual(['Tagged Beta']);
    expect(await named('tags=zeta,mid')).toEqual(['Tagged Gamma']);
    expect(await named('tags=zeta,new')).toEqual([]);
    const list = (await admin.get('/api/v1/partners?q=Tagged%20Beta')).body.items;
    expect(list[0].tags).toEqual(['50x_off', 'ai-ops', 'new']);

    const bad = await admin.post('/api/v1/partners', { name: 'Tagged Bad', tags: ['ok', 'new\u001fline'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.fields)).toContain('cannot contain control characters');

    // Removing a partner's last tag, deleting tag rows directly, and rebuilding the columns all leave them
    // equal to their source.
    const alpha = (await admin.get(`/api/v1/partners/${a.body.id}`)).body;
    const cleared = await admin.patch(`/api/v1/partners/${a.body.id}`, { version: alpha.version, tags: [] });
    expect(cleared.body.tags).toEqual([]);
    await t.db.handle.db.deleteFrom('organization_tags').where('tag_key', '=', 'zeta').execute();
    for (const row of await derivedAndSource()) expect(row.derived, row.id).toEqual(row.source);
    expect(await named('tag=zeta')).toEqual([]);
    const { rebuildOrganizationTags } = await import('../../db/linkStats');
    await t.db.handle.db.updateTable('organizations').set({ tag_keys: null, tag_names: null }).execute();
    await rebuildOrganizationTags(t.db.handle.db, t.db.handle.engine);
    for (const row of await derivedAndSource()) expect(row.derived, row.id).toEqual(row.source);
  });
});
