/**
 * The Google Sheets integration: its configuration (the service account key sealed at rest, never returned),
 * status (reference §3.8 plus accessible / last error / last run), push / pull / merge as background jobs
 * with progress (one at a time), the same with a CSV / XLSX file, the conflict review, and the debounced
 * auto-push after partnership changes.
 */
import { can, type Permission } from '../../../shared/permissions';
import type { ExchangeRow } from '../../../shared/exchange.schema';
import {
  DEFAULT_SHEET_NAME,
  spreadsheetIdFrom,
  type SheetConflict,
  type SheetsConfig,
  type SheetsStatus,
  type SheetsSyncBlock,
  type SyncMode,
  type SyncResult,
  type SyncSource,
} from '../../../shared/sheets.schema';
import type { SheetsConfigTable } from '../../db/types';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, conflict, forbidden, notFound, validationError } from '../../kernel/errors';
import type { EventBus } from '../../kernel/events';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import { readTable, type DownloadFile } from '../../kernel/spreadsheets';
import { loadActor } from '../auth/service';
import { ImportRun } from '../exchange/importer';
import { ExchangeService } from '../exchange/service';
import { readSettings } from '../settings/service';
import { parseServiceAccount, SheetsClient, SheetsError, type ServiceAccount } from './client';
import { fingerprint } from './layout';
import {
  crmRows,
  differences,
  emptyResult,
  pullRows,
  pushToSheet,
  readSheet,
  recordSnapshots,
  toRows,
  upsertSnapshots,
  type Progress,
} from './sync';
import type { z } from 'zod';
import type { sheetsConfigInputSchema } from '../../../shared/sheets.schema';

const ROW_ID = 'default';
export const SYNC_JOB = 'sheets.sync';
/** Auto-push waits this long after the last change, so a burst of edits makes one push. */
const AUTO_PUSH_DELAY_MS = 30_000;
/** Who may pull (it creates and changes partners, events and links). */
const PULL_PERMISSIONS: Permission[] = [
  'partners.create',
  'partners.edit',
  'events.create',
  'links.create',
  'links.edit',
];
/** A status probe is reused for this long. */
const PROBE_TTL_MS = 5 * 60_000;
/** When a status asks Google whether the sheet is accessible (see `status`). */
export type AccessCheck = 'now' | 'if_stale' | 'never';

interface SyncPayload {
  mode: SyncMode;
  source: SyncSource;
  userId: string | null;
  uploadId?: string;
  auto?: boolean;
}

type ConfigRow = SheetsConfigTable;

export const sheetUrl = (id: string) => (id ? `https://docs.google.com/spreadsheets/d/${id}/edit` : null);

export class SheetsService {
  private cached: { key: string; client: SheetsClient } | null = null;

  constructor(
    private readonly k: Kernel,
    /** The Sheets API address when the settings name none (ACCORD_GOOGLE_SHEETS_URL; Google's by default). */
    private readonly defaultApiBaseUrl = '',
  ) {
    k.jobs.register(SYNC_JOB, async (ctx) =>
      this.runJob(ctx.id, ctx.payload as SyncPayload, (done, total, msg) => ctx.progress(done, total, msg)),
    );
  }

  /** Enqueues a push shortly after partner, event and link changes when auto-push is on. */
  installAutoPush(bus: EventBus): void {
    bus.on('*', async (e) => {
      if (!['partner', 'event', 'link'].includes(e.entity)) return;
      const row = await this.row();
      if (!row || !row.auto_push || !this.isConfigured(row)) return;
      await this.k.jobs.enqueue(
        SYNC_JOB,
        { mode: 'push', source: 'google', userId: null, auto: true } satisfies SyncPayload,
        {
          runAt: new Date(this.k.clock.now().getTime() + AUTO_PUSH_DELAY_MS),
          dedupeKey: 'sheets.autopush',
          maxAttempts: 3,
        },
      );
    });
  }

  private row(): Promise<ConfigRow | undefined> {
    return this.k.db.selectFrom('sheets_config').selectAll().where('id', '=', ROW_ID).executeTakeFirst();
  }

