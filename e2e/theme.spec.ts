import { expect, test } from '@playwright/test';
import { signIn } from './support';

test('the theme switch applies at once and is saved to the profile', async ({ page }) => {
  await signIn(page, 'ceo@demo.accord.test');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');

  await page.getByTestId('user-menu').click();
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
  );
  await page.getByTestId('theme-switch').getByText('Dark').click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  expect((await saved).status()).toBe(200);

  // Another browser (no local memory of the choice) still gets the profile's theme.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('welcome-card')).toBeVisible();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');

  await page.getByTestId('user-menu').click();
  await page.getByTestId('theme-switch').getByText('Light').click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
});
