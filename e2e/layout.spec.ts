/**
 * Lists and dashboards at a tablet's width (the sidebar shown, the content narrower than a phone turned
 * sideways) and at a laptop's: no badge is cut short, and the page itself never scrolls sideways. Where the
 * content is narrower than a list's table, the list shows cards; the one table whose columns the user picks
 * (partner management) scrolls sideways under its pinned checkbox and name columns.
 */
import { expect, test, type Page } from '@playwright/test';
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

/** Lists that have a card layout: at 820 px none of them leaves a table to scroll sideways in its card. */
const CARD_LISTS = [
  '/partnerships/partners',
  '/partnerships/events',
  '/leads',
  '/consultants',
  '/admin/users',
  '/admin/roles',
  '/admin/audit',
  '/account/tokens',
];

const sidewaysScrollers = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.mantine-AppShell-main *')]
      .filter((el) => {
        const x = getComputedStyle(el).overflowX;
        return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => `${el.scrollWidth} in ${el.clientWidth}`),
  );

test('at 820 and 1280 px the lists with a card layout never leave a table scrolling sideways', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
  for (const width of [820, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of CARD_LISTS) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await sidewaysScrollers(page), `${path} at ${width} px`).toEqual([]);
    }
  }
  // At 820 px the partners and events are cards; on a 1280 px laptop the events are a whole table, and so
  // are the partners on a 1366 px one.
  await page.goto('/partnerships/events');
  await expect(page.locator('table[data-testid="events-list"]')).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/partnerships/partners');
  await expect(page.locator('table[data-testid="partners-table"]')).toBeVisible();
  await page.setViewportSize({ width: 820, height: 900 });
  await page.goto('/partnerships/partners');
  await expect(page.getByTestId('partner-row').first()).toBeVisible();
  await expect(page.locator('table[data-testid="partners-table"]')).toHaveCount(0);
});

test('at 820 px the partner management table scrolls sideways under its checkbox and name', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.setViewportSize({ width: 820, height: 900 });
  await page.goto('/partners');
  const row = page.getByTestId('partner-list-row').first();
  await expect(row).toBeVisible();
  const scroller = page.locator('.mantine-AppShell-main .mantine-ScrollArea-viewport').first();
  const [wide] = await sidewaysScrollers(page);
  expect(wide, 'the table is wider than its card').toBeTruthy();
  const nameCell = row.locator('td').nth(1);
  const box = async () => (await nameCell.boundingBox())!;
  const before = await box();
  await scroller.evaluate((el) => el.scrollBy({ left: 400 }));
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(200);
  // Pinned: the name stays where it was, and so does the checkbox; a column after them moved left.
  expect((await box()).x).toBeCloseTo(before.x, 0);
  await expect(row.getByRole('checkbox')).toBeInViewport();
  const name = await nameCell.textContent();
  expect(name?.length).toBeGreaterThan(0);
  // What is under the name is hidden by it: the element at the name's centre is the name's cell.
  const b = await box();
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest('td')?.textContent ?? null,
    [b.x + b.width / 2, b.y + b.height / 2],
  );
  expect(hit).toBe(name);
});
