/**
 * Screenshots of every screen at desktop (1366×900) and phone (390×844) widths, light and dark, for looking at
 * what we built. Not a test: run it against a running server with demo data.
 *
 *   npx tsx e2e/screenshots.ts [baseUrl=http://localhost:3100] [outDir=test-results/screenshots] [filter]
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { CHROMIUM_ARGS, DEMO_PASSWORD } from './support';

const base = process.argv[2] ?? 'http://localhost:3100';
const outDir = process.argv[3] ?? 'test-results/screenshots';
const only = process.argv[4] ?? '';

interface Shot {
  name: string;
  path: string;
  /** Which demo user takes the picture (the part before @); null: signed out. Default admin. */
  as?: 'admin' | 'viewer' | 'sales' | null;
  /** Something to do before the picture: open a modal, a menu… */
  act?: (page: Page) => Promise<void>;
  fullPage?: boolean;
}

const SHOTS: Shot[] = [
  { name: 'login', path: '/login', as: null },
  {
    name: 'login-error',
    path: '/login',
    as: null,
    act: async (p) => {
      await p.getByLabel('Email').fill('admin@demo.accord.test');
      await p.getByLabel('Password', { exact: true }).fill('wrong password');
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByRole('alert').waitFor();
    },
  },
  {
    name: 'login-2fa',
    path: '/login',
    as: null,
    act: async (p) => {
      await p.getByLabel('Email').fill(TWO_FACTOR_USER);
      await p.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByRole('button', { name: 'Verify and sign in' }).waitFor();
    },
  },
  { name: 'forgot-password', path: '/forgot-password', as: null },
  { name: 'reset-password', path: '/reset-password?token=abcdefghijklmnopqrstuvwxyz', as: null },
  { name: 'home', path: '/' },
  {
    name: 'home-nav-open',
    path: '/',
    act: async (p) => {
      const burger = p.getByRole('button', { name: 'Toggle navigation' });
      if (await burger.isVisible()) await burger.click();
    },
  },
  {
    name: 'user-menu',
    path: '/',
    act: async (p) => {
      await p.getByTestId('user-menu').click();
      await p.getByRole('menu').waitFor();
    },
  },
  {
    name: 'notifications',
    path: '/',
    act: async (p) => {
      await p.getByTestId('notifications-bell').click();
      await p.getByText('Notifications', { exact: true }).waitFor();
    },
  },
  {
    name: 'palette',
    path: '/',
    act: async (p) => {
      await p.keyboard.press('Control+K');
      await p.getByPlaceholder(/Jump to a page/).fill('ka');
      await p.waitForTimeout(700);
    },
  },
  { name: 'users', path: '/admin/users', fullPage: true },
  {
    name: 'users-new',
    path: '/admin/users',
    act: async (p) => {
      await p.getByRole('button', { name: 'New user' }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'users-new-errors',
    path: '/admin/users',
    act: async (p) => {
      await p.getByRole('button', { name: 'New user' }).click();
      await p.getByRole('button', { name: 'Create user' }).click();
    },
  },
  {
    name: 'users-history',
    path: '/admin/users',
    act: async (p) => {
      await p.getByRole('button', { name: /^Actions for Alex Admin/ }).click();
      await p.getByRole('menuitem', { name: 'History' }).click();
      await p.getByTestId('history-timeline').waitFor();
    },
  },
  { name: 'roles', path: '/admin/roles' },
  {
    name: 'role-editor',
    path: '/admin/roles',
    fullPage: true,
    act: async (p) => {
      await p.getByRole('link', { name: 'Sales agent' }).click();
      await p.getByTestId('permission-matrix').waitFor();
      await p.getByRole('checkbox', { name: 'Events: edit' }).check();
    },
  },
  { name: 'audit', path: '/admin/audit' },
  {
    name: 'audit-verified',
    path: '/admin/audit',
    act: async (p) => {
      await p.getByRole('button', { name: 'Verify chain' }).click();
      await p.getByTestId('verify-result').waitFor();
    },
  },
  { name: 'settings', path: '/admin/settings', fullPage: true },
  { name: 'profile', path: '/account/profile' },
  { name: 'password', path: '/account/password' },
  { name: 'two-factor', path: '/account/two-factor' },
  {
    name: 'two-factor-setup',
    path: '/account/two-factor',
    act: async (p) => {
      await p.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
      await p.getByTestId('totp-qr').waitFor();
    },
  },
  { name: 'tokens', path: '/account/tokens' },
  {
    name: 'tokens-created',
    path: '/account/tokens',
    act: async (p) => {
      await p.getByRole('button', { name: 'New token' }).click();
      await p.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('Nightly export');
      await p.getByRole('button', { name: 'Create token' }).click();
      await p.getByTestId('token-secret').waitFor();
    },
  },
  {
    name: 'settings-smtp',
    path: '/admin/settings',
    fullPage: true,
    act: async (p) => {
      await p.getByRole('switch', { name: 'Send email' }).check();
      await p.getByRole('button', { name: 'Save settings' }).click();
    },
  },
  {
    name: 'settings-history',
    path: '/admin/settings',
    act: async (p) => {
      await p.getByRole('button', { name: 'History' }).click();
      await p.getByTestId('history-timeline').waitFor();
    },
  },
  {
    name: 'role-history',
    path: '/admin/roles',
    act: async (p) => {
      await p.getByRole('link', { name: 'Read-only' }).click();
      await p.getByRole('button', { name: 'History' }).click();
      await p.getByTestId('history-timeline').waitFor();
    },
  },
  {
    name: 'recovery-codes',
    path: '/account/two-factor',
    as: 'sales',
    act: async (p) => {
      const off = p.getByRole('button', { name: 'Set up two-factor sign-in' });
      if (!(await off.isVisible())) return;
      await off.click();
      const secret = (await p.getByTestId('totp-secret').getByTestId('copy-field-value').innerText()).trim();
      await p.getByLabel('6-digit code').fill(await generate({ secret }));
      await p.getByRole('button', { name: 'Turn on' }).click();
      await p.getByTestId('recovery-codes').waitFor();
    },
  },
  // Partnerships: directory, partner page, import wizard, mail merge.
  { name: 'partnerships-partners', path: '/partnerships/partners' },
  {
    name: 'partnerships-partners-filtered',
    path: '/partnerships/partners?status=confirmed&isAlumni=false&tag=climate',
  },
  {
    name: 'partnerships-partners-duplicate',
    path: '/partnerships/partners',
    act: async (p) => {
      await p.getByRole('button', { name: 'New partner' }).click();
      await p.getByRole('dialog').getByRole('textbox', { name: 'Company' }).fill('aurora cloud');
      await p.getByRole('button', { name: 'Create partner' }).click();
      await p.getByText('This partner exists').waitFor();
    },
  },
  ...[
    ['involvements', /event involvements/i],
    ['people', /consultants/i],
    ['documents', /documents/i],
    ['communications', /communications/i],
    ['history', /history/i],
  ].map(([tab, label]): Shot => ({
    name: `partnerships-partner-${tab as string}`,
    path: '/partnerships/partners?q=Aurora%20Cloud',
    fullPage: true,
    act: async (p) => {
      await p.getByRole('link', { name: 'Aurora Cloud' }).first().click();
      await p.getByTestId('partner-stats').waitFor();
      await p.getByRole('tab', { name: label as RegExp }).click();
      await p.waitForLoadState('networkidle');
    },
  })),
  {
    name: 'partnerships-partner-add-document',
    path: '/partnerships/partners?q=Aurora%20Cloud',
    act: async (p) => {
      await p.getByRole('link', { name: 'Aurora Cloud' }).first().click();
      await p.getByRole('button', { name: 'New', exact: true }).click();
      await p.getByRole('menuitem', { name: 'Add document' }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  { name: 'partnerships-import-upload', path: '/partnerships/import' },
  {
    name: 'partnerships-import-mapping',
    path: '/partnerships/import',
    fullPage: true,
    act: async (p) => {
      await p.locator('input[type=file]').setInputFiles(importSample());
      await p.getByTestId('mapping-editor').waitFor();
    },
  },
  {
    name: 'partnerships-import-report',
    path: '/partnerships/import',
    fullPage: true,
    act: async (p) => {
      await p.locator('input[type=file]').setInputFiles(importSample());
      await p.getByRole('button', { name: 'Check (dry run)' }).click();
      await p.getByTestId('import-report').waitFor();
    },
  },
  {
    name: 'partnerships-email',
    path: '/partnerships/email?tag=climate',
    fullPage: true,
    act: async (p) => {
      await p
        .getByText(/selected/)
        .first()
        .waitFor();
      await p.getByRole('combobox', { name: 'Event context' }).click();
      await p.getByRole('option', { name: 'Innovation Summit 2026' }).click();
      await p
        .getByRole('textbox', { name: 'Subject' })
        .fill('{{event_name}}: an invitation for {{company_name}}');
      await p
        .getByRole('textbox', { name: 'Message' })
        .fill(
          'Hi {{recipient_first_name}},\n\nWe would love to see {{company_name}} at {{event_name}} again this year.\n\nBest,\n{{sender_full_name}}',
        );
      await p.getByTestId('merge-preview').waitFor();
    },
  },
  {
    name: 'partnerships-email-templates',
    path: '/partnerships/email',
    act: async (p) => {
      await p.getByRole('button', { name: 'Templates' }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'partnerships-email-unknown-field',
    path: '/partnerships/email?q=Aurora',
    act: async (p) => {
      await p.getByRole('textbox', { name: 'Subject' }).fill('Hello {{nickname}}');
      await p.getByRole('textbox', { name: 'Message' }).fill('Hi {{recipient_first_name}}');
      await p
        .getByText(/unknown merge fields/)
        .first()
        .waitFor();
    },
  },
  {
    name: 'partnerships-email-template-form',
    path: '/partnerships/email',
    act: async (p) => {
      await p.getByRole('button', { name: 'Templates' }).click();
      await p.getByRole('button', { name: 'New template' }).click();
      await p.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('Follow-up after the call');
    },
  },
  {
    name: 'partnerships-email-summary',
    path: '/partnerships/email?q=Aurora',
    fullPage: true,
    act: async (p) => {
      await p
        .getByText(/selected/)
        .first()
        .waitFor();
      await p.getByRole('textbox', { name: 'Subject' }).fill('Hello {{company_name}}');
      await p.getByRole('textbox', { name: 'Message' }).fill('Hi {{recipient_first_name}}, a short hello.');
      await p.getByTestId('merge-preview').waitFor();
      await p.getByRole('button', { name: /^Send \d+ email/ }).click();
      await p.getByRole('dialog').getByRole('button', { name: /^Send/ }).click();
      await p.getByTestId('send-summary').waitFor({ timeout: 20_000 });
    },
  },
  // Partner management: the list (filters, selection, a sales agent's default filter), form, delete, trash.
  { name: 'partners-list', path: '/partners', act: partnerListReady },
  {
    name: 'partners-list-filters',
    path: '/partners?country=CA&sort=-updatedAt',
    act: async (p) => {
      await partnerListReady(p); // the filters are open: the address has some
      await p.getByTestId('partner-list-row').nth(0).getByRole('checkbox').check();
      await p.getByTestId('partner-list-row').nth(1).getByRole('checkbox').check();
      await p.getByTestId('bulk-bar').waitFor();
    },
  },
  {
    name: 'partners-list-sales', // opens on the demo sales agent's default saved filter
    path: '/partners',
    as: 'sales',
    act: async (p) => {
      await p.waitForURL(/ownerId=/, { timeout: 20_000 });
      await partnerListReady(p);
    },
  },
  {
    name: 'partners-form',
    path: '/partners',
    act: async (p) => {
      await p.getByRole('button', { name: 'New partner' }).click();
      await p.getByRole('dialog').getByRole('textbox', { name: 'Company' }).fill('aurora cloud');
      await p.getByTestId('duplicate-warning').waitFor();
    },
  },
  {
    name: 'partners-delete',
    path: '/partners?q=Aurora%20Cloud',
    act: async (p) => {
      await p.getByRole('link', { name: 'Aurora Cloud' }).first().click();
      await p.getByRole('button', { name: 'Delete' }).click();
      await p.getByTestId('delete-impact').waitFor();
    },
  },
  {
    name: 'partners-trash',
    path: '/partners/trash',
    act: async (p) => {
      await p.evaluate(async () => {
        const { csrfToken } = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
        const headers = { 'x-csrf-token': csrfToken };
        for (const name of ['Trashed Example Ltd', 'Old Reseller GmbH']) {
          const res = await fetch('/api/v1/partners', {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ name: `${name} ${Math.random().toString(36).slice(2, 6)}` }),
          });
          const { id } = (await res.json()) as { id: string };
          await fetch(`/api/v1/partners/${id}?related=delete`, { method: 'DELETE', headers });
        }
      });
      await p.reload();
      await p.getByTestId('trash-row').first().waitFor();
    },
  },
  // Partnerships: the Overview (whole page, one event, all years, the queue's inline actions) and annual goals.
  { name: 'overview', path: '/partnerships/overview', fullPage: true, act: overviewReady },
  { name: 'overview-all-years', path: '/partnerships/overview?year=all&windowDays=45', act: overviewReady },
  {
    name: 'overview-definition',
    path: '/partnerships/overview',
    act: async (p) => {
      await overviewReady(p);
      await p.getByTestId('kpi-open-pipeline').hover();
      await p.getByRole('tooltip').waitFor();
    },
  },
  {
    name: 'overview-queue',
    path: '/partnerships/overview',
    act: async (p) => {
      await overviewReady(p);
      await p.getByTestId('action-queue').evaluate((e) => e.scrollIntoView());
    },
  },
  {
    name: 'overview-queue-reschedule',
    path: '/partnerships/overview',
    act: async (p) => {
      await overviewReady(p);
      await p
        .getByTestId('action-item')
        .first()
        .getByRole('button', { name: /follow-up date/ })
        .click();
      await p.getByRole('dialog').waitFor();
    },
  },
  { name: 'overview-viewer', path: '/partnerships/overview', as: 'viewer', act: overviewReady },
  { name: 'overview-goals', path: '/partnerships/goals', fullPage: true },
  // Partnerships: events list, event page (table, kanban, communications, history) and the three modals.
  { name: 'events-list', path: '/partnerships/events', fullPage: true },
  { name: 'events-list-archived', path: '/partnerships/events?archived=1&year=2024' },
  {
    name: 'events-new',
    path: '/partnerships/events',
    act: async (p) => {
      await p.getByRole('button', { name: 'New event' }).click();
      await p.getByRole('button', { name: 'Add tier' }).click();
      await p.getByRole('textbox', { name: 'Tier 1 name' }).fill('Gold');
      await p.getByRole('textbox', { name: 'Tier 1 default amount' }).fill('25,000');
      await p.getByRole('button', { name: 'Add tier' }).click();
      await p.getByRole('textbox', { name: 'Tier 2 default amount' }).fill('500');
      await p.getByRole('button', { name: 'Create event' }).click();
    },
  },
  { name: 'events-page-table', path: '/partnerships/events', act: openEvent() },
  { name: 'events-page-kanban', path: '/partnerships/events', act: openEvent('?view=kanban') },
  {
    name: 'events-page-kanban-board',
    path: '/partnerships/events',
    act: async (p) => {
      await openEvent('?view=kanban')(p);
      await p.getByRole('tab', { name: /Partners/ }).evaluate((e) => e.scrollIntoView());
    },
  },
  {
    name: 'events-page-table-rows',
    path: '/partnerships/events',
    act: async (p) => {
      await openEvent()(p);
      await p.getByRole('tab', { name: /Partners/ }).evaluate((e) => e.scrollIntoView());
    },
  },
  { name: 'events-page-communications', path: '/partnerships/events', act: openEvent('?tab=communications') },
  { name: 'events-page-history', path: '/partnerships/events', act: openEvent('?tab=history') },
  {
    name: 'events-edit',
    path: '/partnerships/events',
    act: async (p) => {
      await openEvent()(p);
      await p.getByRole('button', { name: 'Edit', exact: true }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'events-link-new',
    path: '/partnerships/events',
    act: async (p) => {
      await openEvent()(p);
      await p.getByRole('button', { name: 'Add partner' }).click();
      await p.getByRole('dialog').getByRole('combobox', { name: 'Partner' }).click();
      await p.waitForTimeout(400);
    },
  },
  {
    name: 'events-link-edit',
    path: '/partnerships/events',
    act: async (p) => {
      await openEvent()(p);
      await p.getByTestId('event-link-row').first().click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'events-log-communication',
    path: '/partnerships/events',
    act: async (p) => {
      await openEvent()(p);
      await p.getByRole('button', { name: 'Log communication' }).click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'events-viewer-link',
    path: '/partnerships/events',
    as: 'viewer',
    act: async (p) => {
      await openEvent('?view=kanban')(p);
      await p.getByTestId('event-board').getByRole('button').first().click();
      await p.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'events-palette-log',
    path: '/',
    act: async (p) => {
      await p.keyboard.press('Control+K');
      await p.getByPlaceholder(/Jump to a page/).fill('log comm');
      await p.keyboard.press('Enter');
      await p.getByRole('dialog', { name: 'Log a communication' }).waitFor();
    },
  },
  { name: 'not-found', path: '/nowhere' },
  { name: 'viewer-home', path: '/', as: 'viewer' },
  { name: 'viewer-not-allowed', path: '/admin/users', as: 'viewer' },
];

/** A small spreadsheet with other headers than the export's, a new partner and two bad rows. */
function importSample(): string {
  const file = path.join(outDir, 'import-sample.csv');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    file,
    [
      'Organisation,Contact,E-mail,Event,Year,Status,Tier,Amount (CAD),Follow up,Notes,Twitter',
      'Aurora Cloud,Anika Chen,anika.chen@auroracloud.example,Hackathon 2026,2026,Confirmed,Community,,,,@aurora',
      'Kestrel Robotics,Maya Okafor,maya@kestrel.example,Hackathon 2026,2026,In conversation,Gold,12500,2026-12-15,Met at the fair,@kestrel',
      'Lumen Bio,Ravi Patel,ravi@lumenbio.example,Hackathon 2026,2026,Pitched,Silver,ten thousand,,,',
      'Northbeam,,hello@northbeam.example,Hackathon 2026,2026,Reached out,,5000,2026-02-31,,',
    ].join('\n'),
  );
  return file;
}

/** Opens the Innovation Summit of the latest year from the events list, with an optional query. */
function openEvent(query = '') {
  return async (p: Page) => {
    await p
      .getByRole('link', { name: /^Innovation Summit 2026/ })
      .first()
      .click();
    await p.getByRole('tab', { name: /Partners/ }).waitFor();
    if (query) await p.goto(p.url() + query);
    await p.waitForLoadState('networkidle');
  };
}

async function partnerListReady(p: Page): Promise<void> {
  await p.getByTestId('partner-list-row').first().waitFor();
  await p.locator('[data-testid=partner-list][aria-busy=false]').waitFor();
}

async function overviewReady(p: Page): Promise<void> {
  await p.locator('[data-testid=overview][data-ready]').waitFor();
}

const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

async function signIn(page: Page, email: string): Promise<void> {
  const res = await page.request.post(`${base}/api/v1/auth/login`, {
    data: { email, password: DEMO_PASSWORD },
  });
  if (!res.ok()) throw new Error(`Sign-in as ${email} failed: ${res.status()} ${await res.text()}`);
}

const TWO_FACTOR_USER = 'pm@demo.accord.test';

/** Turns on two-factor sign-in for one demo user (once), so the code step can be pictured. */
async function ensureTwoFactorUser(browser: Browser): Promise<void> {
  const context = await browser.newContext();
  const login = await context.request.post(`${base}/api/v1/auth/login`, {
    data: { email: TWO_FACTOR_USER, password: DEMO_PASSWORD },
  });
  const result = (await login.json()) as { status: string; session?: { csrfToken: string } };
  if (result.status === 'ok' && result.session) {
    const headers = { 'x-csrf-token': result.session.csrfToken };
    const setup = await context.request.post(`${base}/api/v1/me/2fa/setup`, { headers, data: {} });
    const { secret } = (await setup.json()) as { secret: string };
    const code = await generate({ secret });
    await context.request.post(`${base}/api/v1/me/2fa/enable`, { headers, data: { code } });
  }
  await context.close();
}

async function run(browser: Browser): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  await ensureTwoFactorUser(browser);
  const schemes = ['light', 'dark'] as const;
  for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
    for (const scheme of schemes) {
      for (const as of ['admin', 'viewer', 'sales', null] as const) {
        const shots = SHOTS.filter((s) => (s.as === undefined ? 'admin' : s.as) === as).filter(
          (s) => !only || s.name.includes(only),
        );
        if (!shots.length) continue;
        const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        page.on('pageerror', (e) => console.error(`  page error on ${page.url()}: ${e.message}`));
        page.on(
          'console',
          (m) =>
            m.type() === 'error' &&
            !m.text().startsWith('Failed to load resource') &&
            console.error(`  console: ${m.text()}`),
        );
        if (as) await signIn(page, `${as}@demo.accord.test`);
        for (const s of shots) {
          await page.goto(`${base}${s.path}`);
          await page.waitForLoadState('networkidle');
          await page.keyboard.press('Escape');
          if (s.act) await s.act(page);
          await page.waitForTimeout(350);
          const file = path.join(outDir, `${s.name}-${vpName}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: s.fullPage ?? false });
          console.log(file);
        }
        await context.close();
      }
    }
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
  headless: true,
});
try {
  await run(browser);
} finally {
  await browser.close();
}
