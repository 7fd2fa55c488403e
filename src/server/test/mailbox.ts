/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, a free port): it accepts what Accord sends,
 * parses each message with mailparser, and can refuse chosen recipients the way a real server does.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from './harness';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  parsed: ParsedMail;
}

export interface Mailbox {
  port: number;
  messages: ReceivedMail[];
  /** Runs the job worker until `count` messages have arrived (or gives up after a few rounds). */
  deliver(t: TestApp, count?: number): Promise<void>;
  close(): Promise<void>;
}

export interface MailboxOptions {
  /** Return a reason to refuse a recipient with "550 <reason>". */
  refuse?: (recipient: string) => string | null;
  /** Require SMTP AUTH with these credentials (over plain text: it is a local test server). */
  auth?: { user: string; password: string };
}

export async function startMailbox(opts: MailboxOptions = {}): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.password)
        return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      const reason = opts.refuse?.(address.address);
      if (reason) return callback(Object.assign(new Error(reason), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            parsed,
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    async deliver(t, count = messages.length + 1) {
      for (let round = 0; round < 20 && messages.length < count; round++) await t.accord.kernel.jobs.tick();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Points the workspace's outgoing mail at the mailbox (as the admin would in Admin → Settings). */
export async function useMailbox(t: TestApp, port: number): Promise<void> {
  const admin = await t.as('admin');
  const current = await admin.get('/api/v1/settings');
  const res = await admin.patch('/api/v1/settings', {
    version: current.body.version,
    smtp: {
      host: '127.0.0.1',
      port,
      secure: false,
      user: '',
      fromAddress: 'crm@accord.test',
      fromName: 'Accord Test',
    },
  });
  if (res.status !== 200) throw new Error(`could not configure SMTP: ${res.status} ${res.text}`);
}
