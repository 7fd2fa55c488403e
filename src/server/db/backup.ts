/**
 * Engine-neutral backup: JSON lines (gzip when the file name ends in .gz), one header, then per table a
 * line naming it and one line per row. A backup taken on SQLite restores on PostgreSQL and back.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { DbHandle, Executor } from './connection';
import { enterMaintenance, foreignKeyParents, leaveMaintenance, listTables, resetSequence } from './dialect';
import { LATEST_MIGRATION } from './migrate';

const SKIP = new Set(['accord_migrations', 'accord_migrations_lock', 'accord_maintenance']);
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

async function firstColumn(db: Executor, table: string): Promise<string> {
  const r = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} LIMIT 1`.execute(db);
  return r.rows[0] ? Object.keys(r.rows[0])[0]! : 'id';
}

export async function backup(
  handle: DbHandle,
  file: string,
  progress: (line: string) => void = () => {},
): Promise<{ tables: number; rows: number }> {
  const { db, engine } = handle;
  const tables = await tablesInOrder(db, engine);
  const out = fs.createWriteStream(file);
  let sink: NodeJS.WritableStream = out;
  if (file.endsWith('.gz')) {
    const gz = createGzip();
    gz.pipe(out);
    sink = gz;
  }
  const write = (obj: unknown) =>
    new Promise<void>((resolve) =>
      sink.write(JSON.stringify(obj) + '\n') ? resolve() : sink.once('drain', () => resolve()),
    );
  let total = 0;
  // One read transaction gives a consistent snapshot on both engines.
  await db.transaction().execute(async (tx) => {
    const header: Header = {
      format: FORMAT,
      version: 1,
      migration: LATEST_MIGRATION,
      engine,
      createdAt: new Date().toISOString(),
      tables,
    };
    await write(header);
    for (const table of tables) {
      const key = await firstColumn(tx, table);
      await write({ table });
      let last: unknown = null;
      let n = 0;
      for (;;) {
        const where = last === null ? sql`` : sql`WHERE ${sql.ref(key)} > ${last}`;
        const r = await sql<
          Record<string, unknown>
        >`SELECT * FROM ${sql.table(table)} ${where} ORDER BY ${sql.ref(key)} LIMIT 1000`.execute(tx);
        for (const row of r.rows) await write({ row });
        n += r.rows.length;
        if (r.rows.length < 1000) break;
        last = r.rows.at(-1)![key];
      }
      total += n;
      progress(`backup: ${table} ${n} rows`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve).on('error', reject);
    sink.end();
  });
  return { tables: tables.length, rows: total };
}

export async function restore(
  handle: DbHandle,
  file: string,
  opts: { force?: boolean } = {},
  progress: (line: string) => void = () => {},
): Promise<{ tables: number; rows: number }> {
  const { db, engine } = handle;
  if (!fs.existsSync(file)) throw new Error(`There is no backup file at ${file}.`);
  const input = fs
    .createReadStream(file)
    .pipe(file.endsWith('.gz') ? createGunzip() : new (await import('node:stream')).PassThrough());
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  let header: Header;
  try {
    header = JSON.parse(String(first.value)) as Header;
  } catch {
    throw new Error(`${file} is not an Accord backup (its first line is not a backup header).`);
  }
  if (header.format !== FORMAT) throw new Error(`${file} is not an Accord backup.`);
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
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value) continue;
      const item = JSON.parse(next.value) as { table?: string; row?: Record<string, unknown> };
      if (item.table) {
        await flush();
        if (table) progress(`restore: ${table} ${n} rows`);
        table = item.table;
        n = 0;
      } else if (item.row) {
        batch.push(item.row);
        n++;
        total++;
        if (batch.length >= 200) await flush();
      }
    }
    await flush();
    if (table) progress(`restore: ${table} ${n} rows`);
    await resetSequence(tx, engine, 'audit_log', 'seq');
    await resetSequence(tx, engine, 'outbox', 'seq');
    await leaveMaintenance(tx, engine);
  });
  return { tables: header.tables.length, rows: total };
}
