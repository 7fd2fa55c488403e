import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Accord } from '../../app';
import { fixedClock } from '../../kernel/clock';
import { Client, createTestDb, type TestDb } from '../../test/harness';
import { DEMO_PASSWORD } from './demoAccounts';
import { seed } from './index';

let db: TestDb;
let accord: Accord;
const as = async (email: string) => {
  const c = new Client(accord);
  const res = await c.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD });
  c.csrf = res.body.session.csrfToken;
  return c;
};

beforeAll(async () => {
  db = await createTestDb();
  accord = await buildApp({
    config: db.config,
    handle: db.handle,
    clock: fixedClock('2026-03-02T09:00:00.000Z'),
    webRoot: null,
  });
  await accord.app.ready();
  await seed(accord.kernel, 'small');
}, 120_000);
afterAll(async () => {
  await accord?.close();
  await db?.drop();
});

describe('partner management demo data', () => {
  it('fills every tab of the partner detail, the board, the forecast and the demo sales user’s saved filters', async () => {
    const admin = await as('admin@demo.accord.test');
    const count = async (url: string) => (await admin.get(url)).body.items.length as number;
    for (const url of [
      '/api/v1/accounts',
      '/api/v1/cases',
      '/api/v1/leads',
      '/api/v1/opportunities',
      '/api/v1/activities',
    ])
      expect(await count(`${url}?limit=200`), url).toBeGreaterThan(10);
    expect(await count('/api/v1/leads?status=converted')).toBeGreaterThan(0);
    const busiest = (await admin.get('/api/v1/opportunities?limit=1')).body.items[0].partnerId;
    const tabs = (await admin.get(`/api/v1/partners/${busiest}/counts`)).body;
    expect(tabs.opportunities.count).toBeGreaterThan(0);
    const board = (await admin.get('/api/v1/opportunities/board')).body;
    expect(board.columns.every((c: { count: number }) => c.count > 0)).toBe(true);
    const forecast = (await admin.get('/api/v1/forecasts?groupBy=level')).body;
    expect(forecast.totals[0].total.forecast).toBeGreaterThan(0);
    const sales = await as('sales@demo.accord.test');
    const filters = (await sales.get('/api/v1/saved-filters?module=partners')).body.items;
    expect(filters.map((f: { name: string }) => f.name)).toContain('My active partners');
    expect((await sales.get('/api/v1/opportunities')).body.items.length).toBeGreaterThan(0);
  });
});

describe('email sync demo data', () => {
  it('gives demo partners the domains email matching and the duplicate check read', async () => {
    const rows = await accord.kernel.db
      .selectFrom('organizations')
      .select(['website', 'email', 'website_domain', 'email_domain'])
      .where('is_partner', '=', 1)
      .where('email', '!=', '')
      .execute();
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(r.email_domain).toBe(r.email.split('@')[1]);
      if (r.website) expect(r.website).toContain(r.website_domain);
    }
  });

  it('files believable synced threads, so a partner’s email summary is not empty on first start', async () => {
    const admin = await as('admin@demo.accord.test');
    const recent = (await admin.get('/api/v1/communications?limit=200')).body.items as {
      organizationId: string;
      source: string;
    }[];
    const synced = recent.filter((c) => c.source === 'email_sync');
    expect(synced.length).toBeGreaterThan(10);
    const res = await admin.get(`/api/v1/partners/${synced[0]!.organizationId}/email-activity`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.synced.total).toBeGreaterThanOrEqual(2);
    expect(res.body.synced.inbound).toBeGreaterThan(0);
    expect(res.body.synced.outbound).toBeGreaterThan(0);
    expect(res.body.lastSynced.actorEmail).toMatch(/@/);
    expect(res.body.lastContactAt! <= '2026-03-02T09:00:00.000Z').toBe(true);
    expect(res.body.inboxCount).toBe(0);
  });
});
