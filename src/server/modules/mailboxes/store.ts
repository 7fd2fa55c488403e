/**
 * Files a batch of messages for one mailbox in one transaction: the message log rows, one communication per
 * matched partner, and (for IMAP) the folder's new cursor. A crash before the commit leaves the cursor where
 * it was, so the next run fetches the same messages again; the unique keys (mailbox + message id for the
 * log, partner + message id for communications) make that, or two processes syncing at once, create
 * nothing twice.
 */
import type { Tx } from '../../db/connection';
import type { MailboxesTable, MailMessagesTable } from '../../db/types';
import type { CommunicationsTable } from '../../db/types.partnerships';
import type { Actor, Kernel } from '../../kernel/context';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { SYSTEM_ACTOR } from '../../kernel/context';
import type { RunStats } from '../../../shared/mailboxes.schema';
import { matchEntries, type EntryMatch } from './matching';
import type { MailEntry } from './parse';

export interface MailboxContext {
  id: string;
  ownerId: string;
  email: string;
  provider: 'imap' | 'forwarder' | 'smtp';
  /** Addresses and "@domain"s this mailbox ignores. */
  ignored: Set<string>;
  /** Our own people: the mailbox and the workspace's users are never partner candidates. */
  internal: Set<string>;
}

export interface Malformed {
  uid: number | null;
  uidValidity: string | null;
  folder: MailEntry['folder'];
  reason: string;
}

export interface FolderCursor {
  role: 'inbox' | 'sent';
  uidValidity: string;
  lastUid: number;
  uidNext: number;
}

export interface StoreResult extends RunStats {
  unmatchedEmails: string[];
  errorMessages: string[];
}

export const emptyStats = (): StoreResult => ({
  received: 0,
  processed: 0,
  imported: 0,
  duplicates: 0,
  unmatched: 0,
  skipped: 0,
  errors: 0,
  unmatchedEmails: [],
  errorMessages: [],
});

export function addStats(into: StoreResult, r: StoreResult): void {
  for (const k of [
    'received',
    'processed',
    'imported',
    'duplicates',
    'unmatched',
    'skipped',
    'errors',
  ] as const)
    into[k] += r[k];
  for (const e of r.unmatchedEmails) if (!into.unmatchedEmails.includes(e)) into.unmatchedEmails.push(e);
  into.errorMessages.push(...r.errorMessages);
}

export function syncActor(mailboxEmail: string): Actor {
  return { ...SYSTEM_ACTOR, name: `Email sync (${mailboxEmail})` };
}

const MAX_RECENT_ERRORS = 15;

function isIgnored(mb: MailboxContext, email: string): boolean {
  return mb.ignored.has(email) || mb.ignored.has(`@${email.slice(email.lastIndexOf('@') + 1)}`);
}

/** The partner candidates of a message (reference §3.7 step 4): inbound the sender, outbound the recipients. */
export function candidatesOf(mb: MailboxContext, e: MailEntry): string[] {
  const raw = e.direction === 'inbound' ? (e.from ? [e.from.email] : []) : [...e.to, ...e.cc, ...e.bcc];
  return [...new Set(raw)].filter((a) => !mb.internal.has(a) && !isIgnored(mb, a));
}

function malformedKey(m: Malformed): string {
  return `<malformed-${m.folder}-${m.uidValidity ?? 'x'}-${m.uid ?? newId()}@accord.invalid>`;
}

