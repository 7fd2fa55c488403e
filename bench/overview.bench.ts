/**
 * Latency of the Partnerships Overview (GET /api/v1/partnerships/overview over HTTP, signed in) for three
 * scopes — all years, one year, one event — beside the bare minimal query any implementation must run,
 * `SELECT status, SUM(amount), COUNT(*) … GROUP BY status` over the same scoped links, answered by a bare
 * Fastify route on the same database. Both are timed from a client in a worker thread (bench/app.ts, as the
 * partners benchmark does), interleaved, so the comparison holds the transport equal; the bare query's own
 * time in process is shown beside them, and so is the app's cheapest signed-in answer (GET /auth/session:
 * routing, sign-in and a response, no report), the floor under any signed-in endpoint. Data:
 * bench/overviewData.ts (200 events, 50k partners, 500k links, 1M communications; BENCH_SCALE=0.1 for a
 * tenth). SQLite, and PostgreSQL when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) is set. Targets: p95 within 2× of the bare query's, and under 150 ms on SQLite.
 *
 * The report keeps its figures while no write commits (VersionedCache), so each scope is timed twice: asked
 * again with nothing written in between (the figures come from the cache), and right after a committed write
 * elsewhere (untimed), when they are computed from the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openDb, type DbHandle } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { ensureSystemRoles } from '../src/server/db/seed/index';
import { Rng } from '../src/server/db/seed/random';
import { fixedClock } from '../src/server/kernel/clock';
import { SYSTEM_ACTOR } from '../src/server/kernel/context';
import { remoteClient } from './app';
import { BENCH_TODAY, generateOverviewData, type BenchEvent } from './overviewData';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const runs = Number(process.env.BENCH_RUNS ?? 40);
/**
 * Runs for a scope whose requests take milliseconds: with 40, the p95 is the second-slowest sample, one
 * garbage collection or scheduler hiccup away from doubling (the session route's p95 swung from 6 to 12 ms
 * between runs). 200 rounds of one event cost a few seconds and give the p95 ten samples above it.
 */
const quickRuns = Number(process.env.BENCH_QUICK_RUNS ?? 200);
const PASSWORD = 'bench-password-123';

interface Scope {
  name: string;
  query: string;
  events: BenchEvent[];
}

/** The order of each round's requests: the same sequence every run. */
const rounds = new Rng(20261130);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

