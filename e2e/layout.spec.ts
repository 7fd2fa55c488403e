/**
 * Lists and dashboards at a tablet's width (the sidebar shown, the content narrower than a phone turned
 * sideways) and at a laptop's: no badge is cut short, and the page itself never scrolls sideways.
 */
import { expect, test } from '@playwright/test';
import { ADMIN, apiGet, signIn } from './support';

const PAGES = [
  '/partnerships/overview',
  '/partnerships/partners',
  '/partnerships/events',
  '/partners',
  '/leads',
  '/admin/users',
  '/admin/roles',
  '/admin/audit',
];

test('at 820 and 1366 px no badge on the main lists is cut short and no page scrolls sideways', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
  for (const width of [820, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    let seen = 0;
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      const badges = page.locator('.mantine-AppShell-main .mantine-Badge-label');
      seen += await badges.count();
      const clipped = await badges.evaluateAll((els) =>
        els
          .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent),
      );
      expect(clipped, `${path} at ${width} px`).toEqual([]);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(sideways, `${path} at ${width} px`).toBeLessThanOrEqual(0);
    }
    // The lists were there: statuses, levels, roles and actions are badges.
    expect(seen).toBeGreaterThan(100);
  }
});

test("at a tablet's width a partner's count tiles show their labels whole", async ({ page }) => {
  await signIn(page, ADMIN);
  const partners = (await apiGet(page, '/api/v1/partners?limit=1')) as { items: { id: string }[] };
  await page.setViewportSize({ width: 820, height: 900 });
  await page.goto(`/partners/${partners.items[0]!.id}`);
  const labels = page.getByTestId('overview-counts').locator('p');
  await expect(labels.first()).toBeVisible();
  const cut = await labels.evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
  );
  expect(cut).toEqual([]);
  expect(await labels.count()).toBeGreaterThan(6);
});
