/**
 * Email sync (reference §3.7, decision 7): connected mailboxes (IMAP in, SMTP out) and external forwarders
 * posting to the ingest endpoint, their health, the unmatched inbox and sending to a partner contact.
 *
 * Who may do what: anyone who may log communications (`communications.create`) connects, syncs and
 * manages their OWN mailboxes and works their own unmatched inbox; `integrations.view` sees every mailbox's
 * health, `integrations.configure` manages every mailbox (connect one for someone else, edit, delete).
 * Passwords, tokens and forwarder keys are sealed at rest and never returned.
 */
import { z } from 'zod';
import { calendarDateSchema, emailSchema, idSchema, textSchema, versionSchema } from './common.schema';
import { syncedMailSummarySchema } from './communications.schema';

export const MAILBOX_KINDS = ['imap', 'forwarder'] as const;
export const IMAP_AUTH = ['password', 'xoauth2'] as const;
export const MAIL_MESSAGE_STATUSES = [
  'imported',
  'duplicate',
  'unmatched',
  'ignored',
  'malformed',
  'assigned',
] as const;
export type MailMessageStatus = (typeof MAIL_MESSAGE_STATUSES)[number];

/** Reference §2.10: the email block needs attention when nothing arrived for this long. */
export const EMAIL_STALE_HOURS = 72;
/** Reference §3.7: one ingest request carries at most this many entries. */
export const INGEST_MAX_ENTRIES = 500;
/** Reference §3.7: the forwarded snippet is the first 600 characters of the body. */
export const SNIPPET_LENGTH = 600;

const host = textSchema(253, { required: true }).regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, {
  message: 'must be a host name or an IP address',
});
const port = z.number().int().min(1, 'must be a port (1–65535)').max(65535, 'must be a port (1–65535)');

export const imapSettingsSchema = z.strictObject({
  host,
  port: port.default(993),
  /** TLS from the first byte (port 993); false means plain or STARTTLS when the server offers it. */
  tls: z.boolean().default(true),
  user: textSchema(254, { required: true }),
  auth: z.enum(IMAP_AUTH).default('password'),
  /** The password, app password or OAuth2 access token. Omit on update to keep the stored one. */
  secret: z.string().max(4000, 'must be at most 4000 characters').optional(),
});
export const smtpSettingsSchema = z.strictObject({
  host,
  port: port.default(465),
  tls: z.boolean().default(true),
  user: textSchema(254).default(''),
  /** Omit on update to keep the stored one. */
  password: z.string().max(4000, 'must be at most 4000 characters').optional(),
});

export const mailboxCreateSchema = z
  .strictObject({
    kind: z.enum(MAILBOX_KINDS).default('imap'),
    /** The mailbox's own address: mail from it is outbound, and it is the actor of a forwarder. */
    email: emailSchema,
    label: textSchema(120).default(''),
    /** Connect a mailbox for someone else (integrations.configure); default: yourself. */
    ownerId: idSchema.optional(),
    imap: imapSettingsSchema.optional(),
    smtp: smtpSettingsSchema.nullable().default(null),
    /** The first sync starts at this date (IMAP SINCE); null imports everything. */
    syncSince: calendarDateSchema.nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'imap' && !v.imap)
      ctx.addIssue({ code: 'custom', path: ['imap'], message: 'is required for an IMAP mailbox' });
    if (v.kind === 'imap' && v.imap && !v.imap.secret)
      ctx.addIssue({ code: 'custom', path: ['imap', 'secret'], message: 'is required' });
  });
export type MailboxCreate = z.infer<typeof mailboxCreateSchema>;

