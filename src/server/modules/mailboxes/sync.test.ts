/**
 * Email sync against a real IMAP server (hoodiecrow-imap over TCP; mail delivered by IMAP APPEND and by
 * SMTP): matching, threads, attachments, incremental runs, two processes at once, a server killed
 * mid-sync, UIDVALIDITY changes, bad credentials, an unreachable server and malformed mail.
 */
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { openDb } from '../../db/connection';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { rawMessage, startImapServer, type TestImapServer } from '../../test/imapServer';
import {
  communicationsOf,
  connectMailbox,
  createContact,
  createPartner,
  finishJob,
  imapSettings,
  syncedRows,
} from '../../test/mailSync';
import { MailSync } from './sync';

let t: TestApp;
let admin: Client;
let imap: TestImapServer;
let acme: string;
let globex: string;
let initech: string;
let adaId: string;

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
  imap = await startImapServer({ smtp: true });
  acme = await createPartner(admin, { name: 'Acme', website: 'https://www.acme.example' });
  adaId = await createContact(admin, acme, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@acme.example',
  });
  globex = await createPartner(admin, { name: 'Globex', email: 'info@globex.example' });
  initech = await createPartner(admin, { name: 'Initech', website: 'initech.example' });
});
afterAll(async () => {
  await imap?.close();
  await t?.close();
});

/** Delivers over the wire: IMAP APPEND for INBOX, the server's SMTP door for what the user sends. */
async function appendOverImap(folder: string, raw: string) {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
  await client.connect();
  await client.append(folder, raw);
  await client.logout();
}

async function sendOverSmtp(m: { to: string[]; cc?: string[]; subject: string; messageId: string }) {
  const transport = nodemailer.createTransport({ host: imap.host, port: imap.smtpPort!, secure: false });
  await transport.sendMail({
    from: imap.address,
    to: m.to,
    cc: m.cc,
    subject: m.subject,
    text: 'Hi!',
    messageId: m.messageId,
  });
  transport.close();
}

