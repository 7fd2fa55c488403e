import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { colleague, made, tableCounts } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
const DAY = 86_400_000;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((p) => p.name);

async function exportCsv(client: Client, body: Record<string, unknown>): Promise<string[][]> {
  const res = await client.post('/api/v1/partners/export', body);
  expect(res.status, res.text).toBe(200);
  return parse(res.text.replace(/^\uFEFF/, '')) as string[][];
}

/** A partner with one record of every kind hanging off it, made through the API. */
async function partnerWithRecords(name: string) {
  const p = await made(admin, '/api/v1/partners', { name });
  const consultant = await made(admin, `/api/v1/partners/${p.id}/contacts`, { lastName: 'Lovelace' });
  const account = await made(admin, '/api/v1/accounts', { name: `${name} Customer`, managedById: p.id });
  const kase = await made(admin, '/api/v1/cases', { subject: 'Broken sync', organizationId: p.id });
  const lead = await made(admin, '/api/v1/leads', { name: 'Grace Hopper', partnerId: p.id });
  const deal = await made(admin, '/api/v1/opportunities', {
    name: 'Pilot',
    partnerId: p.id,
    amount: 100_000,
  });
  const activity = await made(admin, '/api/v1/activities', {
    type: 'call',
    subject: 'Kick-off',
    partnerId: p.id,
  });
  return { p, consultant, account, kase, lead, deal, activity };
}

describe('partner list', () => {
  it('filters on every field, sorts, pages, and rejects what it cannot sort by', async () => {
    const gold = await made(admin, '/api/v1/partner-levels', { name: 'Gold' });
    await made(admin, '/api/v1/partners', {
      name: 'Alpha Filters',
      country: 'CA',
      city: 'Toronto',
      region: 'ON',
      industry: 'Finance',
      tags: ['fintech', 'returning'],
      levelId: gold.id,
    });
    t.clock.advance(DAY);
    await made(admin, '/api/v1/partners', {
      name: 'Beta Filters',
      country: 'US',
      city: 'Boston',
      industry: 'Health',
      tags: ['fintech'],
      status: 'inactive',
      isCustomer: true,
      visibility: 'team',
    });
    t.clock.advance(DAY);
    const q = (s: string) => admin.get(`/api/v1/partners?q=filters&${s}`);
    expect(names(await q('tags=fintech,returning'))).toEqual(['Alpha Filters']);
    expect(names(await q('tags=FINTECH'))).toEqual(['Alpha Filters', 'Beta Filters']);
    expect(names(await q('industry=Health'))).toEqual(['Beta Filters']);
    expect(names(await q('city=Toronto&region=ON&country=CA'))).toEqual(['Alpha Filters']);
    expect(names(await q('partnerStatus=inactive'))).toEqual(['Beta Filters']);
    expect(names(await q('isCustomer=true'))).toEqual(['Beta Filters']);
    expect(names(await q('visibility=team'))).toEqual(['Beta Filters']);
    expect(names(await q('level=none'))).toEqual(['Beta Filters']);
    expect(names(await q(`levelId=${gold.id}`))).toEqual(['Alpha Filters']);
    expect(names(await q('createdFrom=2026-03-03'))).toEqual(['Beta Filters']);
    expect(names(await q('createdTo=2026-03-02'))).toEqual(['Alpha Filters']);
    expect(names(await q('sort=-createdAt'))).toEqual(['Beta Filters', 'Alpha Filters']);
    expect(names(await q('sort=-country'))).toEqual(['Beta Filters', 'Alpha Filters']);
    const first = await q('limit=1&sort=city');
    expect(names(first)).toEqual(['Beta Filters']);
    expect(first.body.hiddenCount).toBeNull(); // counted on the last page only
    const last = await q(`limit=1&sort=city&cursor=${first.body.nextCursor}`);
    expect(names(last)).toEqual(['Alpha Filters']);
    expect(last.body).toMatchObject({ nextCursor: null, hiddenCount: 0 });
    const bad = await q('sort=website&createdFrom=2026-02-31');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['createdFrom']);
    expect((await q('sort=website')).body.error.fields.sort).toBe('is not a sortable field');
  });
});

