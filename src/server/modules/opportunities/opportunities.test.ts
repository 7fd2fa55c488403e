import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made, tableCounts } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
let stages: Record<string, { id: string; probability: number; version: number }>;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
  const list = (await admin.get('/api/v1/opportunity-stages')).body.items;
  stages = Object.fromEntries(list.map((s: { key: string }) => [s.key, s]));
});
afterAll(async () => t?.close());

describe('pipeline stages', () => {
  it('ships an ordered default pipeline that admins can extend and re-weight', async () => {
    const list = (await admin.get('/api/v1/opportunity-stages')).body.items;
    expect(
      list.map((s: { key: string; probability: number; outcome: string; committed: boolean }) => [
        s.key,
        s.probability,
        s.outcome,
        s.committed,
      ]),
    ).toEqual([
      ['prospecting', 10, 'open', false],
      ['qualification', 25, 'open', false],
      ['proposal', 50, 'open', false],
      ['negotiation', 75, 'open', true],
      ['won', 100, 'won', true],
      ['lost', 0, 'lost', false],
    ]);
    const demo = await made(admin, '/api/v1/opportunity-stages', {
      name: 'Demo',
      probability: 35,
      position: 25,
    });
    expect(demo).toMatchObject({ key: 'demo', outcome: 'open', committed: false });
    expect((await admin.post('/api/v1/opportunity-stages', { name: 'demo', probability: 1 })).status).toBe(
      409,
    );
    expect(
      (await admin.post('/api/v1/opportunity-stages', { name: 'Bad', probability: 101 })).body.error.fields,
    ).toEqual({
      probability: 'must be at most 100',
    });
    const upd = await admin.patch(`/api/v1/opportunity-stages/${demo.id}`, { version: 1, probability: 40 });
    expect(upd.body.probability).toBe(40);
    expect(
      (await (await t.as('sales_agent')).post('/api/v1/opportunity-stages', { name: 'X', probability: 5 }))
        .status,
    ).toBe(403);
  });
});

