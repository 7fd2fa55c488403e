/** Display formatting shared by every page. */

/**
 * Built on first use, not when the module loads: each Intl formatter loads locale data, and this module is
 * part of every page's first script, where a page that shows no time or relative date need not pay for them.
 */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const dateTime = once(
  () =>
    new Intl.DateTimeFormat(undefined, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }),
);
const dateOnly = once(
  () => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }),
);
const relative = once(() => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime().format(d);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An instant, or a calendar date (YYYY-MM-DD, shown as that day in every time zone). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const day = CALENDAR_DATE.exec(iso);
  // new Date('2026-05-01') is UTC midnight, which is April 30 west of Greenwich.
  const d = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly().format(d);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "in 2 days"; "just now" under a minute. */
export function formatRelative(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Number.isNaN(seconds)) return iso;
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) return relative().format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** The word for `n` things: "relationship" for 1, "relationships" otherwise. */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** `n` and its word: "1 relationship", "2,500 relationships". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${pluralWord(n, one, many)}`;
}

/** A file size for people: 512 B, 48 KB, 2.5 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
