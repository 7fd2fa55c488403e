/** The pipeline board's optimistic move: the deal leaves its column and joins another; counts and totals follow. */
import { weightedAmount } from '../../../shared/forecast';
import type { Opportunity, OpportunityBoard } from '../../../shared/opportunities.schema';

type Column = OpportunityBoard['columns'][number];

function addTotals(col: Column, deal: Opportunity, sign: 1 | -1): Column['totals'] {
  const weighted = weightedAmount(deal.amount, deal.probability);
  const has = col.totals.some((t) => t.currency === deal.currency);
  const totals = has
    ? col.totals
    : [...col.totals, { currency: deal.currency, amount: 0, weightedAmount: 0 }];
  return totals
    .map((t) =>
      t.currency === deal.currency
        ? {
            ...t,
            amount: t.amount + sign * deal.amount,
            weightedAmount: t.weightedAmount + sign * weighted,
          }
        : t,
    )
    .filter((t) => t.amount !== 0 || t.weightedAmount !== 0);
}

/** The server's card order: by expected close, deals without one last. */
function byClose(a: Opportunity, b: Opportunity): number {
  if (a.expectedCloseDate === b.expectedCloseDate) return 0;
  if (a.expectedCloseDate === null) return 1;
  if (b.expectedCloseDate === null) return -1;
  return a.expectedCloseDate < b.expectedCloseDate ? -1 : 1;
}

/**
 * A new board with the deal in the stage `toStageId`, at that stage's default probability (what the server
 * does when the move names none). Unknown deal or stage: the board as it was.
 */
export function moveDeal(board: OpportunityBoard, dealId: string, toStageId: string): OpportunityBoard {
  const from = board.columns.find((c) => c.cards.some((d) => d.id === dealId));
  const to = board.columns.find((c) => c.id === toStageId);
  if (!from || !to || from.id === to.id) return board;
  const before = from.cards.find((d) => d.id === dealId)!;
  const after: Opportunity = {
    ...before,
    stageId: to.id,
    stageKey: to.key,
    stageName: to.name,
    outcome: to.outcome,
    probability: to.probability,
    weightedAmount: weightedAmount(before.amount, to.probability),
  };
  return {
    ...board,
    columns: board.columns.map((col) => {
      if (col.id === from.id)
        return {
          ...col,
          count: col.count - 1,
          totals: addTotals(col, before, -1),
          cards: col.cards.filter((d) => d.id !== dealId),
        };
      if (col.id === to.id)
        return {
          ...col,
          count: col.count + 1,
          totals: addTotals(col, after, 1),
          cards: [...col.cards, after].sort(byClose),
        };
      return col;
    }),
  };
}

/** The deal as the server answered (its new version), so the next drag sends the right one. */
export function withDeal(board: OpportunityBoard, deal: Opportunity): OpportunityBoard {
  return {
    ...board,
    columns: board.columns.map((col) => ({
      ...col,
      cards: col.cards.map((d) => (d.id === deal.id ? deal : d)),
    })),
  };
}
