/** Export and import of the partnerships row model (CSV / XLSX); imports run as jobs with progress. */
import {
  EXCHANGE_COLUMNS,
  EXCHANGE_KEYS,
  suggestMapping,
  type ExchangeKey,
  type ExchangeRow,
  type ImportReport,
} from '../../../shared/exchange.schema';
import { can } from '../../../shared/permissions';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, forbidden, notFound, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { readTable, writeTable, type DownloadFile } from '../../kernel/spreadsheets';
import { loadActor } from '../auth/service';
import { readSettings } from '../settings/service';
import { ImportRun } from './importer';
import { exportRows, headerLabels } from './rows';

export const IMPORT_JOB = 'partnerships.import';
const BATCH = 500;

interface ImportPayload {
  uploadId: string;
  mapping: Record<string, ExchangeKey | null>;
  dryRun: boolean;
  userId: string;
}

function assertCanImport(actor: Actor): void {
  const missing = (
    ['partners.create', 'partners.edit', 'events.create', 'links.create', 'links.edit'] as const
  ).filter((p) => !can(actor.permissions, p));
  if (missing.length)
    throw forbidden(
      `Importing creates and updates partners, events and links; your role lacks: ${missing.join(', ')}.`,
    );
}

function toRows(
  headers: string[],
  rows: string[][],
  mapping: Record<string, ExchangeKey | null>,
): ExchangeRow[] {
  const columns = headers.map((h) => mapping[h] ?? null);
  return rows.map((cells) => {
    const row: ExchangeRow = {};
    columns.forEach((key, i) => {
      if (key) row[key] = cells[i] ?? '';
    });
    return row;
  });
}

export class ExchangeService {
  constructor(private readonly k: Kernel) {
    k.jobs.register(IMPORT_JOB, async (ctx) =>
      this.runImport(ctx.payload as ImportPayload, (done, total, msg) => ctx.progress(done, total, msg)),
    );
  }

  async exportFile(actor: Actor, format: 'csv' | 'xlsx', includeArchived: boolean): Promise<DownloadFile> {
    const { baseCurrency } = (await readSettings(this.k.db, this.k.secrets)).value;
    const date = this.k.clock.now().toISOString().slice(0, 10);
    const db = this.k.db;
    async function* pages() {
      for await (const page of exportRows(db, actor, { includeArchived }))
        yield page.map((r) => EXCHANGE_KEYS.map((key) => r[key] ?? ''));
    }
    const headers = headerLabels(baseCurrency);
    return writeTable(format, `partnerships-${date}`, headers, pages(), {
      sheetName: 'Partnerships',
      freezeColumns: 2,
      hiddenFrom: 19, // technical id / timestamp columns
      widths: Object.fromEntries(
        EXCHANGE_COLUMNS.map((c, i) => [
          headers[i]!,
          c.key === 'company' ? 28 : c.key.endsWith('Notes') ? 40 : 16,
        ]),
      ),
    });
  }

  /** Stores an uploaded file and shows its columns, the suggested mapping and the first rows. */
  async preview(actor: Actor, fileName: string, bytes: Buffer) {
    assertCanImport(actor);
    const table = await readTable(fileName, bytes);
    const id = newId();
    await this.k.db
      .insertInto('uploads')
      .values({
        id,
        user_id: actor.userId!,
        purpose: 'partnerships-import',
        file_name: fileName.slice(0, 200),
        size: bytes.length,
        content: bytes,
        created_at: this.k.clock.now().toISOString(),
      })
      .execute();
    const sample = table.rows
      .slice(0, 20)
      .map((cells) => Object.fromEntries(table.headers.map((h, i) => [h, cells[i] ?? ''])));
    return {
      uploadId: id,
      fileName,
      headers: table.headers,
      mapping: suggestMapping(table.headers),
      sample,
      rowCount: table.rows.length,
    };
  }

  async start(
    actor: Actor,
    input: { uploadId: string; mapping: Record<string, ExchangeKey | null>; dryRun: boolean },
  ): Promise<{ jobId: string }> {
    assertCanImport(actor);
    const upload = await this.k.db
      .selectFrom('uploads')
      .select(['id', 'user_id', 'file_name', 'content'])
      .where('id', '=', input.uploadId)
      .executeTakeFirst();
    if (!upload || upload.user_id !== actor.userId) throw notFound('That upload');
    const { headers } = await readTable(upload.file_name, Buffer.from(upload.content));
    const unknown = Object.keys(input.mapping).filter((h) => !headers.includes(h));
    if (unknown.length)
      throw validationError({ mapping: `names columns the file does not have: ${unknown.join(', ')}` });
    const mapped = Object.values(input.mapping).filter(Boolean);
    if (!mapped.includes('company')) throw validationError({ mapping: 'must map a column to Company' });
    const dup = mapped.find((v, i) => mapped.indexOf(v) !== i);
    if (dup)
      throw validationError({
        mapping: `maps two columns to ${EXCHANGE_COLUMNS.find((c) => c.key === dup)!.header}`,
      });
    const jobId = await this.k.jobs.enqueue(
      IMPORT_JOB,
      { ...input, userId: actor.userId } satisfies ImportPayload,
      { maxAttempts: 1 },
    );
    return { jobId: jobId! };
  }

  /** The job: reads the file, applies it batch by batch (one transaction each), reports every row's fate. */
  async runImport(
    p: ImportPayload,
    progress: (done: number, total: number, message?: string) => Promise<void>,
  ): Promise<ImportReport> {
    const actor = await loadActor(this.k.db, p.userId);
    if (!actor) throw new AppError(409, 'user_gone', 'The user who started this import is no longer active.');
    const upload = await this.k.db
      .selectFrom('uploads')
      .select(['file_name', 'content'])
      .where('id', '=', p.uploadId)
      .executeTakeFirst();
    if (!upload)
      throw new AppError(
        404,
        'not_found',
        'The uploaded file is gone (uploads are kept for one day). Upload it again.',
      );
    const table = await readTable(upload.file_name, Buffer.from(upload.content));
    const rows = toRows(table.headers, table.rows, p.mapping);
    const { baseCurrency } = (await readSettings(this.k.db, this.k.secrets)).value;
    const run = new ImportRun(this.k, actor, baseCurrency, p.dryRun);
    await run.load();
    await progress(0, rows.length, p.dryRun ? 'Checking rows' : 'Importing rows');
    for (let i = 0; i < rows.length; i += BATCH) {
      await run.applyBatch(rows.slice(i, i + BATCH), i + 2); // row 1 is the header
      await progress(
        Math.min(i + BATCH, rows.length),
        rows.length,
        p.dryRun ? 'Checking rows' : 'Importing rows',
      );
      await new Promise((r) => setImmediate(r)); // let other requests in between batches
    }
    return run.report;
  }
}
