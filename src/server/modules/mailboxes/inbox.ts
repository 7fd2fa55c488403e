/**
 * The unmatched inbox: mail that matched no partner. A user assigns a message to a partner (optionally
 * adding the address as a contact, so later mail matches by itself) or ignores its sender for good. Also:
 * saving an attachment of synced mail as a partner document (fetched again from IMAP; mail is not stored).
 */
import type { z } from 'zod';
import type { Page } from '../../../shared/common.schema';
import { MAX_UPLOAD_BYTES, type DocumentRecord } from '../../../shared/documents.schema';
import type {
  assignSchema,
  MailMessage,
  saveAttachmentSchema,
  unmatchedQuerySchema,
} from '../../../shared/mailboxes.schema';
import { can } from '../../../shared/permissions';
import type { MailMessagesTable } from '../../db/types';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../kernel/errors';
import { mutate } from '../../kernel/mutation';
import { keyset, toPage, type SortChoice } from '../../kernel/pagination';
import type { ConsultantsService } from '../consultants/service';
import { checkUpload } from '../documents/fileCheck';
import type { DocumentsService } from '../documents/service';
import type { PartnersService } from '../partners/service';
import { manageableMailbox, seesAll, visibleMailbox } from './access';
import { ImapSession } from './imap';
import type { MailEntry } from './parse';
import { presentMessage } from './present';
import { communicationRow, recordFiledMail } from './store';
import { imapSettingsOf, mailboxContext } from './sync';

const NEWEST: SortChoice = { key: 'occurredAt', column: 'mail_messages.occurred_at', direction: 'desc' };

/** A logged message back as an entry (to file it for a partner by hand). */
function entryOf(r: MailMessagesTable): MailEntry {
  const rec = JSON.parse(r.recipients) as { to?: string[]; cc?: string[]; bcc?: string[] };
  return {
    messageKey: r.message_key,
    threadKey: r.thread_key || r.message_key,
    direction: r.direction as MailEntry['direction'],
    from: r.from_email ? { email: r.from_email, name: r.from_name } : null,
    to: rec.to ?? [],
    cc: rec.cc ?? [],
    bcc: rec.bcc ?? [],
    subject: r.subject,
    snippet: r.snippet,
    occurredAt: r.occurred_at,
    attachments: JSON.parse(r.attachments) as MailEntry['attachments'],
    folder: r.folder as MailEntry['folder'],
    uid: r.uid,
    uidValidity: r.uid_validity,
  };
}

