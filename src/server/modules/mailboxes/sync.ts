/**
 * The incremental IMAP sync, one job per mailbox on the jobs table. Per folder (INBOX and Sent) it keeps
 * UIDVALIDITY and the last UID filed; a run fetches only UIDs above it, in chunks, and each chunk commits
 * its messages, communications and the new cursor together. A changed UIDVALIDITY starts the folder over
 * (the dedupe keys keep that from creating anything twice).
 *
 * A failing mailbox is retried on its own backoff (1 min doubling to 6 h, kept on the mailbox row, so it
 * holds across processes and restarts) and its owner is notified once per failing streak.
 */
import type { Kernel } from '../../kernel/context';
import { backoffMs, type JobContext } from '../../kernel/jobs';
import { mutate } from '../../kernel/mutation';
import type { MailboxesTable } from '../../db/types';
import { notify } from '../notifications/service';
import { describeImapError, FETCH_CHUNK, ImapSession, type FolderInfo, type ImapSettings } from './imap';
import { parseImapMessage, type MailEntry } from './parse';
import {
  addStats,
  emptyStats,
  storeEntries,
  syncActor,
  type Malformed,
  type MailboxContext,
  type StoreResult,
} from './store';

export const SYNC_JOB = 'mailboxes.sync';
export const SYNC_INTERVAL_MS = 5 * 60_000;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 3_600_000;
export const syncDedupeKey = (mailboxId: string) => `mailbox-sync:${mailboxId}`;
export const MAILBOXES_LINK = '/partnerships/email-sync';

export interface SyncOutcome extends StoreResult {
  status: 'ok' | 'failed' | 'skipped';
  error: string | null;
}

export function imapSettingsOf(k: Kernel, row: MailboxesTable): ImapSettings {
  return {
    host: row.imap_host,
    port: row.imap_port,
    tls: row.imap_tls === 1,
    user: row.imap_user,
    auth: row.imap_auth === 'xoauth2' ? 'xoauth2' : 'password',
    secret: row.imap_secret ? k.secrets.open(row.imap_secret) : '',
  };
}

/** What filing needs to know about a mailbox: its owner, its own address, whom it ignores, who is us. */
export async function mailboxContext(k: Kernel, row: MailboxesTable, provider: MailboxContext['provider']) {
  const [ignored, users] = await Promise.all([
    k.db.selectFrom('mailbox_ignored_senders').select('address').where('mailbox_id', '=', row.id).execute(),
    k.db.selectFrom('users').select('email').execute(),
  ]);
  const ctx: MailboxContext = {
    id: row.id,
    ownerId: row.owner_id,
    email: row.email,
    provider,
    ignored: new Set(ignored.map((i) => i.address)),
    internal: new Set([row.email, ...users.map((u) => u.email.toLowerCase())]),
  };
  return ctx;
}

export class MailSync {
  constructor(private readonly k: Kernel) {}

  /** Registers the job and the check that queues a sync for each mailbox whose time has come. */
  install(): void {
    this.k.jobs.register(SYNC_JOB, async (ctx: JobContext) => {
      const { mailboxId } = ctx.payload as { mailboxId: string };
      return this.run(mailboxId, ctx.progress);
    });
    this.k.jobs.onTick(async () => {
      const now = this.k.clock.now().toISOString();
      const due = await this.k.db
        .selectFrom('mailboxes')
        .select(['id', 'owner_id'])
        .where('enabled', '=', 1)
        .where('kind', '=', 'imap')
        .where((eb) => eb.or([eb('next_sync_at', 'is', null), eb('next_sync_at', '<=', now)]))
        .limit(100)
        .execute();
      for (const m of due) await this.enqueue(m.id, m.owner_id);
    });
  }

