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

test('the palette opens on Ctrl+K or the search button before its code has loaded', async ({ page }) => {
  // Its code is not in the first download: hold it back until the shortcut has been pressed.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested = 0;
  await page.route(/\/CommandPalette[-.][^/]*\.(js|tsx)(\?.*)?$/, async (route) => {
    requested += 1;
    await held;
    await route.continue();
  });
  await signIn(page, ADMIN);

  await page.keyboard.press('Control+K');
  const search = page.getByRole('textbox', { name: 'Search pages and users' });
  await expect.poll(() => requested).toBe(1);
  await expect(search).toHaveCount(0);
  release();
  await expect(search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();

  // The header's button opens the same palette; the code loaded once.
  await page.getByTestId('open-palette').click();
  await expect(search).toBeFocused();
  expect(requested).toBe(1);
});

test('the palette’s code is fetched once the page has settled, unasked', async ({ page }) => {
  const fetched = page.waitForRequest(/\/CommandPalette[-.][^/]*\.(js|tsx)(\?.*)?$/, { timeout: 15_000 });
  await signIn(page, ADMIN);
  await fetched;
  // Fetched, not opened.
  await expect(page.getByRole('textbox', { name: 'Search pages and users' })).toHaveCount(0);
});

test('on a phone the header’s Search icon opens the palette', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signIn(page, ADMIN);
  await expect(page.getByTestId('open-palette')).toBeHidden();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const search = page.getByRole('textbox', { name: 'Search pages and users' });
  await expect(search).toBeFocused();
  await search.fill('overview');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/partnerships\/overview$/);
});
