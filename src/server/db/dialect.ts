/**
 * Every piece of dialect-specific SQL lives here, each with its SQLite and PostgreSQL variant side by
 * side (rule 8 of ARCHITECTURE.md). Everything else is portable Kysely.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { Engine, Executor } from './connection';

/** An auto-incrementing 64-bit sequence column, used for append-only logs. */
export function seqColumn(engine: Engine): {
  type: 'integer' | 'bigserial';
  build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
} {
  return engine === 'sqlite'
    ? { type: 'integer', build: (c) => c.primaryKey().autoIncrement() }
    : { type: 'bigserial', build: (c) => c.primaryKey() };
}

/** Triggers that refuse UPDATE and DELETE on a table, so it can only grow. */
export async function makeAppendOnly(db: Kysely<unknown>, engine: Engine, table: string): Promise<void> {
  const message = `${table} is append-only`;
  if (engine === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER IF NOT EXISTS ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
            `WHEN (SELECT count(*) FROM accord_maintenance) = 0 BEGIN SELECT RAISE(ABORT, '${message}'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$ BEGIN ` +
        `IF current_setting('accord.maintenance', true) = 'on' THEN RETURN COALESCE(NEW, OLD); END IF; ` +
        `RAISE EXCEPTION '${message}'; END $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} ` +
        `FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
    )
    .execute(db);
}

/**
 * PostgreSQL's TRUNCATE skips row triggers, so an append-only table also needs a statement trigger that
 * refuses it (the same function decides, so maintenance lifts it too). SQLite has no TRUNCATE. Call it after
 * makeAppendOnly for every append-only table.
 */
export async function refuseTruncate(db: Kysely<unknown>, engine: Engine, table: string): Promise<void> {
  if (engine !== 'postgres') return;
  await sql
    .raw(
      `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} ` +
        `FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
    )
    .execute(db);
}

/**
 * Maintenance mode lifts the append-only guard inside one transaction, for `accord restore` only.
 * SQLite has no session variables, so a one-row marker table plays that part within the transaction.
 */
export async function enterMaintenance(tx: Executor, engine: Engine): Promise<void> {
  if (engine === 'sqlite')
    await sql`INSERT INTO accord_maintenance (on_since) VALUES (${new Date().toISOString()})`.execute(tx);
  else await sql`SELECT set_config('accord.maintenance', 'on', true)`.execute(tx);
}
export async function leaveMaintenance(tx: Executor, engine: Engine): Promise<void> {
  if (engine === 'sqlite') await sql`DELETE FROM accord_maintenance`.execute(tx);
  else await sql`SELECT set_config('accord.maintenance', 'off', true)`.execute(tx);
}

/**
 * Serialises writers of a hash chain. PostgreSQL: a transaction-scoped advisory lock. SQLite: writes are
 * already serialised by the database file's write lock, so nothing is needed.
 */
