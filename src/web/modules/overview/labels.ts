/** How the Overview's figures read: card definitions (shown on hover), pace colours, percentages, money. */
import { formatMoney } from '../../../shared/money';
import type { PaceStatus } from '../../../shared/partnerships/pace';

/** What each KPI card counts, in one sentence (the seed's "Metric Definitions", with Accord's decisions). */
export const DEFINITIONS = {
  revenueSecured:
    'Revenue secured: amounts of links that are confirmed or paid, for the year of the annual goal.',
  goalRemaining:
    'Goal remaining: the annual goal minus revenue secured, never below zero. The goal is the explicit annual goal, or else the sum of the year’s event goals.',
  openPipeline:
    'Open pipeline: amounts of links not yet secured or lost (every status except confirmed, paid, declined and backed out).',
  actionItems:
    'Action items: follow-ups that are overdue or due within the window, and links with no follow-up that nobody touched for 14 days or more. Closed links and follow-ups marked done are not counted.',
  activePartners:
    'Active partners: partner organisations that are not archived, whatever the scope. “In scope” counts the partners with a link in the scope.',
  eventsInScope:
    'Events in scope: the events every figure on this page covers, after the year, event and archive filters.',
  archivedEvents:
    'Archived events: archived events in the chosen year or event. They and their links count only when “Include archived” is on.',
} as const;

export const PACE_COLORS: Record<PaceStatus, string> = {
  ahead: 'teal',
  on_track: 'blue',
  behind: 'red',
  not_started: 'gray',
  no_goal: 'gray',
};

/** One decimal, as the reference shows percentages: 28.33 → "28.3%". */
export const percent = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)}%`);

/** An amount in full: "CA$12,500.00". */
export const money = (amountMinor: number, currency: string): string => formatMoney(amountMinor, currency);

/** Short money for tight spots: "CA$776K". */
export const shortMoney = (amountMinor: number, currency: string): string =>
  formatMoney(amountMinor, currency, undefined, true);

/** "+CA$1,200" or "−CA$3,400": a signed amount (a true minus sign). */
export function signedMoney(amountMinor: number, currency: string): string {
  const text = money(Math.abs(amountMinor), currency);
  return amountMinor < 0 ? `−${text}` : `+${text}`;
}
