/** How events read on screen: their dates in one line, their order in lists. */
import type { PartnershipEvent } from '../../../shared/events.schema';
import { formatDate } from '../../ui/format';

type Dated = Pick<PartnershipEvent, 'startDate' | 'endDate' | 'outreachStart'>;

/** "Apr 11, 2026 – Apr 12, 2026 · outreach from Jan 5, 2026"; "No dates yet" without any. */
export function eventDates(e: Dated, withOutreach = true): string {
  const parts: string[] = [];
  if (e.startDate && e.endDate && e.startDate !== e.endDate)
    parts.push(`${formatDate(e.startDate)} – ${formatDate(e.endDate)}`);
  else if (e.startDate) parts.push(formatDate(e.startDate));
  else if (e.endDate) parts.push(`Ends ${formatDate(e.endDate)}`);
  if (withOutreach && e.outreachStart) parts.push(`outreach from ${formatDate(e.outreachStart)}`);
  if (!parts.length) return 'No dates yet';
  const s = parts.join(' · ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Year descending, then start date descending (undated last), then name (reference §3.2). */
export function compareEvents(a: PartnershipEvent, b: PartnershipEvent): number {
  if (a.year !== b.year) return b.year - a.year;
  if (a.startDate !== b.startDate) {
    if (!a.startDate) return 1;
    if (!b.startDate) return -1;
    return a.startDate < b.startDate ? 1 : -1;
  }
  return a.name.localeCompare(b.name);
}