describe('a first sync of INBOX and Sent', () => {
  let mailboxId: string;
  let job: any;
  beforeAll(async () => {
    await appendOverImap(
      'INBOX',
      rawMessage({
        from: 'Ada Lovelace <Ada@Acme.example>',
        to: imap.address,
        subject: 'Sponsorship',
        messageId: '<m1@acme.example>',
        date: at('2026-03-01T10:00:00Z'),
      }),
    );
    await appendOverImap(
      'INBOX',
      rawMessage({
        from: 'ada@acme.example',
        to: imap.address,
        subject: 'Re: Sponsorship',
        messageId: '<m2@acme.example>',
        inReplyTo: '<m1@acme.example>',
        references: ['<m1@acme.example>'],
        date: at('2026-03-01T11:00:00Z'),
      }),
    );
    await appendOverImap(
      'INBOX',
      rawMessage({
        from: 'bob@initech.example',
        to: imap.address,
        subject: 'Hello from Initech',
        messageId: '<m3@initech.example>',
      }),
    );
    await appendOverImap(
      'INBOX',
      rawMessage({
        from: 'stranger@gmail.com',
        to: imap.address,
        subject: 'Who is this',
        messageId: '<m4@gmail.com>',
      }),
    );
    await appendOverImap(
      'INBOX',
      rawMessage({
        from: 'info@globex.example',
        to: imap.address,
        subject: 'Our deck',
        messageId: '<m5@globex.example>',
        attachment: {
          name: 'deck.pdf',
          type: 'application/pdf',
          content: Buffer.concat([Buffer.from('%PDF-1.4 '), Buffer.alloc(3000, 65)]),
        },
      }),
    );
    await sendOverSmtp({
      to: ['ada@acme.example'],
      cc: ['info@globex.example'],
      subject: 'Proposal',
      messageId: '<s1@accord.test>',
    });
    mailboxId = await connectMailbox(admin, imap);
    const started = await admin.post(`/api/v1/mailboxes/${mailboxId}/sync`);
    expect(started.status, started.text).toBe(202);
    job = await finishJob(t, admin, started.body.jobId);
  });

  it('finishes the job with the run’s figures and progress', () => {
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ status: 'ok', received: 6, imported: 6, unmatched: 1, duplicates: 0 });
    expect(job.progressDone).toBe(6);
    expect(job.progressTotal).toBe(6);
  });

  it('matches inbound mail by the sender: a contact, the partner’s own address, or the domain', async () => {
    const acmeMail = await communicationsOf(admin, acme);
    const inbound = acmeMail.filter((c) => c.direction === 'inbound');
    expect(inbound.map((c) => c.subject).sort()).toEqual(['Re: Sponsorship', 'Sponsorship']);
    expect(inbound.every((c) => c.contactId === adaId && c.source === 'email_sync')).toBe(true);
    expect(inbound.find((c) => c.subject === 'Sponsorship')).toMatchObject({
      sender: 'ada@acme.example',
      recipientEmail: 'ada@acme.example',
      externalMessageId: '<m1@acme.example>',
      occurredAt: '2026-03-01T10:00:00.000Z',
      summary: expect.stringContaining('About Sponsorship'),
    });
    const initechMail = await communicationsOf(admin, initech);
    expect(initechMail.map((c) => [c.subject, c.recipientEmail, c.contactId])).toEqual([
      ['Hello from Initech', 'bob@initech.example', null],
    ]);
    const message = await t.accord.kernel.db
      .selectFrom('mail_messages')
      .select(['match_kind', 'status'])
      .where('message_key', '=', '<m3@initech.example>')
      .executeTakeFirstOrThrow();
    expect(message).toEqual({ match_kind: 'domain', status: 'imported' });
  });

  it('matches sent mail by every recipient: one communication per partner', async () => {
    const out = (await syncedRows(t)).filter((r) => r.external_message_id === '<s1@accord.test>');
    expect(out.map((r) => r.organization_id).sort()).toEqual([acme, globex].sort());
    expect(out.every((r) => r.direction === 'outbound')).toBe(true);
  });

  it('keeps threads: a reply carries the first message’s id as its thread', async () => {
    const rows = await t.accord.kernel.db
      .selectFrom('communications')
      .select(['external_message_id', 'external_thread_id'])
      .where('organization_id', '=', acme)
      .where('direction', '=', 'inbound')
      .orderBy('occurred_at')
      .execute();
    expect(rows).toEqual([
      { external_message_id: '<m1@acme.example>', external_thread_id: '<m1@acme.example>' },
      { external_message_id: '<m2@acme.example>', external_thread_id: '<m1@acme.example>' },
    ]);
  });

  it('lists attachments (name, size, type) without storing them', async () => {
    const row = await t.accord.kernel.db
      .selectFrom('mail_messages')
      .select('attachments')
      .where('message_key', '=', '<m5@globex.example>')
      .executeTakeFirstOrThrow();
    const [deck, ...more] = JSON.parse(row.attachments);
    expect(more).toEqual([]);
    expect(deck).toMatchObject({ part: '2', name: 'deck.pdf', type: 'application/pdf' });
    // BODYSTRUCTURE gives the encoded size; the listed size is the decoded estimate (3009 bytes).
    expect(Math.abs(deck.size - 3009)).toBeLessThan(30);
    expect(await t.accord.kernel.db.selectFrom('document_files').selectAll().execute()).toEqual([]);
  });

  it('reports health: connected, counts, cursor per folder, no lag', async () => {
    const res = await admin.get(`/api/v1/mailboxes/${mailboxId}`);
    expect(res.status).toBe(200);
    expect(res.body.health).toMatchObject({
      status: 'healthy',
      connected: true,
      syncing: false,
      lastSuccessAt: '2026-03-02T09:00:00.000Z',
      lastError: null,
      failureCount: 0,
      imported24h: 5,
      imported7d: 5,
      unmatchedCount: 1,
      duplicatesIgnored: 0,
      lagMessages: 0,
      lastRun: { received: 6, imported: 6, unmatched: 1 },
    });
    expect(res.body.health.folders).toEqual([
      expect.objectContaining({ role: 'inbox', path: 'INBOX', uidValidity: '1', lastUid: 5, pending: 0 }),
      expect.objectContaining({ role: 'sent', path: 'Sent', lastUid: 1, pending: 0 }),
    ]);
    // Secrets never leave the server.
    expect(res.text).not.toContain(imap.password);
    expect(res.body.imap).toMatchObject({ hasSecret: true, user: imap.user });
  });

  it('a second run fetches only new mail and creates nothing twice', async () => {
    const before = (await syncedRows(t)).length;
    const fetched = imap.fetchesSent();
    const again = await new MailSync(t.accord.kernel).run(mailboxId);
    expect(again).toMatchObject({ status: 'ok', received: 0, imported: 0 });
    expect(imap.fetchesSent()).toBe(fetched);
    imap.deliver(
      'INBOX',
      rawMessage({
        from: 'ada@acme.example',
        to: imap.address,
        subject: 'One more',
        messageId: '<m6@acme.example>',
      }),
    );
    const third = await new MailSync(t.accord.kernel).run(mailboxId);
    expect(third).toMatchObject({ status: 'ok', received: 1, imported: 1 });
    expect(imap.fetchesSent() - fetched).toBe(1);
    expect((await syncedRows(t)).length).toBe(before + 1);
  });

  it('fills the Overview’s email block', async () => {
    const res = await admin.get('/api/v1/partnerships/overview');
    expect(res.status, res.text).toBe(200);
    expect(res.body.emailSync).toMatchObject({
      enabled: true,
      configured: true,
      status: 'healthy',
      headline: 'Connected and healthy',
      needsAttention: false,
      stale: false,
      lastIngestStatusCode: 200,
      recentActorEmails: [imap.address],
      link: '/partnerships/email-sync',
    });
  });

  it('after 72 hours without a successful sync, recommends action (reference §2.10)', async () => {
    t.clock.advance(73 * 3_600_000);
    try {
      const res = await admin.get('/api/v1/partnerships/overview');
      expect(res.body.emailSync).toMatchObject({
        status: 'action_recommended',
        stale: true,
        needsAttention: true,
      });
      const mailbox = await admin.get(`/api/v1/mailboxes/${mailboxId}`);
      expect(mailbox.body.health.status).toBe('stale');
    } finally {
      t.clock.advance(-73 * 3_600_000);
    }
  });

  afterAll(async () => {
    await admin.delete(`/api/v1/mailboxes/${mailboxId}`);
  });
});

