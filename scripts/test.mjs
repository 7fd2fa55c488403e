#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in order — type check, lint, formatting, server tests on
 * SQLite, the same tests on PostgreSQL, web unit tests, and the browser tests. Ends with one summary line
 * "N passed, N failed". PostgreSQL must be reachable: when it is not, the run fails (set
 * ACCORD_SKIP_POSTGRES=1 outside CI to skip it knowingly; CI never skips).
 */
import { spawnSync } from 'node:child_process';
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

function run(name, cmd, args, env = {}, countFrom = null) {
  if (only.length && !only.includes(name)) return;
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
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
run('typecheck', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint', npx, ['eslint', '--max-warnings', '0', '.']);
run('format', npx, ['prettier', '--check', '--log-level', 'warn', '.']);
const vitestJson = (n) => [
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(tmp, n + '.json')}`,
];
run(
  'server-sqlite',
  npx,
  ['vitest', 'run', '--project', 'server', ...vitestJson('sqlite')],
  {},
  path.join(tmp, 'sqlite.json'),
);

if (!only.length || only.includes('server-postgres')) {
  const reachable = await postgresReachable();
  if (reachable === true) {
    run(
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

run(
  'web-unit',
  npx,
  ['vitest', 'run', '--project', 'web', '--passWithNoTests', ...vitestJson('web')],
  {},
  path.join(tmp, 'web.json'),
);
run(
  'e2e',
  npx,
  ['playwright', 'test'],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(tmp, 'e2e.pw.json') },
  path.join(tmp, 'e2e.pw.json'),
);

process.stdout.write(`\n${results.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(failed === 0 && results.every((r) => !r.startsWith('✘')) ? 0 : 1);
