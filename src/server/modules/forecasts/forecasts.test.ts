import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
let a: { id: string };
let b: { id: string };
let gold: { id: string };
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
  const stages = Object.fromEntries(
    (await admin.get('/api/v1/opportunity-stages')).body.items.map((s: { key: string; id: string }) => [
      s.key,
      s.id,
    ]),
  );
  gold = await made(admin, '/api/v1/partner-levels', { name: 'Gold' });
  a = await made(admin, '/api/v1/partners', { name: 'Alpha Forecast', levelId: gold.id });
  b = await made(admin, '/api/v1/partners', { name: 'Beta Forecast' });
  const deal = (body: Record<string, unknown>) =>
    made(admin, '/api/v1/opportunities', { name: 'Deal', ...body });
  await deal({
    partnerId: a.id,
    amount: 100_000,
    stageId: stages.qualification,
    expectedCloseDate: '2026-04-10',
  });
  await deal({
    partnerId: a.id,
    amount: 200_000,
    stageId: stages.negotiation,
    expectedCloseDate: '2026-05-20',
  });
  await deal({ partnerId: a.id, amount: 50_000, stageId: stages.won, expectedCloseDate: '2026-08-01' }); // won now: March
  await deal({
    partnerId: a.id,
    amount: 70_000,
    stageId: stages.lost,
    lostReason: 'No budget',
    expectedCloseDate: '2026-04-01',
  });
  await deal({ partnerId: a.id, amount: 40_000, stageId: stages.proposal, expectedCloseDate: '2027-01-15' });
  await deal({ partnerId: b.id, amount: 10_000, probability: 30, expectedCloseDate: '2026-04-01' });
  await deal({
    partnerId: b.id,
    amount: 5_000,
    currency: 'USD',
    stageId: stages.qualification,
    expectedCloseDate: '2026-06-30',
  });
  await deal({ amount: 999_999, expectedCloseDate: '2026-04-01' }); // no partner: in no partner's forecast
});
afterAll(async () => t?.close());

const empty = { pipeline: 0, weighted: 0, committed: 0, won: 0, forecast: 0, openCount: 0, wonCount: 0 };

describe('forecasts', () => {
  it('per partner by quarter: hand-computed pipeline, weighted, committed, won and forecast', async () => {
    const res = await admin.get('/api/v1/forecasts?groupBy=partner&granularity=quarter');
    expect(res.status, res.text).toBe(200);
    const f = res.body;
    expect(f).toMatchObject({
      from: '2026-01',
      to: '2026-12',
      periods: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'],
    });
    const alpha = f.rows.find((r: { key: string }) => r.key === a.id);
    expect(alpha.label).toBe('Alpha Forecast');
    expect(alpha.periods.map((p: { figures: unknown }) => p.figures)).toEqual([
      // Q1: the 500.00 deal won on 2 March.
      { ...empty, committed: 50_000, won: 50_000, forecast: 50_000, wonCount: 1 },
      // Q2: 1 000.00 at 25% + 2 000.00 at 75% (negotiation: committed); the lost deal counts nowhere.
      {
        pipeline: 300_000,
        weighted: 175_000,
        committed: 200_000,
        won: 0,
        forecast: 175_000,
        openCount: 2,
        wonCount: 0,
      },
      empty,
      empty,
    ]);
    expect(alpha.total).toEqual({
      pipeline: 300_000,
      weighted: 175_000,
      committed: 250_000,
      won: 50_000,
      forecast: 225_000,
      openCount: 2,
      wonCount: 1,
    });
    const beta = f.rows.filter((r: { key: string }) => r.key === b.id);
    expect(
      beta.map((r: { currency: string; total: { weighted: number } }) => [r.currency, r.total.weighted]),
    ).toEqual([
      ['CAD', 3_000], // 100.00 at an overridden 30%
      ['USD', 1_250], // 50.00 at 25%
    ]);
    const cad = f.totals.find((x: { currency: string }) => x.currency === 'CAD');
    expect(cad.total).toMatchObject({ pipeline: 310_000, weighted: 178_000, won: 50_000, forecast: 228_000 });
  });

  it('per partner level by month, for one partner, and within a range', async () => {
    const byLevel = (
      await admin.get('/api/v1/forecasts?groupBy=level&granularity=month&from=2026-04&to=2026-05')
    ).body;
    expect(byLevel.periods).toEqual(['2026-04', '2026-05']);
    const goldRow = byLevel.rows.find((r: { key: string }) => r.key === gold.id);
    expect(goldRow.label).toBe('Gold');
    expect(
      goldRow.periods.map((p: { figures: { pipeline: number; weighted: number; committed: number } }) => [
        p.figures.pipeline,
        p.figures.weighted,
        p.figures.committed,
      ]),
    ).toEqual([
      [100_000, 25_000, 0],
      [200_000, 150_000, 200_000],
    ]);
    const none = byLevel.rows.find(
      (r: { key: string; currency: string }) => r.key === 'none' && r.currency === 'CAD',
    );
    expect(none).toMatchObject({ label: 'No level', total: { pipeline: 10_000, weighted: 3_000 } });
    const one = (
      await admin.get(`/api/v1/forecasts?partnerId=${a.id}&granularity=quarter&from=2026-05&to=2027-03`)
    ).body;
    expect(one).toMatchObject({ from: '2026-04', to: '2027-03' }); // whole quarters
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0].periods.at(-1)).toEqual({
      period: '2027-Q1',
      figures: { ...empty, pipeline: 40_000, weighted: 20_000, forecast: 20_000, openCount: 1 },
    });
  });

  it('refuses bad ranges and keeps to what the caller may see', async () => {
    expect((await admin.get('/api/v1/forecasts?from=2026-05&to=2026-04')).status).toBe(400);
    expect((await admin.get('/api/v1/forecasts?from=2026-01&to=2029-12')).body.error.fields).toEqual({
      to: 'must be at most 36 months after from',
    });
    expect((await admin.get('/api/v1/forecasts?from=2026-13')).status).toBe(400);
    const agent = await t.as('sales_agent');
    const own = await made(agent, '/api/v1/partners', { name: 'Agent Forecast' });
    await made(agent, '/api/v1/opportunities', {
      name: 'Mine',
      partnerId: own.id,
      amount: 1_000,
      expectedCloseDate: '2026-04-02',
    });
    const seen = (await agent.get('/api/v1/forecasts')).body;
    expect(seen.rows.map((r: { label: string }) => r.label)).toEqual(['Agent Forecast']);
    expect((await (await t.as('project_manager')).get('/api/v1/forecasts')).status).toBe(403);
  });
});
