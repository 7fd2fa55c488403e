#!/usr/bin/env node
/**
 * `npm test`: every check the project has — type check, lint and formatting (side by side, with the
 * browser tests' production build), then server tests on SQLite, the same tests on PostgreSQL, web unit
 * tests, and the browser tests. Ends with one summary line "N passed, N failed". PostgreSQL must be
 * reachable: when it is not, the run fails (set ACCORD_SKIP_POSTGRES=1 outside CI to skip it knowingly;
 * CI never skips).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-npm-test-'));
const results = [];
let passed = 0;
let failed = 0;
const only = process.argv.slice(2); // e.g. `npm test -- server-sqlite e2e`

/**
 * Runs one step. `quiet` steps (those run side by side) keep their output and print it when they end, so
 * the log reads step by step; the others stream it.
 */
async function run(name, cmd, args, env = {}, countFrom = null, quiet = false) {
  if (only.length && !only.includes(name) && !(name === 'web-build' && wantE2e)) return true;
  const started = Date.now();
  const header = `\n▶ ${name}: ${cmd} ${args.join(' ')}\n`;
  if (!quiet) process.stdout.write(header);
  const child = spawn(cmd, args, {
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...env },
  });
  const output = [];
  if (quiet) for (const s of [child.stdout, child.stderr]) s.on('data', (d) => output.push(d));
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
  if (quiet) process.stdout.write(header + Buffer.concat(output).toString());
  const ok = status === 0;
  let counts = '';
  let countedFailures = 0;
  if (countFrom && fs.existsSync(countFrom)) {
    const c = countFrom.endsWith('.pw.json') ? playwrightCounts(countFrom) : vitestCounts(countFrom);
    passed += c.passed;
    failed += c.failed;
    countedFailures = c.failed;
    counts = ` (${c.passed} passed, ${c.failed} failed)`;
  } else if (ok) {
    passed += 1; // a check without test counts (type check, lint) counts as one
  }
  // A step that failed without a failing test (a crash, a type error) still counts as a failure.
  if (!ok && countedFailures === 0) failed += 1;
  results.push(`${ok ? '✔' : '✘'} ${name}${counts} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return ok;
}

function vitestCounts(file) {
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  return {
    passed: j.numPassedTests ?? 0,
    failed:
      (j.numFailedTests ?? 0) + (j.numFailedTestSuites && !j.numFailedTests ? j.numFailedTestSuites : 0),
  };
}
function playwrightCounts(file) {
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: j.stats?.expected ?? 0, failed: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0) };
}

async function postgresReachable() {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch (e) {
    return e.message;
  } finally {
    await c.end().catch(() => {});
  }
}

const npx = 'npx';
// The browser tests serve a production build of the web app (playwright.config.ts); it is built here, next
// to the static checks, and the browser tests' server then starts on it without building again.
const e2ePort = Number(process.env.ACCORD_E2E_PORT ?? 3210);
const e2eWebDir = e2ePort === 3210 ? 'dist/web' : path.join(os.tmpdir(), `accord-e2e-web-${e2ePort}`);
const wantE2e = !only.length || only.includes('e2e');
await Promise.all([
  run('typecheck', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json'], {}, null, true),
  run('lint', npx, ['eslint', '--max-warnings', '0', '.'], {}, null, true),
  run('format', npx, ['prettier', '--check', '--log-level', 'warn', '.'], {}, null, true),
  wantE2e
    ? run(
        'web-build',
        npx,
        ['vite', 'build', '--logLevel', 'warn'],
        { ACCORD_WEB_DIR: e2eWebDir },
        null,
        true,
      )
    : true,
]);
const vitestJson = (n) => [
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(tmp, n + '.json')}`,
];
// The SQLite run must not see a PostgreSQL address from the environment (CI exports one), or the harness
// would quietly run it on PostgreSQL too.
await run(
  'server-sqlite',
  npx,
  ['vitest', 'run', '--project', 'server', ...vitestJson('sqlite')],
  { TEST_DATABASE_URL: '' },
  path.join(tmp, 'sqlite.json'),
);

if (!only.length || only.includes('server-postgres')) {
  const reachable = await postgresReachable();
  if (reachable === true) {
    await run(
      'server-postgres',
      npx,
      ['vitest', 'run', '--project', 'server', ...vitestJson('postgres')],
      { TEST_DATABASE_URL: pgUrl },
      path.join(tmp, 'postgres.json'),
    );
  } else if (process.env.ACCORD_SKIP_POSTGRES === '1' && !process.env.CI) {
    results.push(`⚠ server-postgres SKIPPED on request (ACCORD_SKIP_POSTGRES=1): ${reachable}`);
  } else {
    failed += 1;
    results.push(
      `✘ server-postgres: PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, '//***@')} is unreachable: ${reachable}`,
    );
    process.stderr.write(
      `\n✘ PostgreSQL is unreachable (${reachable}). Start it (see README) or set TEST_DATABASE_URL.\n`,
    );
  }
}

await run(
  'web-unit',
  npx,
  ['vitest', 'run', '--project', 'web', '--passWithNoTests', ...vitestJson('web')],
  {},
  path.join(tmp, 'web.json'),
);
await run(
  'e2e',
  npx,
  ['playwright', 'test'],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(tmp, 'e2e.pw.json'), ACCORD_E2E_PREBUILT: '1' },
  path.join(tmp, 'e2e.pw.json'),
);

process.stdout.write(`\n${results.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(failed === 0 && results.every((r) => !r.startsWith('✘')) ? 0 : 1);
