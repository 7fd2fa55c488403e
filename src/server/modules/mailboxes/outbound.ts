/**
 * Sending to a partner contact through the mailbox's own SMTP server (so it leaves from the user's
 * address and lands in their Sent folder), logged as an outbound communication. The communication carries
 * the Message-ID the server accepted, so when the Sent folder syncs later the same mail is a duplicate,
 * not a second entry.
 */
import nodemailer from 'nodemailer';
import type { z } from 'zod';
import type { composeSchema } from '../../../shared/mailboxes.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, conflict, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import type { PartnersService } from '../partners/service';
import { manageableMailbox } from './access';
import { snippetOf } from './parse';
import { communicationRow, recordFiledMail } from './store';
import { mailboxContext } from './sync';

export class MailSender {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  async send(actor: Actor, mailboxId: string, input: z.infer<typeof composeSchema>) {
    const mailbox = await manageableMailbox(this.k.db, actor, mailboxId);
    if (!mailbox.smtp_host)
      throw conflict('This mailbox has no SMTP settings. Add them to send from it.', 'smtp_not_configured');
    await this.partners.get(actor, input.organizationId);
    const fields: Record<string, string> = {};
    if (input.contactId) {
      const contact = await this.k.db
        .selectFrom('contacts')
        .select('id')
        .where('id', '=', input.contactId)
        .where('organization_id', '=', input.organizationId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!contact) fields.contactId = "is not one of this partner's people";
    }
    if (input.eventId) {
      const event = await this.k.db
        .selectFrom('events')
        .select('id')
        .where('id', '=', input.eventId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!event) fields.eventId = 'is not an existing event';
    }
    if (Object.keys(fields).length) throw validationError(fields);
    const owner = await this.k.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', mailbox.owner_id)
      .executeTakeFirst();
    const domain = mailbox.email.slice(mailbox.email.lastIndexOf('@') + 1);
    const messageId = `<${newId()}@${domain}>`;
    const parent = input.inReplyTo
      ? await this.k.db
          .selectFrom('mail_messages')
          .select('thread_key')
          .where('message_key', '=', input.inReplyTo)
          .executeTakeFirst()
      : undefined;
    const threadKey = parent?.thread_key || input.inReplyTo || messageId;

    const transport = nodemailer.createTransport({
      host: mailbox.smtp_host,
      port: mailbox.smtp_port,
      secure: mailbox.smtp_tls === 1,
      ...(mailbox.smtp_user
        ? {
            auth: {
              user: mailbox.smtp_user,
              pass: mailbox.smtp_secret ? this.k.secrets.open(mailbox.smtp_secret) : '',
            },
          }
        : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      tls: { rejectUnauthorized: process.env.ACCORD_SMTP_INSECURE_TLS !== '1' },
    });
    try {
      await transport.sendMail({
        from: { name: owner?.name ?? '', address: mailbox.email },
        to: input.to,
        cc: input.cc,
        subject: input.subject,
        text: input.body,
        messageId,
        ...(input.inReplyTo ? { inReplyTo: input.inReplyTo, references: [threadKey, input.inReplyTo] } : {}),
      });
    } catch (e) {
      throw new AppError(
        502,
        'smtp_failed',
        `The mail server ${mailbox.smtp_host}:${mailbox.smtp_port} refused the message: ${(e as Error).message}`,
      );
    } finally {
      transport.close();
    }

    const ctx = await mailboxContext(this.k, mailbox, 'smtp');
    const communicationId = await mutate(this.k, actor, async (m) => {
      const entry = {
        messageKey: messageId,
        threadKey,
        direction: 'outbound' as const,
        from: { email: mailbox.email, name: owner?.name ?? '' },
        to: input.to,
        cc: input.cc,
        bcc: [],
        subject: input.subject,
        snippet: snippetOf(input.body),
        occurredAt: m.at,
        attachments: [],
        folder: 'compose' as const,
        uid: null,
        uidValidity: null,
        eventId: input.eventId,
      };
      const row = {
        ...communicationRow(
          ctx,
          entry,
          { organizationId: input.organizationId, contactId: input.contactId, email: input.to[0]! },
          m.at,
        ),
        summary: input.body.slice(0, 3000),
        updated_by: actor.userId,
      };
      await m.tx.insertInto('communications').values(row).execute();
      // The message log knows it too: the Sent folder's copy is then a duplicate of this one.
      await m.tx
        .insertInto('mail_messages')
        .values({
          id: newId(),
          mailbox_id: mailbox.id,
          message_key: messageId,
          folder: 'compose',
          uid: null,
          uid_validity: null,
          direction: 'outbound',
          thread_key: threadKey,
          from_email: mailbox.email,
          from_name: owner?.name ?? '',
          recipients: JSON.stringify({ to: input.to, cc: input.cc, bcc: [] }),
          subject: input.subject.slice(0, 500),
          snippet: entry.snippet,
          occurred_at: m.at,
          attachments: '[]',
          status: 'imported',
          match_kind: 'manual',
          organization_ids: JSON.stringify([input.organizationId]),
          error: null,
          created_at: m.at,
          updated_at: m.at,
        })
        .execute();
      recordFiledMail(m, row);
      return row.id;
    });
    return { messageId, communicationId };
  }
}
