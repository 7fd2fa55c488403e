import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './support';

test('the roles matrix editor saves a permission that survives a reload', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/roles');
  await page.getByRole('button', { name: 'New role' }).click();
  const dialog = page.getByRole('dialog', { name: 'New role' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Partner coordinators');
  await dialog.getByRole('button', { name: 'Create and edit permissions' }).click();
  await expect(page.getByRole('heading', { name: 'Partner coordinators' })).toBeVisible();

  const create = page.getByRole('checkbox', { name: 'Partners: create' });
  const view = page.getByRole('checkbox', { name: 'Partners: view' });
  await expect(create).not.toBeChecked();
  // Actions the module does not have get no box at all.
  await expect(page.getByRole('checkbox', { name: 'Partners: approve' })).toHaveCount(0);
  // Events have no owner to narrow by: no scope to choose.
  await expect(page.getByRole('combobox', { name: 'Events: scope' })).toHaveCount(0);

  await create.check();
  await expect(view).toBeChecked(); // creating implies viewing
  await page.getByRole('combobox', { name: 'Partners: scope' }).selectOption('department');
  await expect(page.getByText('You have unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('The role Partner coordinators is saved.')).toBeVisible();
  await expect(page.getByText('You have unsaved changes')).toBeHidden();

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Partners: create' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Partners: view' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Partners: edit' })).not.toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Partners: scope' })).toHaveValue('department');

  // The change is in the role's history, in words.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-timeline')).toContainText(
    'Partners: + view, + create, scope department',
  );
});

test('saving over someone else’s change shows who changed it and reloads on request', async ({ page }) => {
  await signIn(page, ADMIN);
  // The role is made and then changed "by someone else" through the API, with this session's token.
  const csrf = await page.evaluate(
    async () => ((await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken,
  );
  const headers = { 'x-csrf-token': csrf };
  const created = await page.request.post('/api/v1/roles', {
    headers,
    data: { name: 'Auditors', description: '', permissions: { audit: { actions: ['view'], scope: 'all' } } },
  });
  expect(created.status()).toBe(201);
  const role = (await created.json()) as { id: string; version: number };

  await page.goto(`/admin/roles/${role.id}`);
  await page.getByRole('checkbox', { name: 'Users: view' }).check();

  const changed = await page.request.patch(`/api/v1/roles/${role.id}`, {
    headers,
    data: { version: role.version, description: 'Changed elsewhere' },
  });
  expect(changed.status()).toBe(200);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this' });
  await expect(alert).toContainText('after you opened it');
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('textbox', { name: 'Description' })).toHaveValue('Changed elsewhere');
  await expect(page.getByRole('checkbox', { name: 'Users: view' })).not.toBeChecked();
  await expect(alert).toBeHidden();
});
