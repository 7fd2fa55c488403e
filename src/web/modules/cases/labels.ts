import type { CASE_PRIORITIES, CASE_STATUSES } from '../../../shared/cases.schema';

export const CASE_STATUS_LABELS: Record<(typeof CASE_STATUSES)[number], string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
};
export const CASE_STATUS_COLORS: Record<(typeof CASE_STATUSES)[number], string> = {
  open: 'blue',
  in_progress: 'yellow',
  resolved: 'teal',
  closed: 'gray',
};
export const CASE_PRIORITY_LABELS: Record<(typeof CASE_PRIORITIES)[number], string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
export const CASE_PRIORITY_COLORS: Record<(typeof CASE_PRIORITIES)[number], string> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
};
/** Open and in-progress cases still need someone. */
export const isActiveCase = (status: (typeof CASE_STATUSES)[number]) =>
  status === 'open' || status === 'in_progress';
