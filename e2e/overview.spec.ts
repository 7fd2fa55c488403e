/**
 * The Partnerships Overview on demo data (issue 4): the scope controls live in the address and change the
 * figures (the back button steps back), the action queue's inline actions take items out at once and the
 * Action Items count drops with them, a communication is logged from the queue, an annual goal drives Goal
 * Pace, and the page at desktop and phone widths. Opened at its address, the page uses the session and the
 * report that src/web/early.js asked for before the app's code ran, and asks for neither again.
 */
import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, apiGet, apiWrite, signIn } from './support';

// The page loads its parts on demand; on a busy 2-core machine that can take more than the default 7 s.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

const ready = (page: Page) => page.locator('[data-testid=overview][data-ready]');
const figure = (page: Page, card: string) => page.getByTestId(`kpi-${card}-value`);

async function openOverview(page: Page, query = ''): Promise<void> {
  await page.goto(`/partnerships/overview${query}`);
  await expect(ready(page)).toBeVisible({ timeout: 60_000 });
}

async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page
    .getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option })
    .click();
}

/** The first whole number in an element's text: "154 relationships · CA$2,917,600.00" → 154. */
const count = async (l: Locator) => Number(/[\d,]+/.exec(await l.innerText())![0].replace(/,/g, ''));

test('scope controls: each one changes the address and the figures, and the back button steps back', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(/\/partnerships\/overview$/);
  await expect(ready(page)).toBeVisible({ timeout: 60_000 });

  // Other browser tests add events to the same demo workspace, so the expected event counts come from the
  // API for each scope; the page must show them and change with every control.
  const eventsIn = async (query: string) => {
    const res = await page.request.get(`/api/v1/partnerships/overview${query}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { scope: { scopedEventCount: number } }).scope.scopedEventCount;
  };
  // Auto is the latest year with events (next year in the demo data: four events, or more).
  const summary = page.getByTestId('overview-scope-summary');
  const nextYear = new Date().getFullYear() + 1;
  const autoCount = await eventsIn('');
  expect(autoCount).toBeGreaterThanOrEqual(4);
  await expect(summary).toContainText(`Figures for ${nextYear}`);
  // An admin sees every link on an event's page too: nothing to explain.
  await expect(page.getByTestId('overview-team-note')).toHaveCount(0);
  await expect(figure(page, 'events-in-scope')).toHaveText(String(autoCount));
  await expect(page.getByTestId('scoreboard-row')).toHaveCount(autoCount);

  // Follow-up window: a longer window counts more upcoming follow-ups.
  const actionHint = page.getByTestId('kpi-action-items');
  const before = await actionHint.innerText();
  await choose(page, 'Follow-up window', '45 days');
  await expect(page).toHaveURL(/windowDays=45/);
  await expect(ready(page)).toBeVisible();
  await expect(actionHint).not.toHaveText(before);
  await expect(page.getByTestId('action-queue')).toContainText('due in the next 45 days');

  // All years: every shown event (the demo has 16, one of them archived).
  const allCount = await eventsIn('?year=all');
  expect(allCount).toBeGreaterThan(autoCount);
  await choose(page, 'Year', 'All years');
  await expect(page).toHaveURL(/year=all/);
  await expect(summary).toContainText('Figures for all years');
  await expect(figure(page, 'events-in-scope')).toHaveText(String(allCount));
  await expect(page.getByTestId('scoreboard-row')).toHaveCount(allCount);

  // One event: the scoreboard and the cards narrow to it.
  const thisYear = nextYear - 1;
  await choose(page, 'Event', `Innovation Summit ${thisYear}`);
  await expect(page).toHaveURL(/eventId=[0-9a-f-]{36}/);
  await expect(figure(page, 'events-in-scope')).toHaveText('1');
  await expect(page.getByTestId('scoreboard-row')).toHaveText([new RegExp(`^Innovation Summit ${thisYear}`)]);
  await expect(summary).toContainText(`Innovation Summit ${thisYear}`);

  // A year the chosen event is not in: the event filter goes back to all events.
  const archivedYear = nextYear - 3;
  const shownThen = String(await eventsIn(`?year=${archivedYear}`));
  const withArchived = String(await eventsIn(`?year=${archivedYear}&includeArchived=true`));
  expect(Number(withArchived)).toBe(Number(shownThen) + 1);
  await choose(page, 'Year', String(archivedYear));
  await expect(page).toHaveURL(new RegExp(`year=${archivedYear}`));
  await expect(page).not.toHaveURL(/eventId=/);
  await expect(page.getByRole('combobox', { name: 'Event' })).toHaveValue('All events');
  await expect(figure(page, 'events-in-scope')).toHaveText(shownThen);
  await expect(figure(page, 'archived-events')).toHaveText('1');
  await expect(page.getByTestId('kpi-archived-events')).toContainText('Hidden');

  // Include archived: that year's archived event and its links count.
  const breakdown = page.getByTestId('pipeline-breakdown').getByText(/relationships? ·/);
  const relationshipsBefore = await count(breakdown);
  // A controlled switch: it shows the address, which changes a moment after the click.
  await page.getByRole('switch', { name: 'Include archived events' }).click();
  await expect(page).toHaveURL(/includeArchived=true/);
  await expect(figure(page, 'events-in-scope')).toHaveText(withArchived);
  await expect(page.getByTestId('kpi-archived-events')).toContainText('Included');
  await expect(page.getByTestId('scoreboard-row').filter({ hasText: 'Archived' })).toHaveCount(1);
  await expect.poll(() => count(breakdown)).toBeGreaterThan(relationshipsBefore);

  // Back: the address and the figures of the step before.
  await page.goBack();
  await expect(page).not.toHaveURL(/includeArchived/);
  await expect(figure(page, 'events-in-scope')).toHaveText(shownThen);
  await page.goBack();
  await expect(page).toHaveURL(/eventId=/);
  await expect(figure(page, 'events-in-scope')).toHaveText('1');

  // The shared address opens the same view in a new tab.
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(ready(other)).toBeVisible();
  await expect(figure(other, 'events-in-scope')).toHaveText('1');
  await other.close();

  // A scoreboard row opens the event.
  await page.getByTestId('scoreboard-row').first().click();
  await expect(page).toHaveURL(/\/partnerships\/events\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: `Innovation Summit ${thisYear}` })).toBeVisible();
});

test('the action queue: done, a closed status and a later date take items out; a communication is logged', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await openOverview(page, '?year=all');
  const items = page.getByTestId('action-item');
  const total = figure(page, 'action-items');
  const n = await count(total);
  expect(n).toBeGreaterThan(5);
  // Overdue first, in the server's order.
  await expect(items.first().getByTestId('due-label')).toHaveText(/overdue$/);

  // A link's follow-up marked done (its date is cleared).
  const linkItem = page.locator('[data-item-id^="link-follow-up-"]').first();
  const linkId = await linkItem.getAttribute('data-item-id');
  await linkItem.getByRole('button', { name: /^Mark done/ }).click();
  await expect(page.locator(`[data-item-id="${linkId}"]`)).toHaveCount(0);
  await expect(total).toHaveText(String(n - 1));
  await expect(page.getByText(/leaves the queue/).first()).toBeVisible();

  // A communication's follow-up marked done.
  await page.getByRole('button', { name: /^Show all/ }).click();
  const commItem = page.locator('[data-item-id^="comm-follow-up-"]').first();
  const commId = await commItem.getAttribute('data-item-id');
  await commItem.getByRole('button', { name: /^Mark done/ }).click();
  await expect(page.locator(`[data-item-id="${commId}"]`)).toHaveCount(0);
  await expect(total).toHaveText(String(n - 2));

  // A closed status (declined) resolves a link's follow-up too.
  const next = page.locator('[data-item-id^="link-follow-up-"]').first();
  const nextId = await next.getAttribute('data-item-id');
  await next.getByRole('button', { name: 'Change the status' }).click();
  await page.getByRole('menuitem', { name: 'Declined' }).click();
  await expect(page.locator(`[data-item-id="${nextId}"]`)).toHaveCount(0);
  await expect(total).toHaveText(String(n - 3));

  // A follow-up date moved past the window (21 days) leaves the queue.
  const later = page.locator('[data-item-id^="link-follow-up-"]').first();
  const laterId = await later.getAttribute('data-item-id');
  await later.getByRole('button', { name: 'Change the follow-up date' }).click();
  const picker = page.getByRole('dialog');
  await picker.locator('button[data-direction="next"]').click();
  await picker.locator('button[data-direction="next"]').click();
  await picker.getByRole('button', { name: /^15 / }).first().click();
  await expect(page.locator(`[data-item-id="${laterId}"]`)).toHaveCount(0);
  await expect(total).toHaveText(String(n - 4));

  // The page was never reloaded: the scope is still in the address, the list still has its items.
  await expect(page).toHaveURL(/year=all/);
  await expect(items.first()).toBeVisible();

  // Log a communication from the queue: the partner and event come from the item.
  const first = items.first();
  const title = (await first.getByRole('link').first().innerText()).trim();
  const company = title.replace(/ \(.*\)$/, '');
  await first.getByRole('button', { name: /^Log a communication with/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Log a communication' });
  await expect(dialog.getByRole('combobox', { name: 'Partner' })).toHaveCount(0);
  await dialog
    .getByRole('textbox', { name: 'Summary' })
    .fill('Called about the sponsorship package; they will confirm next week.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Logged for ${company}.`)).toBeVisible();
});