describe('opportunities', () => {
  it('creates a deal with the stage’s probability, overrides it, moves it through stages, and keeps a history', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Deal Partner' });
    const d = await made(admin, '/api/v1/opportunities', {
      name: 'Big deal',
      partnerId: p.id,
      amount: 1_234_500,
      expectedCloseDate: '2026-05-15',
    });
    expect(d).toMatchObject({
      stageKey: 'prospecting',
      probability: 10,
      weightedAmount: 123_450,
      currency: 'CAD',
      outcome: 'open',
      ownerId: t.users.admin!.id,
      partnerName: 'Deal Partner',
      closedAt: null,
    });
    const move = (version: number, body: Record<string, unknown>) =>
      admin.post(`/api/v1/opportunities/${d.id}/stage`, { version, ...body });
    expect((await move(1, { stageId: stages.negotiation!.id })).body).toMatchObject({
      stageKey: 'negotiation',
      probability: 75,
    });
    expect((await move(2, { stageId: stages.negotiation!.id, probability: 60 })).body.probability).toBe(60);
    const lostWithout = await move(3, { stageId: stages.lost!.id });
    expect(lostWithout.status).toBe(400);
    expect(lostWithout.body.error.fields).toEqual({ lostReason: 'is required when a deal is lost' });
    const lost = await move(3, { stageId: stages.lost!.id, lostReason: 'Budget cut' });
    expect(lost.body).toMatchObject({
      outcome: 'lost',
      probability: 0,
      lostReason: 'Budget cut',
      closedAt: '2026-03-02T09:00:00.000Z',
    });
    const reopened = await move(4, { stageId: stages.proposal!.id });
    expect(reopened.body).toMatchObject({ outcome: 'open', probability: 50, lostReason: '', closedAt: null });
    const won = await move(5, { stageId: stages.won!.id });
    expect(won.body).toMatchObject({
      outcome: 'won',
      probability: 100,
      closedAt: '2026-03-02T09:00:00.000Z',
    });
    expect((await move(5, { stageId: stages.lost!.id, lostReason: 'x' })).status).toBe(409);
    const history = (await admin.get(`/api/v1/history/opportunity/${d.id}`)).body.items;
    expect(history[0].changes.stage_id).toEqual({ old: stages.proposal!.id, new: stages.won!.id });
    expect(
      (await admin.patch(`/api/v1/opportunities/${d.id}`, { version: 6, amount: 1_000_000 })).body
        .weightedAmount,
    ).toBe(1_000_000);
  });

  it('refuses negative amounts, probabilities beyond 0–100 and a close before creation; nothing written', async () => {
    const before = await tableCounts(t);
    const bad = await admin.post('/api/v1/opportunities', {
      name: '',
      amount: -1,
      probability: 101,
      currency: 'cad',
      expectedCloseDate: '2026-13-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({
      name: 'is required',
      amount: 'cannot be negative',
      probability: 'must be at most 100',
    });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'amount',
      'currency',
      'expectedCloseDate',
      'name',
      'probability',
    ]);
    const early = await admin.post('/api/v1/opportunities', {
      name: 'Early',
      expectedCloseDate: '2026-03-01',
    });
    expect(early.body.error.fields).toEqual({
      expectedCloseDate: 'must not be before the record was created (2026-03-02)',
    });
    expect((await admin.post('/api/v1/opportunities', { name: 'Frac', amount: 1.5 })).status).toBe(400);
    expect(await tableCounts(t)).toEqual(before);
    const d = await made(admin, '/api/v1/opportunities', { name: 'Later' });
    t.clock.advance(10 * 86_400_000);
    // Editing later: the date must still not fall before the deal was created.
    expect(
      (await admin.patch(`/api/v1/opportunities/${d.id}`, { version: 1, expectedCloseDate: '2026-03-01' }))
        .status,
    ).toBe(400);
    expect(
      (await admin.patch(`/api/v1/opportunities/${d.id}`, { version: 1, expectedCloseDate: '2026-03-05' }))
        .status,
    ).toBe(200);
  });

  it('lays out the board: every stage a column with its deals, count and per-currency totals', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Board Partner' });
    await made(admin, '/api/v1/opportunities', { name: 'B1', partnerId: p.id, amount: 10_000 });
    await made(admin, '/api/v1/opportunities', {
      name: 'B2',
      partnerId: p.id,
      amount: 30_000,
      stageId: stages.proposal!.id,
    });
    await made(admin, '/api/v1/opportunities', {
      name: 'B3',
      partnerId: p.id,
      amount: 5_000,
      stageId: stages.proposal!.id,
      currency: 'USD',
      probability: 20,
    });
    const board = (await admin.get(`/api/v1/opportunities/board?partnerId=${p.id}`)).body;
    expect(board.columns.map((c: { key: string }) => c.key)).toEqual([
      'prospecting',
      'qualification',
      'demo',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
    const proposal = board.columns.find((c: { key: string }) => c.key === 'proposal');
    expect(proposal.count).toBe(2);
    expect(proposal.totals).toEqual([
      { currency: 'CAD', amount: 30_000, weightedAmount: 15_000 },
      { currency: 'USD', amount: 5_000, weightedAmount: 1_000 },
    ]);
    expect(proposal.cards.map((c: { name: string }) => c.name).sort()).toEqual(['B2', 'B3']);
    expect(board.columns[0].totals).toEqual([{ currency: 'CAD', amount: 10_000, weightedAmount: 1_000 }]);
    expect(board.hiddenCount).toBe(0);
  });

  it('keeps deals to their owner’s scope: hidden → 404, visible read-only → 403, counts say how many are hidden', async () => {
    const agent = await t.as('sales_agent');
    const p = await made(agent, '/api/v1/partners', { name: 'Agent Deals' });
    const mine = await made(agent, '/api/v1/opportunities', {
      name: 'Agent deal',
      partnerId: p.id,
      amount: 100,
    });
    const theirs = await made(admin, '/api/v1/opportunities', {
      name: 'Admin deal',
      partnerId: p.id,
      amount: 900,
    });
    const list = (await agent.get(`/api/v1/opportunities?partnerId=${p.id}`)).body;
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([mine.id]);
    expect(list.hiddenCount).toBe(1);
    const board = (await agent.get(`/api/v1/opportunities/board?partnerId=${p.id}`)).body;
    expect(board.columns[0]).toMatchObject({
      count: 1,
      totals: [{ currency: 'CAD', amount: 100, weightedAmount: 10 }],
    });
    expect(board.hiddenCount).toBe(1);
    expect((await agent.get(`/api/v1/opportunities/${theirs.id}`)).status).toBe(404);
    expect(
      (await agent.post(`/api/v1/opportunities/${theirs.id}/stage`, { version: 1, stageId: stages.won!.id }))
        .status,
    ).toBe(404);
    expect((await agent.delete(`/api/v1/opportunities/${theirs.id}`)).status).toBe(404);
    const handover = await agent.post('/api/v1/opportunities', { name: 'Gift', ownerId: t.users.admin!.id });
    expect(handover.body.error.fields.ownerId).toMatch(/^must be you/);
    const viewer = await t.as('read_only');
    expect((await viewer.get(`/api/v1/opportunities/${mine.id}`)).status).toBe(200);
    expect((await viewer.patch(`/api/v1/opportunities/${mine.id}`, { version: 1, amount: 1 })).status).toBe(
      403,
    );
    expect((await agent.delete(`/api/v1/opportunities/${mine.id}`)).status).toBe(200);
  });
});
