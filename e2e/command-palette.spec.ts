import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './support';

test('Ctrl+K jumps to a page and finds users by name', async ({ page }) => {
  await signIn(page, ADMIN);

  await page.keyboard.press('Control+K');
  const search = page.getByRole('textbox', { name: 'Search pages and users' });
  await expect(search).toBeFocused();
  await search.fill('Audit');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(search).toBeHidden();

  // The shortcut works from inside a text field too.
  await page.getByRole('combobox', { name: 'Record kind' }).focus();
  await page.keyboard.press('Control+K');
  await search.fill('Priya');
  await expect(page.getByRole('button', { name: /Priya Patel/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/users\?q=pm%40demo\.accord\.test$/);
  await expect(page.getByTestId('users-table')).toContainText('Priya Patel');
  await expect(page.getByLabel('Search users')).toHaveValue('pm@demo.accord.test');
});
