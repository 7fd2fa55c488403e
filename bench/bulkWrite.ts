/**
 * Bulk loading for benchmark data: one transaction per call, the fastest path of each engine (prepared
 * statements on a second SQLite connection; `INSERT … SELECT FROM unnest(arrays)` on PostgreSQL), and
 * UUIDv7 ids whose random bits come from a seeded generator so runs repeat.
 */
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Config } from '../src/server/config';
import type { DbHandle } from '../src/server/db/connection';
import type { Rng } from '../src/server/db/seed/random';

export type Cell = string | number | null;
export type ColumnType = 'text' | 'integer' | 'bigint';
export interface TableSpec {
  table: string;
  columns: [name: string, type: ColumnType][];
}

export interface BulkWriter {
  write(spec: TableSpec, rows: Cell[][]): Promise<void>;
  close(): Promise<void>;
}

/** A UUIDv7 for a row created at `ms`, its random bits from the seeded generator. */
export function uuid7(ms: number, rng: Rng): string {
  const hex = (n: number, digits: number) => Math.floor(n).toString(16).padStart(digits, '0');
  const r = () => hex(rng.next() * 0x10000, 4);
  const t = hex(ms, 12);
  const variant = hex(0x8000 | (rng.next() * 0x4000), 4);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${r().slice(1)}-${variant}-${r()}${r()}${r()}`;
}

function sqliteWriter(file: string): BulkWriter {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000'); // index pages stay in memory while loading
  return {
    async write(spec, rows) {
      const cols = spec.columns.map(([c]) => c);
      const stmt = db.prepare(
        `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      db.transaction(() => {
        for (const r of rows) stmt.run(r);
      })();
    },
    async close() {
      db.close();
    },
  };
}

function postgresWriter(handle: DbHandle): BulkWriter {
  return {
    async write(spec, rows) {
      const cols = spec.columns.map(([c]) => sql.ref(c));
      await handle.db.transaction().execute(async (tx) => {
        for (let start = 0; start < rows.length; start += 20_000) {
          const batch = rows.slice(start, start + 20_000);
          const arrays = spec.columns.map(
            ([, type], i) => sql`${batch.map((r) => r[i])}::${sql.raw(type)}[]`,
          );
          await sql`INSERT INTO ${sql.table(spec.table)} (${sql.join(cols)})
            SELECT * FROM unnest(${sql.join(arrays)})`.execute(tx);
        }
      });
    },
    async close() {},
  };
}

export function bulkWriter(config: Config, handle: DbHandle): BulkWriter {
  return config.db.engine === 'sqlite' ? sqliteWriter(config.db.file) : postgresWriter(handle);
}
