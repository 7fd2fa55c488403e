import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, signIn } from './support';

/** A real mouse drag: press, pass dnd-kit's 6 px activation distance, move over the target, release. */
async function drag(page: Page, card: Locator, target: Locator): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2, { steps: 3 });
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 8 });
  await page.mouse.up();
}

async function pick(page: Page, field: Locator, text: string, option: string | RegExp): Promise<void> {
  await field.click();
  if (text) await field.fill(text);
  await page
    .getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option })
    .click();
}

test('an event with tier presets: add partners, move one on the kanban, log and finish a follow-up', async ({
  page,
}) => {
  // One whole journey through four screens: more than the default 30 s on a busy 2-core machine.
  test.setTimeout(60_000);
  await signIn(page, ADMIN);
  await page.goto('/partnerships/events');
  await expect(page.getByTestId('events-list')).toContainText('Innovation Summit 2026');

  // Create the event with two tier presets.
  await page.getByRole('button', { name: 'New event' }).click();
  const form = page.getByRole('dialog', { name: 'New event' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Climate Expo 2027');
  await form.getByRole('textbox', { name: 'Year' }).fill('2027');
  await form.getByRole('textbox', { name: 'Sponsorship goal' }).fill('100,000');
  await form.getByRole('button', { name: 'Add tier' }).click();
  await form.getByRole('textbox', { name: 'Tier 1 name' }).fill('Gold');
  await form.getByRole('textbox', { name: 'Tier 1 default amount' }).fill('25,000');
  await form.getByRole('button', { name: 'Add tier' }).click();
  await form.getByRole('textbox', { name: 'Tier 2 name' }).fill('Silver');
  await form.getByRole('button', { name: 'Create event' }).click();
  await expect(page.getByRole('heading', { name: /Climate Expo 2027/ })).toBeVisible();
  await expect(page.getByTestId('tier-preset')).toHaveText(['Gold · CA$25,000.00', 'Silver · (No default)']);

  // Two partners: one takes the Gold tier's default amount, the other an amount typed in.
  await page.getByRole('button', { name: 'Add the first partner' }).click();
  let link = page.getByRole('dialog', { name: /Add a partner to Climate Expo 2027/ });
  await pick(page, link.getByRole('combobox', { name: 'Partner' }), 'Aurora Cloud', 'Aurora Cloud');
  await pick(page, link.getByRole('combobox', { name: 'Package tier' }), '', /^Gold/);
  await expect(link.getByRole('textbox', { name: 'Amount' })).toHaveValue('25,000');
  await link.getByRole('button', { name: 'Add to event' }).click();
  await expect(link).toBeHidden();

  await page.getByRole('button', { name: 'Add partner' }).click();
  link = page.getByRole('dialog', { name: /Add a partner to Climate Expo 2027/ });
  await pick(page, link.getByRole('combobox', { name: 'Partner' }), 'Bluewater Bank', 'Bluewater Bank');
  await link.getByRole('combobox', { name: 'Role' }).fill('Judge');
  await link.getByRole('textbox', { name: 'Amount' }).fill('7,500');
  await link.getByRole('button', { name: 'Add to event' }).click();
  await expect(link).toBeHidden();
  const rows = page.getByTestId('event-link-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Aurora Cloud' })).toContainText('CA$25,000.00');
  await expect(rows.filter({ hasText: 'Bluewater Bank' })).toContainText('CA$7,500.00');

  // Kanban (kept in the address): drag Aurora Cloud from Reached Out to Confirmed.
  await page.getByText('Kanban', { exact: true }).click();
  await expect(page).toHaveURL(/view=kanban/);
  const column = (status: string) => page.getByTestId(`board-column-${status}`);
  const aurora = column('reached_out').getByRole('button', { name: /^Aurora Cloud/ });
  await drag(page, aurora, column('confirmed'));
  await expect(column('confirmed').getByRole('button', { name: /^Aurora Cloud/ })).toBeVisible();
  await expect(column('confirmed')).toContainText('CA$25K');

  // The keyboard moves cards too: Space, →, Space.
  await column('reached_out')
    .getByRole('button', { name: /^Bluewater Bank/ })
    .focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(column('shortlist').getByRole('button', { name: /^Bluewater Bank/ })).toBeVisible();

  // Both moves were saved: after a reload the board shows them, and the link's history has the change.
  await page.reload();
  await expect(column('confirmed').getByRole('button', { name: /^Aurora Cloud/ })).toBeVisible();
  await expect(column('shortlist').getByRole('button', { name: /^Bluewater Bank/ })).toBeVisible();
  await column('confirmed')
    .getByRole('button', { name: /^Aurora Cloud/ })
    .click();
  const edit = page.getByRole('dialog', { name: /Aurora Cloud/ });
  await edit.getByRole('tab', { name: 'History' }).click();
  const history = edit.getByTestId('history-timeline');
  await expect(history).toContainText('Reached Out');
  await expect(history).toContainText('Confirmed');
  await edit.getByRole('button', { name: 'Close' }).click();

  // Log a communication with a follow-up from the event page, then mark the follow-up done.
  await page.getByRole('button', { name: 'Log communication' }).click();
  const log = page.getByRole('dialog', { name: 'Log a communication' });
  await pick(page, log.getByRole('combobox', { name: 'Partner' }), '', 'Aurora Cloud');
  await log.getByRole('textbox', { name: 'Summary' }).fill('Signed the Gold package; invoice to follow.');
  await log.getByRole('textbox', { name: 'Follow-up date' }).fill('2027-01-15');
  await log.getByRole('textbox', { name: 'Follow-up date' }).press('Tab');
  await log.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(log).toBeHidden();
  await expect(page).toHaveURL(/tab=communications/);
  const entry = page.getByTestId('communication').filter({ hasText: 'Signed the Gold package' });
  await expect(entry).toContainText('Follow up by Jan 15, 2027');
  await entry.getByRole('button', { name: 'Mark done' }).click();
  await expect(entry).toContainText('Follow-up done');
  await expect(entry.getByRole('button', { name: 'Mark done' })).toHaveCount(0);
});

test('Ctrl+K logs a communication with any partner', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search pages and users' }).fill('log comm');
  await page.keyboard.press('Enter');
  const log = page.getByRole('dialog', { name: 'Log a communication' });
  await pick(page, log.getByRole('combobox', { name: 'Partner' }), 'Bluewater Bank', 'Bluewater Bank');
  await log.getByRole('textbox', { name: 'Summary' }).fill('Quick call about next year.');
  await log.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(log).toBeHidden();
  await expect(page.getByText('Logged for Bluewater Bank.')).toBeVisible();
});
