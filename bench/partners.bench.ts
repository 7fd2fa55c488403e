/**
 * Latency of partner management's two busiest reads over HTTP, signed in, sequentially, timed by a client
 * in a worker thread (so parsing the larger list body is not charged to the server): the partners list
 * (filtered, sorted, 50 rows) and a partner's detail with its tab counts (GET /partners/:id?with=counts),
 * as an admin (every record) and as a sales agent (own records and shared partners; the list also counts
 * what is hidden). Beside each, in the same run and interleaved with it: a bare Fastify route answering
 * an indexed `SELECT * FROM organizations … ORDER BY name, id LIMIT 50` from the same database.
 * Data: bench/partnersData.ts (100k partners, 300k consultants, 1M activities; BENCH_SCALE=0.1 for a
 * tenth). SQLite, and PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 * Targets: p95 under 50 ms and within 3× of the bare query's p95.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { ensureSystemRoles } from '../src/server/db/seed/index';
import { fixedClock } from '../src/server/kernel/clock';
import { hashPassword } from '../src/server/kernel/crypto';
import { newId } from '../src/server/kernel/ids';
import { remoteClient, type TimedRequest } from './app';
import { BENCH_TODAY, generatePartnersData } from './partnersData';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const runs = Number(process.env.BENCH_RUNS ?? 200);
const PASSWORD = 'bench-password-123';

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'));
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const schema = `bench_partners_${process.pid}`;
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
  const accord = await buildApp({
    config,
    handle,
    webRoot: null,
    clock: fixedClock(`${BENCH_TODAY}T12:00:00.000Z`),
  });
  await ensureSystemRoles(accord.kernel);

  // People: a bench admin and 40 sales agents in four departments, who own the partners.
  const at = new Date().toISOString();
  const roles = new Map(
    (await handle.db.selectFrom('roles').select(['id', 'key']).execute()).map((r) => [r.key, r.id]),
  );
  const departments = Array.from({ length: 4 }, (_, i) => ({
    id: newId(),
    name: `Region ${i + 1}`,
    created_at: at,
    updated_at: at,
    version: 1,
    deleted_at: null,
  }));
  await handle.db.insertInto('departments').values(departments).execute();
  const hash = await hashPassword(PASSWORD);
  const user = (email: string, role: string, department: string | null) => ({
    id: newId(),
    email,
    name: email.split('@')[0]!,
    department_id: department,
    role_id: roles.get(role)!,
    password_hash: hash,
    active: 1,
    totp_secret: null,
    totp_enabled: 0,
    theme: 'auto',
    last_login_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
    deleted_at: null,
    updated_by: null,
  });
  const agents = Array.from({ length: 40 }, (_, i) =>
    user(`agent${i}@bench.test`, 'sales_agent', departments[i % 4]!.id),
  );
  await handle.db
    .insertInto('users')
    .values([user('admin@bench.test', 'admin', null), ...agents])
    .execute();
  const levels = ['Registered', 'Silver', 'Gold', 'Platinum'].map((name, i) => ({
    id: newId(),
    key: name.toLowerCase(),
    name,
    rank: i * 10,
    created_at: at,
    updated_at: at,
    version: 1,
    deleted_at: null,
    updated_by: null,
  }));
  await handle.db.insertInto('partner_levels').values(levels).execute();

  const started = Date.now();
  const data = await generatePartnersData(
    config,
    handle,
    scale,
    agents.map((a) => a.id),
    levels.map((l) => l.id),
    (line) => console.log(`[${engine}] ${line}`),
  );
  // PostgreSQL's autovacuum would analyse the bulk load soon; do it now. SQLite runs without statistics, as Accord does.
  if (engine === 'postgres') await sql`VACUUM ANALYZE`.execute(handle.db);
  console.log(`[${engine}] data ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const address = await accord.app.listen({ port: 0, host: '127.0.0.1' });
  const signIn = async (email: string) => {
    const res = await fetch(`${address}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const cookies = { admin: await signIn('admin@bench.test'), agent: await signIn('agent0@bench.test') };

  const bare = Fastify({ logger: false });
  bare.get('/bare', async () =>
    handle.db
      .selectFrom('organizations')
      .selectAll()
      .where('is_partner', '=', 1)
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .orderBy('id')
      .limit(50)
      .execute(),
  );
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
  const get = async (url: string, cookie?: string) => {
    const res = await fetch(url, { headers: cookie ? { cookie } : {} });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
    return JSON.parse(body) as { items?: unknown[] };
  };

  const list = (q: string) => `${address}/api/v1/partners?limit=50&${q}`;
  let turn = 0;
  // An agent may not see every partner: a 404 is an answer too.
  const detail = (cookie: string): TimedRequest => ({
    url: `${address}/api/v1/partners/${data.samplePartners[turn++ % data.samplePartners.length]!}?with=counts`,
    cookie,
    allowNotFound: true,
  });
  const subjects: { name: string; request: () => TimedRequest }[] = [
    {
      name: 'list: active in CA by name (admin)',
      request: () => ({ url: list('partnerStatus=active&country=CA&sort=name'), cookie: cookies.admin }),
    },
    {
      name: `list: level + tag, newest first (admin)`,
      request: () => ({
        url: list(`levelId=${levels[2]!.id}&tag=fintech&sort=-createdAt`),
        cookie: cookies.admin,
      }),
    },
    {
      name: 'list: active in CA by name (sales agent)',
      request: () => ({ url: list('partnerStatus=active&country=CA&sort=name'), cookie: cookies.agent }),
    },
    { name: 'detail + tab counts (admin)', request: () => detail(cookies.admin) },
    { name: 'detail + tab counts (sales agent)', request: () => detail(cookies.agent) },
  ];
  const call = (r: TimedRequest) =>
    get(r.url, r.cookie).catch((e: unknown) => (r.allowNotFound ? null : Promise.reject(e)));
  // Sanity: the lists answer pages of rows (full pages at scale 1), the bare route 50 rows.
  for (const s of subjects.slice(0, 3)) {
    const n = ((await call(s.request())) as { items: unknown[] }).items.length;
    console.log(`[${engine}] ${s.name}: ${n} rows on the first page`);
    if (n === 0 || (scale >= 1 && n !== 50)) throw new Error(`${s.name}: ${n} rows`);
  }
  if (((await get(`${bareAddress}/bare`)) as unknown[]).length !== 50) throw new Error('bare: not 50 rows');
  for (let i = 0; i < 20; i++) for (const s of subjects) await call(s.request());

  // Timed from a client in a worker thread (bench/app.ts): each round asks the bare route, then each request.
  const client = remoteClient();
  const bareTimes: number[] = [];
  const times = subjects.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    const [bareTime, ...rest] = await client.round([
      { url: `${bareAddress}/bare` },
      ...subjects.map((s) => s.request()),
    ]);
    bareTimes.push(bareTime!);
    rest.forEach((t, k) => times[k]!.push(t));
  }
  await client.close();
  const b = stats(bareTimes);
  const rows = [
    ['bare SELECT … ORDER BY name, id LIMIT 50', b.p50.toFixed(1), b.p95.toFixed(1), '1.00×', ''],
  ];
  for (const [k, s] of subjects.entries()) {
    const r = stats(times[k]!);
    const ratio = r.p95 / b.p95;
    rows.push([
      s.name,
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      `${ratio.toFixed(2)}×`,
      r.p95 < 50 && ratio <= 3 ? 'met' : 'missed',
    ]);
  }
  const header = ['request (HTTP from a worker, sequential)', 'p50 ms', 'p95 ms', 'p95 vs bare', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const c = data.counts;
  const text = [
    `\n## Partner management: list and detail vs a bare indexed SELECT — ${engine}, ${c.partners} partners, ${c.consultants} consultants, ${c.activities} activities, ${c.deals} deals, ${c.leads} leads, ${c.cases} cases; ${runs} runs each`,
    fmt(header),
    ...rows.map(fmt),
    'target: p95 < 50 ms and ≤ 3× the bare query’s p95 (the detail is GET /partners/:id?with=counts: the record, its metrics and its tab counts)',
  ].join('\n');
  console.log(text);

  await bare.close();
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
