/**
 * Mailboxes: connect (IMAP + optional SMTP, or a forwarder), test a connection before saving it, change,
 * pause, delete, sync now, and the health of each; plus the authenticated ingest of forwarded mail.
 */
import type {
  ConnectionTestResult,
  IngestResult,
  Mailbox,
  MailboxCreate,
  MailboxUpdate,
} from '../../../shared/mailboxes.schema';
import type { z } from 'zod';
import type {
  connectionTestSchema,
  imapSettingsSchema,
  smtpSettingsSchema,
} from '../../../shared/mailboxes.schema';
import type { MailboxesTable } from '../../db/types';
import type { Actor, Kernel } from '../../kernel/context';
import { randomToken } from '../../kernel/crypto';
import {
  AppError,
  badRequest,
  conflict,
  duplicate,
  forbidden,
  notFound,
  validationError,
  versionConflict,
} from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { verifySmtp } from '../../kernel/mail';
import { mutate } from '../../kernel/mutation';
import { can } from '../../../shared/permissions';
import { managesAll, manageableMailbox, seesAll, visibleMailbox } from './access';
import { healthOf } from './health';
import { describeImapError, ImapSession, type ImapSettings } from './imap';
import { normaliseIngest, verifySignature } from './ingest';
import { presentMailbox } from './present';
import { storeEntries } from './store';
import { imapSettingsOf, mailboxContext, MailSync, runStats } from './sync';

type ImapInput = z.infer<typeof imapSettingsSchema>;
type SmtpInput = z.infer<typeof smtpSettingsSchema>;

/** What the audit log keeps of a mailbox: never a secret. */
function auditable(r: MailboxesTable) {
  return {
    kind: r.kind,
    email: r.email,
    label: r.label,
    owner_id: r.owner_id,
    enabled: r.enabled,
    imap_host: r.imap_host,
    imap_port: r.imap_port,
    imap_user: r.imap_user,
    imap_auth: r.imap_auth,
    smtp_host: r.smtp_host,
    smtp_port: r.smtp_port,
    smtp_user: r.smtp_user,
    sync_since: r.sync_since,
  };
}

export class MailboxesService {
  readonly sync: MailSync;

  constructor(private readonly k: Kernel) {
    this.sync = new MailSync(k);
  }

