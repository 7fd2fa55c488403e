/**
 * Requests per second and p99 latency of an authenticated list endpoint (GET /api/v1/users, 50 per page,
 * session cookie) against a bare Fastify route answering a constant of the same size, in the same process,
 * with the same load generator (autocannon, 50 connections). Runs on SQLite, and on PostgreSQL when
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { DEMO_PASSWORD } from '../src/server/db/seed/demoAccounts';
import { seed } from '../src/server/db/seed/index';
import { loadTest, printComparison } from './lib';

const durationSec = Number(process.env.BENCH_DURATION ?? 10);

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'));
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const schema = `bench_${process.pid}`;
  if (engine === 'postgres') {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await c.end();
  }
  const env =
    engine === 'postgres' ? { DATABASE_URL: pgUrl!, DATABASE_SCHEMA: schema } : { ACCORD_DATA_DIR: dir };
  const config = loadConfig({ NODE_ENV: 'production', ACCORD_DEMO: 'false', LOG_LEVEL: 'silent', ...env });
  const handle = openDb(config.db, { poolSize: 20 });
  await migrateToLatest(handle);
  const accord = await buildApp({ config, handle, webRoot: null });
  process.stdout.write(`[${engine}] seeding large demo data… `);
  await seed(accord.kernel, 'large');
  const count = await handle.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(`${count.n} users`);
  const address = await accord.app.listen({ port: 0, host: '127.0.0.1' });

  const login = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.accord.test', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const listUrl = `${address}/api/v1/users?limit=50&sort=name`;
  const sample = await (await fetch(listUrl, { headers: { cookie } })).text();
  if (JSON.parse(sample).items.length !== 50) throw new Error('the list endpoint did not return 50 users');

  // The baseline: a bare Fastify route in the same process answering the same bytes, precomputed.
  const bare = Fastify({ logger: false });
  bare.get('/bare', async (_req, reply) => reply.header('content-type', 'application/json').send(sample));
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

  await loadTest('warm-up', listUrl, { durationSec: 2, headers: { cookie } });
  const baseline = await loadTest('bare Fastify route (constant)', `${bareAddress}/bare`, { durationSec });
  const subject = await loadTest(`GET /api/v1/users (50/page, ${engine})`, listUrl, {
    durationSec,
    headers: { cookie },
  });
  const text = printComparison(
    `Authenticated users list vs bare route — ${engine}, 50 connections, ${durationSec}s`,
    baseline,
    subject,
  );

  await bare.close();
  await accord.close();
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (engine === 'postgres') {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
  return text;
}

export async function run(): Promise<string[]> {
  const out = [await benchEngine('sqlite')];
  if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)
    out.push(await benchEngine('postgres'));
  else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to include it)');
  return out;
}
