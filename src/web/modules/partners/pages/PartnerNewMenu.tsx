/**
 * The partner page's one "New" button: a menu of everything that can be added to the partner (a consultant,
 * a lead, an opportunity, an event involvement, a document, a communication) and the form each item opens.
 * One button instead of six keeps the page header on one row on a laptop and on two on a phone.
 */
import { useState } from 'react';
import { Button, Menu } from '@mantine/core';
import {
  IconCalendarPlus,
  IconChevronDown,
  IconFilePlus,
  IconMessagePlus,
  IconPlus,
  IconTargetArrow,
  IconTrendingUp,
  IconUserPlus,
} from '@tabler/icons-react';
import { can, type Permission } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { LogCommunicationModal } from '../../communications/components/LogCommunicationModal';
import { DocumentFormModal } from '../../documents/components/DocumentFormModal';
import { LeadFormModal } from '../../leads/components/LeadFormModal';
import { LinkFormModal } from '../../links/components/LinkFormModal';
import { OpportunityFormModal } from '../../opportunities/components/OpportunityFormModal';
import type { Partner } from '../api';
import { ContactFormModal } from '../components/ContactFormModal';
import { useContacts, useCurrency } from '../hooks';

type Form = 'consultant' | 'lead' | 'opportunity' | 'involvement' | 'document' | 'communication';

const ITEMS: { kind: Form; label: string; icon: typeof IconPlus; permission: Permission }[] = [
  { kind: 'consultant', label: 'New consultant', icon: IconUserPlus, permission: 'consultants.create' },
  { kind: 'lead', label: 'New lead', icon: IconTargetArrow, permission: 'leads.create' },
  { kind: 'opportunity', label: 'New opportunity', icon: IconTrendingUp, permission: 'opportunities.create' },
  { kind: 'involvement', label: 'Add event involvement', icon: IconCalendarPlus, permission: 'links.create' },
  { kind: 'document', label: 'Add document', icon: IconFilePlus, permission: 'documents.create' },
  {
    kind: 'communication',
    label: 'Log communication',
    icon: IconMessagePlus,
    permission: 'communications.create',
  },
];

export function PartnerNewMenu({
  partner,
  compact,
  onSaved,
}: {
  partner: Partner;
  /** Phone: the small button size of the header's other buttons. */
  compact: boolean;
  /** Shows the tab the new record lives on. */
  onSaved(tab: string): void;
}) {
  const me = useUser();
  const currency = useCurrency();
  const contacts = useContacts(partner.id);
  // The key gives every opening a fresh form.
  const [form, setForm] = useState<{ kind: Form; key: number } | null>(null);
  const items = ITEMS.filter((i) => can(me.permissions, i.permission));
  if (items.length === 0) return null;
  const open = (kind: Form) => setForm((f) => ({ kind, key: (f?.key ?? 0) + 1 }));
  const close = () => setForm(null);
  const sales = items.filter((i) => i.kind === 'consultant' || i.kind === 'lead' || i.kind === 'opportunity');
  const records = items.filter((i) => !sales.includes(i));

  const item = (i: (typeof ITEMS)[number]) => (
    <Menu.Item key={i.kind} leftSection={<i.icon size={16} />} onClick={() => open(i.kind)}>
      {i.label}
    </Menu.Item>
  );
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            size={compact ? 'xs' : 'sm'}
            leftSection={<IconPlus size={16} />}
            rightSection={<IconChevronDown size={14} />}
          >
            New
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {sales.map(item)}
          {sales.length > 0 && records.length > 0 && <Menu.Divider />}
          {records.map(item)}
        </Menu.Dropdown>
      </Menu>
      {form?.kind === 'consultant' && (
        <ContactFormModal
          key={form.key}
          partnerId={partner.id}
          contact={null}
          firstOne={(contacts.data?.items.length ?? 0) === 0}
          opened
          onClose={close}
          onSaved={() => onSaved('people')}
        />
      )}
      {form?.kind === 'lead' && (
        <LeadFormModal
          key={form.key}
          partnerId={partner.id}
          lead={null}
          currency={currency}
          opened
          onClose={close}
          onSaved={() => onSaved('leads')}
        />
      )}
      {form?.kind === 'opportunity' && (
        <OpportunityFormModal
          key={form.key}
          partnerId={partner.id}
          deal={null}
          currency={currency}
          opened
          onClose={close}
          onSaved={() => onSaved('opportunities')}
        />
      )}
      {form?.kind === 'involvement' && (
        <LinkFormModal
          key={form.key}
          opened
          onClose={close}
          mode="create"
          partnerId={partner.id}
          onSaved={() => onSaved('involvements')}
        />
      )}
      {form?.kind === 'document' && (
        <DocumentFormModal
          key={form.key}
          partnerId={partner.id}
          document={null}
          opened
          onClose={close}
          onSaved={() => onSaved('documents')}
        />
      )}
      {form?.kind === 'communication' && (
        <LogCommunicationModal
          key={form.key}
          opened
          onClose={close}
          partnerId={partner.id}
          onSaved={() => onSaved('communications')}
        />
      )}
    </>
  );
}
