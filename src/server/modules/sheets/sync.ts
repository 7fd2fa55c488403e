/**
 * Push (CRM → sheet) and pull (sheet → CRM) over the partnerships row model (exchange/rows.ts) and its
 * importer (exchange/importer.ts, decision 9's rules), for a Google sheet or a CSV / XLSX file in the same
 * layout. A pull reads everything first and applies it in one transaction, so a failure leaves the CRM as it
 * was. The fingerprints of what was last pushed tell a pull which rows the sheet edited: a row only the CRM
 * changed is no conflict (the next push refreshes it); a row both changed is listed, not applied.
 */
import {
  EXCHANGE_KEYS,
  suggestMapping,
  type ExchangeKey,
  type ExchangeRow,
} from '../../../shared/exchange.schema';
import {
  EDITABLE_KEYS,
  type SyncMode,
  type SyncResult,
  type SyncSource,
} from '../../../shared/sheets.schema';
import type { Executor } from '../../db/connection';
import { SYSTEM_ACTOR, type Actor, type Kernel } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import type { Table } from '../../kernel/spreadsheets';
import { ImportRun, type ImportHooks, type RowConflict } from '../exchange/importer';
import { exportRows, headerLabels } from '../exchange/rows';
import { readSettings } from '../settings/service';
import { a1, columnLetter, type SheetsClient } from './client';
import {
  cellText,
  COLUMN_COUNT,
  fingerprint,
  formatRequests,
  linkHash,
  normalise,
  partnerHash,
  toSheetCells,
} from './layout';

const WRITE_CHUNK = 5000;
const APPLY_CHUNK = 500;
const LAST_COLUMN = columnLetter(COLUMN_COUNT); // X

export type Progress = (done: number, total: number, message: string) => Promise<void>;

export function emptyResult(mode: SyncMode, source: SyncSource, at: string): SyncResult {
  return {
    mode,
    source,
    finishedAt: at,
    spreadsheetId: null,
    sheetName: null,
    rowsPushed: 0,
    processedRows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    conflicts: 0,
    partnersCreated: 0,
    partnersUpdated: 0,
    eventsCreated: 0,
    linksCreated: 0,
    linksUpdated: 0,
    errors: [],
    warnings: [],
  };
}

/** Every row of the row model, all partners (archived too), as the workspace sees them. */
export async function crmRows(db: Executor): Promise<ExchangeRow[]> {
  const out: ExchangeRow[] = [];
  for await (const page of exportRows(db, SYSTEM_ACTOR, { includeArchived: true })) out.push(...page);
  return out;
}

/** Replaces a source's fingerprints with those of the rows just written to it. */
export async function recordSnapshots(db: Executor, source: SyncSource, rows: ExchangeRow[]): Promise<void> {
  await db.deleteFrom('sheet_snapshots').where('source', '=', source).execute();
  const values = rows
    .map(fingerprint)
    .filter((f) => f !== null)
    .map((f) => ({ source, row_key: f.rowKey, partner_hash: f.partnerHash, link_hash: f.linkHash }));
  const seen = new Set<string>();
  const unique = values.filter((v) => !seen.has(v.row_key) && seen.add(v.row_key));
  for (let i = 0; i < unique.length; i += 1000)
    await db
      .insertInto('sheet_snapshots')
      .values(unique.slice(i, i + 1000))
      .execute();
}

