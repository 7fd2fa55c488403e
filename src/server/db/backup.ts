/**
 * Engine-neutral backup: JSON lines (gzip when the file name ends in .gz), one header, then per table a
 * line naming it and one line per row. A backup taken on SQLite restores on PostgreSQL and back.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { DbHandle, Executor } from './connection';
import {
  enterMaintenance,
  foreignKeyParents,
  keyColumn,
  leaveMaintenance,
  listTables,
  resetSequence,
} from './dialect';
import { DERIVED_TABLES, rebuildDerivedTables } from './linkStats';
import { LATEST_MIGRATION } from './migrate';

const SKIP = new Set([
  'accord_migrations',
  'accord_migrations_lock',
  'accord_maintenance',
  ...DERIVED_TABLES,
]);
const FORMAT = 'accord-backup';

interface Header {
  format: string;
  version: 1;
  migration: string;
  engine: string;
  createdAt: string;
  tables: string[];
}

/** Parents before children, so foreign keys hold while rows go in. */
async function tablesInOrder(db: Executor, engine: DbHandle['engine']): Promise<string[]> {
  const tables = (await listTables(db, engine)).filter((t) => !SKIP.has(t));
  const parents = new Map<string, string[]>();
  for (const t of tables)
    parents.set(
      t,
      (await foreignKeyParents(db, engine, t)).filter((p) => p !== t && tables.includes(p)),
    );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/** Binary columns (uploaded files) travel as base64 in a `{ "$binary": … }` object; no other value is an object. */
function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v instanceof Uint8Array ? { $binary: Buffer.from(v).toString('base64') } : v;
  return out;
}
function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const binary = v !== null && typeof v === 'object' ? (v as { $binary?: unknown }).$binary : undefined;
    out[k] = typeof binary === 'string' ? Buffer.from(binary, 'base64') : v;
  }
  return out;
}

export async function backup(
  handle: DbHandle,
  file: string,
  progress: (line: string) => void = () => {},
): Promise<{ tables: number; rows: number }> {
  const { db, engine } = handle;
  const tables = await tablesInOrder(db, engine);
  let total = 0;
  async function* lines(tx: Executor): AsyncGenerator<string> {
    const header: Header = {
      format: FORMAT,
      version: 1,
      migration: LATEST_MIGRATION,
      engine,
      createdAt: new Date().toISOString(),
      tables,
    };
    yield JSON.stringify(header) + '\n';
    for (const table of tables) {
      const key = await keyColumn(tx, engine, table);
      yield JSON.stringify({ table }) + '\n';
      let last: unknown = null;
      let n = 0;
      for (;;) {
        const where = last === null ? sql`` : sql`WHERE ${sql.ref(key)} > ${last}`;
        const r = await sql<
          Record<string, unknown>
        >`SELECT * FROM ${sql.table(table)} ${where} ORDER BY ${sql.ref(key)} LIMIT 1000`.execute(tx);
        if (r.rows.length) yield r.rows.map((row) => JSON.stringify({ row: encodeRow(row) }) + '\n').join('');
        n += r.rows.length;
        if (r.rows.length < 1000) break;
        last = r.rows.at(-1)![key];
      }
      total += n;
      progress(`backup: ${table} ${n} rows`);
    }
  }
  let fileHandle: fs.promises.FileHandle;
  try {
    fileHandle = await fs.promises.open(file, 'w');
  } catch (e) {
    throw new Error(`Cannot write the backup to ${file}: ${(e as Error).message}`);
  }
  const out = fs.createWriteStream(file, { fd: fileHandle });
  try {
    // One read-only transaction: a snapshot of every table as of one instant. PostgreSQL needs REPEATABLE
    // READ for that (READ COMMITTED takes a new snapshot per statement); SQLite's WAL read is one already.
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (tx) => {
        const source = Readable.from(lines(tx));
        if (file.endsWith('.gz')) await pipeline(source, createGzip(), out);
        else await pipeline(source, out);
      });
  } catch (e) {
    out.destroy();
    await fs.promises.rm(file, { force: true });
    const err = e as NodeJS.ErrnoException;
    if (err.syscall) throw new Error(`Cannot write the backup to ${file}: ${err.message}`);
    throw e;
  }
  return { tables: tables.length, rows: total };
}