  private async present(rows: MailboxesTable[]): Promise<Mailbox[]> {
    const health = await healthOf(this.k, rows);
    const ownerIds = [...new Set(rows.map((r) => r.owner_id))];
    const owners = ownerIds.length
      ? await this.k.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ownerIds).execute()
      : [];
    const names = new Map(owners.map((o) => [o.id, o.name]));
    return rows.map((r) => presentMailbox(r, names.get(r.owner_id) ?? '', health.get(r.id)!));
  }

  async list(actor: Actor): Promise<Mailbox[]> {
    let q = this.k.db.selectFrom('mailboxes').selectAll().orderBy('email').orderBy('id');
    if (!seesAll(actor)) q = q.where('owner_id', '=', actor.userId ?? '');
    return this.present(await q.limit(500).execute());
  }

  async get(actor: Actor, id: string): Promise<Mailbox> {
    return (await this.present([await visibleMailbox(this.k.db, actor, id)]))[0]!;
  }

  private imapColumns(imap: ImapInput, keepSecret: string | null) {
    return {
      imap_host: imap.host,
      imap_port: imap.port,
      imap_tls: imap.tls ? 1 : 0,
      imap_user: imap.user,
      imap_auth: imap.auth,
      imap_secret: imap.secret ? this.k.secrets.seal(imap.secret) : keepSecret,
    };
  }

  private smtpColumns(smtp: SmtpInput | null, keepSecret: string | null) {
    if (!smtp) return { smtp_host: '', smtp_port: 465, smtp_tls: 1, smtp_user: '', smtp_secret: null };
    return {
      smtp_host: smtp.host,
      smtp_port: smtp.port,
      smtp_tls: smtp.tls ? 1 : 0,
      smtp_user: smtp.user,
      smtp_secret: smtp.password ? this.k.secrets.seal(smtp.password) : keepSecret,
    };
  }

  async create(
    actor: Actor,
    input: MailboxCreate,
  ): Promise<{ mailbox: Mailbox; ingestSecret: string | null }> {
    const ownerId = input.ownerId ?? actor.userId;
    if (!ownerId) throw badRequest('Name the user who owns this mailbox.', { ownerId: 'is required' });
    if (ownerId !== actor.userId && !managesAll(actor))
      throw forbidden('Only someone who may configure integrations can connect a mailbox for someone else.');
    const owner = await this.k.db
      .selectFrom('users')
      .select(['id', 'active'])
      .where('id', '=', ownerId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!owner?.active) throw validationError({ ownerId: 'is not an active user' });
    const existing = await this.k.db
      .selectFrom('mailboxes')
      .select('id')
      .where('owner_id', '=', ownerId)
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (existing)
      throw duplicate(
        `${input.email} is already connected for this user.`,
        'duplicate_mailbox',
        existing.id,
        {
          email: 'is already connected',
        },
      );
    const ingestSecret = input.kind === 'forwarder' ? randomToken(32) : null;
    const id = await mutate(this.k, actor, async (m) => {
      const row: MailboxesTable = {
        id: newId(),
        owner_id: ownerId,
        kind: input.kind,
        email: input.email,
        label: input.label,
        enabled: input.enabled ? 1 : 0,
        ...(input.imap
          ? this.imapColumns(input.imap, null)
          : {
              imap_host: '',
              imap_port: 993,
              imap_tls: 1,
              imap_user: '',
              imap_auth: 'password',
              imap_secret: null,
            }),
        ...this.smtpColumns(input.smtp, null),
        ingest_secret: ingestSecret ? this.k.secrets.seal(ingestSecret) : null,
        sync_since: input.syncSince,
        last_attempt_at: null,
        last_success_at: null,
        last_error: null,
        last_error_at: null,
        last_status_code: null,
        failure_count: 0,
        failure_notified_at: null,
        next_sync_at: null,
        last_job_id: null,
        last_run: null,
        recent_errors: '[]',
        duplicates_total: 0,
        malformed_total: 0,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('mailboxes').values(row).execute();
      m.audit({ entity: 'mailbox', entityId: row.id, action: 'create', after: auditable(row) });
      m.emit({ type: 'mailbox.connected', entity: 'mailbox', entityId: row.id, payload: { ownerId } });
      return row.id;
    });
    return { mailbox: await this.get(actor, id), ingestSecret };
  }

  async update(actor: Actor, id: string, input: MailboxUpdate): Promise<Mailbox> {
    await mutate(this.k, actor, async (m) => {
      const row = await manageableMailbox(m.tx, actor, id);
      if (row.version !== input.version) throw versionConflict('mailbox', null, row.updated_at);
      if (input.imap && row.kind !== 'imap')
        throw validationError({ imap: 'only an IMAP mailbox has IMAP settings' });
      if (input.email && input.email !== row.email) {
        const taken = await m.tx
          .selectFrom('mailboxes')
          .select('id')
          .where('owner_id', '=', row.owner_id)
          .where('email', '=', input.email)
          .executeTakeFirst();
        if (taken)
          throw duplicate(
            `${input.email} is already connected for this user.`,
            'duplicate_mailbox',
            taken.id,
          );
      }
      const set: Partial<MailboxesTable> = {
        ...(input.email !== undefined && { email: input.email }),
        ...(input.label !== undefined && { label: input.label }),
        ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
        ...(input.syncSince !== undefined && { sync_since: input.syncSince }),
        ...(input.imap && this.imapColumns(input.imap, row.imap_secret)),
        ...(input.smtp !== undefined && this.smtpColumns(input.smtp, row.smtp_secret)),
      };
      const serverChanged =
        !!input.imap && (input.imap.host !== row.imap_host || input.imap.user !== row.imap_user);
      // New settings deserve a try now, not after the old settings' backoff.
      const retry =
        input.imap || input.enabled
          ? { failure_count: 0, failure_notified_at: null, next_sync_at: null }
          : {};
      await m.tx
        .updateTable('mailboxes')
        .set({ ...set, ...retry, updated_at: m.at, version: row.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      // Another server's UIDs mean nothing here: its folders start over (the dedupe keys prevent doubles).
      if (serverChanged) await m.tx.deleteFrom('mailbox_folders').where('mailbox_id', '=', id).execute();
      m.audit({
        entity: 'mailbox',
        entityId: id,
        action: 'update',
        before: auditable(row),
        after: auditable({ ...row, ...set }),
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const row = await manageableMailbox(m.tx, actor, id);
      await m.tx.deleteFrom('mailboxes').where('id', '=', id).execute();
      m.audit({ entity: 'mailbox', entityId: id, action: 'delete', before: auditable(row), after: null });
      m.emit({ type: 'mailbox.removed', entity: 'mailbox', entityId: id });
    });
  }

  /** Tries IMAP and/or SMTP settings; the stored secrets of `mailboxId` fill in omitted passwords. */
  async test(actor: Actor, input: z.infer<typeof connectionTestSchema>): Promise<ConnectionTestResult> {
    const base = input.mailboxId ? await manageableMailbox(this.k.db, actor, input.mailboxId) : null;
    const stored = base ? imapSettingsOf(this.k, base) : null;
    const imap: ImapSettings | null = input.imap
      ? { ...input.imap, secret: input.imap.secret ?? stored?.secret ?? '' }
      : base?.kind === 'imap'
        ? stored
        : null;
    const smtpIn = input.smtp !== undefined ? input.smtp : base?.smtp_host ? this.smtpOf(base) : null;
    const smtp = smtpIn
      ? {
          ...smtpIn,
          password: smtpIn.password ?? (base?.smtp_secret ? this.k.secrets.open(base.smtp_secret) : ''),
        }
      : null;
    if (!imap && !smtp) throw badRequest('Give IMAP or SMTP settings to test.', { imap: 'is required' });
    return {
      imap: imap ? await this.testImap(imap) : null,
      smtp: smtp ? await testSmtp(smtp) : null,
    };
  }

  private smtpOf(row: MailboxesTable): SmtpInput {
    return { host: row.smtp_host, port: row.smtp_port, tls: row.smtp_tls === 1, user: row.smtp_user };
  }

  private async testImap(s: ImapSettings) {
    if (!s.secret) return { ok: false, message: 'Enter the password or access token.', folders: [] };
    let session: ImapSession | null = null;
    try {
      session = await ImapSession.open(s);
      const { all, sync } = await session.folders();
      const sent = sync.find((f) => f.role === 'sent');
      return {
        ok: true,
        message: `Signed in to ${s.host} as ${s.user}. ${all.length} folders; syncing INBOX${sent ? ` and ${sent.path}` : ' (no Sent folder found)'}.`,
        folders: all,
      };
    } catch (e) {
      return { ok: false, message: describeImapError(e, s).message, folders: [] };
    } finally {
      await session?.close();
    }
  }

  async syncNow(actor: Actor, id: string): Promise<{ jobId: string; alreadyRunning: boolean }> {
    const row = await manageableMailbox(this.k.db, actor, id);
    if (row.kind !== 'imap')
      throw conflict('A forwarder has nothing to fetch: its mail arrives at the ingest address.');
    if (!row.enabled) throw conflict('This mailbox is paused. Resume it to sync.');
    return this.sync.enqueue(row.id, actor.userId ?? row.owner_id);
  }

  /**
   * Files mail a forwarder posts (reference §3.7). Authenticated by an API token with the "ingest" scope of
   * the mailbox's owner (or of someone who may configure integrations), or by the forwarder's signature.
   */
  async ingest(
    id: string,
    actor: Actor | null,
    headers: { timestamp?: string; signature?: string },
    rawBody: string,
    payload: unknown,
  ): Promise<{ status: number; body: IngestResult }> {
    const row = await this.k.db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('That mailbox');
    if (row.kind !== 'forwarder')
      throw conflict('This mailbox syncs over IMAP; only a forwarder mailbox accepts posted mail.');
    if (headers.signature) {
      if (!row.ingest_secret) throw new AppError(401, 'bad_signature', 'This forwarder has no signing key.');
      verifySignature(this.k.secrets.open(row.ingest_secret), headers, rawBody, this.k.clock.now());
    } else if (actor?.via === 'token') {
      if (!actor.tokenScopes?.includes('ingest')) throw forbidden('This API token lacks the "ingest" scope.');
      if (actor.userId !== row.owner_id && !can(actor.permissions, 'integrations.configure'))
        throw forbidden("This API token's user does not own this forwarder.");
    } else {
      throw new AppError(
        401,
        'unauthorized',
        'Sign the request (X-Accord-Timestamp and X-Accord-Signature) or send an API token with the "ingest" scope.',
      );
    }
    if (!row.enabled) throw forbidden('This forwarder is paused.');
    const now = this.k.clock.now();
    const norm = normaliseIngest(payload, row.email, now);
    // Reference: an unknown eventId is dropped silently.
    const eventIds = [...new Set(norm.entries.map((e) => e.eventId).filter((e): e is string => !!e))];
    const known = eventIds.length
      ? new Set(
          (
            await this.k.db
              .selectFrom('events')
              .select('id')
              .where('id', 'in', eventIds)
              .where('deleted_at', 'is', null)
              .execute()
          ).map((e) => e.id),
        )
      : new Set<string>();
    for (const e of norm.entries) if (e.eventId && !known.has(e.eventId)) e.eventId = null;
    const ctx = await mailboxContext(this.k, row, 'forwarder');
    const res = await storeEntries(this.k, ctx, norm.entries, [], null);
    res.received += norm.skipped + norm.errors.length;
    res.skipped += norm.skipped;
    res.errors += norm.errors.length;
    const status = res.errors > 0 ? 207 : 200;
    await this.k.db
      .updateTable('mailboxes')
      .set({
        last_attempt_at: now.toISOString(),
        last_success_at: now.toISOString(),
        last_status_code: status,
        last_run: JSON.stringify(runStats(res)),
        recent_errors: JSON.stringify(
          [
            ...norm.errors.map((message) => ({ at: now.toISOString(), message })),
            ...(JSON.parse(row.recent_errors) as unknown[]),
          ].slice(0, 15),
        ),
      })
      .where('id', '=', row.id)
      .execute();
    return {
      status,
      body: {
        ...runStats(res),
        unmatchedEmails: res.unmatchedEmails.slice(0, 25),
        recentErrors: norm.errors.slice(0, 15),
      },
    };
  }
}

function testSmtp(s: { host: string; port: number; tls: boolean; user: string; password: string }) {
  return verifySmtp({ host: s.host, port: s.port, secure: s.tls, user: s.user, password: s.password });
}