export async function storeEntries(
  k: Kernel,
  mb: MailboxContext,
  entries: MailEntry[],
  malformed: Malformed[],
  cursor: FolderCursor | null,
): Promise<StoreResult> {
  const stats = emptyStats();
  stats.received = entries.length + malformed.length;
  // One row per message key: a forwarder may send the same message twice in one request.
  const unique = new Map<string, MailEntry>();
  for (const e of entries) {
    if (unique.has(e.messageKey)) stats.duplicates++;
    else unique.set(e.messageKey, e);
  }
  const batch = [...unique.values()];
  const candidates = new Map(batch.map((e) => [e.messageKey, candidatesOf(mb, e)]));
  // Reads happen before the transaction, so it opens with a write (SQLite then waits for the lock
  // instead of failing to upgrade a read snapshot another process has moved past).
  const matches = await matchEntries(k.db, mb.email, candidates);

  return mutate(k, syncActor(mb.email), async (m) => {
    const rows: MailMessagesTable[] = batch.map((e) => {
      const match = matches.get(e.messageKey);
      const ignored = e.direction === 'inbound' && e.from !== null && isIgnored(mb, e.from.email);
      return {
        id: newId(),
        mailbox_id: mb.id,
        message_key: e.messageKey,
        folder: e.folder,
        uid: e.uid,
        uid_validity: e.uidValidity,
        direction: e.direction,
        thread_key: e.threadKey,
        from_email: e.from?.email ?? '',
        from_name: (e.from?.name ?? '').slice(0, 200),
        recipients: JSON.stringify({ to: e.to, cc: e.cc, bcc: e.bcc }),
        subject: e.subject.slice(0, 500),
        snippet: e.snippet,
        occurred_at: e.occurredAt,
        attachments: JSON.stringify(e.attachments),
        status: ignored ? 'ignored' : match ? 'imported' : 'unmatched',
        match_kind: match?.kind ?? null,
        organization_ids: JSON.stringify(match?.partners.map((p) => p.organizationId) ?? []),
        error: null,
        created_at: m.at,
        updated_at: m.at,
      };
    });
    for (const bad of malformed)
      rows.push({
        id: newId(),
        mailbox_id: mb.id,
        message_key: malformedKey(bad),
        folder: bad.folder,
        uid: bad.uid,
        uid_validity: bad.uidValidity,
        direction: bad.folder === 'sent' ? 'outbound' : 'inbound',
        thread_key: '',
        from_email: '',
        from_name: '',
        recipients: '{}',
        subject: '',
        snippet: '',
        occurred_at: m.at,
        attachments: '[]',
        status: 'malformed',
        match_kind: null,
        organization_ids: '[]',
        error: bad.reason.slice(0, 1000),
        created_at: m.at,
        updated_at: m.at,
      });
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += 200) {
      const res = await m.tx
        .insertInto('mail_messages')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['mailbox_id', 'message_key']).doNothing())
        .returning('message_key')
        .execute();
      for (const r of res) inserted.add(r.message_key);
    }
    const malformedNew = malformed.filter((b) => inserted.has(malformedKey(b))).length;
    stats.skipped += malformed.length;
    stats.errorMessages.push(
      ...malformed.map(
        (b) => `${b.uid !== null ? `Message UID ${b.uid} in ${b.folder}` : 'An entry'}: ${b.reason}`,
      ),
    );

    const comms: CommunicationsTable[] = [];
    for (const e of batch) {
      if (!inserted.has(e.messageKey)) {
        stats.duplicates++;
        continue;
      }
      const row = rows.find((r) => r.message_key === e.messageKey)!;
      if (row.status === 'ignored') {
        stats.skipped++;
        continue;
      }
      const match = matches.get(e.messageKey);
      if (!match) {
        stats.unmatched++;
        for (const c of candidates.get(e.messageKey) ?? [])
          if (!stats.unmatchedEmails.includes(c)) stats.unmatchedEmails.push(c);
        continue;
      }
      stats.processed++;
      for (const p of match.partners) comms.push(communicationRow(mb, e, p, m.at));
    }
    // A stable order keeps two processes inserting the same rows from waiting on each other in a circle.
    comms.sort((a, b) =>
      `${a.organization_id}${a.external_message_id}`.localeCompare(
        `${b.organization_id}${b.external_message_id}`,
      ),
    );
    const created = new Set<string>();
    for (let i = 0; i < comms.length; i += 200) {
      const res = await m.tx
        .insertInto('communications')
        .values(comms.slice(i, i + 200))
        .onConflict((oc) => oc.doNothing())
        .returning(['id', 'external_message_id'])
        .execute();
      for (const r of res) created.add(r.id);
    }
    const keysWithNew = new Set<string>();
    for (const c of comms) {
      if (!created.has(c.id)) continue;
      keysWithNew.add(c.external_message_id!);
      stats.imported++;
      recordFiledMail(m, c);
    }
    // Matched, but every partner already had it (another mailbox, or Accord sent it): a duplicate.
    const dupKeys = [...new Set(comms.map((c) => c.external_message_id!))].filter(
      (key) => !keysWithNew.has(key),
    );
    if (dupKeys.length) {
      stats.duplicates += dupKeys.length;
      stats.processed -= dupKeys.length;
      for (let i = 0; i < dupKeys.length; i += 200)
        await m.tx
          .updateTable('mail_messages')
          .set({ status: 'duplicate' })
          .where('mailbox_id', '=', mb.id)
          .where('message_key', 'in', dupKeys.slice(i, i + 200))
          .execute();
    }

    if (cursor)
      await m.tx
        .updateTable('mailbox_folders')
        .set({
          last_uid: cursor.lastUid,
          server_uid_next: cursor.uidNext,
          last_synced_at: m.at,
        })
        .where('mailbox_id', '=', mb.id)
        .where('role', '=', cursor.role)
        .where('uid_validity', '=', cursor.uidValidity)
        .where('last_uid', '<', cursor.lastUid)
        .execute();

    if (stats.duplicates || malformedNew || stats.errorMessages.length) {
      const current = await m.tx
        .selectFrom('mailboxes')
        .select(['recent_errors', 'duplicates_total', 'malformed_total'])
        .where('id', '=', mb.id)
        .executeTakeFirst();
      if (current) {
        const recent = [
          ...stats.errorMessages.map((message) => ({ at: m.at, message })),
          ...(JSON.parse(current.recent_errors) as { at: string; message: string }[]),
        ].slice(0, MAX_RECENT_ERRORS);
        await m.tx
          .updateTable('mailboxes')
          .set({
            duplicates_total: current.duplicates_total + stats.duplicates,
            malformed_total: current.malformed_total + malformedNew,
            recent_errors: JSON.stringify(recent),
          })
          .where('id', '=', mb.id)
          .execute();
      }
    }
    return stats;
  });
}

