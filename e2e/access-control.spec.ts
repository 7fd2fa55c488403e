/**
 * The journey the issue asks for: an admin creates a Read-only user through the Users page; that user sees
 * only what the role allows, and the API refuses their writes too.
 */
import { expect, test } from '@playwright/test';
import { ADMIN, signIn, signOut } from './support';

const reader = { name: 'Robin Reader', email: 'robin.reader@e2e.example', password: 'reading-glasses-42' };

test('a Read-only user sees no admin area and the API refuses their writes', async ({ page }) => {
  await signIn(page, ADMIN);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();

  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(reader.name);
  // An email that is taken first: the server's answer lands next to the field.
  await dialog.getByRole('textbox', { name: 'Email' }).fill('viewer@demo.accord.test');
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Read-only' }).click();
  await dialog.getByLabel('First password').fill(reader.password);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog.getByText('Another user already has this email')).toBeVisible();

  await dialog.getByRole('textbox', { name: 'Email' }).fill(reader.email);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel('Search users').fill('Robin');
  const table = page.getByTestId('users-table');
  await expect(table).toContainText(reader.email);
  await expect(table.getByRole('row').filter({ hasText: reader.email })).toContainText('Read-only');
  await signOut(page);

  await signIn(page, reader.email, reader.password);
  await expect(page.getByTestId('home-role')).toHaveText('Read-only');
  // Home and the Partnerships pages a reader may view (Read-only views the overview, partners and events, but may not
  // import or send email); no Admin area, and none of the areas that have no pages yet.
  await expect(nav.getByRole('link')).toHaveText([
    'Home',
    'Overview',
    'Partners',
    'Events',
    'Partners',
    'Consultants',
    'Leads',
  ]);
  await expect(nav.getByText('Admin')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);

  // The command palette offers no admin pages either.
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search pages and users' }).fill('Users');
  await expect(page.getByText('Nothing found')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.goto('/admin/users');
  await expect(page.getByTestId('not-allowed')).toBeVisible();
  await expect(page.getByTestId('not-allowed')).toContainText(
    'Your role (Read-only) does not allow you to view users',
  );
  await expect(page.getByRole('button', { name: 'New user' })).toHaveCount(0);

  // The server decides, not the page: a write from the page context is refused.
  const answer = await page.evaluate(async () => {
    const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const res = await fetch('/api/v1/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({
        email: 'mallory@e2e.example',
        name: 'Mallory',
        roleId: '01900000-0000-7000-8000-000000000000',
        password: 'not-allowed-anyway',
      }),
    });
    return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
  });
  expect(answer.status).toBe(403);
  expect(answer.body.error.code).toBe('forbidden');
  expect(answer.body.error.message).toBe('Your role does not allow you to create users.');
});