export class MailInboxService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
    private readonly consultants: ConsultantsService,
    private readonly documents: DocumentsService,
  ) {}

  async unmatched(actor: Actor, query: z.infer<typeof unmatchedQuerySchema>): Promise<Page<MailMessage>> {
    if (query.mailboxId) await visibleMailbox(this.k.db, actor, query.mailboxId);
    let q = this.k.db
      .selectFrom('mail_messages')
      .innerJoin('mailboxes', 'mailboxes.id', 'mail_messages.mailbox_id')
      .selectAll('mail_messages')
      .select('mailboxes.email as mailbox_email')
      .where('mail_messages.status', '=', 'unmatched');
    if (query.mailboxId) q = q.where('mail_messages.mailbox_id', '=', query.mailboxId);
    if (!seesAll(actor)) q = q.where('mailboxes.owner_id', '=', actor.userId ?? '');
    const rows = await keyset(q, NEWEST, 'mail_messages.id', query.cursor, query.limit).execute();
    return toPage(
      rows,
      query.limit,
      NEWEST,
      (r) => r.occurred_at,
      (r) => r.id,
      (r) => presentMessage(r, r.mailbox_email),
    );
  }

  private async load(actor: Actor, id: string, manage: boolean) {
    const msg = await this.k.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!msg) throw notFound('That message');
    const mailbox = await (manage ? manageableMailbox : visibleMailbox)(
      this.k.db,
      actor,
      msg.mailbox_id,
    ).catch((e: AppError) => {
      throw e.status === 404 ? notFound('That message') : e;
    });
    return { msg, mailbox };
  }

  async get(actor: Actor, id: string): Promise<MailMessage> {
    const { msg, mailbox } = await this.load(actor, id, false);
    return presentMessage(msg, mailbox.email);
  }

  /**
   * The synced mail a communication was filed from (its attachments, to save one as a document): the
   * message with the communication's Message-ID in a mailbox the actor may see. The caller has checked
   * that the actor sees the communication.
   */
  async forCommunication(actor: Actor, externalMessageId: string | null): Promise<MailMessage> {
    const none = notFound('The mail of this communication (it was not synced from a mailbox you can see)');
    if (!externalMessageId) throw none;
    const rows = await this.k.db
      .selectFrom('mail_messages')
      .select('id')
      .where('message_key', '=', externalMessageId)
      .orderBy('created_at')
      .limit(20)
      .execute();
    for (const r of rows) {
      const found = await this.get(actor, r.id).catch(() => null);
      if (found) return found;
    }
    throw none;
  }

  async assign(actor: Actor, id: string, input: z.infer<typeof assignSchema>) {
    const { msg, mailbox } = await this.load(actor, id, true);
    if (msg.status !== 'unmatched' && msg.status !== 'ignored')
      throw conflict(
        msg.status === 'malformed'
          ? 'This message could not be read, so it cannot be filed.'
          : 'This message is already filed for a partner.',
      );
    await this.partners.get(actor, input.organizationId);
    if (input.createContact && !can(actor.permissions, 'consultants.create'))
      throw forbidden('Your role does not allow you to create consultants, so the contact cannot be added.');
    const ctx = await mailboxContext(this.k, mailbox, mailbox.kind === 'imap' ? 'imap' : 'forwarder');
    const entry = entryOf(msg);
    const unmatched = presentMessage(msg, mailbox.email).unmatchedAddresses;
    const address = input.createContact?.email ?? unmatched[0] ?? '';
    const result = await mutate(this.k, actor, async (m) => {
      let contactId: string | null = null;
      if (input.createContact) {
        await this.partners.changeableRow(m.tx, actor, input.organizationId);
        const { email, firstName, lastName } = input.createContact;
        contactId = await this.consultants.createIn(m, input.organizationId, {
          firstName,
          // A person needs a name; until someone types one, the address's local part stands in.
          lastName: firstName || lastName ? lastName : email.split('@')[0]!,
          title: '',
          email,
          phone: '',
          mobile: '',
          linkedin: '',
          isPrimary: false,
          notes: `Added from the email "${msg.subject}".`,
        });
      }
      const row = communicationRow(
        ctx,
        entry,
        { organizationId: input.organizationId, contactId, email: address },
        m.at,
      );
      const created = await m.tx
        .insertInto('communications')
        .values({ ...row, updated_by: actor.userId })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (created) {
        recordFiledMail(m, row);
      }
      await m.tx
        .updateTable('mail_messages')
        .set({
          status: 'assigned',
          match_kind: 'manual',
          organization_ids: JSON.stringify([input.organizationId]),
          updated_at: m.at,
        })
        .where('id', '=', msg.id)
        .execute();
      return { communicationId: created ? row.id : null, contactId };
    });
    return { message: await this.get(actor, id), ...result };
  }

  /** Ignores the sender (or the sender's domain) in this mailbox for good, and clears their unmatched mail. */
  async ignore(actor: Actor, id: string, scope: 'address' | 'domain') {
    const { msg, mailbox } = await this.load(actor, id, true);
    const who = presentMessage(msg, mailbox.email).unmatchedAddresses[0] ?? msg.from_email;
    if (!who) throw badRequest('This message names no address to ignore.');
    const address = scope === 'domain' ? `@${who.slice(who.lastIndexOf('@') + 1)}` : who;
    return mutate(this.k, actor, async (m) => {
      await m.tx
        .insertInto('mailbox_ignored_senders')
        .values({ mailbox_id: mailbox.id, address, created_at: m.at, created_by: actor.userId })
        .onConflict((oc) => oc.columns(['mailbox_id', 'address']).doNothing())
        .execute();
      const res = await m.tx
        .updateTable('mail_messages')
        .set({ status: 'ignored', updated_at: m.at })
        .where('mailbox_id', '=', mailbox.id)
        .where('status', '=', 'unmatched')
        .where((eb) =>
          eb.or([
            eb('id', '=', msg.id),
            scope === 'domain' ? eb('from_email', 'like', `%${address}`) : eb('from_email', '=', address),
          ]),
        )
        .executeTakeFirst();
      m.audit({
        entity: 'mailbox',
        entityId: mailbox.id,
        action: 'update',
        before: { ignored_sender: null },
        after: { ignored_sender: address },
      });
      return { address, ignoredMessages: Number(res.numUpdatedRows) };
    });
  }

  /** Fetches one attachment from the mail server again and files it as a document of the partner. */
  async saveAttachment(
    actor: Actor,
    id: string,
    input: z.infer<typeof saveAttachmentSchema>,
  ): Promise<DocumentRecord> {
    const { msg, mailbox } = await this.load(actor, id, false);
    const attachment = (JSON.parse(msg.attachments) as MailMessage['attachments']).find(
      (a) => a.part === input.part,
    );
    if (!attachment) throw notFound('That attachment');
    const matched = JSON.parse(msg.organization_ids) as string[];
    const organizationId = input.organizationId ?? (matched.length === 1 ? matched[0] : undefined);
    if (!organizationId)
      throw badRequest('Name the partner to file the attachment under.', { organizationId: 'is required' });
    await this.partners.get(actor, organizationId);
    if (mailbox.kind !== 'imap' || msg.uid === null || (msg.folder !== 'inbox' && msg.folder !== 'sent'))
      throw conflict('Only attachments of mail synced over IMAP can be fetched again.');
    const folder = await this.k.db
      .selectFrom('mailbox_folders')
      .select(['path', 'uid_validity'])
      .where('mailbox_id', '=', mailbox.id)
      .where('role', '=', msg.folder)
      .executeTakeFirst();
    if (!folder || folder.uid_validity !== msg.uid_validity)
      throw conflict(
        'The mail server renumbered this folder since the message was synced; the attachment cannot be found again.',
      );
    const settings = imapSettingsOf(this.k, mailbox);
    let bytes: Buffer | null;
    const session = await ImapSession.open(settings).catch((e: Error) => {
      throw new AppError(502, 'mail_server_failed', e.message);
    });
    try {
      bytes = await session.downloadPart(folder.path, msg.uid, input.part, MAX_UPLOAD_BYTES + 1);
    } catch (e) {
      throw new AppError(502, 'mail_server_failed', (e as Error).message);
    } finally {
      await session.close();
    }
    if (!bytes) throw notFound('That attachment on the mail server (the message may have been deleted)');
    if (bytes.length > MAX_UPLOAD_BYTES)
      throw new AppError(413, 'file_too_large', 'The attachment is larger than the document limit of 10 MB.');
    const check = checkUpload(attachment.name, bytes);
    if (!check.ok) throw new AppError(415, 'unsupported_file', check.message);
    const doc = await this.documents.create(actor, {
      organizationId,
      title: input.title || attachment.name,
      type: 'general',
      status: 'draft',
      url: '',
      fileName: attachment.name.slice(0, 180),
      notes: `Attachment of the email "${msg.subject}" from ${msg.from_email} (${msg.occurred_at.slice(0, 10)}).`,
      eventId: null,
    });
    return this.documents.attach(actor, doc.id, attachment.name, bytes);
  }
}
