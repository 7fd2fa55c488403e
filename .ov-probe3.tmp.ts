import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '/work/main/e2e/support';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
for (let i = 0; i < 3; i++) {
  const ctx = await b.newContext({ viewport: { width: 1366, height: 900 } });
  const p = await ctx.newPage();
  await p.request.post('http://127.0.0.1:3221/api/v1/auth/login', { data: { email: 'admin@demo.accord.test', password: 'accord-demo-2026' } });
  await p.goto('http://127.0.0.1:3221/partnerships/overview', { waitUntil: 'commit' });
  await p.waitForFunction(() => performance.getEntriesByName('accord:overview-ready').length > 0, null, { polling: 50, timeout: 60000 });
  const out = await p.evaluate(() =>
    ['ready ' + Math.round(performance.getEntriesByName('accord:overview-ready')[0]!.startTime)].concat(
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.includes('/api/') || e.name.includes('OverviewPage-'))
        .map((e) => e.name.split('/').pop()!.slice(0, 50) + ' ' + Math.round(e.startTime) + '→' + Math.round(e.responseEnd)),
    ),
  );
  console.log(out.join(' | '));
  await ctx.close();
}
await b.close();