describe('duplicate check', () => {
  it('finds the same normalised name, website domain or email domain, with links; hidden ones only counted', async () => {
    const acme = await made(admin, '/api/v1/partners', {
      name: 'Acme Rockets Inc.',
      website: 'https://www.acme-rockets.example/about',
      email: 'hello@acme-rockets.example',
    });
    const other = await colleague(t, 'sales_agent', { otherDepartment: true });
    await made(other.client, '/api/v1/partners', {
      name: 'Secret Rockets',
      website: 'secret-rockets.example',
      visibility: 'owner',
    });
    const check = (qs: string) => admin.get(`/api/v1/partners/duplicates?${qs}`);
    const byName = await check('name=ACME rockets, inc');
    expect(byName.status).toBe(200);
    expect(byName.body.items).toEqual([
      {
        id: acme.id,
        name: 'Acme Rockets Inc.',
        link: `/partners/${acme.id}`,
        reasons: ['name'],
        archived: false,
      },
    ]);
    // The domain asked about matches both the partner's website and its email address.
    expect((await check('website=http://acme-rockets.example')).body.items[0].reasons).toEqual([
      'website_domain',
      'email_domain',
    ]);
    expect((await check('email=sales@acme-rockets.example&name=Other')).body.items[0].reasons).toEqual([
      'website_domain',
      'email_domain',
    ]);
    expect((await check(`name=Acme Rockets Inc&excludeId=${acme.id}`)).body.items).toEqual([]);
    // A shared mailbox provider says nothing about the company.
    await made(admin, '/api/v1/partners', { name: 'Gmail User Co', email: 'someone@gmail.com' });
    expect((await check('email=other@gmail.com')).body.items).toEqual([]);
    // Another agent's private partner: counted, never named, to a sales agent who cannot see it.
    const agent = await t.as('sales_agent');
    const hidden = await agent.get('/api/v1/partners/duplicates?website=https://secret-rockets.example');
    expect(hidden.body).toEqual({ items: [], hiddenCount: 1 });
    expect(
      (await admin.get('/api/v1/partners/duplicates?website=secret-rockets.example')).body.items,
    ).toHaveLength(1);
    expect((await check('website=x'.repeat(200))).status).toBe(400);
  });
});

