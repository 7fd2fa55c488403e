import { useCallback } from 'react';
import type { PartnershipEvent } from '../../../shared/events.schema';
import { formatMoney } from '../../../shared/money';
import { formatDate } from '../../ui/format';
import type { ValueResolver } from '../../ui/history/changes';

const DATE_FIELDS = new Set(['outreach_start', 'start_date', 'end_date']);

function isTier(v: unknown): v is { label: string; defaultAmount: number | null } {
  return typeof v === 'object' && v !== null && 'label' in v;
}

/** Money, dates and tier lists of an event's history rows, in words. */
export function useEventValueResolver(event: Pick<PartnershipEvent, 'currency'>): ValueResolver {
  const { currency } = event;
  return useCallback(
    (field: string, value: unknown) => {
      if (field === 'goal_amount' && typeof value === 'number') return formatMoney(value, currency);
      if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDate(value);
      if (field === 'tiers' && Array.isArray(value))
        return value.length
          ? value
              .filter(isTier)
              .map(
                (t) =>
                  `${t.label} (${t.defaultAmount === null ? 'no default' : formatMoney(t.defaultAmount, currency)})`,
              )
              .join(', ')
          : 'none';
      return undefined;
    },
    [currency],
  );
}
