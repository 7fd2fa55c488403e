/**
 * Email sync throughput: 20k messages (INBOX and Sent) from a local IMAP server (its own process) into a
 * database of 50k partners with a contact each, through the real sync (fetch in chunks, parse, match by
 * address and domain, file communications with audit rows, advance the cursor). Beside it, in the same
 * run and against the same server: a bare IMAP fetch of the same messages in the same chunks (no parsing,
 * no database). Figures: messages per second and peak memory (RSS) of each phase.
 * BENCH_SCALE=0.1 for a tenth; PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openDb } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { ensureSystemRoles } from '../src/server/db/seed/index';
import { Rng } from '../src/server/db/seed/random';
import { newId } from '../src/server/kernel/ids';
import { FETCH_CHUNK, ImapSession } from '../src/server/modules/mailboxes/imap';
import { MailSync } from '../src/server/modules/mailboxes/sync';
import { bulkWriter, uuid7, type Cell } from './bulkWrite';
import { BENCH_MAILBOX } from './mailSyncServer';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const MESSAGES = Math.max(200, Math.round(20_000 * scale));
const PARTNERS = Math.max(1_000, Math.round(50_000 * scale));

/** Samples RSS while `work` runs; answers its peak above the level when it started. */
async function measured<T>(work: () => Promise<T>) {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const value = await work();
    return {
      value,
      seconds: (performance.now() - started) / 1000,
      peakMb: peak / 1e6,
      growthMb: (peak - base) / 1e6,
    };
  } finally {
    clearInterval(timer);
  }
}

async function startServer(): Promise<{ port: number; child: ChildProcess }> {
  // node itself (not npx), so killing the child stops the server.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/mailSyncServer.ts', String(MESSAGES), String(PARTNERS)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', (code) => reject(new Error(`the IMAP server exited (${code})`)));
  });
  return { port, child };
}

