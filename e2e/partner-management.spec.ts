/**
 * Partner management in the browser: create a partner past a duplicate warning, save a filter and get it back
 * from the address and as the default, bulk archive, delete with a choice and restore from the Trash, and a
 * sales agent who is told that a colleague's private partner is hidden from them.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, apiGet, apiWrite, signIn } from './support';

// Whole journeys of many steps each, on a machine that may be busy.
test.describe.configure({ timeout: 90_000 });

/** Waits until the partner list shows the rows of the current address (not the previous ones, dimmed). */
async function listSettled(page: Page) {
  await expect(page.getByTestId('partner-list')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

const suffix = () => Math.random().toString(36).slice(2, 7);

test('create a partner past the duplicate warning, with the server’s field messages, then open it', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const demo = (await apiGet(page, '/api/v1/partners?q=Aurora%20Cloud&limit=1')) as {
    items: { id: string; name: string }[];
  };
  const existing = demo.items[0]!;
  const tag = suffix();
  const sameSite = await apiWrite(page, 'POST', '/api/v1/partners', {
    name: `Rocket Works ${tag}`,
    website: `https://www.rocketworks-${tag}.example/about`,
  });

  await page.goto('/partners');
  await page.getByRole('button', { name: 'New partner' }).click();
  const dialog = page.getByRole('dialog', { name: 'New partner' });
  await dialog.getByRole('textbox', { name: 'Company' }).fill('aurora   CLOUD');
  const warning = dialog.getByTestId('duplicate-warning');
  await expect(warning).toContainText('same name');
  await expect(warning.getByRole('link', { name: existing.name })).toHaveAttribute(
    'href',
    `/partners/${existing.id}`,
  );

  // Another name, but another partner's website domain: a warning the user may pass.
  const name = `Aurora Cloud Labs ${tag}`;
  await dialog.getByRole('textbox', { name: 'Company' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Website' }).fill(`rocketworks-${tag}.example`);
  await expect(warning).toContainText('same website');
  await expect(warning.getByRole('link', { name: `Rocket Works ${tag}` })).toHaveAttribute(
    'href',
    `/partners/${sameSite.id}`,
  );
  await expect(warning).not.toContainText(existing.name);
  await expect(warning).toContainText('you can still save it');

  // A field only the server checks: its message lands next to the input, nothing is created.
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('call me maybe');
  await dialog.getByRole('button', { name: 'Create partner' }).click();
  await expect(dialog.getByText('Must be a phone number')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('+1 416 555 0100');
  await dialog.getByRole('textbox', { name: 'City' }).fill('Toronto');
  await dialog.getByRole('button', { name: 'Create partner' }).click();

  await expect(page).toHaveURL(/\/partners\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeVisible();
  await page.getByText('Partners', { exact: true }).first().click(); // the back link
  await expect(page).toHaveURL(/\/partners$/);
});

test('save a filter, get it back from the address and as the default, rename and delete it', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto('/partners');
  await page.getByRole('button', { name: /^Filters/ }).click();
  const filters = page.getByTestId('partner-filters');
  await filters.getByRole('combobox', { name: 'Country' }).fill('Canada');
  await page.getByRole('option', { name: 'Canada (CA)' }).click();
  await filters.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Active', exact: true }).click();
  await page.getByRole('button', { name: /^Sort by City/ }).click();
  await expect(page).toHaveURL(/partnerStatus=active/);
  await expect(page).toHaveURL(/country=CA/);
  await expect(page).toHaveURL(/sort=city/);

  const list = page.getByTestId('partner-list');
  await listSettled(page);
  const countries = async () =>
    list.getByTestId('partner-list-row').evaluateAll((rows) => rows.map((r) => r.children[5]?.textContent));
  await expect(list.getByTestId('partner-list-row').first()).toBeVisible();
  await expect.poll(async () => [...new Set(await countries())], { timeout: 20_000 }).toEqual(['CA']);
  expect((await countries()).length).toBeGreaterThan(1);
  const firstRows = await list.getByTestId('partner-list-row').locator('a').allTextContents();

  const name = `Canadian actives ${suffix()}`;
  await page.getByTestId('saved-filters').click();
  await page.getByRole('menuitem', { name: 'Save current filter…' }).click();
  const save = page.getByRole('dialog', { name: 'Save this filter' });
  await save.getByRole('textbox', { name: 'Name' }).fill(name);
  await save.getByRole('switch', { name: 'Use as my default' }).check();
  await save.getByRole('button', { name: 'Save filter' }).click();
  await expect(save).toBeHidden();
  await expect(page.getByTestId('saved-filters')).toHaveText(name);

  // The address alone brings the view back: same filter, same rows, in the same order.
  const url = page.url();
  await page.goto('/');
  await page.goto(url);
  await expect(page.getByTestId('saved-filters')).toHaveText(name);
  await listSettled(page);
  await expect
    .poll(() => list.getByTestId('partner-list-row').locator('a').allTextContents(), { timeout: 20_000 })
    .toEqual(firstRows);

  // Without parameters the list opens on the default filter.
  await page.goto('/partners');
  await expect(page).toHaveURL(/country=CA/);
  await expect(page.getByTestId('saved-filters')).toHaveText(name);

  // Clearing the filters leaves the saved view; choosing it from the menu brings it back.
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByTestId('saved-filters')).toHaveText('Saved filters');
  await page.getByTestId('saved-filters').click();
  await page.getByRole('menuitem', { name }).click();
  await expect(page).toHaveURL(/country=CA/);

  await page.getByTestId('saved-filters').click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: `Rename “${name}”` });
  await rename.getByRole('textbox', { name: 'Name' }).fill(`${name} (CA)`);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('saved-filters')).toHaveText(`${name} (CA)`);

  await page.getByTestId('saved-filters').click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('saved-filters')).toHaveText('Saved filters');
  const left = (await apiGet(page, '/api/v1/saved-filters?module=partners')) as { items: { name: string }[] };
  expect(left.items.map((f) => f.name)).not.toContain(`${name} (CA)`);
});

