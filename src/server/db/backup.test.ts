import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildKernel, type Accord } from '../app';
import { verifyAuditChain } from '../kernel/audit';
import { fixedClock } from '../kernel/clock';
import { SYSTEM_ACTOR } from '../kernel/context';
import { newId } from '../kernel/ids';
import { mutate } from '../kernel/mutation';
import { notify } from '../modules/notifications/service';
import { Client, createTestDb, engineUnderTest, type TestDb } from '../test/harness';
import { backup, restore } from './backup';
import { openDb, type DbHandle } from './connection';
import { listTables } from './dialect';
import { DERIVED_TABLES } from './linkStats';
import { LATEST_MIGRATION, migrateToLatest } from './migrate';
import { DEMO_PASSWORD } from './seed/demoAccounts';
import { seed } from './seed/index';

/** Tables a backup leaves out on purpose: each database keeps its own migration bookkeeping. */
const NOT_BACKED_UP = new Set([
  'accord_migrations',
  'accord_migrations_lock',
  'accord_maintenance',
  ...DERIVED_TABLES,
]);

/** The trigger-kept link figures, in a stable order, to check that a restore recounts them. */
const linkStats = (h: DbHandle) =>
  h.db.selectFrom('link_stats').selectAll().orderBy('event_id').orderBy('status').execute();

const clock = fixedClock('2026-03-02T09:00:00.000Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-test-'));
const file = (name: string) => path.join(dir, name);
let src: TestDb;
let accord: Accord;
const fresh: TestDb[] = [];
/** The database the first test restores into; later tests restore over it with force. */
let restored: TestDb;
/** An empty database that the refusal tests check stays empty. */
let spare: TestDb;

/** A fresh, migrated, empty database on the engine under test. */
async function emptyDb(): Promise<TestDb> {
  const db = await createTestDb();
  fresh.push(db);
  return db;
}

type Snapshot = Record<string, Record<string, unknown>[]>;

/** Every row of every table, in an order that does not depend on the engine's collation. */
async function snapshot(h: DbHandle): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const table of await listTables(h.db, h.engine)) {
    if (NOT_BACKED_UP.has(table)) continue;
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(h.db)).rows;
    out[table] = rows
      .map((r) => ({ key: JSON.stringify(r), r }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((x) => x.r);
  }
  return out;
}

beforeAll(async () => {
  src = await createTestDb();
  accord = await buildApp({ config: src.config, handle: src.handle, clock, webRoot: null });
  await accord.app.ready();
  await seed(accord.kernel, 'small');

  // Traffic that fills the remaining tables: sessions, throttles, tokens, resets, jobs, events.
  const client = new Client(accord);
  const bad = await client.post('/api/v1/auth/login', {
    email: 'admin@demo.accord.test',
    password: 'wrong-password',
  });
  expect(bad.status).toBe(401);
  const login = await client.post('/api/v1/auth/login', {
    email: 'admin@demo.accord.test',
    password: DEMO_PASSWORD,
  });
  expect(login.status, login.text).toBe(200);
  client.csrf = login.body.session.csrfToken;
  expect((await client.post('/api/v1/me/tokens', { name: 'Backup test token' })).status).toBe(201);
  const roles = (await client.get('/api/v1/roles')).body.items as { id: string; key: string }[];
  const depts = (await client.get('/api/v1/departments')).body.items as { id: string }[];
  const created = await client.post('/api/v1/users', {
    email: 'zoe.angstrom@example.com',
    name: 'Zoë "Zed" Ångström — 北京 🚀',
    roleId: roles.find((r) => r.key === 'finance')!.id,
    departmentId: depts[0]!.id,
    password: 'a-long-password',
  });
  expect(created.status, created.text).toBe(201);
  expect((await client.post('/api/v1/auth/password-reset', { email: 'ceo@demo.accord.test' })).status).toBe(
    202,
  );
  await notify(accord.kernel.db, clock.now().toISOString(), [
    {
      userId: created.body.id,
      kind: 'test',
      title: 'Line one\nline two',
      body: 'Quotes " and \\ backslashes, tabs\tand emoji 🎉',
      link: null,
    },
  ]);
  await accord.kernel.jobs.tick(); // dispatches the outbox: a finished job
  await accord.kernel.jobs.enqueue(
    'report.later',
    { big: 2 ** 40, nested: { list: [1, 'two', null] } },
    {
      runAt: new Date('2026-12-31T23:00:00Z'),
      dedupeKey: 'report:2026',
    },
  );
  await accord.kernel.jobs.upsertSchedule({
    name: 'backup-test',
    cron: '0 8 * * 1',
    timeZone: 'America/Toronto',
    jobName: 'report.later',
  });
  // An uploaded file: every byte value, which only survives a text format when encoded.
  const document = await accord.kernel.db.selectFrom('documents').select('id').executeTakeFirstOrThrow();
  const bytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));
  await accord.kernel.db
    .insertInto('document_files')
    .values({
      document_id: document.id,
      content: bytes,
      sha256: 'f'.repeat(64),
      created_at: clock.now().toISOString(),
    })
    .execute();
  const user = created.body.id as string;
  await accord.kernel.db
    .insertInto('recovery_codes')
    .values({ id: newId(), user_id: user, code_hash: 'x'.repeat(64), used_at: null })
    .execute();
});

