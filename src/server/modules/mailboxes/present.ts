/** Every field of a mailbox or a message that leaves the server. Secrets never do: only whether one is set. */
import type { Mailbox, MailboxHealth, MailMessage } from '../../../shared/mailboxes.schema';
import type { MailboxesTable, MailMessagesTable } from '../../db/types';

export const ingestPathOf = (id: string) => `/api/v1/mailboxes/${id}/ingest`;

export function presentMailbox(row: MailboxesTable, ownerName: string, health: MailboxHealth): Mailbox {
  return {
    id: row.id,
    kind: row.kind as Mailbox['kind'],
    ownerId: row.owner_id,
    ownerName,
    email: row.email,
    label: row.label,
    enabled: row.enabled === 1,
    imap:
      row.kind === 'imap'
        ? {
            host: row.imap_host,
            port: row.imap_port,
            tls: row.imap_tls === 1,
            user: row.imap_user,
            auth: row.imap_auth as 'password' | 'xoauth2',
            hasSecret: !!row.imap_secret,
          }
        : null,
    smtp: row.smtp_host
      ? {
          host: row.smtp_host,
          port: row.smtp_port,
          tls: row.smtp_tls === 1,
          user: row.smtp_user,
          hasPassword: !!row.smtp_secret,
        }
      : null,
    ingestPath: row.kind === 'forwarder' ? ingestPathOf(row.id) : null,
    syncSince: row.sync_since,
    health,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presentMessage(
  r: MailMessagesTable,
  mailboxEmail: string,
  known: Set<string> = new Set(),
): MailMessage {
  const rec = JSON.parse(r.recipients) as { to?: string[]; cc?: string[]; bcc?: string[] };
  const to = rec.to ?? [];
  const cc = rec.cc ?? [];
  const bcc = rec.bcc ?? [];
  const candidates = r.direction === 'inbound' ? [r.from_email] : [...to, ...cc, ...bcc];
  return {
    id: r.id,
    mailboxId: r.mailbox_id,
    mailboxEmail,
    messageId: r.message_key,
    threadId: r.thread_key,
    folder: r.folder,
    direction: r.direction as MailMessage['direction'],
    fromEmail: r.from_email,
    fromName: r.from_name,
    to,
    cc,
    bcc,
    subject: r.subject,
    snippet: r.snippet,
    occurredAt: r.occurred_at,
    attachments: JSON.parse(r.attachments) as MailMessage['attachments'],
    status: r.status as MailMessage['status'],
    matchKind: r.match_kind as MailMessage['matchKind'],
    organizationIds: JSON.parse(r.organization_ids) as string[],
    error: r.error,
    unmatchedAddresses: candidates.filter((a) => a && a !== mailboxEmail && !known.has(a)),
  };
}