test('an annual goal replaces the sum of event goals in Goal Pace, and clearing it brings the sum back', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const year = new Date().getFullYear();
  await openOverview(page, `?year=${year}`);
  const goal = page.getByTestId('goal-pace-goal');
  const eventGoals = (await goal.innerText()).trim();
  await expect(page.getByTestId('goal-pace')).toContainText(`Sum of ${year}’s event goals`);

  await page.getByRole('link', { name: 'Set an annual goal' }).click();
  await expect(page).toHaveURL(new RegExp(`/partnerships/goals\\?year=${year}$`));
  const row = page.locator(`[data-testid=goal-row][data-year="${year}"]`);
  await row.getByRole('textbox', { name: `${year} annual goal` }).fill('3,000,000');
  await row.getByRole('button', { name: 'Set goal' }).click();
  await expect(row.getByTestId('goal-source')).toHaveText('Annual goal');
  await expect(row.getByTestId('goal-effective')).toHaveText('CA$3,000,000.00');

  await page.getByRole('link', { name: 'Overview' }).first().click();
  await page.goto(`/partnerships/overview?year=${year}`);
  await expect(ready(page)).toBeVisible();
  await expect(goal).toHaveText('CA$3,000,000.00');
  await expect(page.getByTestId('goal-pace')).toContainText(`Annual goal set for ${year}`);
  await expect(page.getByTestId('kpi-goal-remaining')).toContainText('Goal CA$3,000,000.00');

  await page.goto(`/partnerships/goals?year=${year}`);
  await row.getByRole('button', { name: 'Use event goals' }).click();
  await expect(row.getByTestId('goal-source')).toHaveText('Event goals');
  await openOverview(page, `?year=${year}`);
  await expect(goal).toHaveText(eventGoals);
});

