/**
 * A real mail server for tests and benchmarks: IMAP (hoodiecrow-imap, which speaks the protocol over TCP:
 * LOGIN and XOAUTH2, SELECT with UIDVALIDITY/UIDNEXT, UID SEARCH, UID FETCH with BODYSTRUCTURE and partial
 * bodies, APPEND) with an INBOX and a Sent folder kept in memory, plus an SMTP front door (smtp-server)
 * that files what it receives: into Sent when it comes from the mailbox's own address, else into INBOX.
 *
 * The storage outlives the listener, so a test can kill the server (every socket dropped at once, as a
 * crashed process would) and start it again on the same port with the same mail and UIDs.
 */
import type { AddressInfo, Socket } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';
import fetchHandlers from 'hoodiecrow-imap/lib/commands/handlers/fetch.js';
import { SMTPServer } from 'smtp-server';

export interface TestImapServerOptions {
  user?: string;
  password?: string;
  /** The XOAUTH2 access token the server accepts. */
  accessToken?: string;
  /** The mailbox's own address (mail the SMTP door receives from it goes to Sent). */
  address?: string;
  uidValidity?: number;
  /** Start with these messages already in the folders (fast: no APPEND round trip). */
  inbox?: string[];
  sent?: string[];
  /** Also start an SMTP server that delivers into this mailbox. */
  smtp?: boolean;
}

interface StoredMessage {
  raw: string;
  flags: string[];
  internaldate?: Date | string;
  uid?: number;
}
interface StoredFolder {
  messages: StoredMessage[];
  uidvalidity?: number;
  'special-use'?: string;
}
/**
 * hoodiecrow answers a partial fetch (BODY.PEEK[]<0.n>) right for the first message only: it trims the
 * shared request to write "<0>" in the response, so every later message of the same FETCH comes back
 * empty. A real server does not; give each message the request as the client sent it.
 */
type Query = { partial?: number[]; sentPartial?: number[] };
const partialFetch =
  (original: (c: unknown, m: unknown, q: Query) => unknown) => (c: unknown, m: unknown, q: Query) => {
    if (q.partial) {
      q.sentPartial ??= [...q.partial];
      q.partial = [...q.sentPartial];
    }
    return original(c, m, q);
  };

interface HoodiecrowServer {
  fetchHandlers: Record<string, unknown>;
  server: { address(): AddressInfo | string | null; close(cb?: () => void): void };
  listen(port: number, host: string, cb: () => void): void;
  getMailbox(path: string): StoredFolder | undefined;
  appendMessage(mailbox: string, flags: string[], internaldate: Date | undefined, raw: string): unknown;
  outputHandlers: ((connection: { socket: Socket | null }, response: unknown, description: string) => void)[];
  connectionHandlers: ((connection: { socket: Socket | null }) => void)[];
}

