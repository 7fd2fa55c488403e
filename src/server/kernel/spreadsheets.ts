/**
 * CSV and XLSX in and out: reads a file into a header row and data rows of strings (imports), and writes
 * rows of cells as a download (exports). Every import and export of the app goes through here.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { AppError } from './errors';

export interface Table {
  headers: string[];
  rows: string[][];
}

export const MAX_IMPORT_ROWS = 200_000;

function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

function readCsv(bytes: Buffer): Table {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000'))
    throw new AppError(415, 'unsupported_file', 'The file is not a text CSV file.');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
  } catch (e) {
    throw new AppError(400, 'bad_file', `The CSV file could not be read: ${(e as Error).message}`);
  }
  const [headers = [], ...rows] = records;
  return { headers: headers.map((h) => h.trim()), rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError(400, 'bad_file', `The XLSX file could not be read: ${(e as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError(400, 'bad_file', 'The XLSX file has no worksheet.');
  const all: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
    all.push(cells);
  });
  const [headers = [], ...rows] = all;
  return { headers, rows };
}

export async function readTable(fileName: string, bytes: Buffer): Promise<Table> {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  let table: Table;
  if (ext === 'csv' || ext === 'txt') table = readCsv(bytes);
  else if (ext === 'xlsx') table = await readXlsx(bytes);
  else throw new AppError(415, 'unsupported_file', 'Import a .csv or .xlsx file.');
  if (table.headers.filter(Boolean).length === 0)
    throw new AppError(400, 'bad_file', 'The file has no header row.');
  if (table.rows.length > MAX_IMPORT_ROWS)
    throw new AppError(
      413,
      'too_many_rows',
      `The file has ${table.rows.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once. Split it.`,
    );
  return table;
}

export interface DownloadFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}
export type Cell = string | number | null;

export interface SheetOptions {
  sheetName?: string;
  /** Column widths in characters, by header. */
  widths?: Record<string, number>;
  /** Columns (0-based) hidden in the spreadsheet: technical ids and timestamps. */
  hiddenFrom?: number;
  /** Frozen header row and first columns. */
  freezeColumns?: number;
}

/**
 * Writes a header and rows (given page by page, so large exports stay in bounded memory) as CSV (UTF-8 with
 * a BOM, which spreadsheet apps need to read accents) or XLSX.
 */
export async function writeTable(
  format: 'csv' | 'xlsx',
  baseName: string,
  headers: string[],
  pages: AsyncIterable<Cell[][]> | Iterable<Cell[][]>,
  opts: SheetOptions = {},
): Promise<DownloadFile> {
  if (format === 'csv') {
    const chunks: string[] = [stringify([headers])];
    for await (const rows of pages) chunks.push(stringify(rows.map((r) => r.map((c) => c ?? ''))));
    return {
      fileName: `${baseName}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from('\uFEFF' + chunks.join(''), 'utf8'),
    };
  }
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(opts.sheetName ?? 'Export', {
    views: [{ state: 'frozen', xSplit: opts.freezeColumns ?? 1, ySplit: 1 }],
  });
  sheet.addRow(headers).font = { bold: true };
  for await (const rows of pages) for (const r of rows) sheet.addRow(r.map((c) => c ?? ''));
  headers.forEach((h, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = opts.widths?.[h] ?? 16;
    if (opts.hiddenFrom !== undefined && i >= opts.hiddenFrom) col.hidden = true;
  });
  return {
    fileName: `${baseName}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