/** The bare query: count and amount by status over the scope's links, nothing else. */
async function bare(handle: DbHandle, eventIds: string[]) {
  return handle.db
    .selectFrom('links')
    .select((eb) => ['status', eb.fn.sum<number>('amount').as('amount'), eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .where('event_id', 'in', eventIds)
    .groupBy('status')
    .execute();
}

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'));
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const schema = `bench_overview_${process.pid}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(statement);
    await c.end();
  };
  if (engine === 'postgres') await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const env =
    engine === 'postgres' ? { DATABASE_URL: pgUrl!, DATABASE_SCHEMA: schema } : { ACCORD_DATA_DIR: dir };
  const config = loadConfig({ NODE_ENV: 'production', ACCORD_DEMO: 'false', LOG_LEVEL: 'silent', ...env });
  const handle = openDb(config.db, { poolSize: 10 });
  await migrateToLatest(handle);
  const started = Date.now();
  const data = await generateOverviewData(config, handle, scale, (line) =>
    console.log(`[${engine}] ${line}`),
  );
  // PostgreSQL's autovacuum would analyse and vacuum the bulk load soon; do it now (statistics, and the
  // visibility map that index-only scans need). SQLite runs without statistics, as Accord does.
  if (engine === 'postgres') await sql`VACUUM ANALYZE`.execute(handle.db);
  console.log(`[${engine}] data ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const accord = await buildApp({
    config,
    handle,
    webRoot: null,
    clock: fixedClock(`${BENCH_TODAY}T12:00:00.000Z`),
  });
  await ensureSystemRoles(accord.kernel);
  const role = await handle.db
    .selectFrom('roles')
    .select('id')
    .where('key', '=', 'admin')
    .executeTakeFirstOrThrow();
  await accord.services.users.create(SYSTEM_ACTOR, {
    email: 'bench@accord.test',
    name: 'Bench',
    password: PASSWORD,
    roleId: role.id,
    departmentId: null,
    active: true,
  });
  const address = await accord.app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@accord.test', password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

  const shown = data.events.filter((e) => !e.archived);
  const year = Math.max(...shown.map((e) => e.year));
  const one = shown.find((e) => e.year === year)!;
  const scopes: Scope[] = [
    { name: 'all years', query: 'year=all', events: shown },
    { name: `one year (${year})`, query: `year=${year}`, events: shown.filter((e) => e.year === year) },
    { name: 'one event', query: `eventId=${one.id}`, events: [one] },
  ];
  // The bare route: the GROUP BY of scope ?s=<index>, nothing else.
  const bareApp = Fastify({ logger: false });
  bareApp.get<{ Querystring: { s: string } }>('/bare', async (req) =>
    bare(
      handle,
      scopes[Number(req.query.s)]!.events.map((e) => e.id),
    ),
  );
  const bareAddress = await bareApp.listen({ port: 0, host: '127.0.0.1' });
  const client = remoteClient();

  // A committed write that changes nothing the report shows (the bench user's updated_at, a new value each
  // time: SQLite commits nothing for an UPDATE that leaves the row as it was): the data version moves on, so
  // the next report is computed, as after any write.
  let writes = 0;
  const write = () =>
    sql`UPDATE users SET updated_at = ${new Date(Date.UTC(2020, 0, 1) + ++writes).toISOString()} WHERE email = ${'bench@accord.test'}`.execute(
      handle.db,
    );
  const figuresTiming = async (url: string) =>
    (await fetch(url, { headers: { cookie } })).headers.get('server-timing') ?? '';

  const rows: string[][] = [];
  for (const [index, scope] of scopes.entries()) {
    const ids = scope.events.map((e) => e.id);
    const url = `${address}/api/v1/partnerships/overview?${scope.query}`;
    // Third: the app's cheapest signed-in answer (the session), the share of the report's time that is
    // routing, sign-in and the response rather than the report itself.
    const round = [
      { url: `${bareAddress}/bare?s=${index}` },
      { url, cookie },
      { url: `${address}/api/v1/auth/session`, cookie },
    ];
    // Sanity: the report counts the same links as the bare query.
    const expected = (await bare(handle, ids)).reduce((n, r) => n + Number(r.n), 0);
    const res = await fetch(url, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    const got = ((await res.json()) as { totals: { relationshipCount: number } }).totals.relationshipCount;
    if (got !== expected)
      throw new Error(`${scope.name}: ${got} links in the report, ${expected} in the bare query`);
    // Sanity: a repeat is answered from the cache, a report after a write is computed.
    const repeat = await figuresTiming(url);
    await write();
    const afterWrite = await figuresTiming(url);
    if (!repeat.includes('cached') || !afterWrite.includes('computed'))
      throw new Error(`${scope.name}: Server-Timing "${repeat}" on a repeat, "${afterWrite}" after a write`);
    for (let i = 0; i < 5; i++) await client.round(round);
    const inProcess: number[] = [];
    const bareTimes: number[] = [];
    const reportTimes: number[] = [];
    const computedTimes: number[] = [];
    const sessionTimes: number[] = [];
    // The bare route's p50 tells a quick scope from a heavy one (measured in the warm-up rounds).
    const n = (await client.round([round[0]!]))[0]! < 10 ? quickRuns : runs;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await bare(handle, ids);
      inProcess.push(performance.now() - t0);
      // In a new order each round, so no request always follows the report (and its garbage).
      const order = rounds.shuffled([0, 1, 2]);
      const times = await client.round(order.map((k) => round[k]!));
      const [b, r, s] = [0, 1, 2].map((k) => times[order.indexOf(k)]);
      bareTimes.push(b!);
      reportTimes.push(r!);
      sessionTimes.push(s!);
      await write();
      computedTimes.push((await client.round([round[1]!]))[0]!);
    }
    const q = stats(inProcess);
    const b = stats(bareTimes);
    const r = stats(reportTimes);
    const c = stats(computedTimes);
    const s = stats(sessionTimes);
    const verdict = (p95: number) =>
      p95 / b.p95 <= 2 && (engine === 'postgres' || p95 < 150) ? 'met' : 'missed';
    rows.push([
      `${scope.name} (${n} runs)`,
      String(expected),
      `${q.p50.toFixed(1)} / ${q.p95.toFixed(1)}`,
      `${b.p50.toFixed(1)} / ${b.p95.toFixed(1)}`,
      `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)}`,
      `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}`,
      `${(r.p95 / b.p95).toFixed(2)}× ${verdict(r.p95)}`,
      `${c.p50.toFixed(1)} / ${c.p95.toFixed(1)}`,
      `${(c.p95 / b.p95).toFixed(2)}× ${verdict(c.p95)}`,
    ]);
  }
  await client.close();
  await bareApp.close();

  const header = [
    'scope',
    'links',
    'bare query in process p50 / p95',
    'bare route p50 / p95',
    'signed-in session route p50 / p95',
    'overview, repeated (cached) p50 / p95',
    'p95 vs bare route',
    'overview after a write (computed) p50 / p95',
    'p95 vs bare route',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const counts = `${data.events.length} events, ${data.counts.partners} partners, ${data.counts.links} links, ${data.counts.communications} communications`;
  const text = [
    `\n## Partnerships Overview vs the bare GROUP BY — ${engine}, ${counts}, ${runs} runs each, ${quickRuns} for a scope whose bare route takes under 10 ms (ms; HTTP from a worker, sequential)`,
    fmt(header),
    ...rows.map(fmt),
    `target: overview p95 ≤ 2× the bare route's p95${engine === 'sqlite' ? ', and < 150 ms' : ''} (each ratio says met or missed)`,
  ].join('\n');
  console.log(text);

  await accord.close();
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (engine === 'postgres') await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  return text;
}

export async function run(): Promise<string[]> {
  const out = [await benchEngine('sqlite')];
  if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)
    out.push(await benchEngine('postgres'));
  else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to include it)');
  return out;
}