  /** Queues a sync unless one is already queued or running; answers that job's id either way. */
  async enqueue(mailboxId: string, userId: string): Promise<{ jobId: string; alreadyRunning: boolean }> {
    const key = syncDedupeKey(mailboxId);
    const id = await this.k.jobs.enqueue(SYNC_JOB, { mailboxId, userId }, { dedupeKey: key, maxAttempts: 2 });
    if (id) {
      await this.k.db.updateTable('mailboxes').set({ last_job_id: id }).where('id', '=', mailboxId).execute();
      return { jobId: id, alreadyRunning: false };
    }
    const existing = await this.k.db
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', '=', key)
      .executeTakeFirst();
    if (existing) return { jobId: existing.id, alreadyRunning: true };
    return this.enqueue(mailboxId, userId); // it finished in between
  }

  /** One sync of one mailbox. Never throws for a mail server's failure: it is recorded on the mailbox. */
  async run(
    mailboxId: string,
    progress: (done: number, total: number, message?: string) => Promise<void> = async () => {},
  ): Promise<SyncOutcome> {
    const row = await this.k.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', mailboxId)
      .executeTakeFirst();
    const stats = emptyStats();
    if (!row || row.kind !== 'imap' || !row.enabled) return { status: 'skipped', error: null, ...stats };
    const startedAt = this.k.clock.now().toISOString();
    await this.k.db
      .updateTable('mailboxes')
      .set({ last_attempt_at: startedAt })
      .where('id', '=', row.id)
      .execute();
    const settings = imapSettingsOf(this.k, row);
    const ctx = await mailboxContext(this.k, row, 'imap');
    let session: ImapSession | null = null;
    try {
      session = await ImapSession.open(settings);
      const { sync } = await session.folders();
      await this.ensureFolders(row.id, sync);
      const counter = { done: 0, total: 0 };
      for (const folder of sync) await this.syncFolder(session, ctx, row, folder, stats, counter, progress);
      await this.recordSuccess(row.id, stats);
      return { status: 'ok', error: null, ...stats };
    } catch (e) {
      const err = describeImapError(e, settings);
      await this.recordFailure(row, err.message, err.statusCode, stats);
      return { status: 'failed', error: err.message, ...stats };
    } finally {
      await session?.close();
    }
  }

  private async ensureFolders(mailboxId: string, folders: FolderInfo[]): Promise<void> {
    for (const f of folders) {
      await this.k.db
        .insertInto('mailbox_folders')
        .values({ mailbox_id: mailboxId, role: f.role, path: f.path, uid_validity: null, last_uid: 0 })
        .onConflict((oc) => oc.columns(['mailbox_id', 'role']).doUpdateSet({ path: f.path }))
        .execute();
    }
  }

  private async syncFolder(
    session: ImapSession,
    ctx: MailboxContext,
    row: MailboxesTable,
    folder: FolderInfo,
    stats: StoreResult,
    counter: { done: number; total: number },
    progress: (done: number, total: number, message?: string) => Promise<void>,
  ): Promise<void> {
    const state = await this.k.db
      .selectFrom('mailbox_folders')
      .selectAll()
      .where('mailbox_id', '=', row.id)
      .where('role', '=', folder.role)
      .executeTakeFirstOrThrow();
    const since = row.sync_since ? new Date(`${row.sync_since}T00:00:00Z`) : null;
    let found = await session.newUids(folder.path, state.last_uid, since);
    if (state.uid_validity !== found.uidValidity) {
      // A new UIDVALIDITY means the old UIDs name nothing any more: start the folder over.
      await this.k.db
        .updateTable('mailbox_folders')
        .set({ uid_validity: found.uidValidity, last_uid: 0, server_uid_next: found.uidNext })
        .where('mailbox_id', '=', row.id)
        .where('role', '=', folder.role)
        .execute();
      if (state.last_uid !== 0) found = await session.newUids(folder.path, 0, since);
    }
    counter.total += found.uids.length;
    const label = folder.role === 'inbox' ? 'Inbox' : 'Sent';
    await progress(counter.done, counter.total, `${label}: ${found.uids.length} new`);
    for (let i = 0; i < found.uids.length; i += FETCH_CHUNK) {
      const chunk = found.uids.slice(i, i + FETCH_CHUNK);
      const messages = await session.fetchChunk(chunk);
      const entries: MailEntry[] = [];
      const malformed: Malformed[] = [];
      for (const msg of messages) {
        const parsed = await parseImapMessage(msg, folder.role, found.uidValidity, ctx.internal);
        if (parsed.ok) entries.push(parsed.entry);
        else
          malformed.push({
            uid: parsed.uid,
            uidValidity: found.uidValidity,
            folder: folder.role,
            reason: parsed.reason,
          });
      }
      const res = await storeEntries(this.k, ctx, entries, malformed, {
        role: folder.role,
        uidValidity: found.uidValidity,
        lastUid: chunk.at(-1)!,
        uidNext: found.uidNext,
      });
      addStats(stats, res);
      counter.done += chunk.length;
      await progress(counter.done, counter.total, `${label}: ${i + chunk.length} of ${found.uids.length}`);
    }
    await this.k.db
      .updateTable('mailbox_folders')
      .set({ server_uid_next: found.uidNext, last_synced_at: this.k.clock.now().toISOString() })
      .where('mailbox_id', '=', row.id)
      .where('role', '=', folder.role)
      .execute();
  }

