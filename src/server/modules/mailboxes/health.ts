/**
 * Health of each mailbox (connected, last success, last error in the server's words, imported in 24 h and
 * 7 days, duplicates, malformed, unmatched, lag) and the Overview's email block that sums them up
 * (reference §2.10: "Action recommended" when a mailbox fails or nothing arrived for 72 hours).
 */
import {
  EMAIL_STALE_HOURS,
  EMAIL_SYNC_NOT_CONFIGURED,
  type EmailSyncSummary,
  type MailboxHealth,
  type RunStats,
} from '../../../shared/mailboxes.schema';
import type { MailboxesTable } from '../../db/types';
import type { Kernel } from '../../kernel/context';
import { MAILBOXES_LINK, syncDedupeKey } from './sync';

const HOUR = 3_600_000;

type Status = MailboxHealth['status'];

export function statusOf(row: MailboxesTable, now: Date): Status {
  if (!row.enabled) return 'disabled';
  const failing = row.kind === 'imap' ? row.failure_count > 0 : (row.last_status_code ?? 0) >= 400;
  if (failing) return 'failing';
  if (!row.last_success_at) {
    // A mailbox that never synced in 72 hours has silently stopped as surely as one that used to work.
    return now.getTime() - Date.parse(row.created_at) > EMAIL_STALE_HOURS * HOUR ? 'stale' : 'never_synced';
  }
  if (now.getTime() - Date.parse(row.last_success_at) > EMAIL_STALE_HOURS * HOUR) return 'stale';
  return 'healthy';
}

