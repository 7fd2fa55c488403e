/**
 * Imports of records one row each (partners, consultants, leads). Every row is validated with the same
 * schema as the API and applied through the module's service, so an import follows the same rules as a
 * form. A row that matches an existing record is skipped, updated (its non-blank cells) or added anyway,
 * as the user chose. Each applied row is remembered by its content in `imported_rows`, so importing the
 * same file again creates nothing. A dry run applies each batch in a transaction that is rolled back:
 * the report is exactly what the import would do, and nothing is kept.
 */
import type { z } from 'zod';
import type { ImportColumn, RecordImportReport } from '../../../shared/imports.schema';
import type { Permission } from '../../../shared/permissions';
import type { Actor, Kernel } from '../../kernel/context';
import { sha256 } from '../../kernel/crypto';
import { AppError } from '../../kernel/errors';
import { humanise } from '../../kernel/http';
import { mutate, type MutationScope } from '../../kernel/mutation';
import type { ImportKind, ImportRow, ImportRunner, ImportStart } from './imports';
import { suggestColumns } from '../../../shared/imports.schema';

const MAX_ISSUES = 1000;
const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', '']);

export type Problems = Record<string, string>;

export interface RecordImporter<T> {
  /** The row's record, or its problems by column key. */
  parse(m: MutationScope, row: ImportRow): Promise<{ value: T } | { problems: Problems }>;
  /** The existing record the row duplicates, if any. */
  findDuplicate(m: MutationScope, value: T): Promise<string | null>;
  create(m: MutationScope, value: T): Promise<string>;
  /** Applies the row's non-blank cells; false when nothing changed. */
  update(m: MutationScope, id: string, value: T): Promise<boolean>;
  isLive(m: MutationScope, id: string): Promise<boolean>;
  /** Why a duplicate cannot be added anyway, when it cannot (partner names are unique). */
  noDuplicates?: string;
}

/** Cells as the API would receive them: only non-blank ones, trimmed. */
export function cellsOf(row: ImportRow, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = (row[key] ?? '').trim();
    if (v !== '') out[key] = v;
  }
  return out;
}

/** "Yes" / "No" and friends; undefined for blank, null when the cell says something else. */
export function yesNo(cell: string | undefined): boolean | undefined | null {
  const v = (cell ?? '').trim().toLowerCase();
  if (v === '') return undefined;
  return TRUE_WORDS.has(v) ? true : FALSE_WORDS.has(v) ? false : null;
}

/**
 * Validates `input` with an API schema: its output, or problems by column (`columnOf` maps schema fields
 * such as ownerId to the column that fed them).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: Record<string, unknown>,
  columnOf: Record<string, string> = {},
): { value: z.output<S> } | { problems: Problems } {
  const r = schema.safeParse(input);
  if (r.success) return { value: r.data };
  const problems: Problems = {};
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? 'row');
    problems[columnOf[field] ?? field] ??= humanise(issue.message);
  }
  return { problems };
}

/** The fields of `value` the row actually set (an update leaves the rest alone). */
export function only<T extends object>(value: T, keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k))) as Partial<T>;
}

const DRY_RUN = Symbol('dry run');

export class RecordImportRun<T> implements ImportRunner<RecordImportReport> {
  readonly report: RecordImportReport;
  private readonly headers: Map<string, string>;

  constructor(
    private readonly k: Kernel,
    private readonly actor: Actor,
    private readonly kind: string,
    columns: readonly ImportColumn[],
    private readonly importer: RecordImporter<T>,
    private readonly start: ImportStart & { duplicates?: 'skip' | 'update' | 'create' },
  ) {
    this.headers = new Map(columns.map((c) => [c.key, c.header]));
    this.report = {
      kind,
      dryRun: start.dryRun,
      duplicates: start.duplicates ?? 'skip',
      processedRows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      duplicatesSkipped: 0,
      alreadyImported: 0,
      skipped: 0,
      errors: [],
      warnings: [],
    };
  }