  private async ensureRow(): Promise<ConfigRow> {
    const existing = await this.row();
    if (existing) return existing;
    await this.k.db
      .insertInto('sheets_config')
      .values({
        id: ROW_ID,
        enabled: 1,
        spreadsheet_id: '',
        sheet_name: DEFAULT_SHEET_NAME,
        service_account_email: '',
        private_key_id: '',
        private_key: '',
        token_uri: '',
        auto_push: 0,
        updated_at: this.k.clock.now().toISOString(),
        version: 1,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return (await this.row())!;
  }

  private isConfigured(row: ConfigRow): boolean {
    return row.enabled === 1 && !!row.spreadsheet_id && !!row.service_account_email && !!row.private_key;
  }

  private account(row: ConfigRow): ServiceAccount {
    return {
      clientEmail: row.service_account_email,
      privateKey: this.k.secrets.open(row.private_key),
      privateKeyId: row.private_key_id,
      tokenUri: row.token_uri,
    };
  }

  /** One client per configuration, so its access token is reused until it nears expiry. */
  private client(row: ConfigRow): SheetsClient {
    const key = `${row.version}|${row.updated_at}`;
    if (this.cached?.key !== key)
      this.cached = {
        key,
        client: new SheetsClient({
          account: this.account(row),
          apiBaseUrl: row.api_base_url || this.defaultApiBaseUrl || undefined,
        }),
      };
    return this.cached.client;
  }

  private async configuredRow(): Promise<ConfigRow> {
    const row = await this.row();
    if (!row || !this.isConfigured(row))
      throw new AppError(
        409,
        'sheets_not_configured',
        row && row.enabled === 0
          ? 'Google Sheets sync is turned off. Turn it on in Integrations.'
          : 'Google Sheets sync is not configured. Set the spreadsheet and upload the service account key in Integrations.',
      );
    return row;
  }

  // --- configuration -------------------------------------------------------------------------------------

  async config(): Promise<SheetsConfig> {
    const row = await this.row();
    return {
      configured: !!row && this.isConfigured(row),
      enabled: row ? row.enabled === 1 : true,
      spreadsheetId: row?.spreadsheet_id ?? '',
      spreadsheetUrl: sheetUrl(row?.spreadsheet_id ?? ''),
      sheetName: row?.sheet_name ?? DEFAULT_SHEET_NAME,
      autoPush: row?.auto_push === 1,
      serviceAccountEmail: row?.service_account_email ?? '',
      hasPrivateKey: !!row?.private_key,
      apiBaseUrl: row?.api_base_url ?? '',
      updatedAt: row?.private_key || row?.spreadsheet_id ? row.updated_at : null,
    };
  }

  async saveConfig(actor: Actor, input: z.output<typeof sheetsConfigInputSchema>): Promise<SheetsStatus> {
    const current = await this.ensureRow();
    let account: ServiceAccount | null = null;
    if (input.serviceAccountJson?.trim()) {
      try {
        account = parseServiceAccount(input.serviceAccountJson);
      } catch (e) {
        throw validationError({ serviceAccountJson: (e as Error).message }, (e as Error).message);
      }
    } else if (!current.private_key && input.enabled)
      throw validationError(
        { serviceAccountJson: 'Upload the service account key file (JSON).' },
        'Upload the service account key file (JSON).',
      );
    const set = {
      enabled: input.enabled ? 1 : 0,
      spreadsheet_id: spreadsheetIdFrom(input.spreadsheet),
      sheet_name: input.sheetName,
      auto_push: input.autoPush ? 1 : 0,
      ...(input.apiBaseUrl !== undefined ? { api_base_url: input.apiBaseUrl || null } : {}),
      ...(account
        ? {
            service_account_email: account.clientEmail,
            private_key: this.k.secrets.seal(account.privateKey),
            private_key_id: account.privateKeyId,
            token_uri: account.tokenUri,
          }
        : {}),
      accessible: null,
      access_error: null,
      access_checked_at: null,
    };
    await mutate(this.k, actor, async (m) => {
      await m.tx
        .updateTable('sheets_config')
        .set({ ...set, updated_at: m.at, version: current.version + 1, updated_by: actor.userId })
        .where('id', '=', ROW_ID)
        .execute();
      const redact = (r: Record<string, unknown>) => ({ ...r, private_key: r.private_key ? '(sealed)' : '' });
      m.audit({
        entity: 'sheets_config',
        entityId: ROW_ID,
        action: 'update',
        before: redact({ ...current }),
        after: redact({ ...current, ...set }),
      });
    });
    return this.status('now');
  }

  async removeConfig(actor: Actor): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      await m.tx.deleteFrom('sheets_config').where('id', '=', ROW_ID).execute();
      await m.tx.deleteFrom('sheet_snapshots').where('source', '=', 'google').execute();
      m.audit({ entity: 'sheets_config', entityId: ROW_ID, action: 'delete', before: { removed: true } });
    });
    this.cached = null;
  }

  /** Checks that the spreadsheet can be read with the stored key; remembers the answer. */
  private async probe(row: ConfigRow): Promise<{ accessible: boolean; error: string | null }> {
    let accessible = true;
    let error: string | null = null;
    try {
      await this.client(row).spreadsheet(
        row.spreadsheet_id,
        'spreadsheetId,properties.title,sheets.properties',
      );
    } catch (e) {
      accessible = false;
      error = e instanceof SheetsError ? e.message : `Unexpected error: ${(e as Error).message}`;
    }
    await this.k.db
      .updateTable('sheets_config')
      .set({
        accessible: accessible ? 1 : 0,
        access_error: error,
        access_checked_at: this.k.clock.now().toISOString(),
      })
      .where('id', '=', ROW_ID)
      .execute();
    return { accessible, error };
  }

  // --- status --------------------------------------------------------------------------------------------

  /**
   * Reference §3.8's status. `check` says when to ask Google whether the sheet is accessible: `now`, `if_stale`
   * (no check in the last 5 minutes) or `never` (the stored answer, for the Overview's block: a page the team
   * opens all day must not wait on Google, nor write).
   */
  async status(check: AccessCheck = 'if_stale'): Promise<SheetsStatus> {
    // The running job and the open conflicts do not depend on the configuration: asked alongside it.
    const [stored, runningJobId, openConflicts] = await Promise.all([
      this.row(),
      this.runningJob(),
      this.openConflictCount(),
    ]);
    let row = stored;
    const configured = !!row && this.isConfigured(row);
    if (row && configured && check !== 'never') {
      const stale =
        !row.access_checked_at ||
        this.k.clock.now().getTime() - Date.parse(row.access_checked_at) > PROBE_TTL_MS;
      if (check === 'now' || stale) {
        await this.probe(row);
        row = (await this.row())!;
      }
    }
    let parseError: string | null = null;
    if (row?.private_key) {
      try {
        this.k.secrets.open(row.private_key);
      } catch (e) {
        parseError = (e as Error).message;
      }
    }
    const lastRun = row?.last_sync_summary ? (JSON.parse(row.last_sync_summary) as SyncResult) : null;
    const message = !row
      ? 'Not configured: set the spreadsheet and upload the service account key.'
      : row.enabled === 0
        ? 'Disabled: Google Sheets sync is turned off.'
        : parseError
          ? `Invalid credentials: ${parseError}`
          : !configured
            ? 'Not configured: set the spreadsheet and upload the service account key.'
            : row.accessible === 0
              ? (row.access_error ?? 'Configured, but cannot access sheet.')
              : null;
    return {
      configured,
      autoSync: row?.auto_push === 1,
      sheetName: row?.sheet_name ?? DEFAULT_SHEET_NAME,
      spreadsheetId: row?.spreadsheet_id ?? '',
      spreadsheetUrl: sheetUrl(row?.spreadsheet_id ?? ''),
      serviceAccountEmail: row?.service_account_email ?? '',
      diagnostics: {
        enabledRaw: row ? row.enabled === 1 : false,
        explicitlyDisabled: row?.enabled === 0,
        spreadsheetIdPresent: !!row?.spreadsheet_id,
        serviceAccountJsonPresent: !!row?.private_key,
        serviceAccountEmailPresent: !!row?.service_account_email,
        privateKeyPresent: !!row?.private_key,
        credentialSource: row?.private_key ? 'settings' : 'none',
        credentialParseError: parseError,
      },
      accessible:
        configured && row?.accessible !== null && row?.accessible !== undefined ? row.accessible === 1 : null,
      accessError: row?.access_error ?? null,
      accessCheckedAt: row?.access_checked_at ?? null,
      message,
      lastSyncAt: row?.last_sync_at ?? null,
      lastSyncMode: (row?.last_sync_mode as SyncMode | null) ?? null,
      lastSyncSource: (row?.last_sync_source as SyncSource | null) ?? null,
      lastSyncStatus: (row?.last_sync_status as SheetsStatus['lastSyncStatus']) ?? null,
      lastSyncSummary: lastRun
        ? {
            mode: lastRun.mode,
            source: lastRun.source,
            rowsPushed: lastRun.rowsPushed,
            created: lastRun.created,
            updated: lastRun.updated,
            skipped: lastRun.skipped,
            conflicts: lastRun.conflicts,
          }
        : null,
      lastSyncError: row?.last_sync_error ?? null,
      lastRun,
      runningJobId,
      openConflicts,
    };
  }

  /** The Overview's Google Sheets block (reference §2.10), from stored state only (no call to Google). */
  async overviewBlock(): Promise<SheetsSyncBlock> {
    const s = await this.status('never').catch(() => null);
    if (!s)
      return {
        configured: false,
        accessible: null,
        sheetName: DEFAULT_SHEET_NAME,
        spreadsheetUrl: null,
        message: 'Not configured',
        lastError: null,
        lastSyncAt: null,
        lastSyncMode: null,
        lastSyncStatus: null,
        lastSyncSummary: null,
        runningJobId: null,
        openConflicts: 0,
      };
    return {
      configured: s.configured,
      accessible: s.accessible,
      sheetName: s.sheetName,
      spreadsheetUrl: s.spreadsheetUrl,
      message: !s.configured
        ? 'Not configured'
        : s.accessible === false
          ? 'Configured, but cannot access sheet'
          : `Connected: ${s.sheetName}`,
      lastError:
        s.lastSyncStatus === 'failed' ? s.lastSyncError : s.accessible === false ? s.accessError : null,
      lastSyncAt: s.lastSyncAt,
      lastSyncMode: s.lastSyncMode,
      lastSyncStatus: s.lastSyncStatus,
      lastSyncSummary: s.lastSyncSummary,
      runningJobId: s.runningJobId,
      openConflicts: s.openConflicts,
    };
  }

  private async runningJob(): Promise<string | null> {
    const job = await this.k.db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', SYNC_JOB)
      .where('status', 'in', ['queued', 'running'])
      .where('dedupe_key', '=', 'sheets.sync')
      .executeTakeFirst();
    return job?.id ?? null;
  }

  private async openConflictCount(): Promise<number> {
    const r = await this.k.db
      .selectFrom('sheet_conflicts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // --- runs ----------------------------------------------------------------------------------------------

  private assertMayRun(actor: Actor, mode: SyncMode) {
    const needed: Permission[] = mode === 'push' ? ['partners.view'] : ['partners.view', ...PULL_PERMISSIONS];
    const missing = needed.filter((p) => !can(actor.permissions, p));
    if (missing.length)
      throw forbidden(
        `A ${mode} changes partners, events and links; your role lacks: ${missing.join(', ')}.`,
      );
  }

  /** Starts a push, pull or merge with the Google sheet as a job; one sync runs at a time. */
  async start(actor: Actor, mode: SyncMode): Promise<{ jobId: string }> {
    this.assertMayRun(actor, mode);
    await this.configuredRow();
    return this.enqueue({ mode, source: 'google', userId: actor.userId });
  }

  private async enqueue(payload: SyncPayload): Promise<{ jobId: string }> {
    const jobId = await this.k.jobs.enqueue(SYNC_JOB, payload, { dedupeKey: 'sheets.sync', maxAttempts: 1 });
    if (!jobId)
      throw conflict(
        'A sync is already running. Wait for it to finish (its progress shows on the Integrations page).',
        'sync_running',
      );
    return { jobId };
  }

  /** A file in the sheet's layout (CSV or XLSX); its rows' fingerprints are kept for the file's pull. */
  async downloadFile(actor: Actor, format: 'csv' | 'xlsx'): Promise<DownloadFile> {
    if (!can(actor.permissions, 'partners.view'))
      throw forbidden('Downloading partners needs partners.view.');
    const file = await new ExchangeService(this.k).exportFile(actor, format, { includeArchived: 'true' });
    await recordSnapshots(this.k.db, 'file', await crmRows(this.k.db));
    return file;
  }

  /** Pulls an uploaded CSV / XLSX file in the sheet's layout with the same rules (a job). */
  async startFilePull(actor: Actor, fileName: string, bytes: Buffer): Promise<{ jobId: string }> {
    this.assertMayRun(actor, 'pull');
    const table = await readTable(fileName, bytes); // refuses unreadable files now, not in the job
    toRows({ headers: table.headers, rows: [] });
    const uploadId = newId();
    await this.k.db
      .insertInto('uploads')
      .values({
        id: uploadId,
        user_id: actor.userId!,
        purpose: 'sheets-file-pull',
        file_name: fileName.slice(0, 200),
        size: bytes.length,
        content: bytes,
        created_at: this.k.clock.now().toISOString(),
      })
      .execute();
    return this.enqueue({ mode: 'pull', source: 'file', userId: actor.userId, uploadId });
  }

  private async recordRun(fields: Partial<ConfigRow>): Promise<void> {
    await this.ensureRow();
    await this.k.db.updateTable('sheets_config').set(fields).where('id', '=', ROW_ID).execute();
  }

  /** The job: runs the sync and records its outcome (on failure too) on the status. */
  private async runJob(jobId: string, p: SyncPayload, progress: Progress): Promise<SyncResult> {
    const startedAt = this.k.clock.now().toISOString();
    await this.recordRun({
      last_sync_at: startedAt,
      last_sync_mode: p.mode,
      last_sync_source: p.source,
      last_sync_status: 'running',
      last_job_id: jobId,
    });
    try {
      const result = await this.sync(p, progress);
      await this.recordRun({
        last_sync_at: result.finishedAt,
        last_sync_status: 'ok',
        last_sync_summary: JSON.stringify(result),
        last_sync_error: null,
        ...(p.source === 'google'
          ? { accessible: 1, access_error: null, access_checked_at: result.finishedAt }
          : {}),
      });
      return result;
    } catch (e) {
      const message =
        e instanceof SheetsError || e instanceof AppError
          ? e.message
          : `The sync failed: ${(e as Error).message}`;
      await this.recordRun({
        last_sync_at: this.k.clock.now().toISOString(),
        last_sync_status: 'failed',
        last_sync_error: message,
        ...(e instanceof SheetsError &&
        ['forbidden', 'not_found', 'auth', 'invalid_key', 'unreachable'].includes(e.kind)
          ? { accessible: 0, access_error: message, access_checked_at: this.k.clock.now().toISOString() }
          : {}),
      });
      throw new Error(message);
    }
  }

  private async sync(p: SyncPayload, progress: Progress): Promise<SyncResult> {
    const actor = p.userId ? await loadActor(this.k.db, p.userId) : null;
    if (p.userId && !actor)
      throw new AppError(409, 'user_gone', 'The user who started this sync is no longer active.');
    if (actor) this.assertMayRun(actor, p.mode);
    const result = emptyResult(p.mode, p.source, this.k.clock.now().toISOString());
    if (p.source === 'file') {
      const upload = await this.k.db
        .selectFrom('uploads')
        .select(['file_name', 'content'])
        .where('id', '=', p.uploadId ?? '')
        .executeTakeFirst();
      if (!upload) throw new AppError(404, 'not_found', 'The uploaded file is gone. Upload it again.');
      const rows = toRows(await readTable(upload.file_name, Buffer.from(upload.content)));
      await pullRows(this.k, actor!, 'file', rows, result, progress);
      await this.k.db.deleteFrom('uploads').where('id', '=', p.uploadId!).execute();
      result.finishedAt = this.k.clock.now().toISOString();
      return result;
    }
    const row = await this.configuredRow();
    const client = this.client(row);
    const target = { spreadsheetId: row.spreadsheet_id, sheetName: row.sheet_name };
    result.spreadsheetId = target.spreadsheetId;
    result.sheetName = target.sheetName;
    if (p.mode === 'pull' || p.mode === 'merge') {
      await progress(0, 1, 'Reading the sheet');
      const rows = toRows(await readSheet(client, target));
      await pullRows(this.k, actor!, 'google', rows, result, progress);
    }
    if (p.mode === 'push' || p.mode === 'merge')
      result.rowsPushed = await pushToSheet(this.k, client, target, progress);
    result.finishedAt = this.k.clock.now().toISOString();
    return result;
  }

  // --- conflicts -----------------------------------------------------------------------------------------

  async conflicts(
    status: 'open' | 'resolved' | 'all',
  ): Promise<{ items: SheetConflict[]; openCount: number }> {
    let q = this.k.db.selectFrom('sheet_conflicts').selectAll();
    if (status === 'open') q = q.where('status', '=', 'open');
    if (status === 'resolved') q = q.where('status', '!=', 'open');
    const rows = await q.orderBy('created_at', 'desc').orderBy('row_number').limit(500).execute();
    return {
      items: rows.map((r) => {
        const sheet = JSON.parse(r.sheet_row) as Record<string, string>;
        const crm = JSON.parse(r.crm_row) as Record<string, string>;
        return {
          id: r.id,
          source: r.source as SyncSource,
          rowNumber: r.row_number,
          entity: r.entity as 'partner' | 'link',
          entityId: r.entity_id,
          company: r.company,
          eventName: r.event_name,
          sheet,
          crm,
          differences: differences(sheet, crm),
          sheetUpdatedAt: r.sheet_updated_at,
          crmUpdatedAt: r.crm_updated_at,
          status: r.status as SheetConflict['status'],
          resolvedAt: r.resolved_at,
          createdAt: r.created_at,
        };
      }),
      openCount: await this.openConflictCount(),
    };
  }

  /**
   * Settles a conflict. "sheet" applies the sheet's row to the CRM (refused when the CRM changed again since
   * the pull); "crm" keeps the CRM, and the next push overwrites the sheet's row. Either way the sheet's cells
   * are remembered as seen, so the next pull does not list the row again.
   */
  async resolve(actor: Actor, id: string, winner: 'sheet' | 'crm'): Promise<SheetConflict> {
    const c = await this.k.db
      .selectFrom('sheet_conflicts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!c) throw notFound('That conflict');
    if (c.status !== 'open') throw conflict('This conflict was already resolved.', 'already_resolved');
    const sheet = JSON.parse(c.sheet_row) as ExchangeRow;
    if (winner === 'sheet') this.assertMayRun(actor, 'pull');
    const { baseCurrency } = (await readSettings(this.k.db, this.k.secrets)).value;
    const run = new ImportRun(this.k, actor, baseCurrency, false);
    await run.load();
    await mutate(this.k, actor, async (m) => {
      const table = c.entity === 'link' ? 'links' : 'organizations';
      const current = await m.tx
        .selectFrom(table)
        .select('updated_at')
        .where('id', '=', c.entity_id)
        .executeTakeFirst();
      if (winner === 'sheet') {
        if (!current) throw conflict(`The ${c.entity} was deleted in Accord since the pull.`, 'gone');
        if (current.updated_at !== c.crm_updated_at)
          throw conflict(
            `The ${c.entity} changed in Accord again (${current.updated_at}) since this conflict was found. Pull again to compare.`,
            'changed_again',
          );
        // The timestamps are what made it a conflict; without them the row applies with the usual rules.
        await run.applyRows(m, [{ ...sheet, partnerUpdatedAt: '', linkUpdatedAt: '' }], c.row_number);
        const err = run.report.errors[0];
        if (err)
          throw validationError(
            { [err.field ?? 'row']: err.message },
            `The sheet's row cannot be applied: ${err.message}`,
          );
      }
      await m.tx
        .updateTable('sheet_conflicts')
        .set({ status: winner, resolved_at: m.at, resolved_by: actor.userId })
        .where('id', '=', id)
        .execute();
      const f = fingerprint(sheet);
      if (f) await upsertSnapshots(m.tx, c.source as SyncSource, [f]);
      m.audit({
        entity: 'sheet_conflict',
        entityId: id,
        action: 'update',
        before: { status: 'open' },
        after: { status: winner },
      });
    });
    const out = (await this.conflicts('all')).items.find((i) => i.id === id);
    return out!;
  }
}
