/** Outgoing mail through the workspace's SMTP server (Admin → Settings). */
import nodemailer from 'nodemailer';
import { AppError } from './errors';

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
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export function smtpMailer(getConfig: () => Promise<SmtpConfig | null>): Mailer {
  return {
    async send(mail) {
      const cfg = await getConfig();
      if (!cfg)
        throw new AppError(
          409,
          'smtp_not_configured',
          'No SMTP server is set up. An admin can add one in Admin → Settings.',
        );
      const transport = nodemailer.createTransport({
        host: cfg.host,
        port: cfg.port,
        secure: cfg.secure,
        ...(cfg.user ? { auth: { user: cfg.user, pass: cfg.password } } : {}),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
        tls: { rejectUnauthorized: process.env.ACCORD_SMTP_INSECURE_TLS !== '1' },
      });
      try {
        const info = await transport.sendMail({
          from: { name: cfg.fromName, address: cfg.fromAddress },
          ...mail,
        });
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
  };
}