export interface TestImapServer {
  host: string;
  port: number;
  smtpPort: number | null;
  user: string;
  password: string;
  accessToken: string;
  address: string;
  /** Files a message as the server's own delivery would (it gets the next UID; selected clients hear EXISTS). */
  deliver(folder: 'INBOX' | 'Sent', raw: string, date?: Date): void;
  count(folder: 'INBOX' | 'Sent'): number;
  /** Changes a folder's UIDVALIDITY, as a server does when it rebuilds its index. */
  setUidValidity(folder: 'INBOX' | 'Sent', value: number): void;
  /** Kills the server after it has sent `n` more FETCH responses (mid-sync). */
  crashAfterFetches(n: number): void;
  /** FETCH responses sent so far (all connections). */
  fetchesSent(): number;
  /** Drops every connection and stops listening, like a killed process. */
  kill(): Promise<void>;
  /** Listens again on the same port, with the same mail. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function folderStorage(messages: string[] | undefined, uidValidity: number): StoredFolder {
  return { messages: (messages ?? []).map((raw) => ({ raw, flags: [] })), uidvalidity: uidValidity };
}

export async function startImapServer(opts: TestImapServerOptions = {}): Promise<TestImapServer> {
  const user = opts.user ?? 'sync@accord.test';
  const password = opts.password ?? 'imap-password-1';
  const accessToken = opts.accessToken ?? 'oauth-access-token-1';
  const address = opts.address ?? user;
  const uidValidity = opts.uidValidity ?? 1;
  const storage = {
    INBOX: folderStorage(opts.inbox, uidValidity),
    '': {
      separator: '/',
      type: 'personal',
      folders: { Sent: { ...folderStorage(opts.sent, uidValidity), 'special-use': '\\Sent' } },
    },
  };
  const users = { [user]: { password, xoauth2: { accessToken, sessionTimeout: 3_600_000 } } };
  const sockets = new Set<Socket>();
  let fetches = 0;
  let crashAt: number | null = null;
  let server: HoodiecrowServer;
  let port = 0;

  const kill = async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => server.server.close(() => resolve()));
  };

  const listen = async () => {
    server = hoodiecrow({
      plugins: ['ID', 'UIDPLUS', 'SPECIAL-USE', 'ENABLE', 'UNSELECT', 'XOAUTH2', 'SASL-IR', 'AUTH-PLAIN'],
      storage,
      users,
    }) as HoodiecrowServer;
    server.fetchHandlers.BODY = partialFetch(fetchHandlers.BODY!);
    server.fetchHandlers['BODY.PEEK'] = partialFetch(fetchHandlers.BODY!);
    server.connectionHandlers.push((connection) => {
      const socket = connection.socket;
      if (!socket) return;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.outputHandlers.push((_connection, response, description) => {
      // One untagged "* n FETCH" per message (the tagged OK that ends the command has the same description).
      if (!/^(UID )?FETCH$/.test(description) || (response as { tag?: string }).tag !== '*') return;
      fetches++;
      if (crashAt !== null && fetches >= crashAt) {
        crashAt = null;
        // Dead at once: this response and everything after it never reaches the client.
        void kill();
      }
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  };
  await listen();

  let smtp: SMTPServer | null = null;
  let smtpPort: number | null = null;
  const deliver = (folder: 'INBOX' | 'Sent', raw: string, date?: Date) => {
    server.appendMessage(folder, [], date, raw);
  };
  if (opts.smtp) {
    smtp = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === user && auth.password === password) return callback(null, { user });
        callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '';
          deliver(
            from === address.toLowerCase() ? 'Sent' : 'INBOX',
            Buffer.concat(chunks).toString('binary'),
          );
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp!.listen(0, '127.0.0.1', () => resolve()));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  }

  const folder = (name: 'INBOX' | 'Sent') => server.getMailbox(name)!;
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    smtpPort,
    user,
    password,
    accessToken,
    address,
    deliver,
    count: (name) => folder(name).messages.length,
    setUidValidity: (name, value) => {
      folder(name).uidvalidity = value;
    },
    crashAfterFetches: (n) => {
      crashAt = fetches + n;
    },
    fetchesSent: () => fetches,
    kill,
    restart: listen,
    close: async () => {
      await kill().catch(() => {});
      if (smtp) await new Promise<void>((resolve) => smtp!.close(() => resolve()));
    },
  };
}

/** A plain RFC 5322 message, CRLF line ends. */
export function rawMessage(m: {
  from: string;
  to: string | string[];
  cc?: string[];
  subject: string;
  messageId?: string;
  date?: Date;
  body?: string;
  references?: string[];
  inReplyTo?: string;
  attachment?: { name: string; type: string; content: Buffer };
}): string {
  const lines = [
    `From: ${m.from}`,
    `To: ${[m.to].flat().join(', ')}`,
    ...(m.cc?.length ? [`Cc: ${m.cc.join(', ')}`] : []),
    `Subject: ${m.subject}`,
    ...(m.messageId ? [`Message-ID: ${m.messageId}`] : []),
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references?.length ? [`References: ${m.references.join(' ')}`] : []),
    `Date: ${(m.date ?? new Date('2026-03-02T08:00:00Z')).toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
  ];
  const body = m.body ?? `Hello,\r\n\r\nAbout ${m.subject}.\r\n`;
  if (!m.attachment) {
    return [...lines, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
  }
  const b64 = m.attachment.content.toString('base64').replace(/(.{76})/g, '$1\r\n');
  return [
    ...lines,
    'Content-Type: multipart/mixed; boundary="accord-part"',
    '',
    '--accord-part',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '--accord-part',
    `Content-Type: ${m.attachment.type}; name="${m.attachment.name}"`,
    `Content-Disposition: attachment; filename="${m.attachment.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    b64,
    '--accord-part--',
    '',
  ].join('\r\n');
}
