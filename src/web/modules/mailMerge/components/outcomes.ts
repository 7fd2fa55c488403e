import type { RecipientResult } from '../api';

type Outcome = RecipientResult['outcome'];

export const OUTCOMES: Record<Outcome, { label: string; color: string }> = {
  eligible: { label: 'Ready', color: 'teal' },
  sent: { label: 'Sent', color: 'teal' },
  skipped_missing_partner: { label: 'Partner not found', color: 'gray' },
  skipped_missing_email: { label: 'No email', color: 'orange' },
  skipped_invalid_email: { label: 'Invalid email', color: 'red' },
  skipped_duplicate_email: { label: 'Duplicate email', color: 'yellow' },
  failed_render: { label: 'Empty after merge', color: 'red' },
  failed_send: { label: 'Not sent', color: 'red' },
  warning_log_failed: { label: 'Sent, not logged', color: 'orange' },
};