describe('resilience', () => {
  let server: TestImapServer;
  beforeAll(async () => {
    const inbox = Array.from({ length: 250 }, (_, i) =>
      rawMessage({
        from: 'ada@acme.example',
        to: 'bulk@accord.test',
        subject: `Bulk ${i}`,
        messageId: `<bulk-${i}@acme.example>`,
      }),
    );
    server = await startImapServer({ user: 'bulk@accord.test', inbox });
  });
  afterAll(async () => server?.close());

  const bulkCount = async () =>
    (await syncedRows(t)).filter((r) => r.external_message_id?.startsWith('<bulk-')).length;

  it('two processes syncing the same mailbox at once create no duplicates', async () => {
    const id = await connectMailbox(admin, server);
    // A second app process on the same database, as behind a load balancer.
    const other = openDb(t.db.config.db);
    const second = await buildApp({ config: t.db.config, handle: other, clock: t.clock, webRoot: null });
    try {
      const [a, b] = await Promise.all([
        new MailSync(t.accord.kernel).run(id),
        new MailSync(second.kernel).run(id),
      ]);
      expect(a.status, a.error ?? '').toBe('ok');
      expect(b.status, b.error ?? '').toBe('ok');
      expect(a.imported + b.imported).toBe(250);
      expect(await bulkCount()).toBe(250);
      const keys = await t.accord.kernel.db
        .selectFrom('mail_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('mailbox_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(keys.n)).toBe(250);
    } finally {
      await second.close();
      await other.close();
      await admin.delete(`/api/v1/mailboxes/${id}`);
    }
  });

  it('a server killed mid-sync: the run fails clearly, the next resumes without loss or duplicates', async () => {
    // The communications of the previous test stay; a new mailbox on the same mail must add none.
    await t.accord.kernel.db
      .deleteFrom('communications')
      .where('external_message_id', 'like', '<bulk-%')
      .execute();
    const id = await connectMailbox(admin, server);
    server.crashAfterFetches(150); // mid-way through the second chunk of 100
    const first = await new MailSync(t.accord.kernel).run(id);
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/connection to 127\.0\.0\.1:\d+ was lost|connection was refused/);
    expect(first.imported).toBe(100); // the first chunk committed, the broken one did not
    expect(await bulkCount()).toBe(100);
    const health = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health;
    expect(health).toMatchObject({
      status: 'failing',
      connected: false,
      failureCount: 1,
      lastStatusCode: 502,
    });
    expect(health.folders[0]).toMatchObject({ lastUid: 100 });

    // While down, the retry waits for its backoff; once the server is back, the next run finishes the job.
    const down = await new MailSync(t.accord.kernel).run(id);
    expect(down).toMatchObject({ status: 'failed', imported: 0 });
    expect(down.error).toMatch(/connection was refused/);
    await server.restart();
    const resumed = await new MailSync(t.accord.kernel).run(id);
    expect(resumed).toMatchObject({ status: 'ok', received: 150, imported: 150, duplicates: 0 });
    expect(await bulkCount()).toBe(250);
    const distinct = new Set(
      (await syncedRows(t)).map((r) => `${r.organization_id}${r.external_message_id}`),
    );
    expect(distinct.size).toBe((await syncedRows(t)).length);
    const after = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health;
    expect(after).toMatchObject({ status: 'healthy', failureCount: 0, lagMessages: 0 });
    // The owner heard about the outage once, not once per failed run.
    const notes = await t.accord.kernel.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('kind', '=', 'mailbox.failing')
      .where('user_id', '=', t.users.admin!.id)
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe('Email sync stopped for bulk@accord.test');
    await t.accord.kernel.db.deleteFrom('notifications').execute();
    await admin.delete(`/api/v1/mailboxes/${id}`);
  });

  it('a new UIDVALIDITY starts the folder over without creating duplicates', async () => {
    const id = await connectMailbox(admin, server);
    expect((await new MailSync(t.accord.kernel).run(id)).status).toBe('ok');
    const before = await bulkCount();
    const dupsBefore = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health.duplicatesIgnored;
    server.setUidValidity('INBOX', 42);
    const rerun = await new MailSync(t.accord.kernel).run(id);
    expect(rerun).toMatchObject({ status: 'ok', received: 250, imported: 0, duplicates: 250 });
    expect(await bulkCount()).toBe(before);
    const health = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health;
    expect(health.folders[0]).toMatchObject({ uidValidity: '42', lastUid: 250 });
    expect(health.duplicatesIgnored - dupsBefore).toBe(250);
    server.setUidValidity('INBOX', 1);
    await admin.delete(`/api/v1/mailboxes/${id}`);
  });
});

