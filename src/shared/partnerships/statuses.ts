/**
 * Partner–event link statuses: the ten canonical ones in their order, custom slugs, and the three groups
 * (secured / lost / open) that every figure in Accord uses. The single source of truth for status rules
 * (reference §1.7, partnerships.md "Statuses").
 */

export const CANONICAL_STATUSES = [
  'prospecting',
  'pitched',
  'reached_out',
  'shortlist',
  'in_conversation',
  'followed_up',
  'confirmed',
  'paid',
  'declined',
  'backed_out',
] as const;
export type CanonicalStatus = (typeof CANONICAL_STATUSES)[number];

export const DEFAULT_STATUS: CanonicalStatus = 'reached_out';

export type StatusGroup = 'secured' | 'lost' | 'open';

const SECURED = new Set<string>(['confirmed', 'paid']);
const LOST = new Set<string>(['declined', 'backed_out']);
/** Closed statuses produce no follow-up work (decision 3): paid, declined, backed out. */
const CLOSED = new Set<string>(['paid', 'declined', 'backed_out']);
/** Statuses that can go stale without a follow-up (reference §2.8): prospecting … confirmed, never custom. */
const STALE_ELIGIBLE = new Set<string>(CANONICAL_STATUSES.slice(0, 7));

const ALIASES = new Map<string, CanonicalStatus>([
  ['reached out', 'reached_out'],
  ['in conversation', 'in_conversation'],
  ['followed up', 'followed_up'],
  ['backed out', 'backed_out'],
]);

export function statusGroup(status: string): StatusGroup {
  return SECURED.has(status) ? 'secured' : LOST.has(status) ? 'lost' : 'open';
}
export const isSecured = (s: string) => SECURED.has(s);
export const isLost = (s: string) => LOST.has(s);
export const isClosed = (s: string) => CLOSED.has(s);
export const isStaleEligible = (s: string) => STALE_ELIGIBLE.has(s);
export const isCanonical = (s: string): s is CanonicalStatus =>
  (CANONICAL_STATUSES as readonly string[]).includes(s);

export const SECURED_STATUSES = [...SECURED];
export const LOST_STATUSES = [...LOST];
export const CLOSED_STATUSES = [...CLOSED];

/** `gold_sponsor` → `Gold Sponsor`. */
export function labelFromSlug(slug: string): string {
  return slug
    .split('_')
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

const LABELS: Record<CanonicalStatus, string> = {
  prospecting: 'Prospecting',
  pitched: 'Pitched',
  reached_out: 'Reached Out',
  shortlist: 'Shortlist',
  in_conversation: 'In Conversation',
  followed_up: 'Followed Up',
  confirmed: 'Confirmed',
  paid: 'Paid',
  declined: 'Declined',
  backed_out: 'Backed Out',
};

export function statusLabel(status: string): string {
  return isCanonical(status) ? LABELS[status] : labelFromSlug(status);
}

/** Lower-case slug: runs of non-alphanumerics → `_`, trimmed of `_`, cut to `max`. Empty when nothing is left. */
export function slugify(text: string, max = 60): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max)
    .replace(/_+$/g, '');
}

export type StatusResult = { ok: true; status: string } | { ok: false; message: string };

/**
 * Normalises a status on write: trim, cut to 80, lower-case; empty → reached_out; the spaced aliases map to
 * canonical keys; anything else becomes a custom slug (≤ 60). A value with no letter or digit is refused.
 */
export function normaliseStatus(input: string | null | undefined): StatusResult {
  const raw = (input ?? '').trim().slice(0, 80).toLowerCase();
  if (raw === '') return { ok: true, status: DEFAULT_STATUS };
  const alias = ALIASES.get(raw);
  if (alias) return { ok: true, status: alias };
  const slug = slugify(raw, 60);
  if (!slug) return { ok: false, message: 'must contain at least one letter or digit' };
  return { ok: true, status: slug };
}

/** On read, an unparseable stored value counts as the default status. */
export function normaliseStoredStatus(stored: string | null | undefined): string {
  const r = normaliseStatus(stored);
  return r.ok ? r.status : DEFAULT_STATUS;
}

/** Canonical statuses in order, then the custom ones found in data, sorted. */
export function statusOptions(
  customFound: Iterable<string>,
): { key: string; label: string; group: StatusGroup; custom: boolean }[] {
  const custom = [...new Set([...customFound].filter((s) => !isCanonical(s)))].sort();
  return [...CANONICAL_STATUSES, ...custom].map((key) => ({
    key,
    label: statusLabel(key),
    group: statusGroup(key),
    custom: !isCanonical(key),
  }));
}

export const ROLE_SUGGESTIONS = [
  'Sponsor',
  'Mentor',
  'Keynote Speaker',
  'Judge',
  'Panelist',
  'Workshop Speaker',
  'Industry Partner',
] as const;
