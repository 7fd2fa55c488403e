/**
 * The IMAP side of email sync, over imapflow: connect (password or XOAUTH2), find INBOX and Sent, read a
 * folder's UIDVALIDITY/UIDNEXT, list new UIDs, fetch them in bounded chunks, download one attachment.
 * Failures become one readable sentence that keeps the server's own words ("Login failed: …").
 */
import { ImapFlow, type FetchMessageObject, type ImapFlowOptions } from 'imapflow';
import { assertConnectable, BlockedHostError } from '../../kernel/netGuard';

export interface ImapSettings {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  auth: 'password' | 'xoauth2';
  secret: string;
}

/**
 * A failure with the status the health block shows: 401 refused login, 502 unreachable, 400 an address
 * Accord does not connect to, 500 other.
 */
export class MailServerError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** The part of each message a sync reads: headers and the start of the body are enough to log it. */
export const SOURCE_BYTES = 64 * 1024;
/** UIDs per FETCH: bounds the memory of a sync whatever the mailbox size. */
export const FETCH_CHUNK = 100;

export function imapOptions(s: ImapSettings): ImapFlowOptions {
  return {
    host: s.host,
    port: s.port,
    secure: s.tls,
    auth: s.auth === 'xoauth2' ? { user: s.user, accessToken: s.secret } : { user: s.user, pass: s.secret },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
    tls: { rejectUnauthorized: process.env.ACCORD_IMAP_INSECURE_TLS !== '1' },
    clientInfo: { name: 'Accord' },
  };
}

interface ImapErrorLike {
  message?: string;
  code?: string;
  responseText?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
}

/** One sentence for the health block, with the server's own words when it gave any. */
export function describeImapError(e: unknown, s: Pick<ImapSettings, 'host' | 'port'>): MailServerError {
  if (e instanceof MailServerError) return e;
  const err = (e ?? {}) as ImapErrorLike;
  const where = `${s.host}:${s.port}`;
  const said = err.responseText?.trim();
  if (err.authenticationFailed || err.serverResponseCode === 'AUTHENTICATIONFAILED')
    return new MailServerError(
      `The IMAP server ${where} refused the login: ${said || err.message || 'authentication failed'}`,
      401,
    );
  switch (err.code) {
    case 'ECONNREFUSED':
      return new MailServerError(`Could not connect to ${where}: the connection was refused.`, 502);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new MailServerError(`The mail server host "${s.host}" was not found.`, 502);
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
      return new MailServerError(`The IMAP server ${where} did not answer in time.`, 502);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'NoConnection':
    case 'EConnectionClosed':
      return new MailServerError(`The connection to ${where} was lost: ${err.message ?? err.code}.`, 502);
  }
  if (err.code?.startsWith('ERR_SSL') || /SSL|TLS|certificate/i.test(err.message ?? ''))
    return new MailServerError(
      `The secure connection to ${where} failed (${err.message}). Check the port and the TLS setting.`,
      502,
    );
  return new MailServerError(
    `The IMAP server ${where} answered with an error: ${said || err.message || String(e)}`,
    500,
  );
}

export interface FolderInfo {
  path: string;
  role: 'inbox' | 'sent';
}

const SENT_NAMES = /^(sent|sent items|sent mail|sent messages|\[gmail\]\/sent mail|inbox[./]sent)$/i;

/** An open IMAP session; every call maps failures to MailServerError. */
export class ImapSession {
  private constructor(
    private readonly client: ImapFlow,
    private readonly s: ImapSettings,
  ) {}

  static async open(s: ImapSettings): Promise<ImapSession> {
    await assertConnectable(s.host).catch((e: unknown) => {
      throw e instanceof BlockedHostError ? new MailServerError(e.message, 400) : e;
    });
    const client = new ImapFlow(imapOptions(s));
    // imapflow emits socket errors as events; without a listener they would end the process.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (e) {
      client.close();
      throw describeImapError(e, s);
    }
    return new ImapSession(client, s);
  }

  private fail(e: unknown): never {
    throw describeImapError(e, this.s);
  }

  /** INBOX, and the Sent folder when the server has one (special-use \Sent, else a usual name). */
  async folders(): Promise<{ all: string[]; sync: FolderInfo[] }> {
    try {
      const list = await this.client.list();
      const sent = list.find((f) => f.specialUse === '\\Sent') ?? list.find((f) => SENT_NAMES.test(f.path));
      return {
        all: list.map((f) => f.path),
        sync: [
          { path: 'INBOX', role: 'inbox' },
          ...(sent ? [{ path: sent.path, role: 'sent' as const }] : []),
        ],
      };
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Opens a folder read-only and returns its UIDVALIDITY, UIDNEXT and the UIDs after `afterUid` (or, on
   * a first sync with `since`, those received since that day).
   */
  async newUids(
    path: string,
    afterUid: number,
    since: Date | null,
  ): Promise<{ uidValidity: string; uidNext: number; uids: number[] }> {
    try {
      const mailbox = await this.client.mailboxOpen(path, { readOnly: true });
      const uidValidity = String(mailbox.uidValidity);
      const found =
        mailbox.exists === 0
          ? []
          : await this.client.search(afterUid === 0 && since ? { since } : { uid: `${afterUid + 1}:*` }, {
              uid: true,
            });
      const uids = (found || []).filter((u) => u > afterUid).sort((a, b) => a - b);
      return { uidValidity, uidNext: mailbox.uidNext, uids };
    } catch (e) {
      this.fail(e);
    }
  }

  /** The messages of these UIDs in the open folder: size, date, structure and the start of the source. */
  async fetchChunk(uids: number[]): Promise<FetchMessageObject[]> {
    try {
      const out: FetchMessageObject[] = [];
      for await (const m of this.client.fetch(
        uidSet(uids),
        {
          uid: true,
          size: true,
          internalDate: true,
          bodyStructure: true,
          source: { maxLength: SOURCE_BYTES },
        },
        { uid: true },
      ))
        out.push(m);
      return out;
    } catch (e) {
      this.fail(e);
    }
  }

  /** One MIME part of one message, decoded, up to `maxBytes`. */
  async downloadPart(path: string, uid: number, part: string, maxBytes: number): Promise<Buffer | null> {
    try {
      await this.client.mailboxOpen(path, { readOnly: true });
      const { content } = await this.client.download(String(uid), part, { uid: true, maxBytes });
      if (!content) return null;
      const chunks: Buffer[] = [];
      for await (const c of content) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    } catch (e) {
      this.fail(e);
    }
  }

  async close(): Promise<void> {
    try {
      await this.client.logout();
    } catch {
      this.client.close();
    }
  }
}

/** "1,2,3,7,8" → "1:3,7:8": a compact UID set. */
export function uidSet(uids: number[]): string {
  const parts: string[] = [];
  let start = uids[0]!;
  let prev = start;
  for (const u of uids.slice(1).concat(Number.NaN)) {
    if (u === prev + 1) {
      prev = u;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}:${prev}`);
    start = prev = u;
  }
  return parts.join(',');
}
