/**
 * Outgoing mail over SMTP: the workspace's server (Admin → Settings) by default, or any other server
 * described by an SmtpConfig (a user's own mailbox sends from its address through it).
 */
import nodemailer from 'nodemailer';
import { AppError } from './errors';
import { assertConnectable, BlockedHostError } from './netGuard';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  fromAddress: string;
  fromName: string;
}

export interface OutgoingMail {
  to: string | string[];
  cc?: string[];
  /** Our own Message-ID (angle brackets included), so the sent mail can be recognised when it syncs back. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Shown as the sender's name (the address stays the workspace's, so SPF and DKIM hold). */
  fromName?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  /**
   * Sends many messages over a small pool of connections; each message's outcome is reported (a refused
   * recipient does not stop the others). Throws only when no SMTP server is configured.
   */
  sendMany(
    mails: OutgoingMail[],
    onResult: (
      index: number,
      result: { ok: true; messageId: string } | { ok: false; error: string },
    ) => Promise<void>,
  ): Promise<void>;
}

const notConfigured = () =>
  new AppError(
    409,
    'smtp_not_configured',
    'No SMTP server is set up. An admin can add one in Admin → Settings.',
  );

function transportFor(cfg: SmtpConfig, pool: boolean) {
  return nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    ...(cfg.user ? { auth: { user: cfg.user, pass: cfg.password } } : {}),
    ...(pool ? { pool: true, maxConnections: 4, maxMessages: 100 } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    tls: { rejectUnauthorized: process.env.ACCORD_SMTP_INSECURE_TLS !== '1' },
  });
}

function envelope(cfg: SmtpConfig, mail: OutgoingMail) {
  const { fromName, ...rest } = mail;
  return { from: { name: fromName ?? cfg.fromName, address: cfg.fromAddress }, ...rest };
}

/** Refuses a server address Accord does not connect to (kernel/netGuard), as a 400 naming it. */
async function checkHost(cfg: SmtpConfig): Promise<void> {
  await assertConnectable(cfg.host).catch((e: unknown) => {
    throw e instanceof BlockedHostError ? new AppError(400, 'blocked_address', e.message) : e;
  });
}

/** Connects (and logs in) to an SMTP server without sending anything: a settings form's "Test" button. */
export async function verifySmtp(
  cfg: Pick<SmtpConfig, 'host' | 'port' | 'secure' | 'user' | 'password'>,
): Promise<{ ok: boolean; message: string }> {
  const where = `The SMTP server ${cfg.host}:${cfg.port}`;
  try {
    await assertConnectable(cfg.host);
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const transport = transportFor({ ...cfg, fromAddress: '', fromName: '' }, false);
  try {
    await transport.verify();
    return { ok: true, message: `${where} accepted the connection${cfg.user ? ' and the login' : ''}.` };
  } catch (e) {
    return { ok: false, message: `${where} refused: ${(e as Error).message}` };
  } finally {
    transport.close();
  }
}

export function smtpMailer(getConfig: () => Promise<SmtpConfig | null>): Mailer {
  return {
    async send(mail) {
      const cfg = await getConfig();
      if (!cfg) throw notConfigured();
      await checkHost(cfg);
      const transport = transportFor(cfg, false);
      try {
        const info = await transport.sendMail(envelope(cfg, mail));
        return { messageId: String(info.messageId) };
      } catch (e) {
        throw new AppError(
          502,
          'smtp_failed',
          `The mail server ${cfg.host}:${cfg.port} refused the message: ${(e as Error).message}`,
        );
      } finally {
        transport.close();
      }
    },
    async sendMany(mails, onResult) {
      const cfg = await getConfig();
      if (!cfg) throw notConfigured();
      await checkHost(cfg);
      const transport = transportFor(cfg, true);
      try {
        // Eight at a time, as the reference does; the pool keeps the connections few.
        for (let i = 0; i < mails.length; i += 8) {
          await Promise.all(
            mails.slice(i, i + 8).map(async (mail, j) => {
              try {
                const info = await transport.sendMail(envelope(cfg, mail));
                await onResult(i + j, { ok: true, messageId: String(info.messageId) });
              } catch (e) {
                await onResult(i + j, { ok: false, error: (e as Error).message });
              }
            }),
          );
        }
      } finally {
        transport.close();
      }
    },
  };
}
