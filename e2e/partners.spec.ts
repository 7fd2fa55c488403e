import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { ADMIN, signIn } from './support';

/** Every partner the API lists (archived ones too), to compare counts before and after an import. */
async function partnerCount(page: Page): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const res = await page.request.get('/api/v1/partners', {
      params: { limit: 200, includeArchived: 'true', ...(cursor ? { cursor } : {}) },
    });
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    count += body.items.length;
    cursor = body.nextCursor;
  } while (cursor);
  return count;
}

/** A JSON call as the signed-in user, with the session's CSRF token (what the web app sends). */
async function apiWrite(page: Page, method: 'PATCH' | 'POST', url: string, data: unknown) {
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': session.csrfToken } });
  expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json() as Promise<Record<string, unknown>>;
}

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port that keeps what it receives. */
function startMailServer() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  return new Promise<{ port: number; received: Received[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.server.address() as AddressInfo).port,
        received,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    );
  });
}

test('directory filters live in the address: they survive a reload and Back undoes them', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto('/partnerships/partners');
  const rows = page.getByTestId('partner-row');
  await expect(rows.first()).toBeVisible();
  const unfiltered = await rows.count();

  await page.getByRole('combobox', { name: 'Filter by status' }).click();
  await page.getByRole('option', { name: 'Confirmed', exact: true }).click();
  await expect(page).toHaveURL(/status=confirmed/);
  await page.getByRole('textbox', { name: 'Search partners' }).fill('Aurora');
  await expect(page).toHaveURL(/q=Aurora/);
  // Only Confirmed "Aurora…" partners are left: few enough for one page.
  await expect(page.getByTestId('partners-table')).toHaveAttribute('aria-busy', 'false');
  await expect(rows.filter({ hasNotText: 'Aurora' })).toHaveCount(0);
  await expect(page.getByTestId('partners-count')).toContainText('all loaded');
  const filtered = await rows.count();
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(unfiltered);
  for (const row of await rows.all()) {
    await expect(row).toContainText('Aurora');
    await expect(row).toContainText('Confirmed');
  }

  // A reload (or a shared link) shows the same list with the same filters.
  await page.reload();
  await expect(page).toHaveURL(/status=confirmed/);
  await expect(page.getByRole('textbox', { name: 'Search partners' })).toHaveValue('Aurora');
  await expect(page.getByRole('combobox', { name: 'Filter by status' })).toHaveValue('Confirmed');
  await expect(rows).toHaveCount(filtered);

  // Back steps out of the filters: the search replaced its entry, the status pushed one.
  await page.goBack();
  await expect(page).toHaveURL(/\/partnerships\/partners$/);
  await expect(page.getByRole('textbox', { name: 'Search partners' })).toHaveValue('');
  await expect(page.getByRole('combobox', { name: 'Filter by status' })).toHaveValue('');
  await expect(rows).toHaveCount(unfiltered);
});

test('export CSV and import it again: nothing is created or updated', async ({ page }, testInfo) => {
  await signIn(page, ADMIN);
  const before = await partnerCount(page);
  await page.goto('/partnerships/partners');
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^partnerships-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  await page.getByRole('link', { name: 'Import' }).first().click();
  await expect(page).toHaveURL(/\/partnerships\/import$/);
  await page.locator('input[type=file]').setInputFiles(file);
  // The export's own headers map onto every field, Company included.
  const mapping = page.getByTestId('mapping-editor');
  await expect(mapping).toBeVisible();
  await expect(mapping.getByRole('combobox', { name: 'Import “Company” as' })).toHaveValue('Company');
  await page.getByRole('button', { name: /^Import \d+ rows?$/ }).click();

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(report).toContainText('Import finished');
  await expect(page.getByTestId('report-created')).toHaveText(/^Created\s*0$/);
  await expect(page.getByTestId('report-updated')).toHaveText(/^Updated\s*0$/);
  await expect(page.getByTestId('report-errors')).toHaveText(/^Errors\s*0$/);
  expect(await partnerCount(page)).toBe(before);
});

test('a mail merge to two partners sends two mails and logs both on the partner pages', async ({ page }) => {
  const mail = await startMailServer();
  try {
    await signIn(page, ADMIN);
    const settings = (await (await page.request.get('/api/v1/settings')).json()) as { version: number };
    await apiWrite(page, 'PATCH', '/api/v1/settings', {
      version: settings.version,
      smtp: {
        host: '127.0.0.1',
        port: mail.port,
        secure: false,
        user: '',
        fromAddress: 'crm@e2e.example',
        fromName: 'Accord e2e',
      },
    });

    // Two partners of this test's own, with email addresses (other tests add partners without one).
    const stamp = Date.now();
    const tag = `Merge${stamp}`;
    const names = [`${tag} Harbour Foods`, `${tag} Lumen Analytics`];
    for (const [i, name] of names.entries())
      await apiWrite(page, 'POST', '/api/v1/partners', { name, email: `merge${i}.${stamp}@e2e.example` });

    await page.goto(`/partnerships/email?q=${tag}`);
    const recipients = page.getByTestId('recipients');
    await expect(recipients.getByRole('checkbox')).toHaveCount(2);
    await expect(page.getByTestId('selected-count')).not.toContainText(/^0 of/);
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(page.getByTestId('selected-count')).toContainText(/^0 of/);
    for (const name of names) await recipients.getByRole('checkbox', { name: `Send to ${name}` }).check();
    await expect(page.getByTestId('selected-count')).toContainText(/^2 of/);

    await page.getByRole('textbox', { name: 'Subject' }).fill(`E2E ${stamp}: hello {{company_name}}`);
    await page
      .getByRole('textbox', { name: 'Message' })
      .fill('Hi {{recipient_first_name}},\n\nSee you soon.');
    const preview = page.getByTestId('merge-preview');
    await expect(preview).toContainText('Ready: 2');
    await expect(preview).toContainText(`E2E ${stamp}: hello ${names[0]}`);

    await page.getByRole('button', { name: 'Send 2 emails' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send 2 emails' }).click();
    const summary = page.getByTestId('send-summary');
    await expect(summary).toBeVisible({ timeout: 20_000 });
    await expect(summary).toContainText('2 of 2 mails sent');
    await expect(summary.getByTestId('send-outcome')).toHaveCount(2);
    for (const row of await summary.getByTestId('send-outcome').all())
      await expect(row).toContainText('Sent');

    // Both mails reached the SMTP server, one per recipient, with the merged subject.
    await expect.poll(() => mail.received.length).toBe(2);
    for (const name of names)
      expect(mail.received.some((m) => m.raw.includes(`E2E ${stamp}: hello ${name}`))).toBe(true);
    const addresses = mail.received.flatMap((m) => m.to);
    expect(new Set(addresses).size).toBe(2);

    // Each partner's page shows the mail as a logged communication.
    for (const name of names) {
      await summary.getByRole('link', { name, exact: true }).click();
      await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
      await expect(page.getByRole('tab', { name: /Communications/, selected: true })).toBeVisible();
      await expect(page.getByText(`E2E ${stamp}: hello ${name}`).first()).toBeVisible();
      await page.goBack();
      await expect(summary).toBeVisible();
    }
  } finally {
    const current = (await (await page.request.get('/api/v1/settings')).json()) as { version: number };
    await apiWrite(page, 'PATCH', '/api/v1/settings', { version: current.version, smtp: null }).catch(
      () => null,
    );
    await mail.close();
  }
});
