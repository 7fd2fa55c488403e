import { Badge } from '@mantine/core';
import type { PartnerTabCounts } from './counts';
import type { PartnerTab } from './partnerTabs';

/** The small number beside a tab's label: how many records it lists (nothing while unknown). */
export function TabCount({ tab, counts }: { tab: PartnerTab; counts: PartnerTabCounts | null | undefined }) {
  if (!tab.count || !counts) return null;
  const n = tab.count(counts);
  return (
    <Badge
      size="sm"
      variant="light"
      color={n ? 'indigo' : 'gray'}
      circle={n < 10}
      data-testid={`tab-count-${tab.key}`}
    >
      {n}
    </Badge>
  );
}
