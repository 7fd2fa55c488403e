import { useCallback } from 'react';
import type { Link } from '../../../shared/links.schema';
import { formatMoney } from '../../../shared/money';
import { labelFromSlug, statusLabel } from '../../../shared/partnerships/statuses';
import { formatDate } from '../../ui/format';
import type { ValueResolver } from '../../ui/history/changes';

/** Names and formats for the raw values of a link's history rows. */
export function useLinkValueResolver(
  link: Link | null,
  names: { owners?: { value: string; label: string }[]; tiers?: { key: string; label: string }[] } = {},
): ValueResolver {
  const { owners, tiers } = names;
  return useCallback(
    (field: string, value: unknown) => {
      if (!link) return undefined;
      if (field === 'status' && typeof value === 'string') return statusLabel(value);
      if (field === 'amount' && typeof value === 'number') return formatMoney(value, link.currency);
      if (field === 'package_tier' && typeof value === 'string')
        return value ? (tiers?.find((t) => t.key === value)?.label ?? labelFromSlug(value)) : '—';
      if (field === 'follow_up_date' && typeof value === 'string') return formatDate(value);
      if (field === 'organization_id' && value === link.organizationId) return link.partnerName;
      if (field === 'event_id' && value === link.eventId) return `${link.eventName} (${link.eventYear})`;
      if (field === 'contact_id' && value === link.contactId && link.contactName) return link.contactName;
      if (field === 'owner_id' && typeof value === 'string')
        return owners?.find((o) => o.value === value)?.label.replace(/ \(you\)$/, '') ?? undefined;
      return undefined;
    },
    [link, owners, tiers],
  );
}
