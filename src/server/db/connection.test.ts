/**
 * The database handle's concurrency rules, on the engine under test: a read outside a transaction does not
 * wait for an open write transaction and sees only committed data; reads inside a transaction see its own
 * writes; on SQLite a write queues behind an open transaction instead of joining it; a failed transaction
 * leaves the handle usable; rows come back as objects named by their columns. On PostgreSQL each connection
 * keeps its statements prepared, up to a bound, and prepares a `SELECT *` again when its table changed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineUnderTest, startTestApp, type TestApp } from '../test/harness';
import { openDb, PREPARED_PER_CONNECTION, type Db } from './connection';

let t: TestApp;
let db: Db;
beforeAll(async () => {
  t = await startTestApp();
  db = t.accord.kernel.db;
});
afterAll(async () => t?.close());

const at = '2026-01-01T00:00:00.000Z';
const department = (id: string, name: string) => ({
  id,
  name,
  created_at: at,
  updated_at: at,
  version: 1,
  deleted_at: null,
});
const names = async () =>
  (
    await db
      .selectFrom('departments')
      .select('name')
      .where('name', 'like', 'conn-%')
      .orderBy('name')
      .execute()
  ).map((r) => r.name);

describe('database handle', () => {
  it('answers reads while a write transaction is open, with committed data only', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let insideSaw: string[] = [];
    const tx = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('departments')
        .values(department('00000000-0000-7000-8000-00000000c001', 'conn-a'))
        .execute();
      insideSaw = (
        await trx.selectFrom('departments').select('name').where('name', 'like', 'conn-%').execute()
      ).map((r) => r.name);
      await held;
    });
    // The transaction is open and holds the writer; a read must not wait for it.
    await new Promise((r) => setTimeout(r, 20));
    const outside = await Promise.race([
      names(),
      new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 1_000)),
    ]);
    expect(outside).toEqual([]);
    expect(insideSaw).toEqual(['conn-a']);

    // A lone write queues behind the transaction rather than slipping into it.
    let writeDone = false;
    const write = db
      .insertInto('departments')
      .values(department('00000000-0000-7000-8000-00000000c002', 'conn-b'))
      .execute()
      .then(() => (writeDone = true));
    await new Promise((r) => setTimeout(r, 50));
    release();
    // SQLite has one writer: the write waits; PostgreSQL runs it beside the transaction on another connection.
    expect(writeDone).toBe(t.accord.kernel.engine === 'postgres');
    await tx;
    await write;
    expect(await names()).toEqual(['conn-a', 'conn-b']);
  });

  it('changes its data version when a write commits, from this handle or another, and not on reads', async () => {
    const handle = t.db.handle;
    const versionRows = async () =>
      (await db.selectFrom('departments').select('name').where('name', 'like', 'version-%').execute()).map(
        (r) => r.name,
      );
    // A read leaves the version as it was. On PostgreSQL the version is the cluster's snapshot, which the
    // other test files writing at the same time move on, so a few tries look for a quiet moment; a version
    // that every read moved would fail them all.
    const tries = t.accord.kernel.engine === 'sqlite' ? 1 : 50;
    let v0 = '';
    let unchanged = false;
    for (let i = 0; i < tries && !unchanged; i++) {
      v0 = await handle.dataVersion();
      await versionRows();
      unchanged = (await handle.dataVersion()) === v0;
    }
    expect(unchanged, `a read changed the data version in each of ${tries} tries`).toBe(true);

    await db
      .insertInto('departments')
      .values(department('00000000-0000-7000-8000-00000000c101', 'version-1'))
      .execute();
    const v1 = await handle.dataVersion();
    expect(v1).not.toBe(v0);

    // Another connection (another process would be the same): a transaction that writes, then commits.
    // Whatever the version says while it is open, it must differ once the write is visible.
    const other = openDb(t.db.config.db, { poolSize: 1 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let written!: () => void;
      const wrote = new Promise<void>((r) => (written = r));
      const tx = other.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('departments')
          .values(department('00000000-0000-7000-8000-00000000c102', 'version-2'))
          .execute();
        written();
        await held;
      });
      await wrote;
      const open = await handle.dataVersion();
      expect(await versionRows()).toEqual(['version-1']);
      release();
      await tx;
      expect((await versionRows()).sort()).toEqual(['version-1', 'version-2']);
      const committed = await handle.dataVersion();
      expect(committed).not.toBe(open);
      expect(committed).not.toBe(v1);
    } finally {
      await other.close();
    }
  });

  it('rolls a failed transaction back and stays usable', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('departments')
          .values(department('00000000-0000-7000-8000-00000000c003', 'conn-c'))
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await names()).toEqual(['conn-a', 'conn-b']);
    await db
      .insertInto('departments')
      .values(department('00000000-0000-7000-8000-00000000c004', 'conn-d'))
      .execute();
    expect(await names()).toEqual(['conn-a', 'conn-b', 'conn-d']);
  });

  it('answers rows as objects named by their columns, and sees a column added after a statement was prepared', async () => {
    await sql`CREATE TABLE shape_probe (id integer primary key, label text, amount bigint)`.execute(db);
    await sql`INSERT INTO shape_probe VALUES (1, 'one', 100), (2, NULL, 200)`.execute(db);
    const all = () => sql<Record<string, unknown>>`SELECT * FROM shape_probe ORDER BY id`.execute(db);
    expect((await all()).rows).toEqual([
      { id: 1, label: 'one', amount: 100 },
      { id: 2, label: null, amount: 200 },
    ]);
    const renamed = await sql<Record<string, unknown>>`
      SELECT id AS a, label AS b, amount * 2 AS c, id AS a FROM shape_probe WHERE id = ${2}`.execute(db);
    expect(renamed.rows).toEqual([{ a: 2, b: null, c: 400 }]);
    expect((await sql`SELECT * FROM shape_probe WHERE id = ${3}`.execute(db)).rows).toEqual([]);
    await sql`ALTER TABLE shape_probe ADD COLUMN note text DEFAULT 'n/a'`.execute(db);
    expect((await all()).rows[0]).toEqual({ id: 1, label: 'one', amount: 100, note: 'n/a' });
    await sql`DROP TABLE shape_probe`.execute(db);
  });
});

// PostgreSQL only (the suite runs on both engines): registered there, as backup.test.ts does for its
// cross-engine test, rather than listed as skipped on SQLite.
if (engineUnderTest() === 'postgres')
  describe('prepared statements (PostgreSQL)', () => {
    it('prepares each statement once per connection, runs it again by name, and stops at the bound', async () => {
      // One connection, so every query below runs in the same session.
      const one = openDb(t.db.config.db, { poolSize: 1 });
      try {
        const prepared = async () =>
          (
            await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(one.db)
          ).rows.map((r) => r.statement);
        const marker = async (n: number) =>
          (await sql<{ n: number }>`SELECT ${n}::int AS n, 'prepared-marker' AS tag`.execute(one.db)).rows[0]!
            .n;
        expect(await marker(1)).toBe(1);
        expect(await marker(2)).toBe(2); // the same text, run by name with other values
        const marked = (await prepared()).filter((s) => s.includes('prepared-marker'));
        expect(marked).toHaveLength(1);

        // Past the bound, statements still run (unnamed) and the connection prepares no more.
        for (let i = 0; i < PREPARED_PER_CONNECTION + 5; i++) {
          const r = await sql<{
            v: number;
          }>`SELECT ${i}::int AS ${sql.raw(`v`)}, ${sql.lit(`distinct-${i}`)} AS tag`.execute(one.db);
          expect(r.rows[0]!.v).toBe(i);
        }
        expect((await prepared()).length).toBe(PREPARED_PER_CONNECTION);
        expect(await marker(3)).toBe(3);
      } finally {
        await one.close();
      }
    });

    it('prepares a SELECT * again when a migration changed its table (a rolling deploy)', async () => {
      const one = openDb(t.db.config.db, { poolSize: 1 });
      try {
        await sql`CREATE TABLE replan_probe (id integer primary key, label text)`.execute(one.db);
        await sql`INSERT INTO replan_probe VALUES (1, 'one')`.execute(one.db);
        const all = (on: Db) => sql<Record<string, unknown>>`SELECT * FROM replan_probe`.execute(on);
        expect((await all(one.db)).rows).toEqual([{ id: 1, label: 'one' }]);
        // Another session changes the table; this connection's prepared plan no longer fits.
        await sql`ALTER TABLE replan_probe ADD COLUMN note text DEFAULT 'a'`.execute(db);
        expect((await all(one.db)).rows).toEqual([{ id: 1, label: 'one', note: 'a' }]);
        // Inside a transaction the refused plan aborts it (no silent retry); the next one prepares afresh.
        await sql`ALTER TABLE replan_probe ADD COLUMN extra integer DEFAULT 7`.execute(db);
        const inTransaction = () =>
          one.db
            .transaction()
            .execute((tx) => sql<Record<string, unknown>>`SELECT * FROM replan_probe`.execute(tx));
        await expect(inTransaction()).rejects.toMatchObject({ code: '0A000' });
        expect((await inTransaction()).rows).toEqual([{ id: 1, label: 'one', note: 'a', extra: 7 }]);
      } finally {
        await sql`DROP TABLE IF EXISTS replan_probe`.execute(db);
        await one.close();
      }
    });

    it('prepares nothing when DATABASE_PREPARED_STATEMENTS=false (a pooler in transaction mode)', async () => {
      const config = t.db.config.db;
      if (config.engine !== 'postgres') throw new Error('PostgreSQL only');
      const one = openDb({ ...config, prepare: false }, { poolSize: 1 });
      try {
        for (let i = 0; i < 3; i++) await sql`SELECT ${i}::int AS n`.execute(one.db);
        const prepared = await sql<{
          n: number;
        }>`SELECT COUNT(*)::int AS n FROM pg_prepared_statements`.execute(one.db);
        expect(prepared.rows[0]!.n).toBe(0);
      } finally {
        await one.close();
      }
    });
  });
