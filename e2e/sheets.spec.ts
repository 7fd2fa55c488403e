/**
 * Google Sheets sync, the user's journey: connect a sheet (a local server speaking Google's token endpoint and
 * Sheets API), push, edit the sheet, pull, and settle a row both sides changed on the conflict screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { EXCHANGE_KEYS, type ExchangeKey } from '../src/shared/exchange.schema';
import { startFakeGoogle, type FakeGoogle } from '../src/server/test/fakeGoogle';
import { ADMIN, signIn } from './support';

const SHEET = 'e2e-sheet-0123456789';
const TAB = 'PartnershipsCRM';
const col = (k: ExchangeKey) => EXCHANGE_KEYS.indexOf(k);
const shots = process.env.ACCORD_SHOTS_DIR;

let fake: FakeGoogle;
test.beforeAll(async () => {
  fake = await startFakeGoogle();
  fake.createSpreadsheet(SHEET);
});
test.afterAll(async () => fake?.close());

async function api(page: Page, method: string, url: string, data?: unknown) {
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const res = await page.request.fetch(url, { method, data, headers: { 'x-csrf-token': session.csrfToken } });
  return { status: res.status(), body: (await res.json().catch(() => null)) as any };
}

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

test('connect a Google Sheet, push, pull the sheet edits and settle a conflict', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  await page.goto('/partnerships/integrations');
  await expect(page.getByTestId('sheets-headline')).toHaveText('Not configured', { timeout: 20_000 });
  await shot(page, 'sheets-empty');

  // Configure: spreadsheet URL, the key file, and the Sheets API address of the local server.
  const form = page.getByTestId('sheets-config');
  await form.getByLabel('Spreadsheet').fill(`https://docs.google.com/spreadsheets/d/${SHEET}/edit`);
  await form.locator('input[type="file"]').setInputFiles({
    name: 'accord-sync-key.json',
    mimeType: 'application/json',
    buffer: Buffer.from(fake.serviceAccountJson()),
  });
  await expect(form.getByText('accord-sync-key.json · accord-sync@')).toBeVisible();
  await form.getByText('Advanced').click();
  await form.getByLabel('Sheets API address').fill(fake.url);
  await form.getByRole('button', { name: 'Save and test access' }).click();
  await expect(page.getByTestId('sheets-headline')).toHaveText('Connected');
  await expect(form.getByText(/Stored key for accord-sync@/)).toBeVisible();

  // Push.
  await page.getByRole('button', { name: 'Push to Sheet' }).click();
  const result = page.getByTestId('sheets-status').getByTestId('sync-result');
  await expect(result).toContainText('Push finished', { timeout: 30_000 });
  const rows = fake.rows(SHEET, TAB);
  expect(rows[0]![0]).toBe('Company');
  expect(rows.length).toBeGreaterThan(5);
  await expect(result.getByTestId('result-pushed')).toContainText((rows.length - 1).toLocaleString('en-US'));
  await expect(page.getByTestId('sheets-last-sync')).toContainText('(PUSH)');
  await shot(page, 'sheets-pushed');

  // Edit the sheet: a note on one row; another row is changed in both places.
  const data = rows.slice(1);
  const first = data.findIndex((r) => r[col('partnerId')]);
  const firstId = data[first]![col('partnerId')]!;
  const second = data.findIndex((r) => r[col('partnerId')] && r[col('partnerId')] !== firstId);
  const secondId = data[second]![col('partnerId')]!;
  fake.setCell(SHEET, TAB, first + 1, col('partnerNotes'), 'Edited in the sheet (e2e)');
  fake.setCell(SHEET, TAB, second + 1, col('partnerNotes'), 'Sheet says: call in May');
  const p2 = (await api(page, 'GET', `/api/v1/partners/${secondId}`)).body;
  expect(
    (
      await api(page, 'PATCH', `/api/v1/partners/${secondId}`, {
        version: p2.version,
        notes: 'Accord says: call in June',
      })
    ).status,
  ).toBe(200);

  // Pull.
  await page.getByRole('button', { name: 'Pull from Sheet' }).click();
  await expect(result).toContainText('Pull finished with rows to look at', { timeout: 30_000 });
  await expect(result.getByTestId('result-updated')).toContainText('1');
  await expect(result.getByTestId('result-conflicts')).toContainText('1');
  expect((await api(page, 'GET', `/api/v1/partners/${firstId}`)).body.notes).toBe(
    'Edited in the sheet (e2e)',
  );
  expect((await api(page, 'GET', `/api/v1/partners/${secondId}`)).body.notes).toBe(
    'Accord says: call in June',
  );
  await expect(page.getByTestId('conflicts-link')).toHaveText('Review 1 conflict');
  await shot(page, 'sheets-pulled');

  // Review: side by side, then the sheet wins.
  await page.getByTestId('conflicts-link').click();
  const card = page.getByTestId('conflict-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('sheet-partnerNotes')).toHaveText('Sheet says: call in May');
  await expect(card.getByTestId('crm-partnerNotes')).toHaveText('Accord says: call in June');
  await shot(page, 'sheets-conflict');
  await card.getByRole('button', { name: "Use the sheet's row" }).click();
  await expect(page.getByText('No conflicts')).toBeVisible();
  expect((await api(page, 'GET', `/api/v1/partners/${secondId}`)).body.notes).toBe('Sheet says: call in May');
  await page.getByText('Resolved', { exact: true }).click();
  await expect(card.getByText('Sheet applied')).toBeVisible();
  await shot(page, 'sheets-resolved');

  // The Overview's Google Sheets block: status, and a push with its result.
  await page.goto('/partnerships/overview');
  const block = page.getByTestId('sheets-sync');
  await expect(block.getByText('Connected: PartnershipsCRM')).toBeVisible({ timeout: 45_000 });
  await expect(block.getByTestId('sheets-sync-last')).toContainText('(PULL)');
  await block.getByRole('button', { name: 'Push to Sheet' }).click();
  await expect(block.getByTestId('sync-result')).toContainText('Push finished', { timeout: 30_000 });
  await expect(block.getByTestId('sheets-sync-last')).toContainText('(PUSH)');
  expect(fake.rows(SHEET, TAB).find((r) => r[col('partnerId')] === secondId)![col('partnerNotes')]).toBe(
    'Sheet says: call in May',
  );
  await block.scrollIntoViewIfNeeded();
  await shot(page, 'sheets-overview-block');
});
