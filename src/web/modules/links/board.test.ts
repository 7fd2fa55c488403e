import { describe, expect, it } from 'vitest';
import type { Board, BoardCard } from '../../../shared/links.schema';
import { moveCard, withCardVersion } from './board';

const card = (id: string, partnerName: string, status: string, amount: number | null): BoardCard => ({
  id,
  organizationId: id,
  partnerName,
  status,
  amount,
  packageTier: '',
  role: '',
  followUpDate: null,
  ownerId: null,
  ownerName: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

const board: Board = {
  event: { id: 'e', name: 'E', year: 2026, currency: 'CAD' },
  columns: [
    {
      key: 'reached_out',
      label: 'Reached Out',
      group: 'open',
      custom: false,
      count: 2,
      totalAmount: 7000,
      cards: [card('a', 'Acme', 'reached_out', 5000), card('b', 'Beta', 'reached_out', 2000)],
    },
    {
      key: 'confirmed',
      label: 'Confirmed',
      group: 'secured',
      custom: false,
      count: 1,
      totalAmount: 100,
      cards: [card('c', 'Zeta', 'confirmed', 100)],
    },
  ],
};

describe('moveCard', () => {
  it('moves the card with its amount and keeps cards by partner name', () => {
    const moved = moveCard(board, 'b', 'confirmed');
    expect(moved.columns[0]).toMatchObject({ count: 1, totalAmount: 5000 });
    expect(moved.columns[0]!.cards.map((c) => c.id)).toEqual(['a']);
    expect(moved.columns[1]).toMatchObject({ count: 2, totalAmount: 2100 });
    expect(moved.columns[1]!.cards.map((c) => [c.id, c.status])).toEqual([
      ['b', 'confirmed'],
      ['c', 'confirmed'],
    ]);
    expect(board.columns[0]!.cards).toHaveLength(2);
  });

  it('leaves the board alone for the same column, an unknown column or card', () => {
    expect(moveCard(board, 'a', 'reached_out')).toBe(board);
    expect(moveCard(board, 'a', 'nowhere')).toBe(board);
    expect(moveCard(board, 'x', 'confirmed')).toBe(board);
  });

  it('counts a card without an amount but adds nothing to the total', () => {
    const b2 = {
      ...board,
      columns: [{ ...board.columns[0]!, cards: [card('n', 'N', 'reached_out', null)] }, board.columns[1]!],
    };
    expect(moveCard(b2, 'n', 'confirmed').columns[1]).toMatchObject({ count: 2, totalAmount: 100 });
  });
});

it('withCardVersion sets the version the server answered', () => {
  expect(withCardVersion(board, 'c', 4, 'x').columns[1]!.cards[0]).toMatchObject({
    version: 4,
    updatedAt: 'x',
  });
});
