import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { startMailbox, type Mailbox } from '../../test/mailbox';

let t: TestApp;
let admin: Client;
let mailbox: Mailbox;
const SMTP_PASSWORD = 'smtp-pass-7f3a9c';
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  mailbox = await startMailbox({
    auth: { user: 'accord', password: SMTP_PASSWORD },
    refuse: (rcpt) => (rcpt.endsWith('@refused.test') ? 'Mailbox unavailable: no such user here' : null),
  });
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
});

const smtp = (extra: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: mailbox.port,
  secure: false,
  user: 'accord',
  fromAddress: 'crm@northwind.test',
  fromName: 'Northwind CRM',
  ...extra,
});
const current = async () => (await admin.get('/api/v1/settings')).body;
const auditCount = async () => (await admin.get('/api/v1/audit?limit=200')).body.items.length;

describe('settings API', () => {
  it('starts from the defaults, readable by every signed-in user', async () => {
    const res = await (await t.as('read_only')).get('/api/v1/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      companyName: 'Accord',
      baseCurrency: 'CAD',
      fiscalYearStartMonth: 1,
      timeZone: 'UTC',
      smtp: null,
      version: 1,
    });
    expect((await t.anonymous().get('/api/v1/settings')).status).toBe(401);
  });

  it('answers 409 to a test email while no SMTP server is set up', async () => {
    const res = await admin.post('/api/v1/settings/test-email', { to: 'ops@example.test' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('smtp_not_configured');
    expect(res.body.error.message).toBe(
      'No SMTP server is set up. An admin can add one in Admin → Settings.',
    );
  });

  it('updates from the version read, audits the change and refuses stale versions', async () => {
    const res = await admin.patch('/api/v1/settings', {
      version: 1,
      companyName: ' Northwind Partnerships ',
      baseCurrency: 'EUR',
      fiscalYearStartMonth: 4,
      timeZone: 'America/Toronto',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      companyName: 'Northwind Partnerships',
      baseCurrency: 'EUR',
      fiscalYearStartMonth: 4,
      timeZone: 'America/Toronto',
      smtp: null,
      version: 2,
    });
    expect(await current()).toEqual(res.body);
    const stale = await admin.patch('/api/v1/settings', { version: 1, companyName: 'Stale' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await current()).companyName).toBe('Northwind Partnerships');

    const history = await admin.get('/api/v1/history/settings/workspace');
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0].changes).toEqual({
      companyName: { old: 'Accord', new: 'Northwind Partnerships' },
      baseCurrency: { old: 'CAD', new: 'EUR' },
      fiscalYearStartMonth: { old: 1, new: 4 },
      timeZone: { old: 'UTC', new: 'America/Toronto' },
    });
    // Only the settings.configure permission may change them.
    const finance = await t.as('finance');
    expect((await finance.patch('/api/v1/settings', { version: 2, companyName: 'Mine' })).status).toBe(403);
  });

  it('refuses a bad time zone, currency or month with field messages, writing nothing', async () => {
    const before = await current();
    const audits = await auditCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'must be an IANA time zone such as America/Toronto'],
      [{ timeZone: '' }, 'timeZone', 'must be an IANA time zone such as America/Toronto'],
      [{ baseCurrency: 'euro' }, 'baseCurrency', 'must be a three-letter ISO currency code such as CAD'],
      [{ baseCurrency: 'eur' }, 'baseCurrency', 'must be a three-letter ISO currency code such as CAD'],
      [{ fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth', 'must be a month from 1 to 12'],
      [{ fiscalYearStartMonth: 0 }, 'fiscalYearStartMonth', 'must be a month from 1 to 12'],
      [{ fiscalYearStartMonth: 2.5 }, 'fiscalYearStartMonth', 'must be a whole number'],
      [{ companyName: '   ' }, 'companyName', 'is required'],
      [{ smtp: { ...smtp(), port: 70000 } }, 'smtp.port', 'must be at most 65535'],
      [{ smtp: { ...smtp(), fromAddress: 'nobody' } }, 'smtp.fromAddress', 'must be a valid email address'],
      [{ colour: 'blue' }, 'colour', 'is not a known field'],
    ];
    for (const [patch, field, message] of cases) {
      const res = await admin.patch('/api/v1/settings', { version: before.version, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields, res.text).toEqual({ [field]: message });
    }
    const all = await admin.patch('/api/v1/settings', {
      version: before.version,
      timeZone: 'Nowhere',
      baseCurrency: 'X',
      fiscalYearStartMonth: 99,
    });
    expect(Object.keys(all.body.error.fields).sort()).toEqual([
      'baseCurrency',
      'fiscalYearStartMonth',
      'timeZone',
    ]);
    expect(await current()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('never returns the SMTP password, keeps it when omitted and never logs it', async () => {
    const set = await admin.patch('/api/v1/settings', {
      version: (await current()).version,
      smtp: smtp({ password: SMTP_PASSWORD }),
    });
    expect(set.status, set.text).toBe(200);
    expect(set.body.smtp).toEqual({
      host: '127.0.0.1',
      port: mailbox.port,
      secure: false,
      user: 'accord',
      hasPassword: true,
      fromAddress: 'crm@northwind.test',
      fromName: 'Northwind CRM',
    });
    expect(set.text).not.toContain(SMTP_PASSWORD);
    expect((await admin.get('/api/v1/settings')).text).not.toContain(SMTP_PASSWORD);

    // Changing the sender without sending the password again keeps the stored one: the server that
    // requires it still accepts the test mail.
    const kept = await admin.patch('/api/v1/settings', {
      version: set.body.version,
      smtp: smtp({ fromName: 'Northwind' }),
    });
    expect(kept.status).toBe(200);
    expect(kept.body.smtp.hasPassword).toBe(true);
    expect(kept.body.smtp.fromName).toBe('Northwind');
    const sent = await admin.post('/api/v1/settings/test-email', { to: 'ops@example.test' });
    expect(sent.status, sent.text).toBe(200);

    const audit = await admin.get('/api/v1/audit?entity=settings&limit=200');
    expect(audit.text).not.toContain(SMTP_PASSWORD);
    expect(audit.body.items[1].changes.smtp.new.password).toBe('(set)');
    const row = await t.accord.kernel.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'workspace')
      .executeTakeFirstOrThrow();
    expect(row.value).not.toContain(SMTP_PASSWORD);

    // An empty password clears it; a wrong one is refused by the server, in its own words.
    const cleared = await admin.patch('/api/v1/settings', {
      version: kept.body.version,
      smtp: smtp({ password: '' }),
    });
    expect(cleared.body.smtp.hasPassword).toBe(false);
    const wrong = await admin.patch('/api/v1/settings', {
      version: cleared.body.version,
      smtp: smtp({ password: 'not-the-smtp-password' }),
    });
    expect(wrong.body.smtp.hasPassword).toBe(true);
    const refused = await admin.post('/api/v1/settings/test-email', { to: 'ops@example.test' });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('smtp_failed');
    expect(refused.body.error.message).toMatch(/Invalid username or password/);
    const restored = await admin.patch('/api/v1/settings', {
      version: wrong.body.version,
      smtp: smtp({ password: SMTP_PASSWORD }),
    });
    expect(restored.status).toBe(200);
  });

  it('sends a test email through the real SMTP server', async () => {
    const before = mailbox.messages.length;
    const res = await admin.post('/api/v1/settings/test-email', { to: 'ops@example.test' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.messageId).toMatch(/^<.+@.+>$/);
    expect(mailbox.messages.length).toBe(before + 1);
    const mail = mailbox.messages.at(-1)!;
    expect(mail.to).toEqual(['ops@example.test']);
    expect(mail.parsed.to).toMatchObject({ text: 'ops@example.test' });
    expect(mail.from).toBe('crm@northwind.test');
    expect(mail.parsed.subject).toBe('Accord test email from Northwind Partnerships');
    expect(mail.parsed.from?.value).toEqual([{ address: 'crm@northwind.test', name: 'Northwind CRM' }]);
    expect(mail.parsed.messageId).toBe(res.body.messageId);
    expect(mail.parsed.text).toContain('sent by Test admin');

    const bad = await admin.post('/api/v1/settings/test-email', { to: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.to).toBe('must be a valid email address');
  });

  it("answers 502 with the server's own message when it refuses the mail or cannot be reached", async () => {
    const refused = await admin.post('/api/v1/settings/test-email', { to: 'ghost@refused.test' });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('smtp_failed');
    expect(refused.body.error.message).toMatch(
      new RegExp(`^The mail server 127\\.0\\.0\\.1:${mailbox.port} refused the message: `),
    );
    expect(refused.body.error.message, refused.text).toContain('Mailbox unavailable: no such user here');

    const closed = await startMailbox();
    const deadPort = closed.port;
    await closed.close();
    await admin.patch('/api/v1/settings', {
      version: (await current()).version,
      smtp: smtp({ port: deadPort }),
    });
    const unreachable = await admin.post('/api/v1/settings/test-email', { to: 'ops@example.test' });
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.error.code).toBe('smtp_failed');
    expect(unreachable.body.error.message).toMatch(/ECONNREFUSED/);
    expect(unreachable.body.error.message).toContain(`127.0.0.1:${deadPort}`);
  });
});
