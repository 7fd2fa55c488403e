/** The import report as a CSV file a person can open next to their spreadsheet. */
import type { ImportReport } from '../../../shared/exchange.schema';

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function reportCsv(r: ImportReport): string {
  const lines = [
    ['Kind', 'Row', 'Field', 'Message'],
    ...r.errors.map((i) => ['error', i.row, i.field, i.message]),
    ...r.conflicts.map((i) => ['conflict', i.row, i.field, i.message]),
    ...r.warnings.map((i) => ['warning', i.row, i.field, i.message]),
  ];
  const summary = [
    ['Summary', '', 'rows processed', String(r.processedRows)],
    ['Summary', '', 'partners created', String(r.partnersCreated)],
    ['Summary', '', 'partners updated', String(r.partnersUpdated)],
    ['Summary', '', 'events created', String(r.eventsCreated)],
    ['Summary', '', 'involvements created', String(r.linksCreated)],
    ['Summary', '', 'involvements updated', String(r.linksUpdated)],
    ['Summary', '', 'rows unchanged', String(r.unchanged)],
    ['Summary', '', 'rows skipped', String(r.skipped)],
  ];
  return [...lines, ...summary]
    .map((l) => l.map((v) => cell(v as string | number | null)).join(','))
    .join('\r\n');
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
