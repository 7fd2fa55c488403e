/**
 * One message, whatever brought it (an IMAP fetch, a forwarder's JSON entry, a message Accord sent),
 * reduced to what email sync needs: ids for dedupe and threads, addresses to match, a snippet, the list of
 * attachments. Malformed messages come back as a reason instead.
 */
import { createHash } from 'node:crypto';
import type { FetchMessageObject, MessageStructureObject } from 'imapflow';
import { simpleParser, type AddressObject } from 'mailparser';
import { SNIPPET_LENGTH, type MailAttachment } from '../../../shared/mailboxes.schema';

export type Folder = 'inbox' | 'sent' | 'ingest' | 'compose';

export interface MailEntry {
  /** The Message-ID (with its angle brackets), or a stable generated one. */
  messageKey: string;
  /** The conversation: the first References id, else In-Reply-To, else the message itself. */
  threadKey: string;
  direction: 'inbound' | 'outbound';
  from: { email: string; name: string } | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  snippet: string;
  occurredAt: string;
  attachments: MailAttachment[];
  folder: Folder;
  uid: number | null;
  uidValidity: string | null;
  /** An explicit event for the communication (forwarders may name one). */
  eventId?: string | null;
}

export type Parsed = { ok: true; entry: MailEntry } | { ok: false; uid: number | null; reason: string };

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const EMAIL_IN_TEXT = /[^\s@<>()[\],;:"']+@[^\s@<>()[\],;:"']+\.[^\s@<>()[\],;:"']+/g;

export function normaliseEmail(value: string): string | null {
  const e = value.trim().toLowerCase();
  return EMAIL.test(e) && e.length <= 254 ? e : null;
}

/** Addresses out of strings or arrays of strings ("Ada <ada@acme.example>, bob@x.io"), lower-cased, unique. */
export function extractEmails(value: unknown): string[] {
  const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const out = new Set<string>();
  for (const t of texts)
    for (const m of t.match(EMAIL_IN_TEXT) ?? []) {
      const e = normaliseEmail(m);
      if (e) out.add(e);
    }
  return [...out];
}

function addresses(a: AddressObject | AddressObject[] | undefined): { email: string; name: string }[] {
  const out: { email: string; name: string }[] = [];
  const walk = (list: { address?: string; name?: string; group?: unknown[] }[]) => {
    for (const v of list) {
      if (v.group) walk(v.group as typeof list);
      const email = v.address ? normaliseEmail(v.address) : null;
      if (email && !out.some((o) => o.email === email)) out.push({ email, name: (v.name ?? '').trim() });
    }
  };
  for (const obj of [a ?? []].flat()) walk(obj.value);
  return out;
}

/** A stable id for a message that has no Message-ID: the same message gets the same key twice. */
export function generatedKey(parts: (string | null | undefined)[]): string {
  const hash = createHash('sha256').update(parts.filter(Boolean).join('\n')).digest('hex').slice(0, 24);
  return `<accord-${hash}@generated.invalid>`;
}

function cleanId(v: string | undefined | null): string | null {
  const t = (v ?? '').trim();
  return t ? t.slice(0, 500) : null;
}

export function snippetOf(text: string | undefined | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH);
}

/** Parts shown as attachments: named files, not the message's own text. */
export function attachmentsOf(node: MessageStructureObject | undefined): MailAttachment[] {
  const out: MailAttachment[] = [];
  const walk = (n: MessageStructureObject) => {
    if (n.childNodes?.length) {
      n.childNodes.forEach(walk);
      return;
    }
    const name = n.dispositionParameters?.filename ?? n.parameters?.name ?? '';
    const isText = n.type.startsWith('text/') && !name;
    if (isText || (!name && n.disposition !== 'attachment')) return;
    const encoded = n.size ?? 0;
    // BODYSTRUCTURE sizes are encoded sizes; base64 carries 3 bytes in 4 characters (plus line breaks).
    const size = n.encoding?.toLowerCase() === 'base64' ? Math.floor((encoded * 3) / 4 / (78 / 76)) : encoded;
    out.push({ part: n.part ?? '1', name: name || 'attachment', size, type: n.type });
  };
  if (node) walk(node);
  return out;
}

/** An IMAP message → an entry, or why it is malformed. */
export async function parseImapMessage(
  msg: FetchMessageObject,
  folder: 'inbox' | 'sent',
  uidValidity: string,
  ownAddresses: Set<string>,
): Promise<Parsed> {
  const uid = msg.uid;
  if (!msg.source || msg.source.length === 0)
    return { ok: false, uid, reason: 'The server sent no content.' };
  let parsed;
  try {
    parsed = await simpleParser(msg.source, {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
  } catch (e) {
    return { ok: false, uid, reason: `The message could not be parsed: ${(e as Error).message}` };
  }
  const from = addresses(parsed.from)[0] ?? null;
  const to = addresses(parsed.to).map((a) => a.email);
  const cc = addresses(parsed.cc).map((a) => a.email);
  const bcc = addresses(parsed.bcc).map((a) => a.email);
  if (!from && to.length + cc.length + bcc.length === 0)
    return { ok: false, uid, reason: 'The message has no sender and no recipient address.' };
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null;
  const internal = msg.internalDate ? new Date(msg.internalDate) : null;
  const occurredAt = (date ?? internal ?? new Date(0)).toISOString();
  const subject = (parsed.subject ?? '').trim();
  const messageKey =
    cleanId(parsed.messageId) ?? generatedKey([from?.email, to.join(','), occurredAt, subject]);
  const refs = [parsed.references ?? []].flat();
  const threadKey = cleanId(refs[0]) ?? cleanId(parsed.inReplyTo) ?? messageKey;
  const outbound = folder === 'sent' || (from !== null && ownAddresses.has(from.email));
  return {
    ok: true,
    entry: {
      messageKey,
      threadKey,
      direction: outbound ? 'outbound' : 'inbound',
      from,
      to,
      cc,
      bcc,
      subject,
      snippet: snippetOf(parsed.text),
      occurredAt,
      attachments: attachmentsOf(msg.bodyStructure),
      folder,
      uid,
      uidValidity,
    },
  };
}
