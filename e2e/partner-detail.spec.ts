/**
 * The partner detail page's tabs, the way the guide walks them: add a consultant (past the form's and the
 * server's messages), add a lead and convert it, add a deal and move it on the kanban (and one into Lost,
 * which asks why), add / edit in place / delete a sales activity, comment with an @mention that notifies,
 * read the deal's History, and see the Forecasts table and chart.
 */
import { expect as baseExpect, request, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, DEMO_PASSWORD, signIn } from './support';

// Several browsers, builds and test runs share two cores: be patient with each step, not with the outcome.
const expect = baseExpect.configure({ timeout: 20_000 });

/** A real mouse drag: press, pass dnd-kit's 6 px activation distance, move over the target, release. */
async function drag(page: Page, card: Locator, target: Locator): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2, { steps: 3 });
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(80, to.height / 2), { steps: 8 });
  await page.mouse.up();
}

async function openPartner(page: Page, name: string): Promise<string> {
  const res = await page.request.get('/api/v1/partners', { params: { q: name, limit: 5 } });
  const { items } = (await res.json()) as { items: { id: string; name: string }[] };
  const partner = items.find((p) => p.name === name);
  expect(partner, `demo partner ${name}`).toBeTruthy();
  await page.goto(`/partnerships/partners/${partner!.id}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  return partner!.id;
}

const tab = (page: Page, name: string | RegExp) => page.getByRole('tab', { name });

/** Creates records through the API as the signed-in user, for a test that needs known ones. */
async function apiWriter(page: Page) {
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const csrf = { 'x-csrf-token': session.csrfToken };
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(url, { data, headers: csrf });
    expect(res.ok(), `POST ${url}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as { id: string };
  };
  return { post, csrf };
}
/** The header's New menu: what can be added to the partner, one item each. */
async function newFromHeader(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('menuitem', { name: item }).click();
}
const today = (page: Page) =>
  page.evaluate(() =>
    new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }).format(
      new Date(),
    ),
  );

// Each test walks several forms on a shared 2-core machine: more than the default 30 s.
test.describe.configure({ timeout: 180_000 });