test('desktop and phone: the same values, a table on one and cards on the other', async ({ page }) => {
  await signIn(page, ADMIN);
  await openOverview(page);
  const rows = page.getByTestId('scoreboard-row');
  const cards = page.getByTestId('scoreboard-card');
  await expect(rows.first()).toBeVisible();
  await expect(cards.first()).toBeHidden();
  const desktopSecured = await rows.first().locator('td').nth(2).innerText();
  await page.screenshot({ path: test.info().outputPath('overview-desktop.png'), fullPage: true });

  // A tablet: the content beside the sidebar is narrower than a phone turned sideways. The queue stacks each
  // item (by its own width), so the partner's name shows whole and every button stays inside the queue.
  await page.setViewportSize({ width: 820, height: 1100 });
  // Too narrow beside the sidebar for the scoreboard's table: its cards.
  await expect(cards.first()).toBeVisible();
  await expect(rows.first()).toBeHidden();
  const queue = page.getByTestId('action-queue');
  const item = page.getByTestId('action-item').first();
  await item.scrollIntoViewIfNeeded();
  const queueBox = (await queue.boundingBox())!;
  const title = item.getByRole('link').first();
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect((await title.boundingBox())!.width).toBeGreaterThan(120);
  for (const button of await item.getByRole('button').all()) {
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(queueBox.x + queueBox.width);
  }

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(cards.first()).toBeVisible();
  await expect(rows.first()).toBeHidden();
  const money = (text: string) => text.match(/CA\$[\d,.]+/g);
  expect(money(await cards.first().innerText())).toEqual(expect.arrayContaining(money(desktopSecured)!));
  // Each card's line under its figure is shown whole on a half-width phone card, not cut off.
  const hints = page.locator('[data-testid^="kpi-"][data-testid$="-hint"]');
  expect(await hints.count()).toBe(7);
  const clipped = await hints.evaluateAll((els) =>
    els
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      .map((el) => el.textContent),
  );
  expect(clipped).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('overview-phone.png'), fullPage: true });
});

test('on a small laptop and a tablet turned sideways no figure, amount or control value is cut short', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  for (const width of [1024, 1280, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await openOverview(page);
    // Every text of the KPI cards, the Goal pace card and the pipeline rows shows whole, and so does each
    // scope control's chosen value (a select's input).
    const cut = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '[data-testid^="kpi-"] p, [data-testid="goal-pace"] p, [data-testid="pipeline-row"] p, [data-testid="overview-scope"] input',
        ),
      ]
        .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
        .map((el) => (el instanceof HTMLInputElement ? el.value : el.textContent)),
    );
    expect(cut, `at ${width} px`).toEqual([]);
    // Beside the sidebar at 1024 px the four headline cards are two by two, at 1280 px one row.
    const tops = await Promise.all(
      ['revenue-secured', 'goal-remaining', 'open-pipeline', 'action-items'].map(
        async (k) => (await page.getByTestId(`kpi-${k}`).boundingBox())!.y,
      ),
    );
    expect(new Set(tops.map(Math.round)).size, `rows of KPI cards at ${width} px`).toBe(width < 1200 ? 2 : 1);
  }
});