/** What the audit log keeps of a communication filed from a mail. */
export function filedMailAudit(c: CommunicationsTable): Record<string, unknown> {
  return {
    organization_id: c.organization_id,
    subject: c.subject,
    direction: c.direction,
    occurred_at: c.occurred_at,
    source: c.source,
    external_message_id: c.external_message_id,
  };
}

/** Audits a communication filed from a mail and announces it, as every way of filing one does. */
export function recordFiledMail(m: MutationScope, c: CommunicationsTable): void {
  m.audit({
    entity: 'communication',
    entityId: c.id,
    action: 'create',
    after: filedMailAudit(c),
  });
  m.emit({
    type: 'communication.created',
    entity: 'communication',
    entityId: c.id,
    payload: { organizationId: c.organization_id },
  });
}

/**
 * Notes a mail Accord itself sent from a mailbox (compose, mail merge) in the message log, so the copy that
 * the Sent folder sync finds later is a duplicate and not a second communication.
 */
export async function recordSentMessage(
  tx: Tx,
  s: {
    mailbox: MailboxesTable;
    fromName: string;
    messageKey: string;
    threadKey: string;
    folder: 'compose' | 'merge';
    to: string[];
    cc: string[];
    subject: string;
    snippet: string;
    at: string;
    organizationId: string;
  },
): Promise<void> {
  await tx
    .insertInto('mail_messages')
    .values({
      id: newId(),
      mailbox_id: s.mailbox.id,
      message_key: s.messageKey,
      folder: s.folder,
      uid: null,
      uid_validity: null,
      direction: 'outbound',
      thread_key: s.threadKey,
      from_email: s.mailbox.email,
      from_name: s.fromName,
      recipients: JSON.stringify({ to: s.to, cc: s.cc, bcc: [] }),
      subject: s.subject.slice(0, 500),
      snippet: s.snippet,
      occurred_at: s.at,
      attachments: '[]',
      status: 'imported',
      match_kind: 'manual',
      organization_ids: JSON.stringify([s.organizationId]),
      error: null,
      created_at: s.at,
      updated_at: s.at,
    })
    .execute();
}

/** The communication a message becomes for one partner (reference §3.7 step 6). */
export function communicationRow(
  mb: MailboxContext,
  e: MailEntry,
  p: Pick<EntryMatch['partners'][number], 'organizationId' | 'contactId' | 'email'>,
  at: string,
) {
  const sender = e.direction === 'inbound' ? (e.from?.email ?? mb.email) : mb.email || (e.from?.email ?? '');
  const summary =
    e.snippet ||
    `${e.direction === 'inbound' ? 'Inbound' : 'Outbound'} email synced automatically. ${sender} -> ${p.email}.`;
  const row: CommunicationsTable = {
    id: newId(),
    organization_id: p.organizationId,
    event_id: e.eventId ?? null,
    contact_id: p.contactId,
    subject: e.subject.slice(0, 180),
    summary: summary.slice(0, 3000),
    channel: 'email',
    direction: e.direction,
    occurred_at: e.occurredAt,
    follow_up_date: null,
    follow_up_done_at: null,
    source: 'email_sync',
    sender,
    recipient_email: p.email,
    template_id: null,
    campaign_id: null,
    campaign_name: null,
    source_provider: mb.provider,
    external_message_id: e.messageKey,
    external_thread_id: e.threadKey,
    actor_email: mb.email,
    owner_id: mb.ownerId,
    created_at: at,
    updated_at: at,
    version: 1,
    deleted_at: null,
    updated_by: null,
  };
  return row;
}
