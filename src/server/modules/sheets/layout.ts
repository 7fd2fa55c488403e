/**
 * The sheet's layout (reference §3.8): the row model's 24 columns written so Google keeps each cell's
 * meaning (amounts and years as numbers, the follow-up as a date, every other text kept as text), the
 * presentation re-applied after each push, and the per-row fingerprints a pull compares against to tell
 * what the sheet edited.
 */
import { createHash } from 'node:crypto';
import {
  EXCHANGE_COLUMNS,
  EXCHANGE_KEYS,
  type ExchangeKey,
  type ExchangeRow,
} from '../../../shared/exchange.schema';
import { LINK_KEYS, PARTNER_KEYS } from '../../../shared/sheets.schema';
import type { CellValue } from './client';

export const COLUMN_COUNT = EXCHANGE_COLUMNS.length; // 24
/** The technical columns (ids and timestamps) start here, 0-based; they are hidden. */
export const FIRST_HIDDEN = EXCHANGE_KEYS.indexOf('partnerId');
const AMOUNT_COL = EXCHANGE_KEYS.indexOf('sponsorshipAmount');
const FOLLOW_UP_COL = EXCHANGE_KEYS.indexOf('followUpDate');

/**
 * One row-model row → the cells sent with USER_ENTERED. A text Google would read as something else (a number,
 * a formula, a date) gets a leading apostrophe, which Google stores as text and does not show.
 */
