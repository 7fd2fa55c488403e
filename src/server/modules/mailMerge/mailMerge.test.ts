import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { startMailbox, useMailbox, type Mailbox } from '../../test/mailbox';
import { createEvent } from '../../test/partnerships';

let t: TestApp;
let admin: Client;
let mailbox: Mailbox;
let ids: Record<string, string>;
let eventId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  mailbox = await startMailbox({ refuse: (to) => (to.startsWith('bounce@') ? 'No such user here' : null) });
  await useMailbox(t, mailbox.port);
  eventId = (await createEvent(admin, { name: 'Summit 2026', year: 2026 })).id;
  const mk = async (
    name: string,
    email: string,
    contact?: { firstName: string; lastName: string; email: string },
  ) => {
    const p = (await admin.post('/api/v1/partners', { name, email })).body;
    if (contact) await admin.post(`/api/v1/partners/${p.id}/contacts`, { ...contact, isPrimary: true });
    return p.id as string;
  };
  ids = {
    acme: await mk('Acme Corp', '', { firstName: 'Jane', lastName: 'Doe', email: 'jane@acme.example' }),
    globex: await mk('Globex', 'hello@globex.example'),
    noEmail: await mk('Silent Co', ''),
    dup: await mk('Acme Twin', 'jane@acme.example'),
    bounce: await mk('Bouncy Ltd', 'bounce@bouncy.example'),
  };
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

const body =
  'Hello {{recipient_first_name}},\n\nWould {{ company_name }} sponsor {{event_name}}?\n\n{{sender_full_name}}';

async function finish(jobId: string) {
  for (let i = 0; i < 40; i++) {
    await t.accord.kernel.jobs.tick();
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).body;
    if (job.status === 'done' || job.status === 'dead') return job;
  }
  throw new Error('send did not finish');
}

describe('mail merge', () => {
  it('previews with the first eligible recipient and classifies every recipient in request order', async () => {
    const res = await admin.post('/api/v1/mail-merge/preview', {
      subject: 'Sponsoring {{event_name}}',
      body,
      partnerIds: [ids.noEmail, ids.acme, ids.dup, newId(), ids.globex],
      eventId,
    });
    expect(res.status).toBe(200);
    expect(res.body.recipients.map((r: { outcome: string }) => r.outcome)).toEqual([
      'skipped_missing_email',
      'eligible',
      'skipped_duplicate_email',
      'skipped_missing_partner',
      'eligible',
    ]);
    expect(res.body.preview).toEqual({
      to: 'jane@acme.example',
      subject: 'Sponsoring Summit 2026',
      body: 'Hello Jane,\n\nWould Acme Corp sponsor Summit 2026?\n\nTest admin',
    });
  });

  it('sends through the real SMTP server, logs each sent mail as an outbound communication, reports every outcome', async () => {
    const template = await admin.post('/api/v1/mail-templates', {
      name: 'Sponsor ask',
      subject: 'Sponsoring {{event_name}}',
      body,
    });
    expect(template.status).toBe(201);
    const start = await admin.post('/api/v1/mail-merge/send', {
      subject: 'Sponsoring {{event_name}}',
      body,
      partnerIds: [ids.acme, ids.globex, ids.bounce, ids.noEmail],
      eventId,
      templateId: template.body.id,
      campaignName: 'Summit push',
    });
    expect(start.status).toBe(202);
    const job = await finish(start.body.jobId);
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({
      totalRequested: 4,
      totalEligible: 3,
      sentCount: 2,
      loggedCount: 2,
      skippedCount: 1,
      failedCount: 1,
      warningCount: 0,
    });
    const bounced = job.result.recipients.find((r: { partnerId: string }) => r.partnerId === ids.bounce);
    expect(bounced.outcome).toBe('failed_send');
    expect(bounced.message).toContain('No such user here');

    const arrived = mailbox.messages.map((m) => ({
      to: m.to,
      subject: m.parsed.subject,
      text: m.parsed.text?.trim(),
      replyTo: m.parsed.replyTo?.text,
      from: m.parsed.from?.text,
    }));
    expect(arrived).toHaveLength(2);
    expect(arrived.find((m) => m.to[0] === 'hello@globex.example')).toMatchObject({
      subject: 'Sponsoring Summit 2026',
      text: 'Hello Globex,\n\nWould Globex sponsor Summit 2026?\n\nTest admin',
      replyTo: 'admin@test.accord',
      from: '"Test admin" <crm@accord.test>',
    });

    const comms = (await admin.get(`/api/v1/communications?organizationId=${ids.acme}`)).body.items;
    expect(comms).toHaveLength(1);
    expect(comms[0]).toMatchObject({
      source: 'mass_email',
      direction: 'outbound',
      recipientEmail: 'jane@acme.example',
      eventId,
      subject: 'Sponsoring Summit 2026',
    });
    expect(comms[0].summary).toMatch(
      /^Mass email sent from admin@test.accord to jane@acme.example\.\n\nHello Jane/,
    );
    expect((await admin.get(`/api/v1/communications?organizationId=${ids.bounce}`)).body.items).toHaveLength(
      0,
    );
    const templates = (await admin.get('/api/v1/mail-templates')).body.items;
    expect(templates[0].lastUsedAt).not.toBeNull();
  });

  it('refuses unknown merge fields, empty subjects, too many recipients and a missing SMTP server', async () => {
    const bad = await admin.post('/api/v1/mail-merge/preview', {
      subject: 'Hi {{first_name}}',
      body: 'x',
      partnerIds: [ids.acme],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.subject).toContain('{{first_name}}');
    expect(
      (await admin.post('/api/v1/mail-templates', { name: 'x', subject: 'ok', body: '{{nope}}' })).body.error
        .fields.body,
    ).toContain('unknown merge fields');
    expect(
      (await admin.post('/api/v1/mail-merge/send', { subject: '', body: 'x', partnerIds: [ids.acme] }))
        .status,
    ).toBe(400);
    const many = Array.from({ length: 201 }, () => newId());
    expect(
      (await admin.post('/api/v1/mail-merge/send', { subject: 's', body: 'b', partnerIds: many })).body.error
        .fields.partnerIds,
    ).toContain('at most 200');
    expect(
      (
        await admin.post('/api/v1/mail-merge/send', {
          subject: 's',
          body: 'b',
          partnerIds: [ids.acme],
          eventId: newId(),
        })
      ).body.error.fields.eventId,
    ).toBeTruthy();
    const viewer = await t.as('read_only');
    expect(
      (await viewer.post('/api/v1/mail-merge/send', { subject: 's', body: 'b', partnerIds: [ids.acme] }))
        .status,
    ).toBe(403);
  });
});
