/**
 * Mail merge (reference §3.6): templates, a preview with the first eligible recipient, and a send that runs
 * as a job: recipients are checked in request order (missing partner / email, invalid, duplicate), mails go
 * out eight at a time through the workspace's SMTP server or the sender's own mailbox, and each sent mail is
 * logged as an outbound communication of the partner.
 */
import type { z } from 'zod';
import { emailSchema } from '../../../shared/common.schema';
import { mergeValues, renderTemplate } from '../../../shared/mailMerge';
import type {
  mailMergeRequestSchema,
  MailMergeSummary,
  mailTemplateCreateSchema,
  mailTemplateUpdateSchema,
  RecipientResult,
} from '../../../shared/mailMerge.schema';
import type { MailboxesTable } from '../../db/types';
import type { MailTemplatesTable } from '../../db/types.partnerships';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, conflict, notFound, validationError, versionConflict } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { smtpMailer } from '../../kernel/mail';
import { mutate } from '../../kernel/mutation';
import { loadActor } from '../auth/service';
import type { ConsultantsService } from '../consultants/service';
import { mailboxSmtp } from '../mailboxes/outbound';
import { snippetOf } from '../mailboxes/parse';
import { recordSentMessage } from '../mailboxes/store';
import type { PartnersService } from '../partners/service';

export const MAIL_MERGE_JOB = 'partnerships.mail_merge';
const MAX_TEMPLATES = 200;
type Request = z.infer<typeof mailMergeRequestSchema>;
type EventFields = { eventName: string; eventYear: number | null };
interface Context {
  event: EventFields;
  /** The user's own mailbox the mails go out through, or null for the workspace's SMTP server. */
  mailbox: MailboxesTable | null;
  senderEmail: string;
}

function presentTemplate(t: MailTemplatesTable) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    subject: t.subject,
    body: t.body,
    lastUsedAt: t.last_used_at,
    updatedAt: t.updated_at,
    version: t.version,
  };
}

interface Recipient extends RecipientResult {
  contactName: string;
}

