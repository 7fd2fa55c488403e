/**
 * The one import flow of the app: upload a CSV or XLSX file → its columns, a suggested mapping and the
 * first rows → an import (or a dry run) as a background job with progress, applied in batches of one
 * transaction each, with a report of every row's fate. Each kind of import (the partnerships row model;
 * partners, consultants, leads) says which columns it understands, who may run it, and how it applies
 * rows.
 */
import type { Permission } from '../../../shared/permissions';
import { can } from '../../../shared/permissions';
import type { Engine } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, forbidden, notFound, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { readTable } from '../../kernel/spreadsheets';
import { loadActor } from '../auth/service';

/**
 * On SQLite batches are sized by time, not rows: each is one transaction on the one writer, and other
 * users' writes (and this process's event loop) wait while it runs. The size adapts after every batch so
 * one takes about BATCH_TARGET_MS, between BATCH_MIN and BATCH_MAX rows. On PostgreSQL nobody waits for an
 * open transaction but each batch costs a dozen round trips whatever its size, so batches stay large.
 */
const BATCH_TARGET_MS = 20;
const BATCH_MIN = { sqlite: 10, postgres: 200 } as const;
const BATCH_MAX = 500;
const BATCH_FIRST = 50;

/** The next batch size from the last one's rows and duration. */
export function nextBatchSize(engine: Engine, rows: number, ms: number): number {
  const perRow = Math.max(ms, 0.01) / Math.max(rows, 1);
  return Math.max(BATCH_MIN[engine], Math.min(BATCH_MAX, Math.floor(BATCH_TARGET_MS / perRow)));
}

/** One row as the mapping reads it: column key → cell text. */
export type ImportRow = Record<string, string>;

export interface ImportStart {
  uploadId: string;
  mapping: Record<string, string | null>;
  dryRun: boolean;
  /** Kind-specific options (the duplicate choice). */
  [option: string]: unknown;
}

/** A run over one file, created when the job starts: it applies batches and keeps the report. */
export interface ImportRunner<Report> {
  readonly report: Report;
  applyBatch(rows: ImportRow[], firstRowNumber: number): Promise<void>;
}

export interface ImportKind<Report = unknown> {
  /** The upload purpose and job name: `${name}.import`. */
  name: string;
  /** What the import creates and changes, for the refusal message. */
  what: string;
  permissions: readonly Permission[];
  columns: readonly { key: string; header: string }[];
  required: readonly string[];
  suggest(headers: string[]): Record<string, string | null>;
  begin(actor: Actor, start: ImportStart): Promise<ImportRunner<Report>>;
}

export class ImportService {
  private readonly kinds = new Map<string, ImportKind>();
  constructor(private readonly k: Kernel) {}

  register<R>(kind: ImportKind<R>): void {
    this.kinds.set(kind.name, kind as ImportKind);
    this.k.jobs.register(`${kind.name}.import`, async (ctx) =>
      this.run(kind, ctx.payload as ImportStart & { userId: string }, (done, total, msg) =>
        ctx.progress(done, total, msg),
      ),
    );
  }

