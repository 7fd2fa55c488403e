/**
 * The ingest endpoint for external forwarders (reference §3.7: the Apps Script payload, its field aliases
 * and limits). Accord authenticates it (decision 7): an API token with the "ingest" scope, or an HMAC
 * signature over the timestamp and the raw body with the forwarder's key:
 *
 *   X-Accord-Timestamp: <unix seconds>
 *   X-Accord-Signature: sha256=<hex of HMAC-SHA256(key, "<timestamp>.<raw body>")>
 *
 * Requests more than 5 minutes old (or ahead) are refused, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { INGEST_MAX_ENTRIES } from '../../../shared/mailboxes.schema';
import { AppError, badRequest, forbidden } from '../../kernel/errors';
import { extractEmails, generatedKey, normaliseEmail, snippetOf, type MailEntry } from './parse';

export const SIGNATURE_WINDOW_SECONDS = 300;

export function sign(key: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Checks the signature headers; throws 401 with the reason when they do not hold. */
export function verifySignature(
  key: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: string,
  now: Date,
): void {
  const unauthorized = (why: string) => new AppError(401, 'bad_signature', why);
  if (!headers.timestamp || !/^\d{9,11}$/.test(headers.timestamp))
    throw unauthorized('X-Accord-Timestamp must be the signing time in Unix seconds.');
  const skew = Math.abs(now.getTime() / 1000 - Number(headers.timestamp));
  if (skew > SIGNATURE_WINDOW_SECONDS)
    throw unauthorized(
      `The request was signed ${Math.round(skew)} s away from now; at most ${SIGNATURE_WINDOW_SECONDS} s is accepted.`,
    );
  const expected = Buffer.from(sign(key, headers.timestamp, rawBody));
  const given = Buffer.from(headers.signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw unauthorized(
      'The signature does not match the body. Sign "<timestamp>.<raw body>" with the forwarder key.',
    );
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const first = (o: Obj, keys: string[]) =>
  keys.map((k) => o[k]).find((v) => v !== undefined && v !== null && v !== '');
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** Reference step 1: `entries`, or `events`, or the payload itself when it is a list, or the payload alone. */
export function entriesOf(payload: unknown): unknown[] {
  if (Array.isArray(payload)) return payload;
  if (isObj(payload)) {
    if (Array.isArray(payload.entries)) return payload.entries;
    if (Array.isArray(payload.events)) return payload.events;
    return [payload];
  }
  return [];
}

function dateOf(v: unknown, now: Date): string {
  const d = typeof v === 'number' ? new Date(v) : typeof v === 'string' && v.trim() ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : now.toISOString();
}

export interface NormalisedIngest {
  entries: MailEntry[];
  /** Entries from an actor outside the forwarder's domain (reference step 3). */
  skipped: number;
  /** Entries that name no address at all: reported, not filed. */
  errors: string[];
  actorEmail: string;
}

/** The reference's normalisation with its aliases (step 2), for a forwarder whose address is `mailboxEmail`. */
export function normaliseIngest(payload: unknown, mailboxEmail: string, now: Date): NormalisedIngest {
  const list = entriesOf(payload);
  if (list.length === 0) throw badRequest('The request has no entries.', { entries: 'is empty' });
  if (list.length > INGEST_MAX_ENTRIES)
    throw badRequest(
      `One request may carry at most ${INGEST_MAX_ENTRIES} entries; this one has ${list.length}.`,
      {
        entries: `must have at most ${INGEST_MAX_ENTRIES} items`,
      },
    );
  const top = isObj(payload) ? payload : {};
  const actorEmail =
    normaliseEmail(str(top.actorEmail)) ??
    (list.length && isObj(list[0]) ? normaliseEmail(str(list[0].actorEmail)) : null);
  if (!actorEmail)
    throw badRequest('actorEmail must be the address of the mailbox that forwards.', {
      actorEmail: 'is required',
    });
  const domain = (e: string) => e.slice(e.lastIndexOf('@') + 1);
  if (domain(actorEmail) !== domain(mailboxEmail))
    throw forbidden(`This forwarder accepts mail of @${domain(mailboxEmail)} only, not of ${actorEmail}.`);
  const provider = str(top.provider) || 'forwarder';
  const out: NormalisedIngest = { entries: [], skipped: 0, errors: [], actorEmail };
  list.forEach((raw, index) => {
    if (!isObj(raw)) {
      out.errors.push(`Entry ${index + 1} is not an object.`);
      return;
    }
    const actor = normaliseEmail(str(raw.actorEmail)) ?? actorEmail;
    if (domain(actor) !== domain(mailboxEmail)) {
      out.skipped++;
      return;
    }
    const from = extractEmails(first(raw, ['fromEmail', 'from', 'sender']));
    const to = extractEmails(first(raw, ['toEmails', 'to', 'recipients']));
    const cc = extractEmails(raw.cc);
    const bcc = extractEmails(raw.bcc);
    if (from.length + to.length + cc.length + bcc.length === 0) {
      out.errors.push(`Entry ${index + 1}: no_candidate_partner_email (it names no sender or recipient).`);
      return;
    }
    const explicit = str(raw.direction).toLowerCase();
    const direction =
      explicit === 'inbound' || explicit === 'outbound'
        ? explicit
        : from.includes(actor)
          ? 'outbound'
          : 'inbound';
    const subject = str(first(raw, ['subject', 'title'])).slice(0, 500);
    const occurredAt = dateOf(first(raw, ['occurredAt', 'date', 'timestamp']), now);
    const messageId = str(first(raw, ['messageId', 'externalMessageId', 'gmailMessageId', 'id'])).slice(
      0,
      400,
    );
    const threadId = str(first(raw, ['threadId', 'externalThreadId', 'gmailThreadId'])).slice(0, 400);
    // An RFC Message-ID is kept as it is (so the same mail synced over IMAP dedupes); a provider's own id
    // is namespaced; without either, the reference's deterministic key.
    const messageKey = messageId
      ? /^<.+@.+>$/.test(messageId)
        ? messageId
        : `${provider}:${messageId}`
      : generatedKey([provider, threadId, direction, occurredAt, subject, from.join(','), to.join(',')]);
    out.entries.push({
      messageKey,
      threadKey: threadId
        ? /^<.+@.+>$/.test(threadId)
          ? threadId
          : `${provider}:thread:${threadId}`
        : messageKey,
      direction,
      from: from[0] ? { email: from[0], name: '' } : null,
      to,
      cc,
      bcc,
      subject,
      snippet: snippetOf(str(first(raw, ['summary', 'snippet', 'bodySnippet', 'preview']))),
      occurredAt,
      attachments: [],
      folder: 'ingest',
      uid: null,
      uidValidity: null,
      eventId: str(raw.eventId) || null,
    });
  });
  return out;
}