export function toSheetCells(row: ExchangeRow): CellValue[] {
  return EXCHANGE_KEYS.map((key) => {
    const v = row[key] ?? '';
    if (v === '') return '';
    if ((key === 'sponsorshipAmount' || key === 'eventYear') && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
    if (key === 'followUpDate' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    if (/^[=+\-@']/.test(v) || /^[\d\s.,:/$%()-]+$/.test(v) || /^(true|false)$/i.test(v)) return `'${v}`;
    if (FIRST_HIDDEN <= EXCHANGE_KEYS.indexOf(key)) return `'${v}`;
    return v;
  });
}

/** A cell read back (UNFORMATTED_VALUE) → the row model's text. */
export function cellText(v: CellValue | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return String(v);
}

/** A cell as compared between what was pushed and what is read back: equal meaning, equal text. */
export function normalise(key: ExchangeKey, v: string | undefined): string {
  const t = (v ?? '').trim();
  if (t === '') return '';
  if (key === 'sponsorshipAmount' || key === 'eventYear') {
    const n = Number(t.replace(/[$€£,\s]/g, ''));
    return Number.isFinite(n) ? String(n) : t;
  }
  if (key === 'alumniPartner' || key === 'archived') return t.toLowerCase();
  return t;
}

function hashOf(row: ExchangeRow, keys: ExchangeKey[]): string {
  const h = createHash('sha1');
  for (const k of keys) h.update(normalise(k, row[k])).update('\u0000');
  return h.digest('base64url').slice(0, 16);
}

export interface RowFingerprint {
  rowKey: string;
  partnerHash: string;
  linkHash: string;
}

/** The row's key (its link, or its partner when it has no link) and the fingerprints of its two halves. */
export function fingerprint(row: ExchangeRow): RowFingerprint | null {
  const rowKey = row.linkId || row.partnerId;
  if (!rowKey) return null;
  return { rowKey, partnerHash: hashOf(row, PARTNER_KEYS), linkHash: hashOf(row, LINK_KEYS) };
}

export const partnerHash = (row: ExchangeRow) => hashOf(row, PARTNER_KEYS);
export const linkHash = (row: ExchangeRow) => hashOf(row, LINK_KEYS);

const rgb = (hex: string) => ({
  red: parseInt(hex.slice(1, 3), 16) / 255,
  green: parseInt(hex.slice(3, 5), 16) / 255,
  blue: parseInt(hex.slice(5, 7), 16) / 255,
});

/** Widths in pixels, by key. */
function widthOf(key: ExchangeKey): number {
  if (key === 'company') return 220;
  if (key === 'eventNotes' || key === 'partnerNotes') return 280;
  if (key === 'email' || key === 'eventName' || key === 'linkedIn') return 200;
  return 130;
}

/**
 * The spreadsheets.batchUpdate requests that re-apply the presentation after a push: bold header with colour
 * bands (partner 1–9, event 10–16, notes 17+), frozen header and first two columns, a filter, widths, the
 * amount and date formats, follow-up colours (red when past, amber within 7 days), hidden technical columns.
 * `existingRules` conditional rules are deleted first so pushes do not pile them up.
 */
export function formatRequests(
  sheetId: number,
  rowCount: number,
  existingRules: number,
): Record<string, unknown>[] {
  const range = (c1: number, c2: number, r1 = 0, r2?: number) => ({
    sheetId,
    startRowIndex: r1,
    ...(r2 === undefined ? {} : { endRowIndex: r2 }),
    startColumnIndex: c1,
    endColumnIndex: c2,
  });
  const header = (c1: number, c2: number, colour: string) => ({
    repeatCell: {
      range: range(c1, c2, 0, 1),
      cell: {
        userEnteredFormat: {
          backgroundColor: rgb(colour),
          textFormat: { bold: true },
          verticalAlignment: 'MIDDLE',
          wrapStrategy: 'WRAP',
        },
      },
      fields: 'userEnteredFormat(backgroundColor,textFormat,verticalAlignment,wrapStrategy)',
    },
  });
  const followUps = range(FOLLOW_UP_COL, FOLLOW_UP_COL + 1, 1, Math.max(2, rowCount + 1));
  const cellRef = `$P2`; // the follow-up column (16th), relative row
  const requests: Record<string, unknown>[] = [];
  for (let i = existingRules - 1; i >= 0; i--)
    requests.push({ deleteConditionalFormatRule: { sheetId, index: i } });
  requests.push(
    {
      updateSheetProperties: {
        properties: { sheetId, gridProperties: { frozenRowCount: 1, frozenColumnCount: 2 } },
        fields: 'gridProperties(frozenRowCount,frozenColumnCount)',
      },
    },
    header(0, 9, '#dbe7f5'),
    header(9, 16, '#e3f1e0'),
    header(16, COLUMN_COUNT, '#f3ead7'),
    {
      repeatCell: {
        range: range(AMOUNT_COL, AMOUNT_COL + 1, 1),
        cell: { userEnteredFormat: { numberFormat: { type: 'CURRENCY', pattern: '#,##0.00' } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    },
    {
      repeatCell: {
        range: range(FOLLOW_UP_COL, FOLLOW_UP_COL + 1, 1),
        cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } },
        fields: 'userEnteredFormat.numberFormat',
      },
    },
    { setBasicFilter: { filter: { range: range(0, COLUMN_COUNT, 0, rowCount + 1) } } },
    {
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: [followUps],
          booleanRule: {
            condition: {
              type: 'CUSTOM_FORMULA',
              values: [{ userEnteredValue: `=AND(${cellRef}<>"",${cellRef}<TODAY())` }],
            },
            format: { backgroundColor: rgb('#f8d7d5') },
          },
        },
      },
    },
    {
      addConditionalFormatRule: {
        index: 1,
        rule: {
          ranges: [followUps],
          booleanRule: {
            condition: {
              type: 'CUSTOM_FORMULA',
              values: [{ userEnteredValue: `=AND(${cellRef}>=TODAY(),${cellRef}<=TODAY()+7)` }],
            },
            format: { backgroundColor: rgb('#fdf0c8') },
          },
        },
      },
    },
    ...EXCHANGE_KEYS.map((key, i) => ({
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: i, endIndex: i + 1 },
        properties: { pixelSize: widthOf(key) },
        fields: 'pixelSize',
      },
    })),
    {
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: FIRST_HIDDEN, endIndex: COLUMN_COUNT },
        properties: { hiddenByUser: true },
        fields: 'hiddenByUser',
      },
    },
  );
  return requests;
}
