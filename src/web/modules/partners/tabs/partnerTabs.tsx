/**
 * The tabs of the partner page, in order, in one list: the page, its tab bar and the address (?tab=) read
 * it. Another module adds a tab by adding an entry here.
 */
import { useCallback, type ComponentType } from 'react';
import { Stack } from '@mantine/core';
import {
  IconActivity,
  IconBuildingStore,
  IconCalendarEvent,
  IconChartBar,
  IconFileText,
  IconHistory,
  IconLayoutDashboard,
  IconLifebuoy,
  IconMessageCircle,
  IconMessages,
  IconTargetArrow,
  IconTrendingUp,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { formatMoney } from '../../../../shared/money';
import type { Permission } from '../../../../shared/permissions';
import type { ValueResolver } from '../../../ui/history/changes';
import { HistoryPanel } from '../../../ui/history/HistoryPanel';
import { CommentsPanel } from '../../comments/components/CommentsPanel';
import { CommunicationTimeline } from '../../communications/components/CommunicationTimeline';
import { DocumentsPanel } from '../../documents/components/DocumentsPanel';
import { useStages } from '../../opportunities/hooks';
import { PartnerEmailActivity } from '../../mailboxes/components/PartnerEmailActivity';
import type { Partner } from '../api';
import { useCurrency, usePartnerValueResolver } from '../hooks';
import { AccountsTab } from './AccountsTab';
import { ActivitiesTab } from './ActivitiesTab';
import { CasesTab } from './CasesTab';
import type { PartnerTabCounts } from './counts';
import { ForecastsTab } from './ForecastsTab';
import { InvolvementsTab } from './InvolvementsTab';
import { LeadsTab } from './LeadsTab';
import { OpportunitiesTab } from './OpportunitiesTab';
import { OverviewTab } from './OverviewTab';
import { PeopleTab } from './PeopleTab';

export interface PartnerTabProps {
  partner: Partner;
}

export interface PartnerTab {
  /** The value of ?tab= in the address. */
  key: string;
  label: string;
  icon: Icon;
  /** Who sees the tab. */
  permission: Permission;
  Panel: ComponentType<PartnerTabProps>;
  /** The number beside the label, from the partner's tab counts (one request for all tabs). */
  count?: (counts: PartnerTabCounts) => number;
}

/** Money columns of the partner's related records, in minor units. */
const MONEY_FIELDS = new Set(['amount', 'estimated_value']);
const PARTNER_FIELDS = new Set(['organization_id', 'partner_id', 'managed_by_id']);

function PartnerHistory({ partner }: PartnerTabProps) {
  const forPartner = usePartnerValueResolver(partner);
  const stages = useStages();
  const currency = useCurrency();
  // The related records' rows name this partner, a deal stage or an amount: show them as such.
  const resolve = useCallback<ValueResolver>(
    (field, value) => {
      const known = forPartner(field, value);
      if (known !== undefined) return known;
      if (PARTNER_FIELDS.has(field) && value === partner.id) return partner.name;
      if (field === 'stage_id') return stages.data?.find((st) => st.id === value)?.name;
      if (MONEY_FIELDS.has(field) && typeof value === 'number') return formatMoney(value, currency);
      return undefined;
    },
    [forPartner, partner.id, partner.name, stages.data, currency],
  );
  return <HistoryPanel entity="partner" entityId={partner.id} resolve={resolve} related />;
}

export const PARTNER_TABS: readonly PartnerTab[] = [
  {
    key: 'overview',
    label: 'Overview',
    icon: IconLayoutDashboard,
    permission: 'partners.view',
    Panel: OverviewTab,
  },
  {
    key: 'people',
    label: 'Consultants',
    icon: IconUsers,
    permission: 'consultants.view',
    Panel: PeopleTab,
    count: (c) => c.consultants.count,
  },
  {
    key: 'accounts',
    label: 'Managed accounts',
    icon: IconBuildingStore,
    permission: 'accounts.view',
    Panel: AccountsTab,
    count: (c) => c.accounts.count,
  },
  {
    key: 'cases',
    label: 'Cases',
    icon: IconLifebuoy,
    permission: 'cases.view',
    Panel: CasesTab,
    count: (c) => c.cases.count,
  },
  {
    key: 'leads',
    label: 'Leads',
    icon: IconTargetArrow,
    permission: 'leads.view',
    Panel: LeadsTab,
    count: (c) => c.leads.count,
  },
  {
    key: 'opportunities',
    label: 'Opportunities',
    icon: IconTrendingUp,
    permission: 'opportunities.view',
    Panel: OpportunitiesTab,
    count: (c) => c.opportunities.count,
  },
  {
    key: 'activities',
    label: 'Sales activities',
    icon: IconActivity,
    permission: 'activities.view',
    Panel: ActivitiesTab,
    count: (c) => c.activities.count,
  },
  {
    key: 'involvements',
    label: 'Event involvements',
    icon: IconCalendarEvent,
    permission: 'links.view',
    Panel: InvolvementsTab,
  },
  {
    key: 'documents',
    label: 'Documents',
    icon: IconFileText,
    permission: 'documents.view',
    Panel: ({ partner }) => <DocumentsPanel partnerId={partner.id} />,
  },
  {
    key: 'communications',
    label: 'Communications',
    icon: IconMessages,
    permission: 'communications.view',
    Panel: ({ partner }) => (
      <Stack gap="md">
        <PartnerEmailActivity partnerId={partner.id} />
        <CommunicationTimeline partnerId={partner.id} />
      </Stack>
    ),
  },
  {
    key: 'comments',
    label: 'Comments',
    icon: IconMessageCircle,
    permission: 'partners.view',
    Panel: ({ partner }) => <CommentsPanel entity="partner" entityId={partner.id} />,
    count: (c) => c.comments,
  },
  { key: 'history', label: 'History', icon: IconHistory, permission: 'partners.view', Panel: PartnerHistory },
  {
    key: 'forecasts',
    label: 'Forecasts',
    icon: IconChartBar,
    permission: 'forecasts.view',
    Panel: ForecastsTab,
  },
];
