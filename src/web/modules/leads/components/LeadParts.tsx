/** How a lead reads wherever it is listed (the Leads page, a partner's Leads tab): one look for both. */
import { Badge, Text } from '@mantine/core';
import type { Lead } from '../../../../shared/leads.schema';
import { formatMoney } from '../../../../shared/money';
import { LEAD_STATUS_COLORS, LEAD_STATUS_LABELS } from '../labels';

/** "Company · Title", or '' when the lead has neither. */
export const leadSubtitle = (l: Lead) => [l.company, l.title].filter(Boolean).join(' · ');

/** The estimated value with its currency, or "—". */
export const leadValue = (l: Lead) =>
  l.estimatedValue === null ? '—' : formatMoney(l.estimatedValue, l.currency);

export function LeadStatusBadge({ lead }: { lead: Lead }) {
  return (
    <Badge variant="light" color={LEAD_STATUS_COLORS[lead.status]} tt="none">
      {LEAD_STATUS_LABELS[lead.status]}
    </Badge>
  );
}

/** A table cell's content: the name, then company and title, then the email. */
export function LeadIdentity({ lead }: { lead: Lead }) {
  return (
    <>
      <Text size="sm" fw={600}>
        {lead.name}
      </Text>
      <Text size="xs" c="dimmed">
        {leadSubtitle(lead) || '—'}
      </Text>
      {lead.email && (
        <Text size="xs" c="dimmed">
          {lead.email}
        </Text>
      )}
    </>
  );
}
