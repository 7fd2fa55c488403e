/**
 * Starts Accord for a benchmark on a fresh database — a temporary SQLite file, or a throwaway schema of the
 * PostgreSQL at BENCH_DATABASE_URL / TEST_DATABASE_URL — listening on a free port, with an admin signed in
 * over HTTP. Benchmarks that need their own people or data build on the returned handle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { buildApp, type Accord } from '../src/server/app';
import { loadConfig, type Config } from '../src/server/config';
import { openDb, type DbHandle } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { ensureSystemRoles } from '../src/server/db/seed/index';
import type { Clock } from '../src/server/kernel/clock';
import { SYSTEM_ACTOR } from '../src/server/kernel/context';
import { UsersService } from '../src/server/modules/users/service';

export type BenchEngine = 'sqlite' | 'postgres';

export const BENCH_ADMIN = { email: 'admin@bench.test', password: 'bench-password-123' };

/** The PostgreSQL a benchmark may use, or null (then it runs on SQLite only). */
export const benchPgUrl = (): string | null =>
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;

export interface BenchApp {
  engine: BenchEngine;
  config: Config;
  handle: DbHandle;
  accord: Accord;
  address: string;
  /** The signed-in admin's session cookie and CSRF token, for requests over HTTP. */
  admin: { cookie: string; csrf: string };
  close(): Promise<void>;
}

async function pgAdmin(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(statement);
  await c.end();
}

export async function startBenchApp(
  engine: BenchEngine,
  opts: { name: string; clock?: Clock; poolSize?: number },
): Promise<BenchApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `accord-bench-${opts.name}-`));
  const pgUrl = benchPgUrl();
  const schema = `bench_${opts.name}_${process.pid}`;
  if (engine === 'postgres') {
    if (!pgUrl) throw new Error('PostgreSQL benchmark without BENCH_DATABASE_URL or TEST_DATABASE_URL');
    await pgAdmin(pgUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  }
  const env =
    engine === 'postgres' ? { DATABASE_URL: pgUrl!, DATABASE_SCHEMA: schema } : { ACCORD_DATA_DIR: dir };
  const config = loadConfig({ NODE_ENV: 'production', ACCORD_DEMO: 'false', LOG_LEVEL: 'silent', ...env });
  const handle = openDb(config.db, { poolSize: opts.poolSize ?? 10 });
  await migrateToLatest(handle);
  const accord = await buildApp({ config, handle, webRoot: null, clock: opts.clock });
  await ensureSystemRoles(accord.kernel);
  const role = await handle.db
    .selectFrom('roles')
    .select('id')
    .where('key', '=', 'admin')
    .executeTakeFirstOrThrow();
  await new UsersService(accord.kernel).create(SYSTEM_ACTOR, {
    email: BENCH_ADMIN.email,
    name: 'Bench Admin',
    password: BENCH_ADMIN.password,
    roleId: role.id,
    departmentId: null,
    active: true,
  });
  const address = await accord.app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const body = (await login.json()) as { session?: { csrfToken: string } };
  if (login.status !== 200 || !body.session) throw new Error(`bench login failed: ${login.status}`);
  return {
    engine,
    config,
    handle,
    accord,
    address,
    admin: { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.session.csrfToken },
    async close() {
      await accord.close();
      await handle.close();
      if (engine === 'postgres') await pgAdmin(pgUrl!, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** p50 / p95 / max of a list of timings in milliseconds. */
export function latencyStats(times: number[]): { p50: number; p95: number; max: number; n: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? 0,
    n: sorted.length,
  };
}

/**
 * Another user reading one URL over and over, from a worker thread: its own event loop, like a browser on
 * another machine, so what it measures is the server's latency and not the benchmark's own process being
 * busy (an in-process client waits behind the server's work at every step of its request).
 */
export interface LatencyProbe {
  /** Reads for a while and returns each read's milliseconds. */
  sample(ms: number): Promise<number[]>;
  /** Starts reading until stop(), which returns each read's milliseconds. */
  start(): void;
  stop(): Promise<number[]>;
  close(): Promise<void>;
}

const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let running = false;
parentPort.on('message', async (m) => {
  if (m === 'stop') { running = false; return; }
  running = true;
  const times = [];
  const until = typeof m === 'number' ? performance.now() + m : Infinity;
  while (running && performance.now() < until) {
    const t0 = performance.now();
    const res = await fetch(workerData.url, { headers: { cookie: workerData.cookie } });
    await res.text();
    if (res.status !== 200) { parentPort.postMessage({ error: 'HTTP ' + res.status }); return; }
    times.push(performance.now() - t0);
  }
  running = false;
  parentPort.postMessage({ times });
});
`;

export function latencyProbe(app: BenchApp, url: string): LatencyProbe {
  const worker = new Worker(PROBE_SOURCE, {
    eval: true,
    workerData: { url: `${app.address}${url}`, cookie: app.admin.cookie },
  });
  let pending: Promise<number[]> | null = null;
  const next = () =>
    new Promise<number[]>((resolve, reject) => {
      worker.once('message', (m: { times?: number[]; error?: string }) =>
        m.times ? resolve(m.times) : reject(new Error(`latency probe: ${m.error}`)),
      );
      worker.once('error', reject);
    });
  return {
    sample(ms) {
      const result = next();
      worker.postMessage(ms);
      return result;
    },
    start() {
      pending = next();
      worker.postMessage('go');
    },
    async stop() {
      worker.postMessage('stop');
      const times = await pending!;
      pending = null;
      return times;
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** One timed request of a RemoteClient round: its address, its cookie, and whether a 404 is an answer too. */
export interface TimedRequest {
  url: string;
  cookie?: string;
  allowNotFound?: boolean;
}

const CLIENT_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async (requests) => {
  const times = [];
  for (const r of requests) {
    const t0 = performance.now();
    const res = await fetch(r.url, { headers: r.cookie ? { cookie: r.cookie } : {} });
    const body = await res.text();
    if (res.status !== 200 && !(r.allowNotFound && res.status === 404)) {
      parentPort.postMessage({ error: r.url + ': HTTP ' + res.status + ' ' + body.slice(0, 200) });
      return;
    }
    JSON.parse(body);
    times.push(performance.now() - t0);
  }
  parentPort.postMessage({ times });
});
`;

/**
 * A client in a worker thread that runs requests one after another and times each (fetch, read, parse),
 * like the latency probe: the client's own work (a larger body to parse) stays off the server's event loop.
 */
export function remoteClient(): {
  round(requests: TimedRequest[]): Promise<number[]>;
  close(): Promise<void>;
} {
  const worker = new Worker(CLIENT_SOURCE, { eval: true });
  return {
    round: (requests) =>
      new Promise((resolve, reject) => {
        worker.once('error', reject);
        worker.once('message', (m: { times?: number[]; error?: string }) => {
          worker.off('error', reject);
          if (m.times) resolve(m.times);
          else reject(new Error(`remote client: ${m.error}`));
        });
        worker.postMessage(requests);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