/** Reads the backup line by line, turning stream and parse failures into messages a person can act on. */
function backupLines(file: string) {
  const input = fs.createReadStream(file);
  const gz = file.endsWith('.gz') ? createGunzip() : null;
  const text = gz ? input.pipe(gz) : input;
  input.on('error', (e) => gz?.destroy(e));
  const rl = readline.createInterface({ input: text, crlfDelay: Infinity });
  const iterator = rl[Symbol.asyncIterator]();
  let lineNo = 0;
  return {
    get lineNo() {
      return lineNo;
    },
    async next(): Promise<string | null> {
      try {
        const r = await iterator.next();
        if (r.done) return null;
        lineNo++;
        return r.value;
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (lineNo === 0 && err.code === 'Z_DATA_ERROR')
          throw new Error(`${file} is not an Accord backup (it is not gzip-compressed).`);
        throw new Error(`The backup ${file} is damaged or cut off after line ${lineNo}: ${err.message}`);
      }
    },
    close() {
      rl.close();
      input.destroy();
      gz?.destroy();
    },
  };
}

export async function restore(
  handle: DbHandle,
  file: string,
  opts: { force?: boolean } = {},
  progress: (line: string) => void = () => {},
): Promise<{ tables: number; rows: number }> {
  const { db, engine } = handle;
  if (!fs.existsSync(file)) throw new Error(`There is no backup file at ${file}.`);
  const lines = backupLines(file);
  try {
    const first = await lines.next();
    let header: Partial<Header> | null = null;
    try {
      header = JSON.parse(first ?? '') as Partial<Header> | null;
    } catch {
      throw new Error(`${file} is not an Accord backup (its first line is not a backup header).`);
    }
    if (!header || typeof header !== 'object' || header.format !== FORMAT || !Array.isArray(header.tables))
      throw new Error(`${file} is not an Accord backup.`);
    if (header.migration !== LATEST_MIGRATION) {
      throw new Error(
        `The backup was taken at schema ${header.migration}; this Accord is at ${LATEST_MIGRATION}. Restore it with the matching Accord version, then upgrade.`,
      );
    }
    const tables = await tablesInOrder(db, engine);
    const unknown = header.tables.filter((t) => !tables.includes(t));
    if (unknown.length) throw new Error(`The backup has tables this database lacks: ${unknown.join(', ')}.`);
    if (!opts.force) {
      for (const t of tables) {
        const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(db);
        if (Number(r.rows[0]?.n) > 0)
          throw new Error(
            `The database is not empty (table ${t} has rows). Restore into an empty database, or pass --force to replace everything.`,
          );
      }
    }
    let total = 0;
    await db.transaction().execute(async (tx) => {
      await enterMaintenance(tx, engine);
      for (const t of [...tables].reverse()) await sql`DELETE FROM ${sql.table(t)}`.execute(tx);
      let table: string | null = null;
      let batch: Record<string, unknown>[] = [];
      let n = 0;
      const flush = async () => {
        if (!table || batch.length === 0) return;
        await tx
          .insertInto(table as never)
          .values(batch as never)
          .execute();
        batch = [];
      };
      for (;;) {
        const line = await lines.next();
        if (line === null) break;
        if (!line) continue;
        let item: { table?: string; row?: Record<string, unknown> };
        try {
          item = JSON.parse(line) as typeof item;
        } catch (e) {
          throw new Error(`The backup is damaged at line ${lines.lineNo}: ${(e as Error).message}`);
        }
        if (item.table) {
          await flush();
          if (table) progress(`restore: ${table} ${n} rows`);
          if (!tables.includes(item.table))
            throw new Error(`The backup is damaged at line ${lines.lineNo}: unknown table ${item.table}.`);
          table = item.table;
          n = 0;
        } else if (item.row) {
          batch.push(decodeRow(item.row));
          n++;
          total++;
          if (batch.length >= 200) await flush();
        }
      }
      await flush();
      if (table) progress(`restore: ${table} ${n} rows`);
      await resetSequence(tx, engine, 'audit_log', 'seq');
      await resetSequence(tx, engine, 'outbox', 'seq');
      await rebuildDerivedTables(tx, engine);
      progress('restore: link and partner figures and tag columns recounted');
      await leaveMaintenance(tx, engine);
    });
    return { tables: header.tables.length, rows: total };
  } finally {
    lines.close();
  }
}