describe('bad input', () => {
  it('wrong credentials: the server’s message on health, backoff between retries, one notification', async () => {
    const server = await startImapServer({ user: 'wrong@accord.test' });
    try {
      const id = await connectMailbox(admin, server, {
        imap: imapSettings(server, { secret: 'not-the-password' }),
      });
      const sync = new MailSync(t.accord.kernel);
      const first = await sync.run(id);
      expect(first.status).toBe('failed');
      expect(first.error).toMatch(
        /^The IMAP server 127\.0\.0\.1:\d+ refused the login: .*(Login failed|authentication)/i,
      );
      let health = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health;
      expect(health).toMatchObject({
        status: 'failing',
        lastStatusCode: 401,
        failureCount: 1,
        lastError: first.error,
      });
      expect(Date.parse(health.nextSyncAt) - t.clock.now().getTime()).toBe(60_000);

      // The scheduler leaves it alone until the backoff has passed, then retries with a longer one.
      const jobsOf = async () =>
        (
          await t.accord.kernel.db
            .selectFrom('jobs')
            .select('id')
            .where('dedupe_key', '=', `mailbox-sync:${id}`)
            .execute()
        ).length;
      await t.accord.kernel.jobs.tick();
      expect(await jobsOf()).toBe(0);
      t.clock.advance(61_000);
      await t.accord.kernel.jobs.tick(); // queues the retry
      await t.accord.kernel.jobs.tick(); // runs it
      health = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health;
      expect(health.failureCount).toBe(2);
      expect(Date.parse(health.nextSyncAt) - t.clock.now().getTime()).toBe(120_000);
      const notes = await t.accord.kernel.db
        .selectFrom('notifications')
        .selectAll()
        .where('kind', '=', 'mailbox.failing')
        .where('title', 'like', '%wrong@accord.test')
        .execute();
      expect(notes).toHaveLength(1);
      expect(notes[0]!.body).toContain('refused the login');

      const overview = await admin.get('/api/v1/partnerships/overview');
      expect(overview.body.emailSync).toMatchObject({
        status: 'action_recommended',
        failingCount: 1,
        lastIngestStatusCode: 401,
        message: expect.stringContaining('wrong@accord.test'),
      });

      // Fixing the password works at once and ends the streak.
      const current = (await admin.get(`/api/v1/mailboxes/${id}`)).body;
      const fixed = await admin.patch(`/api/v1/mailboxes/${id}`, {
        version: current.version,
        imap: imapSettings(server),
      });
      expect(fixed.status, fixed.text).toBe(200);
      expect((await sync.run(id)).status).toBe('ok');
      health = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health;
      expect(health).toMatchObject({ status: 'healthy', failureCount: 0 });
      await admin.delete(`/api/v1/mailboxes/${id}`);
      await t.accord.kernel.db.deleteFrom('notifications').execute();
    } finally {
      await server.close();
    }
  });

  it('an unreachable server: “connection refused” on health, never a crash', async () => {
    const server = await startImapServer({ user: 'gone@accord.test' });
    const port = server.port;
    await server.close();
    const id = await connectMailbox(admin, server, { imap: imapSettings(server, { port }) });
    const run = await new MailSync(t.accord.kernel).run(id);
    expect(run).toMatchObject({
      status: 'failed',
      error: `Could not connect to 127.0.0.1:${port}: the connection was refused.`,
    });
    const health = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health;
    expect(health).toMatchObject({ status: 'failing', lastStatusCode: 502, connected: false });
    await admin.delete(`/api/v1/mailboxes/${id}`);
  });

  it('malformed messages are skipped and reported; the rest of the mail is filed', async () => {
    const server = await startImapServer({
      user: 'mixed@accord.test',
      inbox: [
        'this is not an email at all\r\n',
        rawMessage({
          from: 'ada@acme.example',
          to: 'mixed@accord.test',
          subject: 'Fine',
          messageId: '<fine@acme.example>',
        }),
      ],
    });
    try {
      const id = await connectMailbox(admin, server);
      const run = await new MailSync(t.accord.kernel).run(id);
      expect(run).toMatchObject({ status: 'ok', received: 2, imported: 1, skipped: 1 });
      const health = (await admin.get(`/api/v1/mailboxes/${id}`)).body.health;
      expect(health.malformedSkipped).toBe(1);
      expect(health.recentErrors[0].message).toBe(
        'Message UID 1 in inbox: The message has no sender and no recipient address.',
      );
      // Reported once: a second run does not count it again.
      await new MailSync(t.accord.kernel).run(id);
      expect((await admin.get(`/api/v1/mailboxes/${id}`)).body.health.malformedSkipped).toBe(1);
      await admin.delete(`/api/v1/mailboxes/${id}`);
    } finally {
      await server.close();
    }
  });

  it('signs in with an OAuth2 access token (XOAUTH2)', async () => {
    const server = await startImapServer({
      user: 'oauth@accord.test',
      inbox: [
        rawMessage({
          from: 'ada@acme.example',
          to: 'oauth@accord.test',
          subject: 'Token',
          messageId: '<token@acme.example>',
        }),
      ],
    });
    try {
      const id = await connectMailbox(admin, server, {
        imap: imapSettings(server, { auth: 'xoauth2', secret: server.accessToken }),
      });
      expect(await new MailSync(t.accord.kernel).run(id)).toMatchObject({ status: 'ok', imported: 1 });
      await admin.delete(`/api/v1/mailboxes/${id}`);
    } finally {
      await server.close();
    }
  });
});
