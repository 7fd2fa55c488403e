/** Date helpers shared by server and web. "Today" is always passed in, never read here. */

const formats = new Map<string, Intl.DateTimeFormat>();

/** A formatter takes far longer to build than to use: one per locale, zone and options, kept. */
function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, f);
  }
  return f;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  const format = formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = format.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

/** One day in milliseconds: day counts are whole multiples of it, as the reference computes them. */
export const DAY_MS = 86_400_000;

/** Milliseconds of a calendar date's UTC midnight (date arithmetic works on these). */
export const utcMidnight = (date: string): number => Date.parse(`${date.slice(0, 10)}T00:00:00.000Z`);

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, floored (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.floor((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const f = formatter('en-US', timeZone, {
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar date begins in a time zone: its local midnight, or the first instant of the day
 * where a clock change skips midnight.
 */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const midnight = utcMidnight(date);
  const first = midnight - zoneOffsetMs(midnight, timeZone);
  const candidates = [first, midnight - zoneOffsetMs(first, timeZone)].sort((a, b) => a - b);
  const start = candidates.find((t) => dateInZone(new Date(t), timeZone) === date) ?? candidates[1]!;
  return new Date(start);
}