test('opened at its address, the page asks for the session and the report once each, before its code runs', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const asked: string[] = [];
  page.on('request', (r) => {
    const { pathname, search } = new URL(r.url());
    if (pathname === '/api/v1/auth/session' || pathname === '/api/v1/partnerships/overview')
      asked.push(pathname + search);
  });
  await openOverview(page, '?year=all');
  await expect(page.getByTestId('overview-scope-summary')).toContainText('all years');
  // early.js's own address (the page's query as typed), claimed by the page instead of a second request.
  expect(asked.sort()).toEqual(['/api/v1/auth/session', '/api/v1/partnerships/overview?year=all']);

  // It also fetched the page's own code: the Overview chunk is among the files it preloads.
  const preloaded = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.getAttribute('href') ?? ''),
  );
  expect(preloaded.some((href) => /\/assets\/OverviewPage-[\w-]+\.js$/.test(href))).toBe(true);

  // early.js is revalidated on every load (a new release may change it); the hashed build assets never are.
  expect((await page.request.get('/early.js')).headers()['cache-control']).toBe('no-cache');
  const bundle = await page.locator('script[type=module]').first().getAttribute('src');
  expect((await page.request.get(bundle!)).headers()['cache-control']).toContain('immutable');

  // A scope the page chooses afterwards is asked for as usual.
  await choose(page, 'Follow-up window', '45 days');
  await expect(page).toHaveURL(/windowDays=45/);
  await expect.poll(() => asked.filter((u) => u.includes('windowDays=45')).length).toBe(1);
});

test('a sales agent sees the team’s queue, with the inline changes only on their own records and not a colleague’s private partner', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const users = (await apiGet(page, '/api/v1/users?limit=200')) as { items: { id: string; email: string }[] };
  const agent = users.items.find((u) => u.email === 'sales@demo.accord.test')!;
  const tag = Math.random().toString(36).slice(2, 7);
  // A past year: the address names it, and "auto" (the latest year with events) stays what later tests expect.
  const year = 2002;
  const event = await apiWrite(page, 'POST', '/api/v1/events', { name: `Scope check ${tag}`, year });
  const followUpDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const link = async (name: string, ownerId?: string, visibility = 'everyone') => {
    const partner = await apiWrite(page, 'POST', '/api/v1/partners', { name, visibility });
    await apiWrite(page, 'POST', '/api/v1/links', {
      organizationId: partner.id,
      eventId: event.id,
      status: 'pitched',
      followUpDate,
      ...(ownerId ? { ownerId } : {}),
    });
  };
  await link(`Agent Owned ${tag}`, agent.id);
  await link(`Admin Owned ${tag}`);
  // A partner the admin keeps to themselves: its item is not shown to the agent, only counted.
  await link(`Admin Private ${tag}`, undefined, 'owner');

  await page.context().clearCookies();
  await signIn(page, 'sales@demo.accord.test');
  await openOverview(page, `?year=${year}`);
  const item = (name: string) => page.getByTestId('action-item').filter({ hasText: name });
  await expect(page.getByTestId('action-item')).toHaveCount(2);
  await expect(page.getByTestId('action-queue')).toContainText('3 items');
  await expect(page.getByTestId('action-queue-hidden')).toHaveText(
    '1 item is not shown: its partner is private to a colleague or another team.',
  );
  // Their role shows them only their own links on an event's page: the Overview says its figures are the team's.
  await expect(page.getByTestId('overview-team-note')).toHaveText(
    "These are the whole team's figures; an event's page lists only your own links.",
  );
  await expect(page.getByText(`Admin Private ${tag}`)).toHaveCount(0);
  const own = item(`Agent Owned ${tag}`);
  await expect(own.getByRole('button', { name: /^Mark done/ })).toBeVisible();
  await expect(own.getByRole('button', { name: 'Change the follow-up date' })).toBeVisible();
  // A colleague's record: listed (the Overview is the team's), but nothing to change it with.
  const theirs = item(`Admin Owned ${tag}`);
  await expect(theirs).toBeVisible();
  await expect(theirs.getByRole('button', { name: /^Mark done/ })).toHaveCount(0);
  await expect(theirs.getByRole('button', { name: 'Change the follow-up date' })).toHaveCount(0);
  await expect(theirs.getByRole('button', { name: 'Change the status' })).toHaveCount(0);
});
