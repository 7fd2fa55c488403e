/** The detail page's New Consultant / New Lead / New Opportunity buttons and the forms they open. */
import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconTargetArrow, IconTrendingUp, IconUserPlus } from '@tabler/icons-react';
import { can } from '../../../../shared/permissions';
import { useUser } from '../../../app/auth';
import { LeadFormModal } from '../../leads/components/LeadFormModal';
import { OpportunityFormModal } from '../../opportunities/components/OpportunityFormModal';
import type { Partner } from '../api';
import { ContactFormModal } from '../components/ContactFormModal';
import { useContacts, useCurrency } from '../hooks';

type Form = 'consultant' | 'lead' | 'opportunity';

export function PartnerCreateButtons({
  partner,
  compact,
  onSaved,
}: {
  partner: Partner;
  compact: boolean;
  /** Shows the tab the new record lives on. */
  onSaved(tab: string): void;
}) {
  const me = useUser();
  const currency = useCurrency();
  const [form, setForm] = useState<{ kind: Form; key: number } | null>(null);
  const contacts = useContacts(partner.id);
  const open = (kind: Form) => setForm((f) => ({ kind, key: (f?.key ?? 0) + 1 }));
  const size = compact ? 'xs' : 'sm';
  const buttons: { kind: Form; label: string; short: string; icon: typeof IconUserPlus; ok: boolean }[] = [
    {
      kind: 'consultant',
      label: 'New consultant',
      short: 'Consultant',
      icon: IconUserPlus,
      ok: can(me.permissions, 'consultants.create'),
    },
    {
      kind: 'lead',
      label: 'New lead',
      short: 'Lead',
      icon: IconTargetArrow,
      ok: can(me.permissions, 'leads.create'),
    },
    {
      kind: 'opportunity',
      label: 'New opportunity',
      short: 'Opportunity',
      icon: IconTrendingUp,
      ok: can(me.permissions, 'opportunities.create'),
    },
  ];
  return (
    <>
      {buttons
        .filter((b) => b.ok)
        .map((b) => (
          <Button
            key={b.kind}
            variant="light"
            size={size}
            leftSection={<b.icon size={16} />}
            onClick={() => open(b.kind)}
            aria-label={b.label}
          >
            {compact ? b.short : b.label}
          </Button>
        ))}
      {form?.kind === 'consultant' && (
        <ContactFormModal
          key={form.key}
          partnerId={partner.id}
          contact={null}
          firstOne={(contacts.data?.items.length ?? 0) === 0}
          opened
          onClose={() => setForm(null)}
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
          onClose={() => setForm(null)}
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
          onClose={() => setForm(null)}
          onSaved={() => onSaved('opportunities')}
        />
      )}
    </>
  );
}
