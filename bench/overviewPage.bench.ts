/**
 * Page load of the Partnerships Overview in headless Chromium (/usr/bin/chromium) on the generated data of
 * bench/overviewData.ts (200 events, 50k partners, 500k links, 1M communications at BENCH_SCALE=1): the time
 * from navigation until the page shows its figures (the page's `accord:overview-ready` mark, set when the
 * report for the address's scope is on screen), beside two baselines measured in the same run and the same
 * browser — the login page until its form shows (the app shell, no data), and the overview API call alone.
 * Cold: a fresh browser context each time (nothing cached); warm: a reload in a context that has the assets.
 * SQLite, the real HTTP server, the production build. Target (issue 4): under 1.5 s.
 *
 *   npm run bench overviewPage            (BENCH_SCALE=0.2 for a fifth of the data, BENCH_PAGE_RUNS=15)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../e2e/support';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { ensureSystemRoles } from '../src/server/db/seed/index';
import { fixedClock } from '../src/server/kernel/clock';
import { SYSTEM_ACTOR } from '../src/server/kernel/context';
import { BENCH_TODAY, generateOverviewData } from './overviewData';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const runs = Number(process.env.BENCH_PAGE_RUNS ?? 15);
const EMAIL = 'bench@accord.test';
const PASSWORD = 'bench-password-123';
const READY_MARK = 'accord:overview-ready';

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

/** The production build of the web app, in its own folder (BENCH_WEB_DIR reuses one). */
function buildWeb(): string {
  if (process.env.BENCH_WEB_DIR) return path.resolve(process.env.BENCH_WEB_DIR);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-web-'));
  const started = Date.now();
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    env: { ...process.env, ACCORD_WEB_DIR: dir },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('vite build failed');
  console.log(`[page] web app built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

/** The DevTools session that counts each page's work (Chromium reports it to the session that enabled it). */
const sessions = new WeakMap<Page, CDPSession>();

/**
 * The page's main-thread work so far (Chromium's TaskDuration and ScriptDuration, ms): steadier than the wall
 * clock on a noisy machine, and the part of a page load that the app's own code decides.
 */
async function mainThread(page: Page): Promise<{ task: number; script: number }> {
  const cdp = sessions.get(page);
  if (!cdp) throw new Error('mainThread: the page was not opened with countedPage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: value('TaskDuration'), script: value('ScriptDuration') };
}

/** A new page whose main-thread work is counted from its start (see mainThread). */
async function countedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  sessions.set(page, cdp);
  return page;
}

/** Milliseconds from the navigation's start until the page marked its figures as shown. */
async function overviewLoad(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK, {
    timeout: 60_000,
    polling: 50,
  });
  // Sanity: the figures are there, not a skeleton or an error.
  const items = await page.getByTestId('kpi-action-items-value').innerText();
  if (!/\d/.test(items)) throw new Error(`No figures on the page: "${items}"`);
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, READY_MARK);
}

/** Milliseconds from the navigation's start until the login form shows (the shell, no data). */
async function loginLoad(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 60_000 });
  return page.evaluate(() => performance.now());
}

async function signedInContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const res = await context.request.post(`${base}/api/v1/auth/login`, {
    data: { email: EMAIL, password: PASSWORD },
  });
  if (!res.ok()) throw new Error(`Sign-in failed: ${res.status()} ${await res.text()}`);
  return context;
}

export async function run(): Promise<string[]> {
  const webDir = buildWeb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-page-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    ACCORD_DEMO: 'false',
    LOG_LEVEL: 'silent',
    ACCORD_DATA_DIR: dir,
  });
  const handle = openDb(config.db, { poolSize: 10 });
  await migrateToLatest(handle);
  const started = Date.now();
  const data = await generateOverviewData(config, handle, scale, (line) => console.log(`[page] ${line}`));
  console.log(`[page] data ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const accord = await buildApp({
    config,
    handle,
    webRoot: webDir,
    clock: fixedClock(`${BENCH_TODAY}T12:00:00.000Z`),
  });
  await ensureSystemRoles(accord.kernel);
  const role = await handle.db
    .selectFrom('roles')
    .select('id')
    .where('key', '=', 'admin')
    .executeTakeFirstOrThrow();
  await accord.services.users.create(SYSTEM_ACTOR, {
    email: EMAIL,
    name: 'Bench',
    password: PASSWORD,
    roleId: role.id,
    departmentId: null,
    active: true,
  });
  const address = await accord.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });

  const times = {
    login: [] as number[],
    api: [] as number[],
    cold: [] as number[],
    warm: [] as number[],
    loginTask: [] as number[],
    loginScript: [] as number[],
    coldTask: [] as number[],
    coldScript: [] as number[],
  };
  try {
    const overviewUrl = `${address}/partnerships/overview`;
    // One warm-up of each, not counted (the server's first queries, Chromium's first start).
    const warmup = await signedInContext(browser, address);
    await overviewLoad(await warmup.newPage(), overviewUrl);
    await warmup.close();

    for (let i = 0; i < runs; i++) {
      // Baseline: the login page, cold.
      const anonymous = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const loginPage = await countedPage(anonymous);
      times.login.push(await loginLoad(loginPage, `${address}/login`));
      const loginWork = await mainThread(loginPage);
      times.loginTask.push(loginWork.task);
      times.loginScript.push(loginWork.script);
      await anonymous.close();

      // The Overview, cold; then warm (a reload with the assets cached); then the API call alone.
      const context = await signedInContext(browser, address);
      const page = await countedPage(context);
      times.cold.push(await overviewLoad(page, overviewUrl));
      const coldWork = await mainThread(page);
      times.coldTask.push(coldWork.task);
      times.coldScript.push(coldWork.script);
      times.warm.push(await overviewLoad(page, overviewUrl));
      times.api.push(
        await page.evaluate(async () => {
          const t0 = performance.now();
          const res = await fetch('/api/v1/partnerships/overview', { credentials: 'same-origin' });
          await res.json();
          return performance.now() - t0;
        }),
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await accord.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (!process.env.BENCH_WEB_DIR) fs.rmSync(webDir, { recursive: true, force: true });
  }

  const rows: [string, number[]][] = [
    ['login page, cold (baseline: the app shell, no data)', times.login],
    ['overview API call alone (fetch in the page)', times.api],
    ['Overview page, cold (nothing cached)', times.cold],
    ['Overview page, warm (assets cached)', times.warm],
    ['main-thread work, login page cold: all tasks', times.loginTask],
    ['main-thread work, login page cold: script', times.loginScript],
    ['main-thread work, Overview cold until its figures show: all tasks', times.coldTask],
    ['main-thread work, Overview cold until its figures show: script', times.coldScript],
  ];
  const cells = rows.map(([name, t]) => {
    const s = stats(t);
    return [name, s.p50.toFixed(0), s.p95.toFixed(0)];
  });
  const header = ['', 'p50 ms', 'p95 ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const fmt = (c: string[]) =>
    c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  const cold = stats(times.cold);
  const login = stats(times.login);
  const counts = `${data.events.length} events, ${data.counts.partners} partners, ${data.counts.links} links, ${data.counts.communications} communications`;
  const text = [
    `\n## Overview page load in headless Chromium — sqlite, ${counts} (scale ${scale}), ${runs} runs each`,
    fmt(header),
    ...cells.map(fmt),
    `cold Overview vs cold login page: p50 ${(cold.p50 / login.p50).toFixed(2)}×, p95 ${(cold.p95 / login.p95).toFixed(2)}×; ` +
      `target: figures shown in < 1500 ms — ${cold.p95 < 1500 ? 'met' : 'missed'} (cold p95)`,
  ].join('\n');
  console.log(text);
  return [text];
}
