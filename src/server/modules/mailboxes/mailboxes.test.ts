/**
 * Mailboxes through the API: secrets sealed and never returned, who may see and change which mailbox,
 * connection tests with the server's own words, the unmatched inbox (assign, add the contact, ignore),
 * saving an attachment as a document, composing to a partner contact, and the signed ingest endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../test/harness';
import { rawMessage, startImapServer, type TestImapServer } from '../../test/imapServer';
import {
  communicationsOf,
  connectMailbox,
  createContact,
  createPartner,
  imapSettings,
  syncedRows,
} from '../../test/mailSync';
import { sign } from './ingest';
import { MailSync } from './sync';

let t: TestApp;
let admin: Client;
let agent: Client;
let imap: TestImapServer;
let acme: string;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
  agent = await t.as('sales_agent');
  imap = await startImapServer({ smtp: true, user: 'agent@accord.test' });
  acme = await createPartner(admin, { name: 'Acme', website: 'acme.example' });
  await createContact(admin, acme, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example' });
});
afterAll(async () => {
  await imap?.close();
  await t?.close();
});

describe('connecting a mailbox', () => {
  it('seals the password at rest and never returns it; omitting it on update keeps it', async () => {
    const res = await agent.post('/api/v1/mailboxes', {
      email: 'Agent@Accord.test',
      label: 'My inbox',
      imap: imapSettings(imap),
      smtp: { host: imap.host, port: imap.smtpPort, tls: false, user: imap.user, password: imap.password },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.text).not.toContain(imap.password);
    expect(res.body.ingestSecret).toBeNull();
    const m = res.body.mailbox;
    expect(m).toMatchObject({
      kind: 'imap',
      email: 'agent@accord.test',
      ownerId: t.users.sales_agent!.id,
      imap: {
        host: imap.host,
        port: imap.port,
        tls: false,
        user: imap.user,
        auth: 'password',
        hasSecret: true,
      },
      smtp: { host: imap.host, port: imap.smtpPort, hasPassword: true },
      health: { status: 'never_synced', connected: false },
    });
    const row = await t.accord.kernel.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row.imap_secret).toMatch(/^sealed:v1:/);
    expect(row.smtp_secret).toMatch(/^sealed:v1:/);
    expect(t.accord.kernel.secrets.open(row.imap_secret!)).toBe(imap.password);

    const renamed = await agent.patch(`/api/v1/mailboxes/${m.id}`, {
      version: m.version,
      label: 'Work',
      imap: { ...imapSettings(imap), secret: undefined },
    });
    expect(renamed.status, renamed.text).toBe(200);
    const after = await t.accord.kernel.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(t.accord.kernel.secrets.open(after.imap_secret!)).toBe(imap.password);
    // The audit log records the change without any secret in it.
    const audit = await t.accord.kernel.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity', '=', 'mailbox')
      .execute();
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain('sealed:v1');
  });

  it('refuses incomplete settings and a second connection of the same address with a reason', async () => {
    const missing = await agent.post('/api/v1/mailboxes', {
      email: 'x@accord.test',
      imap: { host: 'imap.example.com', user: 'x' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty(['imap.secret']);
    const twice = await agent.post('/api/v1/mailboxes', {
      email: 'agent@accord.test',
      imap: imapSettings(imap),
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('agent@accord.test is already connected for this user.');
  });

  it('each user works their own mailboxes; integrations.view sees all, integrations.configure changes all', async () => {
    const mine = (await agent.get('/api/v1/mailboxes')).body.items;
    expect(mine.map((m: any) => m.email)).toEqual(['agent@accord.test']);
    const forOther = await agent.post('/api/v1/mailboxes', {
      email: 'boss@accord.test',
      ownerId: t.users.admin!.id,
      imap: imapSettings(imap),
    });
    expect(forOther.status).toBe(403);
    const adminBox = await connectMailbox(admin, imap, { email: 'admin-box@accord.test' });
    expect((await agent.get(`/api/v1/mailboxes/${adminBox}`)).status).toBe(404);
    expect((await agent.post(`/api/v1/mailboxes/${adminBox}/sync`)).status).toBe(404);
    const all = (await admin.get('/api/v1/mailboxes')).body.items.map((m: any) => m.email).sort();
    expect(all).toEqual(['admin-box@accord.test', 'agent@accord.test']);
    const agentBox = mine[0];
    const paused = await admin.patch(`/api/v1/mailboxes/${agentBox.id}`, {
      version: agentBox.version,
      enabled: false,
    });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.body.health.status).toBe('disabled');
    const resumed = await agent.patch(`/api/v1/mailboxes/${agentBox.id}`, {
      version: paused.body.version,
      enabled: true,
    });
    expect(resumed.status).toBe(200);
    expect((await admin.delete(`/api/v1/mailboxes/${adminBox}`)).status).toBe(200);
  });

  it('tests a connection before saving it, with the server’s own message on failure', async () => {
    const ok = await agent.post('/api/v1/mailboxes/test', {
      imap: imapSettings(imap),
      smtp: { host: imap.host, port: imap.smtpPort, tls: false },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.imap).toMatchObject({ ok: true, folders: ['INBOX', 'Sent'] });
    expect(ok.body.imap.message).toContain('syncing INBOX and Sent');
    expect(ok.body.smtp).toMatchObject({ ok: true });
    const bad = await agent.post('/api/v1/mailboxes/test', { imap: imapSettings(imap, { secret: 'wrong' }) });
    expect(bad.body.imap.ok).toBe(false);
    expect(bad.body.imap.message).toMatch(/refused the login: .*Login failed/i);
    expect(bad.body.smtp).toBeNull();
    const none = await agent.post('/api/v1/mailboxes/test', {});
    expect(none.status).toBe(400);
    // A form field is not a way into the cloud metadata service: refused before any connection.
    const metadata = await agent.post('/api/v1/mailboxes/test', {
      imap: imapSettings(imap, { host: '169.254.169.254' }),
      smtp: { host: '169.254.169.254', port: 25, tls: false },
    });
    expect(metadata.status, metadata.text).toBe(200);
    expect(metadata.body.imap).toMatchObject({ ok: false });
    expect(metadata.body.imap.message).toMatch(
      /^169\.254\.169\.254 is a link-local.*Accord does not connect there/,
    );
    expect(metadata.body.smtp.ok).toBe(false);
    expect(metadata.body.smtp.message).toMatch(/Accord does not connect there/);
  });
});

describe('the unmatched inbox', () => {
  let mailboxId: string;
  beforeAll(async () => {
    mailboxId = (await agent.get('/api/v1/mailboxes')).body.items[0].id;
    imap.deliver(
      'INBOX',
      rawMessage({
        from: 'Grace Hopper <grace@hopper.example>',
        to: imap.address,
        subject: 'Partnering?',
        messageId: '<g1@hopper.example>',
      }),
    );
    imap.deliver(
      'INBOX',
      rawMessage({
        from: 'spam@junk.example',
        to: imap.address,
        subject: 'Buy now',
        messageId: '<j1@junk.example>',
      }),
    );
    imap.deliver(
      'INBOX',
      rawMessage({
        from: 'ada@acme.example',
        to: imap.address,
        subject: 'Signed contract',
        messageId: '<c1@acme.example>',
        attachment: {
          name: 'contract.pdf',
          type: 'application/pdf',
          content: Buffer.from('%PDF-1.7 signed contract'),
        },
      }),
    );
    expect((await new MailSync(t.accord.kernel).run(mailboxId)).status).toBe('ok');
  });

  it('lists mail that matched nobody, only to its mailbox’s owner', async () => {
    const res = await agent.get('/api/v1/mail-messages/unmatched');
    expect(res.status, res.text).toBe(200);
    const rows = res.body.items.map((m: any) => [m.subject, m.fromEmail, m.unmatchedAddresses]);
    expect(rows.sort()).toEqual([
      ['Buy now', 'spam@junk.example', ['spam@junk.example']],
      ['Partnering?', 'grace@hopper.example', ['grace@hopper.example']],
    ]);
    const reader = await t.as('read_only');
    expect((await reader.get('/api/v1/mail-messages/unmatched')).body.items).toEqual([]);
  });

  it('assigns a message to a partner and adds the sender as a contact, so later mail matches by itself', async () => {
    const grace = (await agent.get('/api/v1/mail-messages/unmatched')).body.items.find(
      (m: any) => m.subject === 'Partnering?',
    );
    const hopper = await createPartner(agent, { name: 'Hopper Labs' });
    const res = await agent.post(`/api/v1/mail-messages/${grace.id}/assign`, {
      organizationId: hopper,
      createContact: { email: 'grace@hopper.example', firstName: 'Grace', lastName: 'Hopper' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.message).toMatchObject({
      status: 'assigned',
      matchKind: 'manual',
      organizationIds: [hopper],
    });
    const comms = await communicationsOf(agent, hopper);
    expect(comms).toHaveLength(1);
    expect(comms[0]).toMatchObject({
      subject: 'Partnering?',
      contactId: res.body.contactId,
      source: 'email_sync',
      direction: 'inbound',
    });
    expect(
      (await agent.post(`/api/v1/mail-messages/${grace.id}/assign`, { organizationId: hopper })).status,
    ).toBe(409);

    imap.deliver(
      'INBOX',
      rawMessage({
        from: 'grace@hopper.example',
        to: imap.address,
        subject: 'Follow-up',
        messageId: '<g2@hopper.example>',
      }),
    );
    expect(await new MailSync(t.accord.kernel).run(mailboxId)).toMatchObject({ imported: 1, unmatched: 0 });
    expect((await communicationsOf(agent, hopper)).map((c) => c.subject).sort()).toEqual([
      'Follow-up',
      'Partnering?',
    ]);
  });

  it('ignores a sender for good', async () => {
    const spam = (await agent.get('/api/v1/mail-messages/unmatched')).body.items.find(
      (m: any) => m.subject === 'Buy now',
    );
    const res = await agent.post(`/api/v1/mail-messages/${spam.id}/ignore`, { scope: 'domain' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ address: '@junk.example', ignoredMessages: 1 });
    imap.deliver(
      'INBOX',
      rawMessage({
        from: 'other@junk.example',
        to: imap.address,
        subject: 'Buy more',
        messageId: '<j2@junk.example>',
      }),
    );
    expect(await new MailSync(t.accord.kernel).run(mailboxId)).toMatchObject({
      received: 1,
      skipped: 1,
      unmatched: 0,
    });
    expect((await agent.get('/api/v1/mail-messages/unmatched')).body.items).toEqual([]);
  });

  it('saves an attachment as a partner document, fetched again from the server', async () => {
    const msg = await t.accord.kernel.db
      .selectFrom('mail_messages')
      .select('id')
      .where('message_key', '=', '<c1@acme.example>')
      .executeTakeFirstOrThrow();
    const detail = await agent.get(`/api/v1/mail-messages/${msg.id}`);
    expect(detail.body.attachments).toEqual([
      expect.objectContaining({ part: '2', name: 'contract.pdf', type: 'application/pdf' }),
    ]);
    const res = await agent.post(`/api/v1/mail-messages/${msg.id}/attachments/save`, { part: '2' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      organizationId: acme,
      title: 'contract.pdf',
      hasFile: true,
      fileName: 'contract.pdf',
    });
    const file = await agent.get(`/api/v1/documents/${res.body.id}/file`);
    expect(file.status).toBe(200);
    expect(file.text).toBe('%PDF-1.7 signed contract');
    const missing = await agent.post(`/api/v1/mail-messages/${msg.id}/attachments/save`, { part: '7' });
    expect(missing.status).toBe(404);

    // From the partner's timeline: a synced communication leads to its mail and the attachments.
    const comm = (await communicationsOf(agent, acme)).find(
      (c) => c.externalMessageId === '<c1@acme.example>',
    );
    const mail = await agent.get(`/api/v1/communications/${comm!.id}/mail`);
    expect(mail.status, mail.text).toBe(200);
    expect(mail.body).toMatchObject({
      id: msg.id,
      attachments: [expect.objectContaining({ name: 'contract.pdf' })],
    });
    // A logged communication has no mail; someone who cannot see the mailbox gets none either.
    const logged = await admin.post('/api/v1/communications', {
      organizationId: acme,
      subject: 'Phone call',
      summary: 'Talked about the renewal.',
      channel: 'phone',
      direction: 'outbound',
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(logged.status, logged.text).toBe(201);
    const none = await admin.get(`/api/v1/communications/${logged.body.id}/mail`);
    expect(none.status).toBe(404);
    expect(none.body.error.message).toMatch(/not synced from a mailbox you can see/);
    const other = await t.as('finance');
    expect((await other.get(`/api/v1/communications/${comm!.id}/mail`)).status).not.toBe(200);
  });
});

describe('sending to a partner contact', () => {
  it('goes out through the mailbox’s SMTP, is logged as outbound, and its Sent copy is not logged twice', async () => {
    const mailbox = (await agent.get('/api/v1/mailboxes')).body.items[0];
    const contactId = (await admin.get(`/api/v1/partners/${acme}/contacts`)).body.items[0].id;
    const sentBefore = imap.count('Sent');
    const res = await agent.post(`/api/v1/mailboxes/${mailbox.id}/send`, {
      organizationId: acme,
      contactId,
      to: ['ada@acme.example'],
      subject: 'Next steps',
      body: 'Hello Ada,\n\nHere are the next steps.',
    });
    expect(res.status, res.text).toBe(201);
    expect(imap.count('Sent')).toBe(sentBefore + 1);
    const comm = (await communicationsOf(agent, acme)).find((c) => c.subject === 'Next steps');
    expect(comm).toMatchObject({
      id: res.body.communicationId,
      direction: 'outbound',
      contactId,
      sender: 'agent@accord.test',
      recipientEmail: 'ada@acme.example',
      externalMessageId: res.body.messageId,
      summary: 'Hello Ada,\n\nHere are the next steps.',
    });
    const run = await new MailSync(t.accord.kernel).run(mailbox.id);
    expect(run).toMatchObject({ status: 'ok', received: 1, imported: 0, duplicates: 1 });
    expect((await syncedRows(t)).filter((r) => r.external_message_id === res.body.messageId)).toHaveLength(1);
  });

  it('a mail merge can go out from the sender’s own mailbox; its Sent copy is not logged twice', async () => {
    const mailbox = (await agent.get('/api/v1/mailboxes')).body.items[0];
    const sentBefore = imap.count('Sent');
    const globex = await createPartner(admin, { name: 'Globex', email: 'hello@globex.example' });
    const request = {
      subject: 'Partnering with {{company_name}}',
      body: 'Hello {{recipient_first_name}},\n\nShall we talk?',
      partnerIds: [globex],
      mailboxId: mailbox.id,
    };
    const preview = await agent.post('/api/v1/mail-merge/preview', {
      ...request,
      body: 'Reply to {{sender_email}}',
    });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.preview.body).toBe('Reply to agent@accord.test');

    const start = await agent.post('/api/v1/mail-merge/send', request);
    expect(start.status, start.text).toBe(202);
    for (let i = 0; i < 10; i++) await t.accord.kernel.jobs.tick();
    const job = (await agent.get(`/api/v1/jobs/${start.body.jobId}`)).body;
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ sentCount: 1, loggedCount: 1, failedCount: 0 });
    // It went through the mailbox's SMTP server, from its address (the test server files that in Sent).
    expect(imap.count('Sent')).toBe(sentBefore + 1);
    const comm = (await communicationsOf(agent, globex)).find((c) => c.subject === 'Partnering with Globex');
    expect(comm).toMatchObject({ source: 'mass_email', direction: 'outbound', sender: 'agent@accord.test' });
    expect(comm!.externalMessageId).toMatch(/^<.+@accord\.test>$/);
    const run = await new MailSync(t.accord.kernel).run(mailbox.id);
    expect(run).toMatchObject({ status: 'ok', received: 1, imported: 0, duplicates: 1 });

    // Only one's own mailbox, and only one that can send.
    const other = await admin.post('/api/v1/mail-merge/preview', request);
    expect(other.status).toBe(400);
    expect(other.body.error.fields.mailboxId).toBe('is not one of your mailboxes');
    const noSmtp = await connectMailbox(agent, imap, { email: 'merge-nosmtp@accord.test' });
    const refused = await agent.post('/api/v1/mail-merge/send', { ...request, mailboxId: noSmtp });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.mailboxId).toMatch(/has no SMTP settings/);
    await agent.delete(`/api/v1/mailboxes/${noSmtp}`);
  });

  it('refuses a mailbox without SMTP and an SMTP server that refuses, saying so', async () => {
    const boxId = await connectMailbox(agent, imap, { email: 'nosmtp@accord.test' });
    const res = await agent.post(`/api/v1/mailboxes/${boxId}/send`, {
      organizationId: acme,
      to: ['ada@acme.example'],
      subject: 'x',
      body: 'y',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('smtp_not_configured');
    const box = (await agent.get(`/api/v1/mailboxes/${boxId}`)).body;
    await agent.patch(`/api/v1/mailboxes/${boxId}`, {
      version: box.version,
      smtp: { host: imap.host, port: imap.smtpPort, tls: false, user: imap.user, password: 'wrong' },
    });
    const refused = await agent.post(`/api/v1/mailboxes/${boxId}/send`, {
      organizationId: acme,
      to: ['ada@acme.example'],
      subject: 'x',
      body: 'y',
    });
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toMatch(/refused the message: .*Invalid username or password/);
    await agent.delete(`/api/v1/mailboxes/${boxId}`);
  });
});

describe('the ingest endpoint for forwarders (reference §3.7)', () => {
  let id: string;
  let key: string;
  const post = (body: unknown, headers: Record<string, string>) =>
    t
      .anonymous()
      .request(
        'POST',
        `/api/v1/mailboxes/${id}/ingest`,
        typeof body === 'string' ? body : JSON.stringify(body),
        {
          'content-type': 'application/json',
          ...headers,
        },
      );
  const signed = (body: unknown, secret = key, at = t.clock.now()) => {
    const raw = JSON.stringify(body);
    const ts = String(Math.floor(at.getTime() / 1000));
    return post(raw, { 'x-accord-timestamp': ts, 'x-accord-signature': sign(secret, ts, raw) });
  };
  const payload = {
    provider: 'gmail',
    actorEmail: 'fwd@accord.test',
    sourceMethod: 'gmail_apps_script',
    entries: [
      {
        gmailMessageId: '18c1',
        threadId: 't1',
        from: 'Ada <ada@acme.example>',
        to: 'fwd@accord.test',
        title: 'Hi',
        preview: 'Short note',
        date: '2026-03-01T12:00:00Z',
      },
      {
        messageId: '<out@accord.test>',
        fromEmail: 'fwd@accord.test',
        recipients: ['someone@nowhere.example'],
        subject: 'Cold',
        snippet: 'x',
      },
      { id: '18c3', sender: 'noone@gmail.com', toEmails: ['fwd@accord.test'], subject: 'Noise' },
    ],
  };

  beforeAll(async () => {
    const res = await agent.post('/api/v1/mailboxes', { kind: 'forwarder', email: 'fwd@accord.test' });
    expect(res.status, res.text).toBe(201);
    id = res.body.mailbox.id;
    key = res.body.ingestSecret;
    expect(key).toMatch(/^\S{40,}$/);
    expect(res.body.mailbox.ingestPath).toBe(`/api/v1/mailboxes/${id}/ingest`);
    expect((await agent.get(`/api/v1/mailboxes/${id}`)).text).not.toContain(key);
  });

  it('files a signed request with the reference’s aliases, and answers the run’s counts', async () => {
    const res = await signed(payload);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      received: 3,
      processed: 1,
      imported: 1,
      unmatched: 2,
      duplicates: 0,
      errors: 0,
    });
    expect(res.body.unmatchedEmails.sort()).toEqual(['noone@gmail.com', 'someone@nowhere.example']);
    const comm = (await communicationsOf(agent, acme)).find((c) => c.subject === 'Hi');
    expect(comm).toMatchObject({
      direction: 'inbound',
      summary: 'Short note',
      occurredAt: '2026-03-01T12:00:00.000Z',
      externalMessageId: 'gmail:18c1',
    });
    const again = await signed(payload);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 3 });
    const health = (await agent.get(`/api/v1/mailboxes/${id}`)).body.health;
    expect(health).toMatchObject({
      status: 'healthy',
      lastStatusCode: 200,
      lastSuccessAt: t.clock.now().toISOString(),
    });
  });

  it('refuses a wrong or stale signature, and an unsigned call, with 401', async () => {
    expect((await signed(payload, 'not-the-key')).status).toBe(401);
    const stale = await signed(payload, key, new Date(t.clock.now().getTime() - 10 * 60_000));
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toMatch(/signed 600 s away from now/);
    const unsigned = await post(payload, {});
    expect(unsigned.status).toBe(401);
    // The body is what is signed: changing a byte breaks it.
    const raw = JSON.stringify(payload);
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    const tampered = await post(raw.replace('Short note', 'Long note'), {
      'x-accord-timestamp': ts,
      'x-accord-signature': sign(key, ts, raw),
    });
    expect(tampered.status).toBe(401);
  });

  it('accepts an API token with the ingest scope of the forwarder’s owner, not one without it', async () => {
    const token = await agent.post('/api/v1/me/tokens', { name: 'Forwarder', scopes: ['ingest'] });
    const bot = new Client(t.accord, null, null, token.body.secret);
    const res = await bot.request('POST', `/api/v1/mailboxes/${id}/ingest`, {
      ...payload,
      entries: [payload.entries[0]],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.duplicates).toBe(1);
    const apiOnly = await agent.post('/api/v1/me/tokens', { name: 'Plain', scopes: ['api'] });
    const other = new Client(t.accord, null, null, apiOnly.body.secret);
    expect((await other.request('POST', `/api/v1/mailboxes/${id}/ingest`, payload)).status).toBe(403);
  });

  it('enforces the reference’s limits: no entries, more than 500, an actor of another domain', async () => {
    expect((await signed({ actorEmail: 'fwd@accord.test', entries: [] })).status).toBe(400);
    const many = {
      actorEmail: 'fwd@accord.test',
      entries: Array.from({ length: 501 }, () => payload.entries[0]),
    };
    const tooMany = await signed(many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe('One request may carry at most 500 entries; this one has 501.');
    const foreign = await signed({ ...payload, actorEmail: 'someone@elsewhere.example' });
    expect(foreign.status).toBe(403);
    const noActor = await signed({ entries: payload.entries });
    expect(noActor.status).toBe(400);
  });

  it('answers 207 when some entries could not be filed, and files the rest', async () => {
    const res = await signed({
      actorEmail: 'fwd@accord.test',
      entries: [
        { subject: 'nothing to match' },
        { messageId: '<new@acme.example>', from: 'ada@acme.example', subject: 'New' },
      ],
    });
    expect(res.status, res.text).toBe(207);
    expect(res.body).toMatchObject({ received: 2, imported: 1, errors: 1 });
    expect(res.body.recentErrors[0]).toMatch(/no_candidate_partner_email/);
  });
});