afterAll(async () => {
  await accord?.close();
  await src?.drop();
  for (const db of fresh) await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores a plain backup into an empty database with every row of every table exactly', async () => {
    const before = await snapshot(src.handle);
    for (const table of [
      'departments',
      'roles',
      'users',
      'sessions',
      'api_tokens',
      'login_throttle',
      'password_resets',
      'recovery_codes',
      'audit_log',
      'outbox',
      'jobs',
      'schedules',
      'notifications',
      'settings',
      'documents',
      'document_files',
    ])
      expect(before[table]?.length, `${table} has rows to compare`).toBeGreaterThan(0);
    const totalRows = Object.values(before).reduce((n, rows) => n + rows.length, 0);

    const out = file('plain.jsonl');
    expect(await backup(src.handle, out)).toEqual({ tables: Object.keys(before).length, rows: totalRows });
    const header = JSON.parse(fs.readFileSync(out, 'utf8').split('\n')[0]!);
    expect(header).toMatchObject({ format: 'accord-backup', version: 1, migration: LATEST_MIGRATION });
    expect([...header.tables].sort()).toEqual(Object.keys(before).sort());

    const dst = (restored = await emptyDb());
    const lines: string[] = [];
    expect(await restore(dst.handle, out, {}, (l) => lines.push(l))).toEqual({
      tables: Object.keys(before).length,
      rows: totalRows,
    });
    expect(lines).toContain(`restore: users ${before.users!.length} rows`);
    expect(await snapshot(dst.handle)).toEqual(before);
    // Derived figures are not in the file; the restore recounts them to what the source had.
    expect(header.tables).not.toContain('link_stats');
    const stats = await linkStats(src.handle);
    expect(stats.length).toBeGreaterThan(0);
    expect(await linkStats(dst.handle)).toEqual(stats);
    const chain = await verifyAuditChain(dst.handle.db);
    expect(chain).toMatchObject({ ok: true, checked: before.audit_log!.length });

    // The restored database goes on where the original stopped: sequences, chain and all.
    const { kernel } = buildKernel(dst.config, dst.handle, clock);
    await mutate(kernel, SYSTEM_ACTOR, async (m) => {
      const id = newId();
      await m.tx
        .insertInto('departments')
        .values({
          id,
          name: 'After restore',
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
        })
        .execute();
      m.audit({ entity: 'department', entityId: id, action: 'create', after: { name: 'After restore' } });
      m.emit({ type: 'department.created', entity: 'department', entityId: id });
    });
    const maxSeq = (rows: Record<string, unknown>[]) => Math.max(...rows.map((r) => Number(r.seq)));
    const lastAudit = await dst.handle.db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(Number(lastAudit.seq)).toBe(maxSeq(before.audit_log!) + 1);
    const lastEvent = await dst.handle.db
      .selectFrom('outbox')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(Number(lastEvent.seq)).toBe(maxSeq(before.outbox!) + 1);
    expect(await verifyAuditChain(dst.handle.db)).toMatchObject({
      ok: true,
      checked: before.audit_log!.length + 1,
    });
  });

  it('round-trips a gzip backup the same way', async () => {
    const before = await snapshot(src.handle);
    const out = file('compressed.jsonl.gz');
    await backup(src.handle, out);
    const bytes = fs.readFileSync(out);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(gunzipSync(bytes).toString('utf8').split('\n')[0]!).format).toBe('accord-backup');
    const dst = await emptyDb();
    await restore(dst.handle, out);
    expect(await snapshot(dst.handle)).toEqual(before);
    expect((await verifyAuditChain(dst.handle.db)).ok).toBe(true);
  });

  it('backs up a freshly migrated, empty database and restores it', async () => {
    spare = await emptyDb();
    const out = file('empty.jsonl');
    expect(await backup(spare.handle, out)).toMatchObject({ rows: 0 });
    expect(await restore(spare.handle, out)).toMatchObject({ rows: 0 });
    expect(Object.values(await snapshot(spare.handle)).every((rows) => rows.length === 0)).toBe(true);
  });

  it('says so when the backup cannot be written, and leaves no file behind', async () => {
    const out = file('no-such-folder/backup.jsonl');
    await expect(backup(src.handle, out)).rejects.toThrow(/no-such-folder/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a database that is not empty unless forced, then replaces everything', async () => {
    const out = file('plain.jsonl');
    const before = await snapshot(src.handle);
    await expect(restore(src.handle, out)).rejects.toThrow(
      /^The database is not empty \(table \w+ has rows\)\. Restore into an empty database, or pass --force to replace everything\.$/,
    );
    expect(await snapshot(src.handle)).toEqual(before);

    const dst = restored;
    await dst.handle.db
      .insertInto('departments')
      .values({
        id: newId(),
        name: 'Only in the target',
        created_at: clock.now().toISOString(),
        updated_at: clock.now().toISOString(),
        version: 1,
        deleted_at: null,
      })
      .execute();
    await restore(dst.handle, out, { force: true });
    const after = await snapshot(dst.handle);
    expect(after).toEqual(before);
    expect((await verifyAuditChain(dst.handle.db)).ok).toBe(true);
  });

  it('refuses files that are not Accord backups, with a clear message', async () => {
    const dst = spare;
    const cases: [string, string | Buffer, RegExp][] = [
      ['notes.txt', 'Dear diary,\nnot a backup\n', /notes\.txt is not an Accord backup/],
      ['empty.json', '', /empty\.json is not an Accord backup/],
      ['null.json', 'null\n', /null\.json is not an Accord backup/],
      ['other.json', '{"format":"something-else"}\n', /other\.json is not an Accord backup/],
      ['array.json', '[1,2,3]\n', /array\.json is not an Accord backup/],
      [
        'plain-text.gz',
        'this was never compressed\n',
        /plain-text\.gz is not an Accord backup \(it is not gzip-compressed\)/,
      ],
      ['pdf.gz', gzipSync(Buffer.from('%PDF-1.7\n')), /pdf\.gz is not an Accord backup/],
    ];
    for (const [name, content, message] of cases) {
      fs.writeFileSync(file(name), content);
      await expect(restore(dst.handle, file(name)), name).rejects.toThrow(message);
    }
    await expect(restore(dst.handle, file('missing.jsonl'))).rejects.toThrow(
      `There is no backup file at ${file('missing.jsonl')}.`,
    );
    expect(Object.values(await snapshot(dst.handle)).every((rows) => rows.length === 0)).toBe(true);
  });

  it('refuses a backup taken at another schema version', async () => {
    const lines = fs.readFileSync(file('plain.jsonl'), 'utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    lines[0] = JSON.stringify({ ...header, migration: '0000_older' });
    fs.writeFileSync(file('older.jsonl'), lines.join('\n'));
    const dst = spare;
    await expect(restore(dst.handle, file('older.jsonl'))).rejects.toThrow(
      `The backup was taken at schema 0000_older; this Accord is at ${LATEST_MIGRATION}. Restore it with the matching Accord version, then upgrade.`,
    );
    expect(Object.values(await snapshot(dst.handle)).every((rows) => rows.length === 0)).toBe(true);
  });

  it('leaves the target unchanged when a restore fails part-way', async () => {
    const good = fs.readFileSync(file('plain.jsonl'), 'utf8').split('\n');
    const dst = restored;
    // Make the target differ from the backup, so a half-applied restore would show.
    const { kernel } = buildKernel(dst.config, dst.handle, clock);
    await mutate(kernel, SYSTEM_ACTOR, async (m) => {
      const id = newId();
      await m.tx
        .insertInto('departments')
        .values({ id, name: 'Target only', created_at: m.at, updated_at: m.at, version: 1, deleted_at: null })
        .execute();
      m.audit({ entity: 'department', entityId: id, action: 'create', after: { name: 'Target only' } });
    });
    const before = await snapshot(dst.handle);

    // A damaged line after some tables went in.
    const userRow = good.findIndex((l) => l.includes('"email":"admin@demo.accord.test"'));
    expect(userRow).toBeGreaterThan(0);
    const damaged = [...good];
    damaged[userRow + 1] = damaged[userRow + 1]!.slice(0, 25);
    fs.writeFileSync(file('damaged.jsonl'), damaged.join('\n'));
    await expect(restore(dst.handle, file('damaged.jsonl'), { force: true })).rejects.toThrow(
      `The backup is damaged at line ${userRow + 2}`,
    );
    expect(await snapshot(dst.handle)).toEqual(before);

    // A row the database refuses (a user whose role does not exist).
    const orphan = [...good];
    const row = JSON.parse(orphan[userRow]!);
    row.row.role_id = newId();
    orphan[userRow] = JSON.stringify(row);
    fs.writeFileSync(file('orphan.jsonl'), orphan.join('\n'));
    await expect(restore(dst.handle, file('orphan.jsonl'), { force: true })).rejects.toThrow();
    expect(await snapshot(dst.handle)).toEqual(before);

    // A compressed backup cut off in the middle.
    const gz = fs.readFileSync(file('compressed.jsonl.gz'));
    fs.writeFileSync(file('cut.jsonl.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    await expect(restore(dst.handle, file('cut.jsonl.gz'), { force: true })).rejects.toThrow(
      /cut\.jsonl\.gz/,
    );
    expect(await snapshot(dst.handle)).toEqual(before);
    expect((await verifyAuditChain(dst.handle.db)).ok).toBe(true);
  });

  it('takes a consistent snapshot while other connections keep writing', async () => {
    // A second connection writes departments with their audit rows for as long as the backup runs.
    const writerHandle = openDb(src.config.db, { poolSize: 2 });
    const { kernel: writer } = buildKernel(src.config, writerHandle, clock);
    let writing = true;
    let written = 0;
    const loop = (async () => {
      while (writing) {
        await mutate(writer, SYSTEM_ACTOR, async (m) => {
          const id = newId();
          const name = `Concurrent ${written}`;
          await m.tx
            .insertInto('departments')
            .values({ id, name, created_at: m.at, updated_at: m.at, version: 1, deleted_at: null })
            .execute();
          m.audit({ entity: 'department', entityId: id, action: 'create', after: { name } });
        });
        written++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      while (written < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      await backup(src.handle, file('busy.jsonl'));
    } finally {
      writing = false;
      await loop;
      await writerHandle.close();
    }
    const dst = restored;
    await restore(dst.handle, file('busy.jsonl'), { force: true });
    const depts = new Set(
      (await dst.handle.db.selectFrom('departments').select('id').execute()).map((d) => d.id),
    );
    const audited = new Set(
      (
        await dst.handle.db
          .selectFrom('audit_log')
          .select('entity_id')
          .where('entity', '=', 'department')
          .where('action', '=', 'create')
          .execute()
      ).map((a) => a.entity_id),
    );
    expect([...audited].filter((id) => !depts.has(id))).toEqual([]);
    expect([...depts].filter((id) => !audited.has(id))).toEqual([]);
    expect((await verifyAuditChain(dst.handle.db)).ok).toBe(true);
  });
});

/** A migrated SQLite database in the test folder, whatever engine the suite runs on. */
async function sqliteDb(name: string): Promise<DbHandle> {
  const handle = openDb({ engine: 'sqlite', file: file(`${name}.db`) });
  await migrateToLatest(handle);
  return handle;
}

if (engineUnderTest() === 'postgres') {
  describe('across engines', () => {
    it('restores a PostgreSQL backup on SQLite and that SQLite backup on PostgreSQL, row for row', async () => {
      const before = await snapshot(src.handle);
      await backup(src.handle, file('from-postgres.jsonl.gz'));
      const lite = await sqliteDb('cross');
      try {
        await restore(lite, file('from-postgres.jsonl.gz'));
        expect(await snapshot(lite)).toEqual(before);
        expect((await verifyAuditChain(lite.db)).ok).toBe(true);
        await backup(lite, file('from-sqlite.jsonl'));
      } finally {
        await lite.close();
      }
      const header = JSON.parse(fs.readFileSync(file('from-sqlite.jsonl'), 'utf8').split('\n')[0]!);
      expect(header.engine).toBe('sqlite');
      const pgAgain = await emptyDb();
      await restore(pgAgain.handle, file('from-sqlite.jsonl'));
      expect(await snapshot(pgAgain.handle)).toEqual(before);
      expect((await verifyAuditChain(pgAgain.handle.db)).ok).toBe(true);
    });
  });
}