  private issue(list: 'errors' | 'warnings', row: number, field: string | null, message: string) {
    if (this.report[list].length < MAX_ISSUES) this.report[list].push({ row, field, message });
  }

  private rowHash(row: ImportRow): string {
    const cells = Object.entries(row)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v !== '')
      .sort(([a], [b]) => a!.localeCompare(b!));
    return sha256(JSON.stringify([this.kind, cells]));
  }

  private async applyRow(m: MutationScope, row: ImportRow, n: number): Promise<void> {
    const hash = this.rowHash(row);
    const seen = await m.tx
      .selectFrom('imported_rows')
      .select('record_id')
      .where('kind', '=', this.kind)
      .where('row_hash', '=', hash)
      .executeTakeFirst();
    if (seen && (await this.importer.isLive(m, seen.record_id))) {
      this.report.alreadyImported++;
      return;
    }
    const parsed = await this.importer.parse(m, row);
    if ('problems' in parsed) {
      for (const [field, message] of Object.entries(parsed.problems))
        this.issue('errors', n, field, `${this.headers.get(field) ?? field} ${message}.`);
      this.report.skipped++;
      return;
    }
    const duplicate = await this.importer.findDuplicate(m, parsed.value);
    let id: string;
    if (duplicate && this.report.duplicates === 'skip') {
      this.report.duplicatesSkipped++;
      return;
    } else if (duplicate && this.report.duplicates === 'update') {
      id = duplicate;
      if (await this.importer.update(m, id, parsed.value)) this.report.updated++;
      else this.report.unchanged++;
    } else {
      if (duplicate && this.importer.noDuplicates) {
        this.issue('errors', n, null, `${this.importer.noDuplicates}: choose to skip or update duplicates.`);
        this.report.skipped++;
        return;
      }
      if (duplicate) this.issue('warnings', n, null, 'Added although it matches an existing record.');
      id = await this.importer.create(m, parsed.value);
      this.report.created++;
    }
    await m.tx
      .insertInto('imported_rows')
      .values({ kind: this.kind, row_hash: hash, record_id: id, created_at: m.at })
      .onConflict((oc) => oc.columns(['kind', 'row_hash']).doUpdateSet({ record_id: id, created_at: m.at }))
      .execute();
  }

  /** One transaction per batch (rolled back in a dry run); a row the rules refuse is reported and skipped. */
  async applyBatch(rows: ImportRow[], firstRowNumber: number): Promise<void> {
    try {
      await mutate(this.k, this.actor, async (m) => {
        for (let i = 0; i < rows.length; i++) {
          const n = firstRowNumber + i;
          this.report.processedRows++;
          try {
            await this.applyRow(m, rows[i]!, n);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            const fields = Object.entries(e.fields ?? {});
            if (fields.length)
              for (const [f, msg] of fields)
                this.issue('errors', n, f, `${this.headers.get(f) ?? f} ${msg}.`);
            else this.issue('errors', n, null, e.message);
            this.report.skipped++;
          }
        }
        if (this.report.dryRun) throw DRY_RUN;
      });
    } catch (e) {
      if (e !== DRY_RUN) throw e;
    }
  }
}

/** An import kind of records: the columns, who may run it, and the importer that applies each row. */
export function recordImportKind<T>(
  k: Kernel,
  spec: {
    name: string;
    what: string;
    permissions: readonly Permission[];
    columns: readonly ImportColumn[];
    required: readonly string[];
    importer: (actor: Actor) => RecordImporter<T>;
  },
): ImportKind<RecordImportReport> {
  return {
    name: spec.name,
    what: spec.what,
    permissions: spec.permissions,
    columns: spec.columns,
    required: spec.required,
    suggest: (headers) => suggestColumns(spec.columns, headers),
    begin: async (actor, start) =>
      new RecordImportRun(k, actor, spec.name, spec.columns, spec.importer(actor), start),
  };
}