export class MailMergeService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
    private readonly consultants: ConsultantsService,
  ) {
    k.jobs.register(MAIL_MERGE_JOB, async (ctx) => {
      const p = ctx.payload as Request & { userId: string; campaignId: string };
      const actor = await loadActor(this.k.db, p.userId);
      if (!actor) throw new AppError(409, 'user_gone', 'The user who started this send is no longer active.');
      return this.send(actor, p, p.campaignId, (done, total) => ctx.progress(done, total, 'Sending'));
    });
  }

  // Templates.

  async templates() {
    const rows = await this.k.db
      .selectFrom('mail_templates')
      .selectAll()
      .where('archived_at', 'is', null)
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map(presentTemplate);
  }

  async createTemplate(actor: Actor, input: z.infer<typeof mailTemplateCreateSchema>) {
    const row = await mutate(this.k, actor, async (m) => {
      const n = await m.tx
        .selectFrom('mail_templates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n.n) >= MAX_TEMPLATES)
        throw conflict(
          `There are already ${MAX_TEMPLATES} templates (archived ones count); reuse or edit one.`,
          'template_limit',
        );
      const row: MailTemplatesTable = {
        id: newId(),
        ...input,
        archived_at: null,
        last_used_at: null,
        created_by: actor.userId,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('mail_templates').values(row).execute();
      m.audit({ entity: 'mail_template', entityId: row.id, action: 'create', after: input });
      return row;
    });
    return presentTemplate(row);
  }

  async updateTemplate(actor: Actor, id: string, input: z.infer<typeof mailTemplateUpdateSchema>) {
    const row = await mutate(this.k, actor, async (m) => {
      const before = await m.tx
        .selectFrom('mail_templates')
        .selectAll()
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      if (!before) throw notFound('That template');
      if (before.version !== input.version) throw versionConflict('template', null, before.updated_at);
      const { version, ...patch } = input;
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      await m.tx
        .updateTable('mail_templates')
        .set({ ...set, updated_at: m.at, version: version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'mail_template',
        entityId: id,
        action: 'update',
        before: presentTemplate(before),
        after: { ...presentTemplate(before), ...set },
      });
      return { ...before, ...set, updated_at: m.at, version: version + 1 };
    });
    return presentTemplate(row);
  }

  async archiveTemplate(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await m.tx
        .selectFrom('mail_templates')
        .selectAll()
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      if (!before) throw notFound('That template');
      await m.tx
        .updateTable('mail_templates')
        .set({ archived_at: m.at, updated_at: m.at, version: before.version + 1 })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'mail_template',
        entityId: id,
        action: 'delete',
        before: { archived_at: null },
        after: { archived_at: m.at },
      });
    });
  }

  // Sending.

  /** The event, template and sending mailbox of a request, each checked; the sender's address. */
  private async checkContext(actor: Actor, r: Request): Promise<Context> {
    let event: EventFields = { eventName: '', eventYear: null };
    if (r.eventId) {
      const e = await this.k.db
        .selectFrom('events')
        .select(['name', 'year'])
        .where('id', '=', r.eventId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!e) throw validationError({ eventId: 'is not an existing event' });
      event = { eventName: e.name, eventYear: e.year };
    }
    if (
      r.templateId &&
      !(await this.k.db
        .selectFrom('mail_templates')
        .select('id')
        .where('id', '=', r.templateId)
        .where('archived_at', 'is', null)
        .executeTakeFirst())
    ) {
      throw validationError({ templateId: 'is not an existing template' });
    }
    if (!r.mailboxId) return { event, mailbox: null, senderEmail: await this.senderEmail(actor) };
    const mailbox = await this.k.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', r.mailboxId)
      .where('owner_id', '=', actor.userId ?? '')
      .executeTakeFirst();
    if (!mailbox) throw validationError({ mailboxId: 'is not one of your mailboxes' });
    if (!mailbox.smtp_host)
      throw validationError({
        mailboxId: 'has no SMTP settings; add them on the Email sync page to send from it',
      });
    return { event, mailbox, senderEmail: mailbox.email };
  }

  /** Each partner's recipient (primary contact's email, else the partner's), checked in request order. */
  private async recipients(actor: Actor, partnerIds: string[]): Promise<Recipient[]> {
    const seen = new Set<string>();
    const out: Recipient[] = [];
    for (const id of partnerIds) {
      const partner = await this.partners.get(actor, id).catch(() => null);
      if (!partner) {
        out.push({
          partnerId: id,
          company: '',
          email: '',
          outcome: 'skipped_missing_partner',
          message: 'No such partner, or you cannot see it.',
          contactName: '',
        });
        continue;
      }
      const contacts = (await this.consultants.ofPartner(actor, id)).items;
      const contact = contacts.find((c) => c.isPrimary && c.email) ?? contacts.find((c) => c.email);
      const email = (contact?.email || partner.email).trim().toLowerCase();
      const base = { partnerId: id, company: partner.name, email, contactName: contact?.name ?? '' };
      if (!email)
        out.push({
          ...base,
          outcome: 'skipped_missing_email',
          message: 'Neither the partner nor its people have an email address.',
        });
      else if (!emailSchema.safeParse(email).success)
        out.push({
          ...base,
          outcome: 'skipped_invalid_email',
          message: `"${email}" is not a valid email address.`,
        });
      else if (seen.has(email))
        out.push({
          ...base,
          outcome: 'skipped_duplicate_email',
          message: `${email} already receives this mail for an earlier partner.`,
        });
      else {
        seen.add(email);
        out.push({ ...base, outcome: 'eligible', message: null });
      }
    }
    return out;
  }

  private render(actor: Actor, r: Request, rec: Recipient, event: EventFields, senderEmail: string) {
    const values = mergeValues({
      company: rec.company,
      contactName: rec.contactName,
      recipientEmail: rec.email,
      senderName: actor.name,
      senderEmail,
      ...event,
    });
    return { subject: renderTemplate(r.subject, values).trim(), body: renderTemplate(r.body, values) };
  }

  private async senderEmail(actor: Actor): Promise<string> {
    return (
      await this.k.db
        .selectFrom('users')
        .select('email')
        .where('id', '=', actor.userId!)
        .executeTakeFirstOrThrow()
    ).email;
  }

  async preview(actor: Actor, r: Request) {
    const { event, senderEmail } = await this.checkContext(actor, r);
    const recipients = await this.recipients(actor, r.partnerIds);
    const first = recipients.find((x) => x.outcome === 'eligible');
    const rendered = first ? this.render(actor, r, first, event, senderEmail) : null;
    return {
      recipients: recipients.map(({ contactName: _c, ...x }) => x),
      preview: first && rendered ? { to: first.email, ...rendered } : null,
      eligible: recipients.filter((x) => x.outcome === 'eligible').length,
    };
  }

  async start(actor: Actor, r: Request): Promise<{ jobId: string; campaignId: string }> {
    await this.checkContext(actor, r);
    const campaignId = newId();
    const jobId = await this.k.jobs.enqueue(
      MAIL_MERGE_JOB,
      { ...r, userId: actor.userId, campaignId },
      { maxAttempts: 1 },
    );
    return { jobId: jobId!, campaignId };
  }

  async send(
    actor: Actor,
    r: Request,
    campaignId: string,
    progress: (done: number, total: number) => Promise<void>,
  ): Promise<MailMergeSummary> {
    const { event, mailbox, senderEmail } = await this.checkContext(actor, r);
    const recipients = await this.recipients(actor, r.partnerIds);
    const eligible = recipients.filter((x) => x.outcome === 'eligible');
    const mails: { rec: Recipient; subject: string; body: string }[] = [];
    for (const rec of eligible) {
      const rendered = this.render(actor, r, rec, event, senderEmail);
      if (!rendered.subject || !rendered.body.trim()) {
        rec.outcome = 'failed_render';
        rec.message = 'The subject or body is empty once the merge fields are filled in.';
      } else mails.push({ rec, ...rendered });
    }
    let done = 0;
    await progress(0, mails.length);
    // From a mailbox the mail leaves from its address with our own Message-ID (the Sent folder's copy is
    // then known); from the workspace's server it carries the user's name and replies go to the user.
    const domain = senderEmail.slice(senderEmail.lastIndexOf('@') + 1);
    const mailer = mailbox ? smtpMailer(async () => mailboxSmtp(this.k, mailbox, actor.name)) : this.k.mail;
    await mailer.sendMany(
      mails.map((x) =>
        mailbox
          ? { to: x.rec.email, subject: x.subject, text: x.body, messageId: `<${newId()}@${domain}>` }
          : { to: x.rec.email, subject: x.subject, text: x.body, fromName: actor.name, replyTo: senderEmail },
      ),
      async (i, result) => {
        const { rec, subject, body } = mails[i]!;
        if (!result.ok) {
          rec.outcome = 'failed_send';
          rec.message = result.error;
        } else {
          rec.outcome = (await this.log(actor, r, campaignId, rec, {
            subject,
            body,
            sender: senderEmail,
            messageId: result.messageId,
            mailbox,
          }))
            ? 'sent'
            : 'warning_log_failed';
        }
        await progress(++done, mails.length);
      },
    );
    if (r.templateId)
      await this.k.db
        .updateTable('mail_templates')
        .set({ last_used_at: this.k.clock.now().toISOString() })
        .where('id', '=', r.templateId)
        .execute();
    const count = (...o: string[]) => recipients.filter((x) => o.includes(x.outcome)).length;
    return {
      campaignId,
      totalRequested: r.partnerIds.length,
      totalEligible: eligible.length,
      sentCount: count('sent', 'warning_log_failed'),
      loggedCount: count('sent'),
      skippedCount: count(
        'skipped_missing_partner',
        'skipped_missing_email',
        'skipped_invalid_email',
        'skipped_duplicate_email',
      ),
      failedCount: count('failed_render', 'failed_send'),
      warningCount: count('warning_log_failed'),
      recipients: recipients.map(({ contactName: _c, ...x }) => x),
    };
  }

  /** Logs one sent mail as an outbound communication; false when that fails (the mail still went out). */
  private async log(
    actor: Actor,
    r: Request,
    campaignId: string,
    rec: Recipient,
    sent: {
      subject: string;
      body: string;
      sender: string;
      messageId: string;
      mailbox: MailboxesTable | null;
    },
  ): Promise<boolean> {
    const { subject, body, sender, messageId, mailbox } = sent;
    try {
      await mutate(this.k, actor, async (m) => {
        const id = newId();
        await m.tx
          .insertInto('communications')
          .values({
            id,
            organization_id: rec.partnerId,
            event_id: r.eventId,
            contact_id: null,
            subject: subject.slice(0, 180),
            summary: `Mass email sent from ${sender} to ${rec.email}.\n\n${body}`.slice(0, 3000),
            channel: 'email',
            direction: 'outbound',
            occurred_at: m.at,
            follow_up_date: null,
            follow_up_done_at: null,
            source: 'mass_email',
            sender,
            recipient_email: rec.email,
            template_id: r.templateId,
            campaign_id: campaignId,
            campaign_name: r.campaignName || null,
            source_provider: 'smtp',
            external_message_id: messageId,
            external_thread_id: mailbox ? messageId : null,
            actor_email: sender,
            owner_id: actor.userId,
            created_at: m.at,
            updated_at: m.at,
            version: 1,
            deleted_at: null,
            updated_by: actor.userId,
          })
          .execute();
        if (mailbox)
          await recordSentMessage(m.tx, {
            mailbox,
            fromName: actor.name,
            messageKey: messageId,
            threadKey: messageId,
            folder: 'merge',
            to: [rec.email],
            cc: [],
            subject,
            snippet: snippetOf(body),
            at: m.at,
            organizationId: rec.partnerId,
          });
        m.audit({
          entity: 'communication',
          entityId: id,
          action: 'create',
          after: { organization_id: rec.partnerId, subject, source: 'mass_email', campaign_id: campaignId },
        });
      });
      return true;
    } catch {
      return false;
    }
  }
}
