import { describe, expect, it } from 'vitest';
import type { Opportunity, OpportunityBoard } from '../../../shared/opportunities.schema';
import { moveDeal, withDeal } from './board';

const stage = (
  id: string,
  key: string,
  position: number,
  probability: number,
  outcome: 'open' | 'won' | 'lost',
) => ({
  id,
  key,
  name: key[0]!.toUpperCase() + key.slice(1),
  position,
  probability,
  outcome,
  committed: false,
  version: 1,
});

const deal = (
  id: string,
  stageId: string,
  amount: number,
  probability: number,
  close: string | null,
): Opportunity => ({
  id,
  name: `Deal ${id}`,
  accountId: null,
  accountName: null,
  partnerId: 'p',
  partnerName: 'P',
  contactId: null,
  contactName: null,
  leadId: null,
  amount,
  currency: 'CAD',
  stageId,
  stageKey: stageId,
  stageName: stageId,
  outcome: 'open',
  probability,
  weightedAmount: Math.round((amount * probability) / 100),
  expectedCloseDate: close,
  ownerId: null,
  ownerName: null,
  lostReason: '',
  closedAt: null,
  description: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

const board: OpportunityBoard = {
  hiddenCount: 0,
  columns: [
    {
      ...stage('s1', 'prospecting', 0, 10, 'open'),
      count: 2,
      totals: [{ currency: 'CAD', amount: 30000, weightedAmount: 3000 }],
      cards: [deal('a', 's1', 10000, 10, '2026-03-01'), deal('b', 's1', 20000, 10, null)],
    },
    {
      ...stage('s2', 'proposal', 1, 50, 'open'),
      count: 1,
      totals: [{ currency: 'CAD', amount: 5000, weightedAmount: 2500 }],
      cards: [deal('c', 's2', 5000, 50, '2026-04-01')],
    },
    { ...stage('s3', 'lost', 2, 0, 'lost'), count: 0, totals: [], cards: [] },
  ],
};

describe('the pipeline board’s optimistic move', () => {
  it('moves the deal with its amount, at the new stage’s probability, in close-date order', () => {
    const next = moveDeal(board, 'b', 's2');
    const [from, to] = next.columns;
    expect(from!.count).toBe(1);
    expect(from!.totals).toEqual([{ currency: 'CAD', amount: 10000, weightedAmount: 1000 }]);
    expect(to!.count).toBe(2);
    // 5000 × 50 % + 20000 × 50 % (the deal takes the stage's default probability).
    expect(to!.totals).toEqual([{ currency: 'CAD', amount: 25000, weightedAmount: 12500 }]);
    expect(to!.cards.map((d) => [d.id, d.probability, d.weightedAmount, d.stageKey])).toEqual([
      ['c', 50, 2500, 's2'],
      ['b', 50, 10000, 'proposal'],
    ]);
  });

  it('starts a total for a column that had none, and drops a total that reaches zero', () => {
    const next = moveDeal(board, 'c', 's3');
    expect(next.columns[1]!.totals).toEqual([]);
    expect(next.columns[2]!.totals).toEqual([{ currency: 'CAD', amount: 5000, weightedAmount: 0 }]);
    expect(next.columns[2]!.cards[0]!.outcome).toBe('lost');
  });

  it('leaves the board alone for an unknown deal, an unknown stage or the same stage', () => {
    expect(moveDeal(board, 'zz', 's2')).toBe(board);
    expect(moveDeal(board, 'a', 'nope')).toBe(board);
    expect(moveDeal(board, 'a', 's1')).toBe(board);
  });

  it('takes the server’s copy of the deal (its new version) after the move', () => {
    const saved = { ...deal('c', 's2', 5000, 50, '2026-04-01'), version: 7 };
    expect(withDeal(board, saved).columns[1]!.cards[0]!.version).toBe(7);
  });
});
