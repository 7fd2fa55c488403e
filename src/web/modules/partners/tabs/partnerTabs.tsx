/**
 * The tabs of the partner page, in order, in one list: the page, its tab bar and the address (?tab=) read
 * it. Another module adds a tab by adding an entry here.
 */
import type { ComponentType } from 'react';
import {
  IconCalendarEvent,
  IconFileText,
  IconHistory,
  IconMessages,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Permission } from '../../../../shared/permissions';
import { HistoryPanel } from '../../../ui/history/HistoryPanel';
import { CommunicationTimeline } from '../../communications/components/CommunicationTimeline';
import { DocumentsPanel } from '../../documents/components/DocumentsPanel';
import type { Partner } from '../api';
import { usePartnerValueResolver } from '../hooks';
import { InvolvementsTab } from './InvolvementsTab';
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
}

function PartnerHistory({ partner }: PartnerTabProps) {
  const resolve = usePartnerValueResolver(partner);
  return <HistoryPanel entity="partner" entityId={partner.id} resolve={resolve} />;
}

export const PARTNER_TABS: readonly PartnerTab[] = [
  {
    key: 'involvements',
    label: 'Event involvements',
    icon: IconCalendarEvent,
    permission: 'links.view',
    Panel: InvolvementsTab,
  },
  { key: 'people', label: 'People', icon: IconUsers, permission: 'consultants.view', Panel: PeopleTab },
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
    Panel: ({ partner }) => <CommunicationTimeline partnerId={partner.id} />,
  },
  { key: 'history', label: 'History', icon: IconHistory, permission: 'partners.view', Panel: PartnerHistory },
];
