import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './support';
const base = 'http://localhost:3301';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
page.on('pageerror', (e) => console.error('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.error('console', m.text()));
await page.request.post(`${base}/api/v1/auth/login`, { data: { email: 'admin@demo.accord.test', password: 'accord-demo-2026' } });
await page.goto(`${base}/partnerships/events`);
await page.getByRole('link', { name: /^Partner Forum 2026/ }).first().click();
await page.getByText('Kanban', { exact: true }).click();
await page.getByTestId('event-board').waitFor();
const col = (k: string) => page.getByTestId(`board-column-${k}`);
const card = col('confirmed').getByRole('button').first();
const name = await card.getAttribute('aria-label');
console.log('card', name);
// keyboard: focus, space, right x1 (to paid), space
await card.focus();
await page.keyboard.press('Space');
await page.waitForTimeout(200);
await page.keyboard.press('ArrowRight');
await page.waitForTimeout(300);
await page.keyboard.press('Space');
await page.waitForTimeout(800);
console.log('paid has it?', await col('paid').getByRole('button', { name: new RegExp('^' + name!.split(',')[0]) }).count());
// mouse: drag from paid back to confirmed
const c2 = col('paid').getByRole('button', { name: new RegExp('^' + name!.split(',')[0]) });
await c2.scrollIntoViewIfNeeded();
const b = (await c2.boundingBox())!;
console.log('box', b);
await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
await page.mouse.down();
await page.mouse.move(b.x + b.width / 2 + 10, b.y + b.height / 2, { steps: 3 });
const t = (await col('confirmed').boundingBox())!;
await page.mouse.move(t.x + t.width / 2, t.y + 60, { steps: 8 });
await page.mouse.up();
await page.waitForTimeout(800);
console.log('back in confirmed?', await col('confirmed').getByRole('button', { name: new RegExp('^' + name!.split(',')[0]) }).count());
await page.screenshot({ path: '/tmp/dbg1.png' });
// keyboard: move from confirmed to "Prospecting" (collapsed, far left) with 6 lefts
const c3 = col('confirmed').getByRole('button', { name: new RegExp('^' + name!.split(',')[0]) });
await c3.focus();
await page.keyboard.press('Space');
for (let i = 0; i < 6; i++) { await page.keyboard.press('ArrowLeft'); await page.waitForTimeout(150); }
await page.keyboard.press('Space');
await page.waitForTimeout(800);
console.log('in prospecting?', await col('prospecting').getByRole('button').count());
await page.screenshot({ path: '/tmp/dbg2.png' });
await browser.close();