test('overview, then a consultant past the form’s and the server’s messages, and a lead converted to a deal', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await openPartner(page, 'Aurora Cloud');

  // The Overview comes first: the count of every tab, key facts, open deals.
  await expect(tab(page, /^Overview/)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('overview-counts')).toBeVisible();
  await expect(page.getByTestId('overview-facts')).toContainText('Owner');
  const consultantsBefore = Number(await page.getByTestId('tab-count-people').innerText());

  // New consultant: the form's own check first, then a field only the server checks, then saved.
  await newFromHeader(page, 'New consultant');
  let dialog = page.getByRole('dialog', { name: 'New consultant' });
  await dialog.getByRole('button', { name: 'Save consultant' }).click();
  await expect(dialog.getByText('Enter a first or last name')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'First name' }).fill('Ana');
  await dialog.getByRole('textbox', { name: 'Last name' }).fill('Lopez');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('ana.lopez@auroracloud');
  await dialog.getByRole('button', { name: 'Save consultant' }).click();
  await expect(dialog.getByText('Enter a valid email address')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Email' }).fill('ana.lopez@auroracloud.example');
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('call me maybe');
  await dialog.getByRole('button', { name: 'Save consultant' }).click();
  await expect(dialog.getByText('Must be a phone number')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('+1 604 555 0199');
  await dialog.getByRole('button', { name: 'Save consultant' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/tab=people/);
  await expect(page.getByTestId('consultant').filter({ hasText: 'Ana Lopez' })).toContainText(
    'ana.lopez@auroracloud.example',
  );
  await expect(page.getByTestId('tab-count-people')).toHaveText(String(consultantsBefore + 1));

  // New lead, then convert it: the lead shows the conversion date and the deal is on the Opportunities tab.
  await newFromHeader(page, 'New lead');
  dialog = page.getByRole('dialog', { name: 'New lead' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Priya Natarajan');
  await dialog.getByRole('textbox', { name: 'Company' }).fill('Lakeside Clinics E2E');
  await dialog.getByRole('textbox', { name: 'Campaign' }).fill('Spring webinar');
  await dialog.getByRole('textbox', { name: 'Estimated value' }).fill('40,000');
  await dialog.getByRole('button', { name: 'Save lead' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/tab=leads/);
  const lead = page.getByTestId('lead-row').filter({ hasText: 'Priya Natarajan' });
  await expect(lead).toContainText('New');
  await expect(lead).toContainText('CA$40,000.00');
  await lead.getByRole('button', { name: 'Convert Priya Natarajan' }).click();
  dialog = page.getByRole('dialog', { name: 'Convert lead Priya Natarajan' });
  await expect(dialog.getByRole('textbox', { name: 'Amount' })).toHaveValue('40,000');
  await expect(dialog.getByRole('radio', { name: /New account “Lakeside Clinics E2E”/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Convert to opportunity' }).click();
  await expect(dialog).toBeHidden();
  await expect(lead).toContainText('Converted');
  await expect(lead.getByTestId('lead-converted-at')).toHaveText(`on ${await today(page)}`);
  await lead.getByRole('button', { name: 'View deal' }).click();
  await expect(page).toHaveURL(/tab=opportunities/);
  await expect(
    page.getByTestId('opportunity-row').filter({ hasText: 'Lakeside Clinics E2E — Priya Natarajan' }),
  ).toContainText('CA$40,000.00');
});

test('a new deal dragged on the kanban, one moved to Lost with a reason, and the deal’s history', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await openPartner(page, 'Aurora Cloud');

  // New opportunity, then the kanban: drag it from Prospecting to Qualification.
  await newFromHeader(page, 'New opportunity');
  let dialog = page.getByRole('dialog', { name: 'New opportunity' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('E2E analytics add-on');
  await dialog.getByRole('textbox', { name: 'Amount' }).fill('12,500');
  await dialog.getByRole('button', { name: 'Save opportunity' }).click();
  await expect(dialog).toBeHidden();
  await page.getByText('Kanban', { exact: true }).click();
  await expect(page).toHaveURL(/view=kanban/);
  const column = (key: string) => page.getByTestId(`board-column-${key}`);
  const card = (key: string, name: string) =>
    column(key).getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  await expect(card('prospecting', 'E2E analytics add-on')).toBeVisible();
  const qualifiedBefore = await column('qualification').getAttribute('aria-label');
  await drag(page, card('prospecting', 'E2E analytics add-on'), column('qualification'));
  await expect(card('qualification', 'E2E analytics add-on')).toBeVisible();
  await expect(card('qualification', 'E2E analytics add-on')).toContainText('25 %');
  await expect(column('qualification')).not.toHaveAttribute('aria-label', qualifiedBefore!);

  // Into Lost, the board asks why first; the card then shows the reason.
  const doomed = column('negotiation').getByRole('button').first();
  const doomedName = (await doomed.getAttribute('aria-label'))!.replace(/, Negotiation$/, '');
  await drag(page, doomed, column('lost'));
  dialog = page.getByRole('dialog', { name: /as lost/ });
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog.getByText('Say why the deal was lost')).toBeVisible();
  await dialog.getByRole('button', { name: 'Chose a competitor' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Lost reason' })).toHaveValue('Chose a competitor');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(card('lost', doomedName)).toContainText('Chose a competitor');

  // The moves were saved: after a reload the board shows them, and the deal's history lists the change.
  await page.reload();
  await expect(card('qualification', 'E2E analytics add-on')).toBeVisible();
  await card('qualification', 'E2E analytics add-on').click();
  const drawer = page.getByRole('dialog', { name: 'E2E analytics add-on' });
  await drawer.getByRole('tab', { name: 'History' }).click();
  const history = drawer.getByTestId('history-timeline');
  await expect(history).toContainText('Prospecting');
  await expect(history).toContainText('Qualification');
  await expect(history).toContainText('CA$12,500.00');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});

test('a sales activity added from the tab, edited in place with the pen, deleted with the trash', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await openPartner(page, 'Aurora Cloud');

  // Sales activities: log one from the tab, edit it in place with the pen, delete it with the trash + OK.
  await tab(page, /^Sales activities/).click();
  const form = page.getByTestId('activity-form');
  await form.getByText('Meeting', { exact: true }).click();
  await form.getByRole('textbox', { name: 'Subject' }).fill('E2E quarterly review');
  await form.getByRole('textbox', { name: 'Duration' }).fill('45');
  await form.getByLabel('Outcome').fill('Next step agreed');
  await form.getByRole('button', { name: 'Add activity' }).click();
  const row = page.getByTestId('activity-row').filter({ hasText: 'E2E quarterly review' });
  await expect(row).toContainText('45 min');
  await expect(row).toContainText('Next step agreed');
  await expect(form.getByRole('textbox', { name: 'Subject' })).toHaveValue('');
  const pen = row.getByRole('button', { name: 'Edit E2E quarterly review' });
  const actions = row.getByTestId('activity-actions');
  await page.mouse.move(0, 0);
  await expect(actions).toHaveCSS('opacity', '0');
  await row.hover();
  await expect(actions).toHaveCSS('opacity', '1');
  await pen.click();
  const edit = page.getByTestId('activity-edit-form');
  await edit.getByRole('textbox', { name: 'Subject' }).fill('E2E quarterly review, moved');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  const edited = page.getByTestId('activity-row').filter({ hasText: 'E2E quarterly review, moved' });
  await expect(edited).toContainText('45 min');
  await edited.hover();
  await edited.getByRole('button', { name: 'Delete E2E quarterly review, moved' }).click();
  await page
    .getByRole('dialog', { name: 'Delete this activity?' })
    .getByRole('button', { name: 'OK' })
    .click();
  await expect(edited).toBeHidden();
});

test('a comment with an @mention that notifies, the partner’s history, and the forecasts', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await openPartner(page, 'Aurora Cloud');

  // Comments: "@Sam" offers Sam Okafor; the posted comment highlights the mention and Sam is notified.
  await tab(page, /^Comments/).click();
  const box = page.getByRole('textbox', { name: 'Comment' });
  // "@" offers the people who can see the partner: Sam, not Morgan Chen (the server would refuse her).
  await box.pressSequentially('FYI @Sa');
  await expect(page.getByRole('option', { name: 'Sam Okafor' })).toBeVisible();
  await box.fill('');
  await box.pressSequentially('FYI @Morg');
  await expect(page.getByRole('option', { name: 'Morgan Chen' })).toHaveCount(0);
  await box.fill('');
  await box.pressSequentially('Can you join the renewal call, @Sam');
  await page.getByRole('option', { name: 'Sam Okafor' }).click();
  await box.pressSequentially('? Thanks');
  await expect(box).toHaveValue('Can you join the renewal call, @Sam Okafor ? Thanks');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const comment = page.getByTestId('comment').filter({ hasText: 'renewal call' });
  await expect(comment.getByTestId('comment-mention')).toHaveText('@Sam Okafor');
  await expect(box).toHaveValue('');
  const sam = await request.newContext({ baseURL: new URL(page.url()).origin });
  await sam.post('/api/v1/auth/login', {
    data: { email: 'sales@demo.accord.test', password: DEMO_PASSWORD },
  });
  const inbox = (await (await sam.get('/api/v1/notifications')).json()) as {
    items: { kind: string; title: string; body: string }[];
  };
  expect(inbox.items.find((n) => n.kind === 'mention' && n.body.includes('renewal call'))?.title).toContain(
    'Alex Admin mentioned you',
  );
  await sam.dispose();

  // History of the partner itself: the audit log's entries, never hand-written.
  await tab(page, /^History/).click();
  await expect(page.getByTestId('history-timeline')).toContainText('Aurora Cloud');
  await expect(page.getByTestId('history-timeline')).toContainText('Hannah Haddad');

  // Forecasts: figures, a chart and a table with a total row, by quarter and by month.
  await tab(page, /^Forecasts/).click();
  const forecast = page.getByTestId('forecast');
  await expect(forecast.getByTestId('forecast-table')).toContainText('Total');
  await expect(forecast.locator('.recharts-surface').first()).toBeVisible();
  await expect(forecast.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(4);
  await forecast.getByText('By month', { exact: true }).click();
  await expect(forecast.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(12);
});

test('on a phone the partner’s leads, cases and deals are cards with every row action, and no list scrolls sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ADMIN);
  // A partner of its own with one lead, one case and one deal, so the cards' contents are known.
  const tag = Math.random().toString(36).slice(2, 7);
  const { post } = await apiWriter(page);
  const partner = await post('/api/v1/partners', { name: `Phone Cards ${tag}` });
  await post('/api/v1/leads', { name: `Lena ${tag}`, partnerId: partner.id, estimatedValue: 1_200_000 });
  await post('/api/v1/cases', {
    subject: `Portal down ${tag}`,
    organizationId: partner.id,
    priority: 'high',
  });
  await post('/api/v1/opportunities', {
    name: `Phone deal ${tag}`,
    partnerId: partner.id,
    amount: 5_000_000,
  });
  // Something scrolls sideways: the page, or a box in it (a table's scroll container); the tab strip may.
  const sideways = () =>
    page.evaluate(
      () =>
        document.documentElement.scrollWidth > window.innerWidth ||
        [...document.querySelectorAll('main *')].some(
          (el) =>
            el.scrollWidth > el.clientWidth + 1 &&
            ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) &&
            !el.closest('[role=tablist]'),
        ),
    );

  // The header fits: one New menu, and Edit / Archive / Delete by their names.
  await page.goto(`/partners/${partner.id}?tab=leads`);
  await expect(page.getByRole('heading', { name: `Phone Cards ${tag}` })).toBeVisible();
  for (const name of ['New', 'Edit', 'Archive', 'Delete'])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();

  // Leads: a card with its status, value and owner, and the row's Convert, Edit and Delete.
  const lead = page.getByTestId('lead-row').filter({ hasText: `Lena ${tag}` });
  await expect(lead).toContainText('New');
  await expect(lead).toContainText('CA$12,000.00');
  await expect(lead).toContainText('Alex Admin');
  await expect(lead.getByRole('button', { name: `Convert Lena ${tag}` })).toBeVisible();
  expect(await sideways()).toBe(false);
  await lead.getByRole('button', { name: `Edit Lena ${tag}` }).click();
  const form = page.getByRole('dialog', { name: `Edit lead Lena ${tag}` });
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue(`Lena ${tag}`);
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  // Cases: status, priority, the Edit and Delete of the row; Delete asks, then the card goes.
  await tab(page, /^Cases/).click();
  const kase = page.getByTestId('case-row').filter({ hasText: `Portal down ${tag}` });
  await expect(kase).toContainText('Open');
  await expect(kase).toContainText('High');
  await expect(kase.getByRole('button', { name: `Edit Portal down ${tag}` })).toBeVisible();
  expect(await sideways()).toBe(false);
  await kase.getByRole('button', { name: `Delete Portal down ${tag}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete case' }).click();
  await expect(kase).toHaveCount(0);

  // Opportunities: the card opens the deal, as the table row does.
  await tab(page, /^Opportunities/).click();
  const deal = page.getByTestId('opportunity-row').filter({ hasText: `Phone deal ${tag}` });
  await expect(deal).toContainText('CA$50,000.00');
  expect(await sideways()).toBe(false);
  await deal.click();
  await expect(page.getByRole('dialog', { name: `Phone deal ${tag}` })).toBeVisible();

  // The lists of every lead and every consultant are cards too.
  await page.goto(`/leads?q=${tag}`);
  await expect(page.getByTestId('lead-row')).toHaveCount(1);
  await expect(page.getByTestId('lead-row')).toContainText(`Phone Cards ${tag}`);
  expect(await sideways()).toBe(false);
  await page.goto('/consultants');
  await expect(page.getByTestId('consultant-row').first()).toBeVisible();
  expect(await sideways()).toBe(false);
});

test('a link to one lead or case opens its partner’s tab with that row marked, and says when it is gone', async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const tag = Math.random().toString(36).slice(2, 7);
  const { post, csrf } = await apiWriter(page);
  const partner = await post('/api/v1/partners', { name: `Linked Rows ${tag}` });
  const leads = [];
  for (const name of ['Ann', 'Ben', 'Cy'])
    leads.push(await post('/api/v1/leads', { name: `${name} ${tag}`, partnerId: partner.id }));
  const kase = await post('/api/v1/cases', { subject: `Billing ${tag}`, organizationId: partner.id });

  // /leads/:id (what a notification links to) lands on the Leads tab with that lead marked, and only it.
  await page.goto(`/leads/${leads[1]!.id}`);
  await expect(page).toHaveURL(new RegExp(`/partners/${partner.id}\\?tab=leads&open=${leads[1]!.id}`));
  const marked = page.locator('[data-testid="lead-row"][data-linked]');
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText(`Ben ${tag}`);
  await expect(marked).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('linked-row-missing')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/linked-lead-row.png' });

  // A case the same way.
  await page.goto(`/cases/${kase.id}`);
  await expect(page.locator('[data-testid="case-row"][data-linked]')).toContainText(`Billing ${tag}`);

  // A lead deleted since the link was sent: the tab says so instead of silently showing the others.
  const del = await page.request.delete(`/api/v1/leads/${leads[2]!.id}`, { headers: csrf });
  expect(del.ok(), await del.text()).toBe(true);
  await page.goto(`/partners/${partner.id}?tab=leads&open=${leads[2]!.id}`);
  await expect(page.getByTestId('linked-row-missing')).toContainText(
    'The lead you followed a link to is not here',
  );
  await expect(page.locator('[data-linked]')).toHaveCount(0);
  await expect(page.getByTestId('lead-row')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/linked-row-missing.png' });
});
