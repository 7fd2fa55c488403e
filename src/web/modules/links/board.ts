/** The kanban's optimistic move: the card leaves its column and joins another, counts and totals follow. */
import type { Board, BoardCard } from '../../../shared/links.schema';

export function findCard(board: Board, cardId: string): { card: BoardCard; column: string } | null {
  for (const col of board.columns) {
    const card = col.cards.find((c) => c.id === cardId);
    if (card) return { card, column: col.key };
  }
  return null;
}

/** A new board with the card in the `to` column (by partner name, as the server orders cards). */
export function moveCard(board: Board, cardId: string, to: string): Board {
  const found = findCard(board, cardId);
  if (!found || found.column === to || !board.columns.some((c) => c.key === to)) return board;
  const card = { ...found.card, status: to };
  const amount = card.amount ?? 0;
  return {
    ...board,
    columns: board.columns.map((col) => {
      if (col.key === found.column)
        return {
          ...col,
          count: col.count - 1,
          totalAmount: col.totalAmount - amount,
          cards: col.cards.filter((c) => c.id !== cardId),
        };
      if (col.key === to)
        return {
          ...col,
          count: col.count + 1,
          totalAmount: col.totalAmount + amount,
          cards: [...col.cards, card].sort((a, b) => a.partnerName.localeCompare(b.partnerName)),
        };
      return col;
    }),
  };
}

/** The card with the version the server answered, so the next drag sends the right one. */
export function withCardVersion(board: Board, cardId: string, version: number, updatedAt: string): Board {
  return {
    ...board,
    columns: board.columns.map((col) => ({
      ...col,
      cards: col.cards.map((c) => (c.id === cardId ? { ...c, version, updatedAt } : c)),
    })),
  };
}
