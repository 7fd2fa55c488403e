/** Colours of the link statuses: open ones in cool tones along the pipeline, secured green, lost warm. */
import { isCanonical, type CanonicalStatus } from '../../../shared/partnerships/statuses';

const COLORS: Record<CanonicalStatus, string> = {
  prospecting: 'gray',
  pitched: 'violet',
  reached_out: 'blue',
  shortlist: 'cyan',
  in_conversation: 'indigo',
  followed_up: 'grape',
  confirmed: 'teal',
  paid: 'green',
  declined: 'red',
  backed_out: 'orange',
};

/** Custom statuses share one colour. */
export function statusColor(status: string): string {
  return isCanonical(status) ? COLORS[status] : 'yellow';
}
