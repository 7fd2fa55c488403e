/**
 * An import's report, whatever was imported, as one shape the report view shows: the counts, a sentence,
 * and every error, conflict and warning by row. Also as a CSV file a person can open next to their
 * spreadsheet.
 */
import { importReportSchema, type ImportIssue } from '../../../shared/exchange.schema';
import { recordImportReportSchema } from '../../../shared/imports.schema';
import { plural } from '../../ui/format';
import { columnLabel, DUPLICATE_LABELS, type ImportKindDef } from './importKinds';

export interface ReportCount {
  /** Also the test id: `report-${key}`. */
  key: string;
  label: string;
  value: number;
  color?: string;
}

export interface ReportIssueList {
  key: 'errors' | 'conflicts' | 'warnings';
  label: string;
  color: string;
  items: ImportIssue[];
  empty: string;
}

export interface ReportSummary {
  dryRun: boolean;
  processedRows: number;
  /** No errors and no conflicts. */
  clean: boolean;
  counts: ReportCount[];
  /** "6 rows checked. An import would give: 2 created, …" */
  sentence: string;
  /** A breakdown the counts leave out, or null. */
  detail: string | null;
  lists: ReportIssueList[];
  /** Every figure of the report, for its CSV file. */
  totals: [string, number][];
}

const n = (v: number) => v.toLocaleString();

/** The job's result as a report of this kind, or null when it is not one. */
export function summarizeReport(kind: ImportKindDef, result: unknown): ReportSummary | null {
  return kind.key === 'partnerships' ? partnershipsSummary(result) : recordSummary(kind, result);
}

function partnershipsSummary(result: unknown): ReportSummary | null {
  const parsed = importReportSchema.safeParse(result);
  if (!parsed.success) return null;
  const r = parsed.data;
  const created = r.partnersCreated + r.linksCreated + r.eventsCreated;
  const updated = r.partnersUpdated + r.linksUpdated;
  return {
    dryRun: r.dryRun,
    processedRows: r.processedRows,
    clean: r.errors.length === 0 && r.conflicts.length === 0,
    counts: [
      { key: 'created', label: 'Created', value: created, color: 'teal' },
      { key: 'updated', label: 'Updated', value: updated, color: 'blue' },
      { key: 'unchanged', label: 'Unchanged', value: r.unchanged },
      { key: 'skipped', label: 'Skipped', value: r.skipped, color: 'orange' },
      { key: 'errors', label: 'Errors', value: r.errors.length, color: 'red' },
      { key: 'conflicts', label: 'Conflicts', value: r.conflicts.length, color: 'orange' },
    ],
    sentence:
      `${plural(r.processedRows, 'row')} ${r.dryRun ? 'checked. An import would give' : 'imported'}: ` +
      `${n(created)} created, ${n(updated)} updated, ${n(r.unchanged)} unchanged, ${n(r.skipped)} skipped.`,
    detail:
      `Partners: ${r.partnersCreated} created, ${r.partnersUpdated} updated · ` +
      `Involvements: ${r.linksCreated} created, ${r.linksUpdated} updated · Events: ${r.eventsCreated} created`,
    lists: [
      issues('errors', r.errors, 'No errors: every row could be read.'),
      issues('conflicts', r.conflicts, 'No conflicts: no row is older than the record it updates.'),
      issues('warnings', r.warnings, 'No warnings.'),
    ],
    totals: [
      ['rows processed', r.processedRows],
      ['partners created', r.partnersCreated],
      ['partners updated', r.partnersUpdated],
      ['events created', r.eventsCreated],
      ['involvements created', r.linksCreated],
      ['involvements updated', r.linksUpdated],
      ['rows unchanged', r.unchanged],
      ['rows skipped', r.skipped],
    ],
  };
}

function recordSummary(kind: ImportKindDef, result: unknown): ReportSummary | null {
  const parsed = recordImportReportSchema.safeParse(result);
  if (!parsed.success || parsed.data.kind !== kind.key) return null;
  const r = parsed.data;
  const [one, many] = kind.noun;
  const left = r.duplicatesSkipped + r.alreadyImported;
  const detail = [
    `Rows matching an existing ${one}: ${DUPLICATE_LABELS[r.duplicates].label.toLowerCase()}` +
      (r.duplicatesSkipped ? ` (${plural(r.duplicatesSkipped, 'row')})` : ''),
    r.alreadyImported ? `${plural(r.alreadyImported, 'row')} imported before` : '',
    r.skipped ? `${plural(r.skipped, 'row')} with errors not imported` : '',
  ].filter(Boolean);
  return {
    dryRun: r.dryRun,
    processedRows: r.processedRows,
    clean: r.errors.length === 0,
    counts: [
      { key: 'created', label: 'Created', value: r.created, color: 'teal' },
      { key: 'updated', label: 'Updated', value: r.updated, color: 'blue' },
      { key: 'unchanged', label: 'Unchanged', value: r.unchanged },
      { key: 'skipped', label: 'Skipped', value: left, color: 'orange' },
      { key: 'errors', label: 'Errors', value: r.errors.length, color: 'red' },
      { key: 'warnings', label: 'Warnings', value: r.warnings.length, color: 'yellow' },
    ],
    sentence:
      `${plural(r.processedRows, 'row')} ${r.dryRun ? 'checked. An import would give' : 'imported'}: ` +
      `${n(r.created)} ${r.created === 1 ? one : many} created, ${n(r.updated)} updated, ` +
      `${n(r.unchanged)} unchanged, ${n(left)} skipped, ${n(r.skipped)} with errors left out.`,
    detail: detail.join(' · '),
    lists: [
      issues('errors', r.errors, 'No errors: every row could be read.'),
      issues('warnings', r.warnings, 'No warnings.'),
    ],
    totals: [
      ['rows processed', r.processedRows],
      [`${many} created`, r.created],
      [`${many} updated`, r.updated],
      ['rows unchanged', r.unchanged],
      ['duplicates skipped', r.duplicatesSkipped],
      ['rows imported before', r.alreadyImported],
      ['rows with errors', r.skipped],
    ],
  };
}

const LISTS = {
  errors: { label: 'Errors', color: 'red' },
  conflicts: { label: 'Conflicts', color: 'orange' },
  warnings: { label: 'Warnings', color: 'gray' },
} as const;

function issues(key: ReportIssueList['key'], items: ImportIssue[], empty: string): ReportIssueList {
  return { key, ...LISTS[key], items, empty };
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLines = (lines: (string | number | null)[][]) =>
  lines.map((l) => l.map(cell).join(',')).join('\r\n');

export function reportCsv(kind: ImportKindDef, r: ReportSummary): string {
  return csvLines([
    ['Kind', 'Row', 'Field', 'Message'],
    ...r.lists.flatMap((list) =>
      list.items.map((i) => [
        list.key.replace(/s$/, ''),
        i.row,
        i.field === null ? null : columnLabel(kind, i.field),
        i.message,
      ]),
    ),
    ...r.totals.map(([label, value]) => ['Summary', '', label, String(value)]),
  ]);
}

/** A header row of every column the kind understands: a file to fill in. */
export function templateCsv(kind: ImportKindDef): string {
  return csvLines([kind.columns.map((c) => c.header)]) + '\r\n';
}

export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