export const mailboxUpdateSchema = z.strictObject({
  version: versionSchema,
  email: emailSchema.optional(),
  label: textSchema(120).optional(),
  imap: imapSettingsSchema.optional(),
  smtp: smtpSettingsSchema.nullable().optional(),
  syncSince: calendarDateSchema.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type MailboxUpdate = z.infer<typeof mailboxUpdateSchema>;

/** Settings to try before saving them; with `mailboxId` the stored secrets fill in what is omitted. */
export const connectionTestSchema = z.strictObject({
  mailboxId: idSchema.optional(),
  imap: imapSettingsSchema.optional(),
  smtp: smtpSettingsSchema.nullable().optional(),
});
export const connectionResultSchema = z.object({
  ok: z.boolean(),
  /** What the server said: the greeting's outcome, or its refusal ("Login failed: …"). */
  message: z.string(),
});
export const connectionTestResultSchema = z.object({
  imap: connectionResultSchema.extend({ folders: z.array(z.string()) }).nullable(),
  smtp: connectionResultSchema.nullable(),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const runStatsSchema = z.object({
  received: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  unmatched: z.number().int(),
  skipped: z.number().int(),
  errors: z.number().int(),
});
export type RunStats = z.infer<typeof runStatsSchema>;

export const mailboxFolderStateSchema = z.object({
  role: z.enum(['inbox', 'sent']),
  path: z.string(),
  uidValidity: z.string().nullable(),
  lastUid: z.number().int(),
  /** Messages on the server not synced yet (UIDNEXT − 1 − last UID, at the last look). */
  pending: z.number().int(),
  lastSyncedAt: z.string().nullable(),
});

export const mailboxHealthSchema = z.object({
  /** healthy · failing (last attempt failed) · stale (no success for 72 h) · never_synced · disabled */
  status: z.enum(['healthy', 'failing', 'stale', 'never_synced', 'disabled']),
  connected: z.boolean(),
  syncing: z.boolean(),
  lastJobId: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  failureCount: z.number().int(),
  nextSyncAt: z.string().nullable(),
  imported24h: z.number().int(),
  imported7d: z.number().int(),
  duplicatesIgnored: z.number().int(),
  malformedSkipped: z.number().int(),
  unmatchedCount: z.number().int(),
  /** Messages waiting on the server, and seconds since the last successful sync. */
  lagMessages: z.number().int(),
  lagSeconds: z.number().int().nullable(),
  folders: z.array(mailboxFolderStateSchema),
  lastRun: runStatsSchema.nullable(),
  recentErrors: z.array(z.object({ at: z.string(), message: z.string() })),
});
export type MailboxHealth = z.infer<typeof mailboxHealthSchema>;

export const mailboxSchema = z.object({
  id: idSchema,
  kind: z.enum(MAILBOX_KINDS),
  ownerId: idSchema,
  ownerName: z.string(),
  email: z.string(),
  label: z.string(),
  enabled: z.boolean(),
  imap: z
    .object({
      host: z.string(),
      port: z.number().int(),
      tls: z.boolean(),
      user: z.string(),
      auth: z.enum(IMAP_AUTH),
      hasSecret: z.boolean(),
    })
    .nullable(),
  smtp: z
    .object({
      host: z.string(),
      port: z.number().int(),
      tls: z.boolean(),
      user: z.string(),
      hasPassword: z.boolean(),
    })
    .nullable(),
  /** A forwarder's ingest address (POST JSON there, signed or with an API token). */
  ingestPath: z.string().nullable(),
  syncSince: z.string().nullable(),
  health: mailboxHealthSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Mailbox = z.infer<typeof mailboxSchema>;

/** A partner page lists at most this many connected inboxes (the caller's own first); `inboxCount` has all. */
export const PARTNER_ACTIVITY_INBOXES = 12;

/** A connected (enabled) mailbox as the partner page's email summary shows it: no settings, no errors. */
export const connectedInboxSchema = z.object({
  id: idSchema,
  email: z.string(),
  label: z.string(),
  ownerName: z.string(),
  status: mailboxHealthSchema.shape.status,
  healthy: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  /** The caller may change it on the Email sync page (their own, or integrations.configure). */
  mayManage: z.boolean(),
});
export type ConnectedInbox = z.infer<typeof connectedInboxSchema>;

/** The partner page's synced-activity summary: the partner's synced mail and the workspace's inboxes. */
export const partnerEmailActivitySchema = syncedMailSummarySchema.extend({
  partnerId: idSchema,
  inboxes: z.array(connectedInboxSchema),
  inboxCount: z.number().int(),
});
export type PartnerEmailActivity = z.infer<typeof partnerEmailActivitySchema>;

/** Creating a forwarder answers its signing key once; it is never shown again. */
export const mailboxCreatedSchema = z.object({ mailbox: mailboxSchema, ingestSecret: z.string().nullable() });

export const syncStartedSchema = z.object({ jobId: idSchema, alreadyRunning: z.boolean() });

export const mailAttachmentSchema = z.object({
  part: z.string(),
  name: z.string(),
  size: z.number().int(),
  type: z.string(),
});
export type MailAttachment = z.infer<typeof mailAttachmentSchema>;

export const mailMessageSchema = z.object({
  id: idSchema,
  mailboxId: idSchema,
  mailboxEmail: z.string(),
  messageId: z.string(),
  threadId: z.string(),
  folder: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  fromEmail: z.string(),
  fromName: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  subject: z.string(),
  snippet: z.string(),
  occurredAt: z.string(),
  attachments: z.array(mailAttachmentSchema),
  status: z.enum(MAIL_MESSAGE_STATUSES),
  matchKind: z.enum(['email', 'domain', 'manual']).nullable(),
  organizationIds: z.array(idSchema),
  error: z.string().nullable(),
  /** The addresses that matched nobody: who would be a new contact. */
  unmatchedAddresses: z.array(z.string()),
});
export type MailMessage = z.infer<typeof mailMessageSchema>;

export const unmatchedQuerySchema = z.strictObject({
  mailboxId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const assignSchema = z.strictObject({
  organizationId: idSchema,
  /** Also add the unmatched address as a contact of the partner, so later mail matches by itself. */
  createContact: z
    .strictObject({
      email: emailSchema,
      firstName: textSchema(80).default(''),
      lastName: textSchema(80).default(''),
    })
    .nullable()
    .default(null),
});
export const assignResultSchema = z.object({
  message: mailMessageSchema,
  communicationId: idSchema.nullable(),
  contactId: idSchema.nullable(),
});

export const ignoreSchema = z.strictObject({
  /** Ignore the sender's address, or everyone at the sender's domain. */
  scope: z.enum(['address', 'domain']).default('address'),
});
export const ignoreResultSchema = z.object({ address: z.string(), ignoredMessages: z.number().int() });

export const saveAttachmentSchema = z.strictObject({
  part: z.string().regex(/^\d+(\.\d+)*$/, 'must be a MIME part number such as 2 or 1.2'),
  /** Defaults to the partner the message was matched to (when it is exactly one). */
  organizationId: idSchema.optional(),
  title: textSchema(160).optional(),
});

export const composeSchema = z.strictObject({
  organizationId: idSchema,
  contactId: idSchema.nullable().default(null),
  to: z.array(emailSchema).min(1, 'needs at least one recipient').max(20, 'must be at most 20 addresses'),
  cc: z.array(emailSchema).max(20, 'must be at most 20 addresses').default([]),
  subject: textSchema(180, { required: true }),
  body: textSchema(20_000, { required: true }),
  eventId: idSchema.nullable().default(null),
  /** Reply within a thread: the Message-ID being answered. */
  inReplyTo: z.string().max(500).nullable().default(null),
});
export const composeResultSchema = z.object({
  messageId: z.string(),
  communicationId: idSchema,
});

/** The reference's ingest response (§3.7): the run's counts; 207 when some entries failed. */
export const ingestResultSchema = runStatsSchema.extend({
  unmatchedEmails: z.array(z.string()),
  recentErrors: z.array(z.string()),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** The Overview's email block (reference §2.10 field names, plus Accord's per-mailbox summary). */
export const emailSyncSummarySchema = z.object({
  enabled: z.boolean(),
  configured: z.boolean(),
  /** healthy · action_recommended · not_configured */
  status: z.enum(['healthy', 'action_recommended', 'not_configured']),
  headline: z.string(),
  message: z.string(),
  needsAttention: z.boolean(),
  stale: z.boolean(),
  lastIngestAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastIngestStatusCode: z.number().int().nullable(),
  recentActorEmails: z.array(z.string()),
  mailboxCount: z.number().int(),
  failingCount: z.number().int(),
  staleCount: z.number().int(),
  imported24h: z.number().int(),
  unmatchedCount: z.number().int(),
  link: z.string(),
});
export type EmailSyncSummary = z.infer<typeof emailSyncSummarySchema>;

/** The email block of a workspace with no mailbox connected. */
export const EMAIL_SYNC_NOT_CONFIGURED: EmailSyncSummary = {
  enabled: true,
  configured: false,
  status: 'not_configured',
  headline: 'Action recommended',
  message: 'No mailbox is connected yet. Connect one under Partnerships → Email sync.',
  needsAttention: true,
  stale: false,
  lastIngestAt: null,
  lastSuccessAt: null,
  lastIngestStatusCode: null,
  recentActorEmails: [],
  mailboxCount: 0,
  failingCount: 0,
  staleCount: 0,
  imported24h: 0,
  unmatchedCount: 0,
  link: '/partnerships/email-sync',
};
