import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './support';

test('edit a user, read the change in their history, then delete and restore them', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/users');
  await page.getByLabel('Search users').fill('Emma Kim');
  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'Emma Kim' });
  await expect(row).toHaveCount(1);

  await row.getByRole('button', { name: 'Actions for Emma Kim' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Emma Kim' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Emma Kim-Laurent');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel('Search users').fill('Emma Kim-Laurent');
  const renamed = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'Emma Kim-Laurent' });
  await renamed.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'History' }).click();
  // Newest first: who changed what, old value → new value.
  const latest = page.getByTestId('history-timeline').locator('.mantine-Timeline-item').first();
  await expect(latest).toContainText('Alex Admin');
  await expect(latest).toContainText('updated');
  await expect(latest).toContainText('NameEmma KimEmma Kim-Laurent');
  await page.keyboard.press('Escape');

  await renamed.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete user' }).click();
  await expect(page.getByText('No users match')).toBeVisible();

  await page.getByRole('switch', { name: 'Show deleted' }).check();
  const deleted = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'Emma Kim-Laurent' });
  await expect(deleted).toContainText('Deleted');
  await deleted.getByRole('button', { name: /^Actions for/ }).click();
  await page.getByRole('menuitem', { name: 'Restore' }).click();
  await expect(page.getByText('Emma Kim-Laurent is restored.')).toBeVisible();
  await page.getByRole('switch', { name: 'Show deleted' }).uncheck();
  await expect(page.getByTestId('users-table')).toContainText('Emma Kim-Laurent');
});

test('at a tablet’s and a small laptop’s width each user’s role shows whole and their menu is in reach', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  for (const width of [820, 1100, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/admin/users');
    const list = page.getByTestId('users-table');
    await expect(list).toContainText('Sales agent');
    const badges = list.locator('.mantine-Badge-label');
    expect(await badges.count()).toBeGreaterThan(5);
    const clipped = await badges.evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
    );
    expect(clipped, `${width} px`).toEqual([]);
    const menu = list.getByRole('button', { name: 'Actions for Alex Admin' });
    await expect(menu).toBeInViewport();
  }
});
