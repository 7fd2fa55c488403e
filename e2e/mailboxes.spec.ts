/**
 * Email sync in the browser: connect a mailbox on a real IMAP server started here (test the connection
 * first), sync it with progress, see its health and the unmatched inbox, file and ignore unmatched mail;
 * a mailbox with a wrong password shows the server's refusal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { rawMessage, startImapServer, type TestImapServer } from '../src/server/test/imapServer';
import { ADMIN, signIn } from './support';

let imap: TestImapServer;
let partner: { id: string; name: string; email: string };
const shots = process.env.ACCORD_SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// Two real servers and a sync per test: slower than a page visit, above all on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  imap = await startImapServer({ user: 'partnerships@demo.accord.test', smtp: true });
});
test.afterAll(async () => imap?.close());

test('connect a mailbox, sync it, see its health and work the unmatched inbox', async ({ page }) => {
  await signIn(page, ADMIN);
  const list = await (await page.request.get('/api/v1/partners', { params: { limit: 5 } })).json();
  partner = list.items.find((p: { email: string }) => p.email);
  imap.deliver(
    'INBOX',
    rawMessage({
      from: partner.email,
      to: imap.address,
      subject: 'Sponsoring the spring event',
      messageId: '<e2e-1@partner>',
    }),
  );
  imap.deliver(
    'INBOX',
    rawMessage({
      from: 'Nora Newcomer <nora@startup-e2e.example>',
      to: imap.address,
      subject: 'Can we partner?',
      messageId: '<e2e-2@startup>',
      body: 'Hi! We would love to sponsor your next hackathon.',
    }),
  );
  imap.deliver(
    'INBOX',
    rawMessage({
      from: 'deals@junk-e2e.example',
      to: imap.address,
      subject: 'Cheap pens',
      messageId: '<e2e-3@junk>',
    }),
  );

  await page.goto('/partnerships/email-sync');
  await expect(page.getByRole('heading', { name: 'Email sync' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('No mailbox connected')).toBeVisible();
  await shot(page, '1-empty');

  await page.getByRole('button', { name: 'Connect mailbox' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email address').fill(imap.address);
  await dialog.getByLabel('Label').fill('Partnerships inbox');
  await dialog.getByLabel('IMAP server').fill(imap.host);
  await dialog.getByLabel('Port', { exact: true }).first().fill(String(imap.port));
  await dialog.getByLabel('TLS (port 993)').uncheck();
  await dialog.getByLabel('Password or app password').fill(imap.password);
  await dialog.getByLabel('SMTP server').fill(imap.host);
  await dialog.getByLabel('Port', { exact: true }).nth(1).fill(String(imap.smtpPort));
  await dialog.getByLabel('TLS (port 465)').uncheck();
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('test-imap')).toContainText(`Signed in to ${imap.host}`);
  await expect(dialog.getByTestId('test-smtp')).toContainText('accepted the connection');
  await shot(page, '2-connect-form');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByTestId('mailbox-card');
  await expect(card).toContainText(imap.address);
  // The scheduler syncs a new mailbox at once; "Sync now" queues another run (or follows the running one).
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('mailbox-status')).toHaveText('Connected and healthy', { timeout: 15_000 });
  await expect(card.getByText('Imported 24 h')).toBeVisible();
  const inbox = page.getByTestId('unmatched-inbox');
  await expect(inbox.getByTestId('unmatched-row')).toHaveCount(2);
  await expect(inbox).toContainText('Can we partner?');
  await expect(inbox).toContainText('Cheap pens');
  await shot(page, '3-synced');

  // The matched message is on the partner's timeline.
  const comms = await (
    await page.request.get('/api/v1/communications', { params: { organizationId: partner.id } })
  ).json();
  expect(comms.items.some((c: { subject: string }) => c.subject === 'Sponsoring the spring event')).toBe(
    true,
  );

  // Ignore the junk sender's whole domain.
  await inbox
    .getByTestId('unmatched-row')
    .filter({ hasText: 'Cheap pens' })
    .getByRole('button', { name: 'Ignore' })
    .click();
  await page.getByRole('menuitem', { name: /Ignore everyone at @junk-e2e\.example/ }).click();
  await expect(inbox.getByTestId('unmatched-row')).toHaveCount(1);

  // File the newcomer for a partner, adding her as a contact.
  await inbox
    .getByTestId('unmatched-row')
    .filter({ hasText: 'Can we partner?' })
    .getByRole('button', { name: 'Assign' })
    .click();
  const assign = page.getByRole('dialog', { name: 'File for a partner' });
  await assign.getByRole('combobox', { name: 'Partner' }).fill(partner.name.slice(0, 6));
  await page.getByRole('option', { name: partner.name }).first().click();
  await expect(assign.getByLabel('First name')).toHaveValue('Nora');
  await shot(page, '4-assign');
  await assign.getByRole('button', { name: 'File' }).click();
  await expect(assign).toBeHidden();
  await expect(inbox.getByText('Nothing unmatched')).toBeVisible();
  const contacts = await (await page.request.get(`/api/v1/partners/${partner.id}/contacts`)).json();
  expect(contacts.items.some((c: { email: string }) => c.email === 'nora@startup-e2e.example')).toBe(true);
  await shot(page, '5-inbox-cleared');
});

test('a wrong password shows the server’s refusal on the mailbox', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/partnerships/email-sync');
  await page.getByRole('button', { name: 'Connect mailbox' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email address').fill('typo@demo.accord.test');
  await dialog.getByLabel('IMAP server').fill(imap.host);
  await dialog.getByLabel('Port', { exact: true }).first().fill(String(imap.port));
  await dialog.getByLabel('TLS (port 993)').uncheck();
  await dialog.getByLabel('User name').fill(imap.user);
  await dialog.getByLabel('Password or app password').fill('not-the-password');
  await dialog.getByLabel('Send email from Accord through this mailbox').uncheck();
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByTestId('test-imap')).toContainText('refused the login');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  const card = page.getByTestId('mailbox-card').filter({ hasText: 'typo@demo.accord.test' });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('mailbox-status')).toHaveText('Failing', { timeout: 15_000 });
  await expect(card.getByTestId('mailbox-error')).toContainText('refused the login');
  await shot(page, '6-failing');

  // The partner page offers to email the partner through a connected mailbox.
  const list = await (await page.request.get('/api/v1/partners', { params: { limit: 5 } })).json();
  partner = list.items.find((p: { email: string }) => p.email);
  await page.goto(`/partnerships/partners/${partner.id}`);
  await page.getByRole('button', { name: 'Send email' }).click();
  const compose = page.getByRole('dialog', { name: 'Email this partner' });
  await expect(compose.getByLabel('From')).toHaveValue(/Partnerships inbox/);
  await compose.getByLabel('To').fill(partner.email);
  await compose.getByLabel('Subject').fill('Thanks for the call');
  await compose.getByLabel('Message').fill('Hello,\n\nThanks for the call today.');
  await shot(page, '7-compose');
  await compose.getByRole('button', { name: 'Send' }).click();
  await expect(compose).toBeHidden();
  await expect.poll(() => imap.count('Sent')).toBe(1);
});

// Follows the two tests above: their mailboxes are connected (one healthy, one failing).
test('the partner page sums up the synced mail above the timeline', async ({ page }) => {
  await signIn(page, ADMIN);
  const list = await (await page.request.get('/api/v1/partners', { params: { limit: 5 } })).json();
  partner = list.items.find((p: { email: string }) => p.email);
  const activity = async () =>
    (await page.request.get(`/api/v1/partners/${partner.id}/email-activity`)).json();
  const before = await activity();
  imap.deliver(
    'INBOX',
    rawMessage({
      from: partner.email,
      to: imap.address,
      subject: 'Booth options for the summit',
      messageId: '<e2e-summary-in@partner>',
      date: new Date(Date.now() - 60 * 60_000),
      attachment: {
        name: 'booth-plan.pdf',
        type: 'application/pdf',
        content: Buffer.from('%PDF-1.7 booths'),
      },
    }),
  );
  imap.deliver(
    'Sent',
    rawMessage({
      from: imap.address,
      to: partner.email,
      subject: 'Re: Booth options for the summit',
      messageId: '<e2e-summary-out@accord>',
      date: new Date(),
    }),
  );

  await page.goto('/partnerships/email-sync');
  const card = page.getByTestId('mailbox-card').filter({ hasText: imap.address });
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(async () => (await activity()).synced.total, { timeout: 45_000 })
    .toBe(before.synced.total + 2);

  await page.goto(`/partnerships/partners/${partner.id}?tab=communications`);
  const summary = page.getByTestId('email-activity');
  // The partner page is a large first load on a busy machine.
  await expect(summary.getByTestId('email-activity-count')).toHaveText(
    `${before.synced.total + 2} synced emails (${before.synced.inbound + 1} in, ${before.synced.outbound + 1} out)`,
    { timeout: 30_000 },
  );
  // The newest is the reply sent from the mailbox: its actor is the mailbox's owner.
  const last = summary.getByTestId('email-activity-last');
  await expect(last).toContainText(/^Last: (just now|\d+ minutes? ago) by Alex Admin/);
  await expect(last).toContainText('“Re: Booth options for the summit”');
  await expect(summary.getByTestId('email-activity-last-contact')).toContainText('Last contact:');
  const inboxes = summary.getByTestId('email-activity-inbox');
  await expect(inboxes.filter({ hasText: imap.address })).toHaveAttribute('data-healthy', 'true');
  await expect(inboxes.filter({ hasText: 'typo@demo.accord.test' })).toHaveAttribute('data-healthy', 'false');
  // The summary sits above the timeline, which shows both messages as synced.
  const timeline = page.getByTestId('communication-timeline');
  const summaryBox = (await summary.boundingBox())!;
  expect(summaryBox.y + summaryBox.height).toBeLessThanOrEqual((await timeline.boundingBox())!.y);
  for (const subject of ['Booth options for the summit', 'Re: Booth options for the summit'])
    await expect(
      timeline
        .getByTestId('communication')
        .filter({ has: page.getByText(subject, { exact: true }) })
        .getByText('Synced', { exact: true }),
    ).toBeVisible();
  await shot(page, '8-partner-summary');

  // The inbound mail's attachment is listed on its entry and saved as a document of the partner.
  const inbound = timeline
    .getByTestId('communication')
    .filter({ has: page.getByText('Booth options for the summit', { exact: true }) });
  await inbound.getByRole('button', { name: 'Attachments' }).click();
  const attachment = page.getByTestId('mail-attachments').getByTestId('mail-attachment');
  await expect(attachment).toContainText('booth-plan.pdf');
  await attachment.getByRole('button', { name: 'Save as document' }).click();
  await expect(attachment).toContainText('Saved');
  await shot(page, '9-attachment-saved');
  await expect(page.getByText('Saved “booth-plan.pdf” as a document.')).toBeVisible();
  const docs = (await (
    await page.request.get('/api/v1/documents', { params: { organizationId: partner.id } })
  ).json()) as {
    items: { title: string; hasFile: boolean }[];
  };
  expect(docs.items.find((d) => d.title === 'booth-plan.pdf')?.hasFile).toBe(true);
  await page.keyboard.press('Escape');

  // An inbox badge leads whoever may manage it to the Email sync page.
  await inboxes.filter({ hasText: 'typo@demo.accord.test' }).click();
  await expect(page).toHaveURL(/\/partnerships\/email-sync$/);
});
