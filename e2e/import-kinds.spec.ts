/** The import wizard for leads and partners: from the list, through the mapping and a dry run, to the report. */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support';

const csvFile = (name: string, lines: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(lines.join('\n')),
});

/** A JSON call as the signed-in user, with the session's CSRF token (what the web app sends). */
async function apiPost(page: Page, url: string, data: unknown) {
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const res = await page.request.post(url, { data, headers: { 'x-csrf-token': session.csrfToken } });
  expect(res.ok(), `POST ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json() as Promise<{ id: string }>;
}

const tile = (page: Page, key: string) => page.getByTestId(`report-${key}`);

// Each journey runs two background jobs (a dry run, then the import) and visits the list twice.
test.describe.configure({ timeout: 120_000 });

test('import leads from the leads list: suggested mapping, a dry run with a row error, then the import', async ({
  page,
}) => {
  const stamp = Date.now();
  const tag = `Lead${stamp}`;
  await signIn(page, ADMIN);
  await page.goto('/leads');
  await expect(page.getByRole('heading', { name: 'Leads', level: 2 })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Import' }).click();
  await expect(page).toHaveURL(/\/partnerships\/import\?kind=leads$/);
  await expect(page.getByRole('heading', { name: 'Import leads' })).toBeVisible();

  await page
    .locator('input[type=file]')
    .setInputFiles(
      csvFile('leads.csv', [
        'Lead name,Organisation,E-mail,Lead source,Favourite colour',
        `${tag} Ada Lovelace,Analytical Engines,ada.${stamp}@e2e.example,Referral,blue`,
        `${tag} Bad Email,Nowhere Ltd,not-an-email,web,red`,
        `${tag} Grace Hopper,Compilers Inc,grace.${stamp}@e2e.example,event,green`,
      ]),
    );
  // Other tools' headers are recognised; a column Accord has no field for is left out.
  const mapping = page.getByTestId('mapping-editor');
  await expect(mapping).toBeVisible();
  await expect(mapping.getByRole('combobox', { name: 'Import “Lead name” as' })).toHaveValue('Name');
  await expect(mapping.getByRole('combobox', { name: 'Import “Organisation” as' })).toHaveValue('Company');
  await expect(mapping.getByRole('combobox', { name: 'Import “E-mail” as' })).toHaveValue('Email');
  await expect(mapping.getByRole('combobox', { name: 'Import “Lead source” as' })).toHaveValue('Source');
  await expect(mapping.getByRole('combobox', { name: 'Import “Favourite colour” as' })).toHaveValue(
    '— Do not import —',
  );
  await expect(page.getByRole('radio', { name: 'Skip' })).toBeChecked();

  // The dry run writes nothing and lists the bad row by its number in the file (the header is row 1).
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(report).toContainText('The check found problems');
  await expect(tile(page, 'created')).toHaveText(/^Created\s*2$/);
  await expect(tile(page, 'errors')).toHaveText(/^Errors\s*1$/);
  const issue = report.getByTestId('report-issue');
  await expect(issue).toHaveCount(1);
  await expect(issue).toContainText('3');
  await expect(issue).toContainText('Email must be a valid email address.');
  expect(
    ((await (await page.request.get(`/api/v1/leads?q=${tag}`)).json()) as { items: unknown[] }).items,
  ).toHaveLength(0);

  await page.getByRole('button', { name: 'Import now' }).click();
  await expect(report).toContainText('Import finished with problems', { timeout: 20_000 });
  await expect(tile(page, 'created')).toHaveText(/^Created\s*2$/);
  await expect(tile(page, 'errors')).toHaveText(/^Errors\s*1$/);

  // Done goes back to the leads, where the two new ones are.
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(page).toHaveURL(/\/leads$/);
  await page.getByRole('textbox', { name: 'Search leads' }).fill(tag);
  const rows = page.getByTestId('lead-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `${tag} Ada Lovelace` })).toContainText('Referral');
  await expect(rows.filter({ hasText: `${tag} Grace Hopper` })).toContainText('Event');
});

test('import partners from partner management: a row matching an existing partner is skipped or updated', async ({
  page,
}) => {
  const stamp = Date.now();
  const existing = `Existing ${stamp} Holdings`;
  const fresh = `Fresh ${stamp} Partners`;
  await signIn(page, ADMIN);
  const { id } = await apiPost(page, '/api/v1/partners', {
    name: existing,
    city: 'Toronto',
    industry: 'Finance',
  });

  await page.goto('/partners');
  await page.getByRole('main').getByRole('link', { name: 'Import' }).click();
  await expect(page).toHaveURL(/\/partnerships\/import\?kind=partners$/);
  await expect(page.getByRole('heading', { name: 'Import partners' })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles(
    csvFile('partners.csv', [
      'Account name,Town,Sector',
      // The same name, spelt differently: it matches the existing partner.
      `${existing.toUpperCase()}.,Montréal,`,
      `${fresh},Ottawa,Energy`,
    ]),
  );
  const mapping = page.getByTestId('mapping-editor');
  await expect(mapping.getByRole('combobox', { name: 'Import “Account name” as' })).toHaveValue('Company');
  await expect(mapping.getByRole('combobox', { name: 'Import “Town” as' })).toHaveValue('City');

  // Partner names are unique, so the choice is skip or update; skip is the default.
  const choice = page.getByTestId('duplicate-choice');
  await expect(choice.getByRole('radio')).toHaveCount(2);
  await expect(choice.getByRole('radio', { name: 'Skip' })).toBeChecked();
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('The check found no problems', { timeout: 20_000 });
  await expect(tile(page, 'created')).toHaveText(/^Created\s*1$/);
  await expect(tile(page, 'skipped')).toHaveText(/^Skipped\s*1$/);
  await expect(tile(page, 'updated')).toHaveText(/^Updated\s*0$/);
  await expect(report).toContainText('Rows matching an existing partner: skip (1 row)');

  // Back to the mapping: update the existing partner instead, and import.
  await page.getByRole('button', { name: 'Change the mapping' }).click();
  await choice.getByText('Update', { exact: true }).click();
  await expect(choice.getByRole('radio', { name: 'Update' })).toBeChecked();
  await expect(page.getByTestId('duplicate-hint')).toContainText('non-blank cells');
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(report).toContainText('Import finished', { timeout: 20_000 });
  await expect(tile(page, 'created')).toHaveText(/^Created\s*1$/);
  await expect(tile(page, 'updated')).toHaveText(/^Updated\s*1$/);
  await expect(tile(page, 'skipped')).toHaveText(/^Skipped\s*0$/);
  await expect(tile(page, 'errors')).toHaveText(/^Errors\s*0$/);

  // The blank Sector cell left the industry alone; the name stays as Accord spells it.
  const updated = (await (await page.request.get(`/api/v1/partners/${id}`)).json()) as Record<
    string,
    unknown
  >;
  expect(updated).toMatchObject({ name: existing, city: 'Montréal', industry: 'Finance' });

  await page.getByRole('link', { name: 'Done' }).click();
  await expect(page).toHaveURL(/\/partners$/);
  await page.getByRole('textbox', { name: 'Search partners' }).fill(String(stamp));
  await expect(page.getByRole('link', { name: fresh })).toBeVisible();
  await expect(page.getByRole('link', { name: existing })).toBeVisible();
});

test('a role that may not create leads gets a clear refusal instead of the wizard', async ({ page }) => {
  await signIn(page, 'viewer@demo.accord.test');
  await page.goto('/leads');
  await expect(page.getByRole('heading', { name: 'Leads', level: 2 })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Import' })).toHaveCount(0);
  await page.goto('/partnerships/import?kind=leads');
  await expect(page.getByTestId('not-allowed')).toContainText('does not allow you to import leads');
  await expect(page.getByTestId('import-dropzone')).toHaveCount(0);
});
