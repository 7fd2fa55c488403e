/** The Kysely instance: SQLite (better-sqlite3, WAL) by default, PostgreSQL (pg) when DATABASE_URL says so. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type DatabaseConnection,
  type Dialect,
  type PostgresPool,
  type PostgresPoolClient,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
import type { DbConfig } from '../config';
import type { Database } from './types';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type Executor = Db | Tx;
export type Engine = DbConfig['engine'];

// bigint (COUNT, SUM, money) comes back as a JS number; amounts stay far below 2^53 minor units.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** A prepared statement and, for one that returns rows, the names of its columns (in order). */
interface Prepared {
  stmt: SQLite.Statement;
  columns: string[] | null;
}

/**
 * better-sqlite3 prepares a statement for every query Kysely runs, which costs more than running most of
 * them. Statements are reused by SQL text (bounded); this is safe because better-sqlite3 runs each one to
 * completion synchronously. Statements that return rows run in raw mode (arrays): better-sqlite3 builds
 * each row object key by key in C++, which took 2–3× as long as the arrays plus the loop in `run`
 * (200 events × 11 columns: 1.17 → 0.77 ms; 440 figure rows: 5.3 → 2.2 ms).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, Prepared>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): Prepared {
      let p = cache.get(sql);
      if (p) {
        cache.delete(sql);
      } else {
        const stmt = sqlite.prepare(sql);
        p = {
          stmt,
          columns: stmt.reader
            ? stmt
                .raw(true)
                .columns()
                .map((c) => c.name)
            : null,
        };
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, p);
      return p;
    },
  };
}

type CachedDb = ReturnType<typeof withStatementCache>;

function run(db: CachedDb, query: CompiledQuery): QueryResult<unknown> {
  const prepared = db.prepare(query.sql);
  const { stmt } = prepared;
  const params = query.parameters as unknown[];
  if (prepared.columns) {
    const rows = stmt.all(params) as unknown[][] as unknown[];
    // A `SELECT *` prepared before a migration added a column answers with one more: names read again.
    if (rows.length && (rows[0] as unknown[]).length !== prepared.columns.length)
      prepared.columns = stmt.columns().map((c) => c.name);
    const columns = prepared.columns;
    for (let i = 0; i < rows.length; i++) {
      const values = rows[i] as unknown[];
      const row: Record<string, unknown> = {};
      for (let c = 0; c < columns.length; c++) row[columns[c]!] = values[c];
      rows[i] = row;
    }
    return { rows };
  }
  const { changes, lastInsertRowid } = stmt.run(params);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

/** One writer at a time: a transaction holds it from BEGIN to COMMIT / ROLLBACK, a lone write for its run. */
class WriterLock {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;
  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
  }
  unlock(): void {
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }
}

/**
 * A connection handed to Kysely: SELECTs outside a transaction run on the reader, everything else on the
 * writer under the writer lock (a transaction keeps it until it ends).
 */
class RoutedConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(private readonly driver: SplitSqliteDriver) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { writer, reader, writerLock } = this.driver;
    if (this.inTransaction) return run(writer, query) as QueryResult<R>;
    if (SelectQueryNode.is(query.query)) return run(reader, query) as QueryResult<R>;
    await writerLock.lock();
    try {
      return run(writer, query) as QueryResult<R>;
    } finally {
      writerLock.unlock();
    }
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on SQLite; page with keyset queries instead.');
  }
}

/**
 * SQLite with two connections to the same WAL file: a writer and a read-only reader. Kysely's own SQLite
 * driver has one connection behind a mutex, so a page read waited for any open transaction — an import's
 * batch, a bulk change — to commit. In WAL mode a reader sees the last committed state while a write
 * transaction is open, so reads outside transactions no longer wait for writers. Reads inside a transaction
 * stay on the writer and see its own changes.
 */
class SplitSqliteDriver implements Driver {
  readonly writerLock = new WriterLock();
  constructor(
    readonly writer: CachedDb,
    readonly reader: CachedDb,
  ) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as RoutedConnection;
    await this.writerLock.lock();
    try {
      run(this.writer, CompiledQuery.raw('begin'));
    } catch (err) {
      this.writerLock.unlock();
      throw err;
    }
    c.inTransaction = true;
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.end(connection as RoutedConnection, 'commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.end(connection as RoutedConnection, 'rollback');
  }
  private async end(c: RoutedConnection, how: 'commit' | 'rollback'): Promise<void> {
    if (!c.inTransaction) return;
    try {
      run(this.writer, CompiledQuery.raw(how));
    } catch (err) {
      // A failed COMMIT leaves the transaction open; roll it back so the writer is usable again.
      if (how === 'commit') run(this.writer, CompiledQuery.raw('rollback'));
      throw err;
    } finally {
      c.inTransaction = false;
      this.writerLock.unlock();
    }
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as RoutedConnection;
    if (c.inTransaction) await this.end(c, 'rollback');
  }
  async destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }
}

