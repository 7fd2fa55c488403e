/**
 * Sending to a partner contact through the mailbox's own SMTP server (so it leaves from the user's
 * address and lands in their Sent folder), logged as an outbound communication. The communication carries
 * the Message-ID the server accepted, so when the Sent folder syncs later the same mail is a duplicate,
 * not a second entry.
 */
import type { z } from 'zod';
import type { composeSchema } from '../../../shared/mailboxes.schema';
import type { MailboxesTable } from '../../db/types';
import type { Actor, Kernel } from '../../kernel/context';
import { conflict, validationError } from '../../kernel/errors';
import { smtpMailer, type SmtpConfig } from '../../kernel/mail';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import type { PartnersService } from '../partners/service';
import { manageableMailbox } from './access';
import { snippetOf } from './parse';
import { communicationRow, recordFiledMail, recordSentMessage } from './store';
import { mailboxContext } from './sync';

/** The SMTP server of a mailbox, sending from its address under its owner's name. */
export function mailboxSmtp(k: Kernel, mailbox: MailboxesTable, ownerName: string): SmtpConfig {
  return {
    host: mailbox.smtp_host,
    port: mailbox.smtp_port,
    secure: mailbox.smtp_tls === 1,
    user: mailbox.smtp_user,
    password: mailbox.smtp_secret ? k.secrets.open(mailbox.smtp_secret) : '',
    fromAddress: mailbox.email,
    fromName: ownerName,
  };
}

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

    await smtpMailer(async () => mailboxSmtp(this.k, mailbox, owner?.name ?? '')).send({
      to: input.to,
      cc: input.cc,
      subject: input.subject,
      text: input.body,
      messageId,
      ...(input.inReplyTo ? { inReplyTo: input.inReplyTo, references: [threadKey, input.inReplyTo] } : {}),
    });

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
      await recordSentMessage(m.tx, {
        mailbox,
        fromName: owner?.name ?? '',
        messageKey: messageId,
        threadKey,
        folder: 'compose',
        to: input.to,
        cc: input.cc,
        subject: input.subject,
        snippet: entry.snippet,
        at: m.at,
        organizationId: input.organizationId,
      });
      recordFiledMail(m, row);
      return row.id;
    });
    return { messageId, communicationId };
  }
}