  async recordSuccess(mailboxId: string, stats: StoreResult, statusCode = 200): Promise<void> {
    const now = this.k.clock.now();
    await this.k.db
      .updateTable('mailboxes')
      .set({
        last_success_at: now.toISOString(),
        last_status_code: statusCode,
        failure_count: 0,
        failure_notified_at: null,
        next_sync_at: new Date(now.getTime() + SYNC_INTERVAL_MS).toISOString(),
        last_run: JSON.stringify(runStats(stats)),
      })
      .where('id', '=', mailboxId)
      .execute();
  }

  /** Records the failure, schedules the retry, and tells the owner once per failing streak. */
  async recordFailure(
    row: MailboxesTable,
    message: string,
    statusCode: number,
    stats: StoreResult,
  ): Promise<void> {
    const now = this.k.clock.now();
    await mutate(this.k, syncActor(row.email), async (m) => {
      const current = await m.tx
        .selectFrom('mailboxes')
        .select(['failure_count', 'recent_errors'])
        .where('id', '=', row.id)
        .executeTakeFirst();
      if (!current) return;
      const failures = current.failure_count + 1;
      const recent = [{ at: m.at, message }, ...(JSON.parse(current.recent_errors) as unknown[])].slice(
        0,
        15,
      );
      await m.tx
        .updateTable('mailboxes')
        .set({
          failure_count: failures,
          last_error: message.slice(0, 2000),
          last_error_at: m.at,
          last_status_code: statusCode,
          next_sync_at: new Date(
            now.getTime() + backoffMs(failures, BACKOFF_BASE_MS, BACKOFF_MAX_MS),
          ).toISOString(),
          last_run: JSON.stringify(runStats(stats)),
          recent_errors: JSON.stringify(recent),
        })
        .where('id', '=', row.id)
        .execute();
      const first = await m.tx
        .updateTable('mailboxes')
        .set({ failure_notified_at: m.at })
        .where('id', '=', row.id)
        .where('failure_notified_at', 'is', null)
        .executeTakeFirst();
      if (Number(first.numUpdatedRows) === 1)
        await notify(m.tx, m.at, [
          {
            userId: row.owner_id,
            kind: 'mailbox.failing',
            title: `Email sync stopped for ${row.email}`,
            body: `${message} Accord keeps retrying and will not notify you again until it works.`,
            link: MAILBOXES_LINK,
          },
        ]);
    });
  }
}

export function runStats(s: StoreResult) {
  return {
    received: s.received,
    processed: s.processed,
    imported: s.imported,
    duplicates: s.duplicates,
    unmatched: s.unmatched,
    skipped: s.skipped,
    errors: s.errors,
  };
}
