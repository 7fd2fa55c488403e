import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './e2e/support';

const PORT = Number(process.env.ACCORD_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;
// A fresh SQLite database for every run; demo mode seeds the demo users on first start.
const dataDir = path.join(os.tmpdir(), `accord-e2e-${PORT}`);
// Port 3210 (the default) builds into dist/web; any other port into its own folder, so parallel runs don't collide.
const webDir = PORT === 3210 ? 'dist/web' : path.join(os.tmpdir(), `accord-e2e-web-${PORT}`);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    // `npm test` (scripts/test.mjs) reads the counts from the JSON report it asks for.
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as const] : []),
    ...(process.env.CI ? [['html', { open: 'never' }] as const] : []),
  ],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    viewport: { width: 1366, height: 900 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: {
    // `npm test` builds the web app next to its static checks and says so with ACCORD_E2E_PREBUILT=1.
    command: [
      process.env.ACCORD_E2E_PREBUILT === '1'
        ? `test -f "${webDir}/index.html"`
        : `ACCORD_WEB_DIR="${webDir}" npx vite build --logLevel warn`,
      `rm -rf "${dataDir}"`,
      `ACCORD_WEB_DIR="${webDir}" ACCORD_DATA_DIR="${dataDir}" ACCORD_SCRYPT_N=16384 ACCORD_DEMO=true NODE_ENV=development HOST=127.0.0.1 PORT=${PORT} LOG_LEVEL=warn npx tsx src/server/main.ts serve`,
    ].join(' && '),
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