describe('delete, trash and restore', () => {
  it('states the impact, moves the partner and its records to the trash, and restores them all', async () => {
    const r = await partnerWithRecords('Doomed Co');
    const impact = await admin.get(`/api/v1/partners/${r.p.id}/impact`);
    expect(impact.body).toMatchObject({
      name: 'Doomed Co',
      counts: { consultants: 1, accounts: 1, cases: 1, leads: 1, opportunities: 1, activities: 1 },
      alwaysDeleted: ['consultants'],
      summary: '1 consultant, 1 managed account, 1 case, 1 lead, 1 opportunity and 1 sales activity',
    });
    const counts = (await admin.get(`/api/v1/partners/${r.p.id}/counts`)).body;
    expect(counts).toMatchObject({
      consultants: { count: 1, hidden: 0 },
      opportunities: { count: 1, hidden: 0 },
      comments: 0,
    });
    const detail = (await admin.get(`/api/v1/partners/${r.p.id}?with=counts`)).body;
    expect(detail).toMatchObject({ name: 'Doomed Co', tabCounts: counts });
    expect((await admin.get(`/api/v1/partners/${r.p.id}`)).body.tabCounts).toBeUndefined();
    expect((await admin.request('DELETE', `/api/v1/partners/${r.p.id}`)).status).toBe(400); // the choice is required
    const del = await admin.request('DELETE', `/api/v1/partners/${r.p.id}?related=delete`);
    expect(del.status, del.text).toBe(200);
    expect(del.body.summary).toContain('1 opportunity');
    expect((await admin.get(`/api/v1/partners/${r.p.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/opportunities/${r.deal.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/accounts/${r.account.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/consultants/${r.consultant.id}`)).status).toBe(404);
    expect((await admin.get('/api/v1/partners?q=doomed')).body.items).toHaveLength(0);
    // The name is free again while the partner is in the trash.
    const trash = (await admin.get('/api/v1/partners/trash')).body.items;
    expect(trash[0]).toMatchObject({
      id: r.p.id,
      name: 'Doomed Co',
      related: 'delete',
      deletedByName: 'Test admin',
      counts: { opportunities: 1 },
      restorableUntil: '2026-04-03T09:00:00.000Z',
    });
    expect((await admin.post(`/api/v1/partners/${r.p.id}/restore`)).status).toBe(200);
    expect((await admin.get(`/api/v1/partners/${r.p.id}`)).status).toBe(200);
    for (const url of [
      `/api/v1/opportunities/${r.deal.id}`,
      `/api/v1/accounts/${r.account.id}`,
      `/api/v1/consultants/${r.consultant.id}`,
      `/api/v1/cases/${r.kase.id}`,
      `/api/v1/leads/${r.lead.id}`,
      `/api/v1/activities/${r.activity.id}`,
    ])
      expect((await admin.get(url)).status, url).toBe(200);
    expect((await admin.get('/api/v1/partners/trash')).body.items).toHaveLength(0);
    const history = (await admin.get(`/api/v1/history/partner/${r.p.id}`)).body.items;
    expect(history.slice(0, 2).map((h: { action: string }) => h.action)).toEqual(['restore', 'delete']);
    expect((await admin.post(`/api/v1/partners/${r.p.id}/restore`)).status).toBe(404); // not in the trash
  });

  it('unlinks instead when asked (people still go with the partner), and links them again on restore', async () => {
    const r = await partnerWithRecords('Unlinked Co');
    const del = await admin.request('DELETE', `/api/v1/partners/${r.p.id}?related=unlink`);
    expect(del.status).toBe(200);
    expect((await admin.get(`/api/v1/opportunities/${r.deal.id}`)).body.partnerId).toBeNull();
    expect((await admin.get(`/api/v1/leads/${r.lead.id}`)).body.partnerId).toBeNull();
    expect((await admin.get(`/api/v1/accounts/${r.account.id}`)).body.managedById).toBeNull();
    expect((await admin.get(`/api/v1/consultants/${r.consultant.id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/history/opportunity/${r.deal.id}`)).body.items[0].changes).toEqual({
      partner_id: { old: r.p.id, new: null },
    });
    expect((await admin.post(`/api/v1/partners/${r.p.id}/restore`)).status).toBe(200);
    expect((await admin.get(`/api/v1/opportunities/${r.deal.id}`)).body.partnerId).toBe(r.p.id);
    expect((await admin.get(`/api/v1/activities/${r.activity.id}`)).body.partnerId).toBe(r.p.id);
    expect((await admin.get(`/api/v1/consultants/${r.consultant.id}`)).status).toBe(200);
  });

  it('refuses a restore after 30 days or when the name was taken meanwhile', async () => {
    const old = await made(admin, '/api/v1/partners', { name: 'Old Co' });
    const taken = await made(admin, '/api/v1/partners', { name: 'Taken Co' });
    await admin.request('DELETE', `/api/v1/partners/${old.id}?related=delete`);
    await admin.request('DELETE', `/api/v1/partners/${taken.id}?related=delete`);
    const newer = await made(admin, '/api/v1/partners', { name: 'taken co.' });
    const clash = await admin.post(`/api/v1/partners/${taken.id}/restore`);
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('duplicate_partner');
    expect(clash.body.error.existingId).toBe(newer.id);
    t.clock.advance(31 * DAY);
    admin = await t.as('admin'); // sessions do not last a month
    expect((await admin.get('/api/v1/partners/trash?q=old')).body.items).toHaveLength(0);
    const late = await admin.post(`/api/v1/partners/${old.id}/restore`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('trash_expired');
  });

  it('lets only those who may delete partners and change this one delete it', async () => {
    const agent = await t.as('sales_agent');
    const own = await made(agent, '/api/v1/partners', { name: 'Agent Keeps Co' });
    expect((await agent.request('DELETE', `/api/v1/partners/${own.id}?related=delete`)).status).toBe(403);
    expect((await agent.get(`/api/v1/partners/${own.id}/impact`)).status).toBe(403);
    expect((await admin.request('DELETE', `/api/v1/partners/${newId()}?related=delete`)).status).toBe(404);
  });
});

describe('bulk actions', () => {
  it('archives, changes owner and tags in one transaction, audited per partner', async () => {
    const a = await made(admin, '/api/v1/partners', { name: 'Bulk A', tags: ['x'] });
    const b = await made(admin, '/api/v1/partners', { name: 'Bulk B' });
    const before = await tableCounts(t);
    const archived = await admin.post('/api/v1/partners/bulk', {
      action: 'archive',
      ids: [a.id, b.id, a.id],
    });
    expect(archived.body).toEqual({ action: 'archive', changed: 2, unchanged: 0 });
    expect((await tableCounts(t)).audit_log).toBe(before.audit_log! + 2);
    expect((await admin.get(`/api/v1/partners/${a.id}`)).body.archivedAt).toBeTruthy();
    const again = await admin.post('/api/v1/partners/bulk', { action: 'archive', ids: [a.id] });
    expect(again.body).toMatchObject({ changed: 0, unchanged: 1 });
    const agentId = t.users.sales_agent!.id;
    const owner = await admin.post('/api/v1/partners/bulk', {
      action: 'change_owner',
      ids: [a.id, b.id],
      ownerId: agentId,
    });
    expect(owner.body.changed).toBe(2);
    expect((await admin.get(`/api/v1/partners/${b.id}`)).body.ownerId).toBe(agentId);
    const tagged = await admin.post('/api/v1/partners/bulk', {
      action: 'add_tag',
      ids: [a.id, b.id],
      tag: 'X',
    });
    expect(tagged.body).toMatchObject({ changed: 1, unchanged: 1 }); // A had it already (ignoring case)
    expect((await admin.get(`/api/v1/partners/${b.id}`)).body.tags).toEqual(['X']);
    const history = (await admin.get(`/api/v1/history/partner/${b.id}`)).body.items;
    expect(history[0].changes.tags).toEqual({ old: [], new: ['X'] });
    const removed = await admin.post('/api/v1/partners/bulk', {
      action: 'remove_tag',
      ids: [a.id, b.id],
      tag: 'x',
    });
    expect(removed.body.changed).toBe(2);

    const bad = await admin.post('/api/v1/partners/bulk', {
      action: 'change_owner',
      ids: [a.id],
      ownerId: newId(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.ownerId).toBe('is not an active user');
    expect((await admin.post('/api/v1/partners/bulk', { action: 'explode', ids: [a.id] })).status).toBe(400);
    expect((await admin.post('/api/v1/partners/bulk', { action: 'archive', ids: [] })).status).toBe(400);
  });

  it('changes nothing when one selected partner is hidden (404) or only visible (403)', async () => {
    const agent = await t.as('sales_agent');
    const mine = await made(agent, '/api/v1/partners', { name: 'Agent Bulk Own' });
    const shared = await made(admin, '/api/v1/partners', { name: 'Admin Bulk Shared' });
    const secret = await made(admin, '/api/v1/partners', { name: 'Admin Bulk Secret', visibility: 'owner' });
    const before = await tableCounts(t);
    const hidden = await agent.post('/api/v1/partners/bulk', {
      action: 'archive',
      ids: [mine.id, secret.id],
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      '1 of the selected partners was not found or you cannot see it; nothing was changed.',
    );
    const locked = await agent.post('/api/v1/partners/bulk', {
      action: 'archive',
      ids: [mine.id, shared.id],
    });
    expect(locked.status).toBe(403);
    expect(locked.body.error.message).toContain('Admin Bulk Shared');
    expect(await tableCounts(t)).toEqual(before);
    expect((await agent.get(`/api/v1/partners/${mine.id}`)).body.archivedAt).toBeNull();
  });
});

describe('export of a selection', () => {
  it('writes the selected partners (or all a filter matches) as CSV and XLSX', async () => {
    const x = await made(admin, '/api/v1/partners', { name: 'Export X', tags: ['b', 'a'], country: 'CA' });
    await made(admin, `/api/v1/partners/${x.id}/contacts`, {
      firstName: 'Ada',
      lastName: 'Ng',
      isPrimary: true,
    });
    const y = await made(admin, '/api/v1/partners', { name: 'Export Y', country: 'US' });
    await made(admin, '/api/v1/partners', { name: 'Export Z', country: 'US' });
    const rows = await exportCsv(admin, { ids: [y.id, x.id] });
    expect(rows[0]!.slice(0, 3)).toEqual(['Name', 'Level', 'Status']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Export X', 'Export Y']);
    expect(rows[1]![13]).toBe('a, b');
    expect(rows[1]![16]).toBe('Ada Ng');
    expect(rows[1]!.at(-1)).toBe(x.id);
    const filtered = await exportCsv(admin, { filter: { q: 'export', country: 'US' } });
    expect(filtered.slice(1).map((r) => r[0])).toEqual(['Export Y', 'Export Z']);
    const xlsx = await t.accord.app.inject({
      method: 'POST',
      url: '/api/v1/partners/export',
      payload: { format: 'xlsx', ids: [x.id] },
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf! },
    });
    expect(xlsx.headers['content-disposition']).toContain('partners-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe('Export X');
  });
});

describe('visibility', () => {
  it("never shows a sales agent another agent's private partner: list, detail, search, export, counts, history, trash", async () => {
    const owner = await colleague(t, 'sales_agent', { otherDepartment: true });
    const hidden = await made(owner.client, '/api/v1/partners', {
      name: 'Private Pearl',
      visibility: 'owner',
      tags: ['pearl'],
    });
    await made(owner.client, `/api/v1/partners/${hidden.id}/contacts`, { lastName: 'Diver' });
    await made(owner.client, '/api/v1/opportunities', {
      name: 'Pearl deal',
      partnerId: hidden.id,
      amount: 5_000,
    });
    const agent = await t.as('sales_agent');

    const list = await agent.get('/api/v1/partners?limit=200&includeArchived=true');
    expect(names(list)).not.toContain('Private Pearl');
    expect(list.body.hiddenCount).toBeGreaterThanOrEqual(1);
    expect((await agent.get('/api/v1/partners?q=pearl')).body).toMatchObject({ items: [], hiddenCount: 1 });
    expect((await agent.get('/api/v1/partners?tag=pearl')).body.items).toHaveLength(0);
    expect((await agent.get(`/api/v1/partners/${hidden.id}`)).status).toBe(404);
    expect((await agent.get(`/api/v1/partners/${hidden.id}/counts`)).status).toBe(404);
    expect((await agent.get(`/api/v1/partners/${hidden.id}?with=counts`)).status).toBe(404);
    expect((await agent.get(`/api/v1/partners/${hidden.id}/contacts`)).status).toBe(404);
    expect((await agent.get(`/api/v1/history/partner/${hidden.id}`)).status).toBe(404);
    expect((await agent.get('/api/v1/consultants?q=diver')).body.items).toHaveLength(0);
    expect((await agent.get(`/api/v1/opportunities?partnerId=${hidden.id}`)).status).toBe(404);
    expect((await agent.get(`/api/v1/forecasts?partnerId=${hidden.id}`)).status).toBe(404);
    expect((await agent.patch(`/api/v1/partners/${hidden.id}`, { version: 1, city: 'X' })).status).toBe(404);
    expect((await exportCsv(agent, { ids: [hidden.id] })).slice(1)).toEqual([]);
    expect((await exportCsv(agent, { filter: {} })).map((r) => r[0])).not.toContain('Private Pearl');
    const partnerships = await agent.get('/api/v1/partnerships/export?format=csv');
    expect(partnerships.text).not.toContain('Private Pearl');
    await owner.client.request('DELETE', `/api/v1/partners/${hidden.id}?related=delete`); // agents may not delete
    await admin.request('DELETE', `/api/v1/partners/${hidden.id}?related=delete`);
    expect((await owner.client.get(`/api/v1/history/partner/${hidden.id}`)).status).toBe(200);
    expect((await agent.get(`/api/v1/history/partner/${hidden.id}`)).status).toBe(404);
    expect(
      (await admin.get('/api/v1/partners/trash')).body.items.map((p: { name: string }) => p.name),
    ).toContain('Private Pearl');
  });
});