export async function lockChain(tx: Executor, engine: Engine, key: number): Promise<void> {
  if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${key})`.execute(tx);
}

/**
 * Claims up to `limit` due jobs for `worker` with a lease, atomically. PostgreSQL: `FOR UPDATE SKIP LOCKED`
 * so concurrent workers never pick the same row. SQLite: one UPDATE … RETURNING statement, which the
 * file's write lock makes atomic across processes.
 */
export function claimJobsSql(
  engine: Engine,
  args: { now: string; leaseUntil: string; worker: string; limit: number; names: string[] },
): RawBuilder<{ id: string }> {
  const names = sql.join(args.names.map((n) => sql`${n}`));
  if (engine === 'postgres') {
    return sql<{ id: string }>`
      UPDATE jobs SET status = 'running', locked_by = ${args.worker}, lease_until = ${args.leaseUntil},
        attempts = attempts + 1, updated_at = ${args.now}
      WHERE id IN (
        SELECT id FROM jobs
        WHERE ((status = 'queued' AND run_at <= ${args.now}) OR (status = 'running' AND lease_until < ${args.now}))
          AND name IN (${names})
        ORDER BY run_at, id
        LIMIT ${args.limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id`;
  }
  return sql<{ id: string }>`
    UPDATE jobs SET status = 'running', locked_by = ${args.worker}, lease_until = ${args.leaseUntil},
      attempts = attempts + 1, updated_at = ${args.now}
    WHERE id IN (
      SELECT id FROM jobs
      WHERE ((status = 'queued' AND run_at <= ${args.now}) OR (status = 'running' AND lease_until < ${args.now}))
        AND name IN (${names})
      ORDER BY run_at, id
      LIMIT ${args.limit})
    RETURNING id`;
}

/** Text matched literally inside a LIKE pattern written with `ESCAPE '\\'`. */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => '\\' + c);

/** Case-insensitive "contains" match. */
export function ilike(engine: Engine, column: string, needle: string): RawBuilder<boolean> {
  const pattern = `%${likeLiteral(needle)}%`;
  return engine === 'postgres'
    ? sql<boolean>`${sql.ref(column)} ILIKE ${pattern} ESCAPE '\\'`
    : sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`; // SQLite LIKE is case-insensitive for ASCII
}

/**
 * Whether "the first rows in order for each of these keys" has to be spelled out as a LATERAL join per key.
 * PostgreSQL reads every row matching `key IN (…)` and sorts them all; SQLite reads an index led by the key
 * once per key and stops each read early by itself (and has no LATERAL).
 */
export const needsLateralPerKey = (engine: Engine): boolean => engine === 'postgres';

/** Lists the application's tables (for backup/restore). */
export async function listTables(db: Executor, engine: Engine): Promise<string[]> {
  if (engine === 'sqlite') {
    const r = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(
      db,
    );
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{
    name: string;
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
    db,
  );
  return r.rows.map((x) => x.name);
}

/** The column that orders a table's rows for reading them in pages: its primary key, else its first column. */
export async function keyColumn(db: Executor, engine: Engine, table: string): Promise<string> {
  if (engine === 'sqlite') {
    const r = await sql<{
      name: string;
      pk: number;
    }>`SELECT name, pk FROM pragma_table_info(${table}) ORDER BY pk = 0, pk, cid LIMIT 1`.execute(db);
    return r.rows[0]!.name;
  }
  const pk = await sql<{ name: string }>`
    SELECT a.attname AS name FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
    WHERE i.indrelid = to_regclass(${table}) AND i.indisprimary`.execute(db);
  if (pk.rows[0]) return pk.rows[0].name;
  const r = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}
    ORDER BY ordinal_position LIMIT 1`.execute(db);
  return r.rows[0]!.name;
}

/** After inserting explicit values into a sequence column, move the sequence past them (PostgreSQL only). */
export async function resetSequence(
  db: Executor,
  engine: Engine,
  table: string,
  column: string,
): Promise<void> {
  if (engine === 'postgres') {
    await sql
      .raw(
        `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), COALESCE((SELECT MAX(${column}) FROM ${table}), 0) + 1, false)`,
      )
      .execute(db);
  }
}

/** True when the error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string } | null;
  return (
    err?.code === '23505' ||
    err?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
/** True when the error is a foreign-key violation, on either engine. */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string } | null;
  return err?.code === '23503' || err?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** The tables each table refers to by foreign key (for ordering a restore). */
export async function foreignKeyParents(db: Executor, engine: Engine, table: string): Promise<string[]> {
  if (engine === 'sqlite') {
    const r = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_list(${table})`.execute(db);
    return [...new Set(r.rows.map((x) => x.table))];
  }
  const r = await sql<{ parent: string }>`
    SELECT DISTINCT ccu.table_name AS parent
    FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.constraint_schema = tc.constraint_schema
    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = ${table}`.execute(
    db,
  );
  return r.rows.map((x) => x.parent);
}

/** The column type for raw bytes. */
export function binaryType(engine: Engine): 'blob' | 'bytea' {
  return engine === 'sqlite' ? 'blob' : 'bytea';
}