async function countsBy(k: Kernel, ids: string[], since24h: string, since7d: string) {
  if (ids.length === 0) return new Map<string, { d1: number; d7: number; unmatched: number }>();
  const [imported, unmatched] = await Promise.all([
    k.db
      .selectFrom('mail_messages')
      .select([
        'mailbox_id',
        (eb) => eb.fn.countAll<number>().as('n7'),
        (eb) =>
          eb.fn.sum<number>(eb.case().when('created_at', '>=', since24h).then(1).else(0).end()).as('n1'),
      ])
      .where('mailbox_id', 'in', ids)
      .where('created_at', '>=', since7d)
      .where('status', 'in', ['imported', 'assigned'])
      .groupBy('mailbox_id')
      .execute(),
    k.db
      .selectFrom('mail_messages')
      .select(['mailbox_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('mailbox_id', 'in', ids)
      .where('status', '=', 'unmatched')
      .groupBy('mailbox_id')
      .execute(),
  ]);
  const out = new Map<string, { d1: number; d7: number; unmatched: number }>();
  for (const id of ids) out.set(id, { d1: 0, d7: 0, unmatched: 0 });
  for (const r of imported)
    Object.assign(out.get(r.mailbox_id)!, { d1: Number(r.n1 ?? 0), d7: Number(r.n7) });
  for (const r of unmatched) out.get(r.mailbox_id)!.unmatched = Number(r.n);
  return out;
}

/** Health for each of these mailboxes, from a handful of grouped queries. */
export async function healthOf(k: Kernel, rows: MailboxesTable[]): Promise<Map<string, MailboxHealth>> {
  const now = k.clock.now();
  const ids = rows.map((r) => r.id);
  const since = (h: number) => new Date(now.getTime() - h * HOUR).toISOString();
  const [counts, folders, jobs] = await Promise.all([
    countsBy(k, ids, since(24), since(24 * 7)),
    ids.length
      ? k.db
          .selectFrom('mailbox_folders')
          .selectAll()
          .where('mailbox_id', 'in', ids)
          .orderBy('role')
          .execute()
      : Promise.resolve([]),
    ids.length
      ? k.db
          .selectFrom('jobs')
          .select(['dedupe_key', 'id'])
          .where('dedupe_key', 'in', ids.map(syncDedupeKey))
          .where('status', 'in', ['queued', 'running'])
          .execute()
      : Promise.resolve([]),
  ]);
  const out = new Map<string, MailboxHealth>();
  for (const row of rows) {
    const c = counts.get(row.id)!;
    const mine = folders
      .filter((f) => f.mailbox_id === row.id)
      .map((f) => ({
        role: f.role as 'inbox' | 'sent',
        path: f.path,
        uidValidity: f.uid_validity,
        lastUid: f.last_uid,
        pending: Math.max(0, (f.server_uid_next ?? 1) - 1 - f.last_uid),
        lastSyncedAt: f.last_synced_at,
      }));
    const status = statusOf(row, now);
    const running = jobs.find((j) => j.dedupe_key === syncDedupeKey(row.id));
    out.set(row.id, {
      status,
      // Connected: the last attempt worked (a stale mailbox may still connect; it just has had nothing new).
      connected: status !== 'disabled' && status !== 'failing' && row.last_success_at !== null,
      syncing: !!running,
      lastJobId: running?.id ?? row.last_job_id,
      lastAttemptAt: row.last_attempt_at,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
      lastErrorAt: row.last_error_at,
      lastStatusCode: row.last_status_code,
      failureCount: row.failure_count,
      nextSyncAt: row.kind === 'imap' && row.enabled ? row.next_sync_at : null,
      imported24h: c.d1,
      imported7d: c.d7,
      duplicatesIgnored: row.duplicates_total,
      malformedSkipped: row.malformed_total,
      unmatchedCount: c.unmatched,
      lagMessages: mine.reduce((s, f) => s + f.pending, 0),
      lagSeconds: row.last_success_at
        ? Math.max(0, Math.round((now.getTime() - Date.parse(row.last_success_at)) / 1000))
        : null,
      folders: mine,
      lastRun: row.last_run ? (JSON.parse(row.last_run) as RunStats) : null,
      recentErrors: JSON.parse(row.recent_errors) as { at: string; message: string }[],
    });
  }
  return out;
}

const latest = (values: (string | null)[]) =>
  values
    .filter((v): v is string => !!v)
    .sort()
    .at(-1) ?? null;

/** The workspace's enabled mailboxes: what the Overview's email block is about. */
export function enabledMailboxes(k: Kernel): Promise<MailboxesTable[]> {
  return k.db.selectFrom('mailboxes').selectAll().where('enabled', '=', 1).execute();
}

/**
 * The Overview's email block over the enabled mailboxes (`enabledMailboxes`, which a caller may keep while the
 * data is unchanged): their health as of now, so with no mailbox there is nothing more to read.
 */
export async function emailSyncSummary(k: Kernel, rows: MailboxesTable[]): Promise<EmailSyncSummary> {
  const now = k.clock.now();
  if (rows.length === 0) return EMAIL_SYNC_NOT_CONFIGURED;
  const health = await healthOf(k, rows);
  const failing = rows.filter((r) => health.get(r.id)!.status === 'failing');
  const stale = rows.filter((r) => health.get(r.id)!.status === 'stale');
  const lastIngestAt = latest(rows.map((r) => r.last_attempt_at));
  const lastSuccessAt = latest(rows.map((r) => r.last_success_at));
  const codes = rows.map((r) => r.last_status_code).filter((c): c is number => c !== null);
  const configured = rows.length > 0;
  // Reference §2.10: stale when the last sync is more than 72 h old (never synced is not stale by itself).
  const overallStale =
    !!lastSuccessAt && now.getTime() - Date.parse(lastSuccessAt) > EMAIL_STALE_HOURS * HOUR;
  const needsAttention = !configured || failing.length > 0 || stale.length > 0 || overallStale;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 'es'}`;
  const message = !configured
    ? 'No mailbox is connected yet. Connect one under Partnerships → Email sync.'
    : failing.length
      ? `${plural(failing.length, 'mailbox')} failing: ${failing[0]!.email}: ${failing[0]!.last_error ?? 'the last sync failed'}`
      : stale.length || overallStale
        ? `Nothing synced for more than ${EMAIL_STALE_HOURS} hours${stale.length ? ` (${stale.map((r) => r.email).join(', ')})` : ''}.`
        : `${plural(rows.length, 'mailbox')} syncing.`;
  const byRecent = [...rows].sort((a, b) => (b.last_success_at ?? '').localeCompare(a.last_success_at ?? ''));
  return {
    enabled: true,
    configured,
    status: !configured ? 'not_configured' : needsAttention ? 'action_recommended' : 'healthy',
    headline: needsAttention ? 'Action recommended' : 'Connected and healthy',
    message,
    needsAttention,
    stale: stale.length > 0 || overallStale,
    lastIngestAt,
    lastSuccessAt,
    lastIngestStatusCode: codes.length ? Math.max(...codes) : null,
    recentActorEmails: [...new Set(byRecent.map((r) => r.email))].slice(0, 12),
    mailboxCount: rows.length,
    failingCount: failing.length,
    staleCount: stale.length,
    imported24h: [...health.values()].reduce((s, h) => s + h.imported24h, 0),
    unmatchedCount: [...health.values()].reduce((s, h) => s + h.unmatchedCount, 0),
    link: MAILBOXES_LINK,
  };
}