test('bulk archive the selected partners', async ({ page }) => {
  await signIn(page, ADMIN);
  const tag = `bulk${suffix()}`;
  for (const n of ['One', 'Two', 'Three'])
    await apiWrite(page, 'POST', '/api/v1/partners', { name: `Bulk ${tag} ${n}`, tags: [tag] });

  await page.goto(`/partners?q=${tag}`);
  const rows = page.getByTestId('partner-list-row');
  await expect(rows).toHaveCount(3);
  await rows.filter({ hasText: 'One' }).getByRole('checkbox').check();
  await rows.filter({ hasText: 'Two' }).getByRole('checkbox').check();
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toContainText('2 partners selected');
  await bar.getByRole('button', { name: 'Archive' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('2 partners archived.')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Three');

  // The switch follows the address, so it turns on once the list's address has changed.
  await page.getByRole('switch', { name: 'Include archived' }).click();
  await expect(page).toHaveURL(/includeArchived=true/);
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Archived' })).toHaveCount(2);
});

test('delete a partner with the choice of unlinking its records, and restore it from the Trash', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const name = `Trash Journey ${suffix()}`;
  const partner = await apiWrite(page, 'POST', '/api/v1/partners', { name });
  await apiWrite(page, 'POST', `/api/v1/partners/${partner.id}/contacts`, { lastName: 'Lamarr' });
  const lead = await apiWrite(page, 'POST', '/api/v1/leads', { name: 'Hedy', partnerId: partner.id });

  await page.goto(`/partners/${partner.id}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${name}?` });
  await expect(dialog.getByTestId('delete-summary')).toHaveText('This affects 1 consultant and 1 lead.');
  const impact = dialog.getByTestId('delete-impact');
  await expect(impact.getByRole('row', { name: /Leads 1 To the trash with it/ })).toBeVisible();
  await dialog.getByRole('radio', { name: 'Keep them, unlinked from the partner' }).check();
  await expect(impact.getByRole('row', { name: /Leads 1 Kept, without a partner/ })).toBeVisible();
  await expect(impact.getByRole('row', { name: /Consultants 1 To the trash with it/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page).toHaveURL(/\/partners$/);
  await expect(page.getByText(`${name} is in the trash`)).toBeVisible();
  expect(
    ((await apiGet(page, `/api/v1/leads/${lead.id}`)) as { partnerId: string | null }).partnerId,
  ).toBeNull();

  await page.getByRole('link', { name: 'Trash' }).click();
  const row = page.getByTestId('trash-row').filter({ hasText: name });
  await expect(row).toContainText('30 days left');
  await expect(row).toContainText('1 consultant, 1 lead unlinked');
  await row.getByRole('button', { name: `Restore ${name}` }).click();
  await expect(page.getByText(`${name} is back`)).toBeVisible();
  await expect(row).toHaveCount(0);

  await page.goto(`/partners/${partner.id}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  expect(((await apiGet(page, `/api/v1/leads/${lead.id}`)) as { partnerId: string | null }).partnerId).toBe(
    partner.id,
  );

  // The History tab tells the whole story, the consultant's and the lead's changes included.
  await page.getByRole('tab', { name: /History/ }).click();
  const timeline = page.getByTestId('history-timeline');
  await expect(
    timeline.getByTestId('history-subject').filter({ hasText: 'Consultant · Lamarr' }),
  ).toHaveCount(
    3, // created, trashed with the partner, restored with it
  );
  await expect(timeline.getByTestId('history-subject').filter({ hasText: 'Lead · Hedy' })).toHaveCount(3);
});

test('a sales agent does not see a colleague’s private partner and is told one is hidden', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const users = (await apiGet(page, '/api/v1/users?limit=200')) as {
    items: { id: string; email: string; roleName: string }[];
  };
  const colleague = users.items.find(
    (u) => u.roleName === 'Sales agent' && u.email !== 'sales@demo.accord.test',
  );
  expect(colleague, 'a second demo sales agent').toBeTruthy();
  const name = `Private Deal Co ${suffix()}`;
  await apiWrite(page, 'POST', '/api/v1/partners', {
    name,
    ownerId: colleague!.id,
    visibility: 'owner',
  });
  await page.goto(`/partners?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId('partner-list-row')).toHaveCount(1);

  await page.context().clearCookies();
  await signIn(page, 'sales@demo.accord.test');
  await page.goto(`/partners?q=${encodeURIComponent(name)}`);
  await expect(page.getByText('No partners match')).toBeVisible();
  await expect(page.getByTestId('hidden-notice')).toHaveText(
    '1 partner is hidden by your visibility settings.',
  );
  // A sales agent may not delete partners: no Trash for them.
  await expect(page.getByRole('link', { name: 'Trash' })).toHaveCount(0);
});