async function benchEngine(engine: 'sqlite' | 'postgres', port: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-mail-'));
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const schema = `bench_mail_${process.pid}`;
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
  const accord = await buildApp({ config, handle, webRoot: null });
  await ensureSystemRoles(accord.kernel);
  const k = accord.kernel;
  try {
    const at = new Date().toISOString();
    const role = await k.db
      .selectFrom('roles')
      .select('id')
      .where('key', '=', 'admin')
      .executeTakeFirstOrThrow();
    const ownerId = newId();
    await k.db
      .insertInto('users')
      .values({
        id: ownerId,
        email: 'owner@bench.accord.test',
        name: 'Bench Owner',
        department_id: null,
        role_id: role.id,
        password_hash: 'x',
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
      })
      .execute();

    // 50k partners, each with its address, website and domains, and one contact.
    const loadStarted = Date.now();
    const rng = new Rng(20260301);
    const writer = bulkWriter(config, handle);
    for (let from = 0; from < PARTNERS; from += 10_000) {
      const orgs: Cell[][] = [];
      const people: Cell[][] = [];
      for (let i = from; i < Math.min(PARTNERS, from + 10_000); i++) {
        const ms = Date.now() - i * 1000;
        const id = uuid7(ms, rng);
        const domain = `partner${i}.example`;
        orgs.push([
          id,
          `Partner ${i}`,
          `partner${i}`,
          `hello@${domain}`,
          domain,
          `https://${domain}`,
          domain,
          at,
          at,
        ]);
        people.push([uuid7(ms + 1, rng), id, 'Pat', `Contact ${i}`, `p0@${domain}`, at, at]);
      }
      await writer.write(
        {
          table: 'organizations',
          columns: [
            ['id', 'text'],
            ['name', 'text'],
            ['name_key', 'text'],
            ['email', 'text'],
            ['email_domain', 'text'],
            ['website', 'text'],
            ['website_domain', 'text'],
            ['created_at', 'text'],
            ['updated_at', 'text'],
          ],
        },
        orgs,
      );
      await writer.write(
        {
          table: 'contacts',
          columns: [
            ['id', 'text'],
            ['organization_id', 'text'],
            ['first_name', 'text'],
            ['last_name', 'text'],
            ['email', 'text'],
            ['created_at', 'text'],
            ['updated_at', 'text'],
          ],
        },
        people,
      );
    }
    await writer.close();
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    const mailboxId = newId();
    await k.db
      .insertInto('mailboxes')
      .values({
        id: mailboxId,
        owner_id: ownerId,
        kind: 'imap',
        email: BENCH_MAILBOX.user,
        label: 'Bench',
        enabled: 1,
        imap_host: '127.0.0.1',
        imap_port: port,
        imap_tls: 0,
        imap_user: BENCH_MAILBOX.user,
        imap_auth: 'password',
        imap_secret: k.secrets.seal(BENCH_MAILBOX.password),
        smtp_host: '',
        smtp_port: 465,
        smtp_tls: 1,
        smtp_user: '',
        smtp_secret: null,
        ingest_secret: null,
        sync_since: null,
        last_attempt_at: null,
        last_success_at: null,
        last_error: null,
        last_error_at: null,
        last_status_code: null,
        failure_count: 0,
        failure_notified_at: null,
        next_sync_at: '9999-12-31T00:00:00.000Z', // the benchmark runs the sync itself
        last_job_id: null,
        last_run: null,
        recent_errors: '[]',
        duplicates_total: 0,
        malformed_total: 0,
        created_at: at,
        updated_at: at,
        version: 1,
        updated_by: null,
      })
      .execute();

    // Bare: the same folders, UIDs, chunks and FETCH items, nothing done with what arrives.
    const bare = await measured(async () => {
      const session = await ImapSession.open({
        host: '127.0.0.1',
        port,
        tls: false,
        user: BENCH_MAILBOX.user,
        auth: 'password',
        secret: BENCH_MAILBOX.password,
      });
      let n = 0;
      let bytes = 0;
      try {
        for (const folder of (await session.folders()).sync) {
          const { uids } = await session.newUids(folder.path, 0, null);
          for (let i = 0; i < uids.length; i += FETCH_CHUNK)
            for (const m of await session.fetchChunk(uids.slice(i, i + FETCH_CHUNK))) {
              n++;
              bytes += m.source?.length ?? 0;
            }
        }
      } finally {
        await session.close();
      }
      return { n, bytes };
    });
    const synced = await measured(() => new MailSync(k).run(mailboxId));
    const r = synced.value;
    if (r.status !== 'ok') throw new Error(`the sync failed: ${r.error}`);
    if (r.received !== MESSAGES || bare.value.n !== MESSAGES)
      throw new Error(
        `expected ${MESSAGES} messages, the sync saw ${r.received} and the bare fetch ${bare.value.n}`,
      );
    const comms = await k.db
      .selectFrom('communications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const rows = [
      ['bare IMAP fetch', MESSAGES, bare.seconds, bare.peakMb, bare.growthMb],
      ['sync (parse, match, file)', MESSAGES, synced.seconds, synced.peakMb, synced.growthMb],
    ] as const;
    const text = [
      `\n## Email sync, ${engine}: ${MESSAGES.toLocaleString()} messages into ${PARTNERS.toLocaleString()} partners`,
      `(partners loaded in ${loadSeconds.toFixed(1)} s; ${(bare.value.bytes / 1e6).toFixed(1)} MB fetched)`,
      '| phase | messages | seconds | messages/s | peak RSS MB | RSS growth MB |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map(
        ([name, n, s, peak, growth]) =>
          `| ${name} | ${n} | ${s.toFixed(2)} | ${(n / s).toFixed(0)} | ${peak.toFixed(0)} | ${growth.toFixed(0)} |`,
      ),
      `sync / bare: ${(synced.seconds / bare.seconds).toFixed(2)}× the time. Outcome: imported ${r.imported} communications` +
        ` (${Number(comms.n)} rows), ${r.unmatched} unmatched, ${r.duplicates} duplicates, ${r.skipped} skipped.`,
    ].join('\n');
    console.log(text);
    return text;
  } finally {
    await accord.close();
    await handle.close();
    if (engine === 'postgres') await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<string[]> {
  const { port, child } = await startServer();
  try {
    const out = [await benchEngine('sqlite', port)];
    if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)
      out.push(await benchEngine('postgres', port));
    return out;
  } finally {
    child.kill('SIGTERM');
  }
}