function splitSqliteDialect(writer: CachedDb, reader: CachedDb): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new SplitSqliteDriver(writer, reader),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

export interface DbHandle {
  db: Db;
  engine: Engine;
  /**
   * A token that changes whenever a transaction that could change what a read sees commits, from this
   * process or any other: equal tokens read before and after a computation mean it saw one unchanged state,
   * so its result holds for as long as the token stays the same. Asked outside any transaction.
   */
  dataVersion(): Promise<string>;
  /** Closes the pool / file. */
  close(): Promise<void>;
}

export function openDb(config: DbConfig, opts: { poolSize?: number } = {}): DbHandle {
  if (config.engine === 'sqlite') {
    fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const reader = new SQLite(config.file);
    reader.pragma('busy_timeout = 5000');
    reader.pragma('query_only = ON');
    const db = new Kysely<Database>({
      dialect: splitSqliteDialect(withStatementCache(sqlite), withStatementCache(reader)),
    });
    // Asked on the reader: it changes when another connection (the writer, another process) commits.
    const version = reader.prepare('PRAGMA data_version').pluck();
    return {
      db,
      engine: 'sqlite',
      dataVersion: async () => String(version.get()),
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: opts.poolSize ?? 10,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: config.prepare ? preparingPool(pool) : pool }),
  });
  return {
    db,
    engine: 'postgres',
    dataVersion: async () =>
      (await sql<{ s: string }>`SELECT ${PG_DATA_VERSION} AS s`.execute(db)).rows[0]!.s,
    close: () => db.destroy(),
  };
}

/**
 * PostgreSQL's data version (DbHandle.dataVersion) as an SQL expression: the snapshot (xmin:xmax:in-progress
 * ids). It differs once any transaction that wrote commits, or a new one starts writing, and reads the same
 * from every connection. The WAL position would not do: a commit is in the WAL before others can see it.
 * Selected beside another query, it is the version as of that query's own snapshot, which saves a
 * round trip (the sign-in lookup carries it: Authenticated.dataVersion).
 */
export const PG_DATA_VERSION = sql<string>`pg_current_snapshot()::text`;

/** Statements each PostgreSQL connection keeps prepared, at most (see `preparingPool`). */
export const PREPARED_PER_CONNECTION = 300;

/**
 * Runs each query as a named prepared statement on its connection, so PostgreSQL parses and plans a
 * statement once per connection instead of on every call (after five runs it keeps a generic plan when that
 * plan costs no more than the custom ones). Measured at 100k partners: the session lookup every request
 * makes went from 0.61 to 0.15 ms p50, the partners list's main query saves its 0.7–3 ms of planning.
 * A connection prepares its first `PREPARED_PER_CONNECTION` distinct statements and runs any others
 * unnamed, which bounds the server memory they hold; the frequent statements (sign-in, lists, the
 * Overview) come first. A cursor (streamed query) passes through untouched. Behind a connection pooler in
 * transaction mode (PgBouncer before 1.21), prepared statements break: DATABASE_PREPARED_STATEMENTS=false.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  interface Prepared {
    /** Statement names this connection has prepared, by SQL text. */
    names: Map<string, string>;
    /** Inside BEGIN … COMMIT / ROLLBACK (a failed statement aborts the transaction: no retry there). */
    inTransaction: boolean;
  }
  const state = new WeakMap<pg.PoolClient, Prepared>();
  let generation = 0;
  const of = (client: pg.PoolClient): Prepared => {
    let s = state.get(client);
    if (!s) state.set(client, (s = { names: new Map(), inTransaction: false }));
    return s;
  };
  const named = (s: Prepared, text: string): string | undefined => {
    const name = s.names.get(text);
    if (name !== undefined || s.names.size >= PREPARED_PER_CONNECTION) return name;
    const fresh = `k${createHash('sha1').update(text).digest('base64url')}_${generation}`;
    s.names.set(text, fresh);
    return fresh;
  };
  return {
    async connect() {
      const client = await pool.connect();
      const s = of(client);
      const run = (text: string, values: unknown[] | undefined) =>
        client.query({ name: named(s, text), text, values });
      const query = async (text: unknown, values?: readonly unknown[]) => {
        if (typeof text !== 'string') return client.query(text as never);
        const verb = text.trimStart().slice(0, 8).toLowerCase();
        if (verb.startsWith('begin')) s.inTransaction = true;
        else if (verb.startsWith('commit') || verb.startsWith('rollback')) s.inTransaction = false;
        try {
          return await run(text, values as unknown[]);
        } catch (err) {
          // A `SELECT *` prepared before a migration changed its table (a rolling deploy): PostgreSQL refuses
          // the old plan. The text gets a new name, prepared afresh; outside a transaction it runs again now.
          if ((err as { code?: string }).code !== '0A000' || !s.names.has(text)) throw err;
          s.names.delete(text);
          generation++;
          if (s.inTransaction) throw err;
          return run(text, values as unknown[]);
        }
      };
      return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
    },
    end: () => pool.end(),
  };
}