  private kind(actor: Actor, name: string): ImportKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`No import of ${name} is registered`);
    const missing = kind.permissions.filter((p) => !can(actor.permissions, p));
    if (missing.length) throw forbidden(`Importing ${kind.what}; your role lacks: ${missing.join(', ')}.`);
    return kind;
  }

  /** Stores an uploaded file and shows its columns, the suggested mapping and the first rows. */
  async preview(name: string, actor: Actor, fileName: string, bytes: Buffer) {
    const kind = this.kind(actor, name);
    const table = await readTable(fileName, bytes);
    const id = newId();
    await this.k.db
      .insertInto('uploads')
      .values({
        id,
        user_id: actor.userId!,
        purpose: `${kind.name}-import`,
        file_name: fileName.slice(0, 200),
        size: bytes.length,
        content: bytes,
        created_at: this.k.clock.now().toISOString(),
      })
      .execute();
    return {
      uploadId: id,
      fileName,
      headers: table.headers,
      mapping: kind.suggest(table.headers),
      columns: kind.columns.map((c) => ({
        key: c.key,
        header: c.header,
        required: kind.required.includes(c.key),
      })),
      sample: table.rows
        .slice(0, 20)
        .map((cells) => Object.fromEntries(table.headers.map((h, i) => [h, cells[i] ?? '']))),
      rowCount: table.rows.length,
    };
  }

  private async upload(id: string) {
    return this.k.db
      .selectFrom('uploads')
      .select(['id', 'user_id', 'purpose', 'file_name', 'content'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Checks the mapping against the file and queues the import; the job's id is where progress shows. */
  async start(name: string, actor: Actor, input: ImportStart): Promise<{ jobId: string }> {
    const kind = this.kind(actor, name);
    const upload = await this.upload(input.uploadId);
    if (!upload || upload.user_id !== actor.userId || upload.purpose !== `${kind.name}-import`)
      throw notFound('That upload');
    const { headers } = await readTable(upload.file_name, Buffer.from(upload.content));
    const unknownHeaders = Object.keys(input.mapping).filter((h) => !headers.includes(h));
    if (unknownHeaders.length)
      throw validationError({
        mapping: `names columns the file does not have: ${unknownHeaders.join(', ')}`,
      });
    const header = (key: string) => kind.columns.find((c) => c.key === key)?.header;
    const mapped = Object.values(input.mapping).filter((v): v is string => !!v);
    const unknownKeys = mapped.filter((key) => !header(key));
    if (unknownKeys.length)
      throw validationError({
        mapping: `maps to columns this import does not have: ${unknownKeys.join(', ')}`,
      });
    const missing = kind.required.filter((key) => !mapped.includes(key));
    if (missing.length)
      throw validationError({ mapping: `must map a column to ${missing.map(header).join(' and ')}` });
    const dup = mapped.find((v, i) => mapped.indexOf(v) !== i);
    if (dup) throw validationError({ mapping: `maps two columns to ${header(dup)}` });
    const jobId = await this.k.jobs.enqueue(
      `${kind.name}.import`,
      { ...input, userId: actor.userId },
      { maxAttempts: 1 },
    );
    return { jobId: jobId! };
  }

  /** The job: reads the file, applies it batch by batch, reports every row's fate. */
  private async run<R>(
    kind: ImportKind<R>,
    p: ImportStart & { userId: string },
    progress: (done: number, total: number, message?: string) => Promise<void>,
  ): Promise<R> {
    const actor = await loadActor(this.k.db, p.userId);
    if (!actor) throw new AppError(409, 'user_gone', 'The user who started this import is no longer active.');
    const upload = await this.upload(p.uploadId);
    if (!upload)
      throw new AppError(
        404,
        'not_found',
        'The uploaded file is gone (uploads are kept for one day). Upload it again.',
      );
    const table = await readTable(upload.file_name, Buffer.from(upload.content));
    const keys = table.headers.map((h) => p.mapping[h] ?? null);
    const rows = table.rows.map((cells) => {
      const row: ImportRow = {};
      keys.forEach((key, i) => {
        if (key) row[key] = cells[i] ?? '';
      });
      return row;
    });
    const runner = await kind.begin(actor, p);
    const label = p.dryRun ? 'Checking rows' : 'Importing rows';
    await progress(0, rows.length, label);
    let size = BATCH_FIRST;
    let lastProgress = 0;
    for (let i = 0; i < rows.length;) {
      const t0 = performance.now();
      await runner.applyBatch(rows.slice(i, i + size), i + 2); // row 1 is the header
      const took = performance.now() - t0;
      i = Math.min(i + size, rows.length);
      size = nextBatchSize(this.k.engine, size, took);
      // Progress is a write too: at most a few a second, and always the last one.
      if (i === rows.length || performance.now() - lastProgress > 250) {
        await progress(i, rows.length, label);
        lastProgress = performance.now();
      }
      await new Promise((r) => setImmediate(r)); // let other requests in between batches
    }
    return runner.report;
  }
}