/** Sets some rows' fingerprints (after a pull applied them, or a conflict was settled). */
export async function upsertSnapshots(
  db: Executor,
  source: SyncSource,
  items: { rowKey: string; partnerHash: string; linkHash: string }[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 500)
    await db
      .insertInto('sheet_snapshots')
      .values(
        items.slice(i, i + 500).map((f) => ({
          source,
          row_key: f.rowKey,
          partner_hash: f.partnerHash,
          link_hash: f.linkHash,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['source', 'row_key']).doUpdateSet((eb) => ({
          partner_hash: eb.ref('excluded.partner_hash'),
          link_hash: eb.ref('excluded.link_hash'),
        })),
      )
      .execute();
}

/** Writes every CRM row to the sheet (reference §3.8 push: CRM wins), then its presentation. */
export async function pushToSheet(
  k: Kernel,
  client: SheetsClient,
  target: { spreadsheetId: string; sheetName: string },
  progress: Progress,
): Promise<number> {
  const { spreadsheetId, sheetName } = target;
  await progress(0, 1, 'Reading the spreadsheet');
  const meta = await client.spreadsheet(spreadsheetId, 'sheets(properties,conditionalFormats)');
  let tab = meta.sheets.find((s) => s.properties.title === sheetName);
  let sheetId = tab?.properties.sheetId;
  if (sheetId === undefined) {
    const reply = await client.batchUpdate(spreadsheetId, [
      { addSheet: { properties: { title: sheetName } } },
    ]);
    sheetId = (reply.replies?.[0] as { addSheet?: { properties?: { sheetId?: number } } } | undefined)
      ?.addSheet?.properties?.sheetId;
    if (sheetId === undefined)
      throw new AppError(502, 'sheets_failed', `Google did not create the tab "${sheetName}".`);
    tab = undefined;
  }
  await progress(0, 1, 'Reading the CRM');
  const rows = await crmRows(k.db);
  const { baseCurrency } = (await readSettings(k.db, k.secrets)).value;
  const grid = [headerLabels(baseCurrency), ...rows.map(toSheetCells)];
  // Overwrite first, then clear what lies below and to the right: the sheet is never blank in between.
  for (let i = 0; i < grid.length; i += WRITE_CHUNK) {
    const chunk = grid.slice(i, i + WRITE_CHUNK);
    await client.batchUpdateValues(spreadsheetId, [
      { range: a1(sheetName, `A${i + 1}:${LAST_COLUMN}${i + chunk.length}`), values: chunk },
    ]);
    await progress(Math.min(i + WRITE_CHUNK, grid.length) - 1, rows.length, 'Writing rows');
  }
  await client.clearValues(spreadsheetId, a1(sheetName, `A${grid.length + 1}:ZZ`));
  await client.clearValues(spreadsheetId, a1(sheetName, `${columnLetter(COLUMN_COUNT + 1)}1:ZZ`));
  await progress(rows.length, rows.length, 'Formatting');
  await client.batchUpdate(
    spreadsheetId,
    formatRequests(sheetId, rows.length, tab?.conditionalFormats?.length ?? 0),
  );
  await recordSnapshots(k.db, 'google', rows);
  return rows.length;
}

/** Reads the sheet's values: header row first. Formulas come back as their values, dates as yyyy-mm-dd. */
export async function readSheet(
  client: SheetsClient,
  target: { spreadsheetId: string; sheetName: string },
): Promise<Table> {
  const values = await client.getValues(target.spreadsheetId, a1(target.sheetName, 'A:ZZ'), {
    valueRenderOption: 'UNFORMATTED_VALUE',
    dateTimeRenderOption: 'FORMATTED_STRING',
  });
  const [header = [], ...rest] = values;
  return { headers: header.map((h) => cellText(h).trim()), rows: rest.map((r) => r.map(cellText)) };
}

/** Table → row-model rows through the header mapping shared with the file import. */
export function toRows(table: Table): ExchangeRow[] {
  const mapping = suggestMapping(table.headers);
  const keys = table.headers.map((h) => mapping[h] ?? null);
  if (!keys.includes('company'))
    throw new AppError(
      400,
      'no_company_column',
      `The sheet has no Company column in its first row (found: ${table.headers.filter(Boolean).slice(0, 8).join(', ') || 'nothing'}). Push once to write the layout, or add the header.`,
    );
  return table.rows.map((cells) => {
    const row: ExchangeRow = {};
    keys.forEach((key, i) => {
      if (key && row[key] === undefined) row[key] = (cells[i] ?? '').trim();
    });
    return row;
  });
}

export interface PullOutcome {
  result: SyncResult;
  conflicts: RowConflict[];
}

/**
 * Applies the rows in one transaction with decision 9's rules; conflicts replace the source's open ones.
 * Nothing is written when anything fails.
 */
export async function pullRows(
  k: Kernel,
  actor: Actor,
  source: SyncSource,
  rows: ExchangeRow[],
  result: SyncResult,
  progress: Progress,
): Promise<PullOutcome> {
  const snapshots = new Map(
    (await k.db.selectFrom('sheet_snapshots').selectAll().where('source', '=', source).execute()).map((s) => [
      s.row_key,
      s,
    ]),
  );
  const conflicts: RowConflict[] = [];
  const hooks: ImportHooks = {
    edited(row, part) {
      const key = row.linkId || row.partnerId;
      const snap = key ? snapshots.get(key) : undefined;
      if (!snap) return true;
      return part === 'partner' ? partnerHash(row) !== snap.partner_hash : linkHash(row) !== snap.link_hash;
    },
    conflict: (c) => void conflicts.push(c),
  };
  const { baseCurrency } = (await readSettings(k.db, k.secrets)).value;
  const run = new ImportRun(k, actor, baseCurrency, false, hooks);
  await run.load();
  // On SQLite the transaction holds the one connection, so progress can only be written outside it.
  const liveProgress = k.engine === 'postgres';
  await progress(0, rows.length, 'Applying rows');
  await mutate(k, actor, async (m) => {
    for (let i = 0; i < rows.length; i += APPLY_CHUNK) {
      await run.applyRows(m, rows.slice(i, i + APPLY_CHUNK), i + 2); // row 1 is the header
      if (liveProgress) await progress(Math.min(i + APPLY_CHUNK, rows.length), rows.length, 'Applying rows');
    }
    await m.tx
      .deleteFrom('sheet_conflicts')
      .where('source', '=', source)
      .where('status', '=', 'open')
      .execute();
    if (conflicts.length) await storeConflicts(m.tx, source, conflicts, m.at);
    // The sheet's cells of every row applied are now what the CRM knows: remember them, so the next pull
    // does not mistake them for fresh edits of rows the CRM has since stamped with a newer time.
    const bad = new Set(run.report.errors.map((e) => e.row));
    const conflicted = new Map(conflicts.map((c) => [c.row, c.entity]));
    const seen: { rowKey: string; partnerHash: string; linkHash: string }[] = [];
    rows.forEach((row, i) => {
      const n = i + 2;
      const f = fingerprint(row);
      if (!f || bad.has(n)) return;
      const old = snapshots.get(f.rowKey);
      const c = conflicted.get(n);
      if (c && !old) return;
      const next = {
        rowKey: f.rowKey,
        partnerHash: c === 'partner' ? old!.partner_hash : f.partnerHash,
        linkHash: c ? old!.link_hash : f.linkHash,
      };
      if (!old || old.partner_hash !== next.partnerHash || old.link_hash !== next.linkHash) seen.push(next);
    });
    await upsertSnapshots(m.tx, source, seen);
  });
  const r = run.report;
  Object.assign(result, {
    processedRows: result.processedRows + r.processedRows,
    partnersCreated: r.partnersCreated,
    partnersUpdated: r.partnersUpdated,
    eventsCreated: r.eventsCreated,
    linksCreated: r.linksCreated,
    linksUpdated: r.linksUpdated,
    created: r.partnersCreated + r.linksCreated,
    updated: r.partnersUpdated + r.linksUpdated,
    unchanged: r.unchanged,
    // A conflicting partner also counts as a skipped row in the report; here the figures do not overlap.
    skipped: r.skipped - conflicts.filter((c) => c.entity === 'partner').length,
    conflicts: conflicts.length,
    errors: r.errors.slice(0, 50),
    warnings: r.warnings.slice(0, 50),
  } satisfies Partial<SyncResult>);
  return { result, conflicts };
}

async function storeConflicts(tx: Executor, source: SyncSource, conflicts: RowConflict[], at: string) {
  const all = await crmRows(tx);
  const byLink = new Map(all.filter((r) => r.linkId).map((r) => [r.linkId!, r]));
  const byPartner = new Map<string, ExchangeRow>();
  for (const r of all) if (!byPartner.has(r.partnerId!)) byPartner.set(r.partnerId!, r);
  const values = conflicts.map((c) => {
    const crm =
      (c.entity === 'link'
        ? byLink.get(c.entityId)
        : c.cells.linkId
          ? byLink.get(c.cells.linkId)
          : undefined) ??
      (c.entity === 'partner' ? byPartner.get(c.entityId) : undefined) ??
      {};
    return {
      id: newId(),
      source,
      row_number: c.row,
      entity: c.entity,
      entity_id: c.entityId,
      company: c.cells.company ?? '',
      event_name: c.cells.eventName ?? '',
      sheet_row: JSON.stringify(pick(c.cells)),
      crm_row: JSON.stringify(pick(crm)),
      sheet_updated_at: c.sheetUpdatedAt,
      crm_updated_at: c.crmUpdatedAt,
      status: 'open',
      resolved_at: null,
      resolved_by: null,
      created_at: at,
    };
  });
  for (let i = 0; i < values.length; i += 200)
    await tx
      .insertInto('sheet_conflicts')
      .values(values.slice(i, i + 200))
      .execute();
}

const pick = (row: ExchangeRow): Record<string, string> =>
  Object.fromEntries(EXCHANGE_KEYS.map((key) => [key, row[key] ?? '']));

/** Keys whose cells differ in meaning; the sheet's blank cells never wipe, so they are no difference. */
export function differences(sheet: Record<string, string>, crm: Record<string, string>): ExchangeKey[] {
  return EDITABLE_KEYS.filter((key) => {
    const s = (sheet[key] ?? '').trim();
    if (s === '') return false;
    return normalise(key, s) !== normalise(key, crm[key]);
  });
}
