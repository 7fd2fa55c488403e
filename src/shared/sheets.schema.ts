/**
 * Google Sheets sync (reference §3.8, decision 9) and its file twin (CSV / XLSX in the sheet's layout): the
 * configuration, the status the Integrations page and the Overview show, a run's result, and the conflicts
 * a pull lists for review.
 */
import { z } from 'zod';
import { idSchema } from './common.schema';
import { EXCHANGE_KEYS, importIssueSchema, type ExchangeKey } from './exchange.schema';

export const SYNC_MODES = ['push', 'pull', 'merge'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];
export const SYNC_SOURCES = ['google', 'file'] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];
export const DEFAULT_SHEET_NAME = 'PartnershipsCRM';

/** A spreadsheet URL or its bare id → the id (the part after /d/). */
export function spreadsheetIdFrom(input: string): string {
  const s = input.trim();
  const m = /\/spreadsheets\/d\/([a-zA-Z0-9_-]+)/.exec(s);
  return m ? m[1]! : s;
}

export const sheetsConfigInputSchema = z.strictObject({
  enabled: z.boolean().default(true),
  spreadsheet: z
    .string()
    .trim()
    .min(1, 'Give the spreadsheet URL or id')
    .max(500)
    .refine((v) => /^[a-zA-Z0-9_-]{10,200}$/.test(spreadsheetIdFrom(v)), {
      message: 'is not a Google Sheets URL or spreadsheet id',
    }),
  sheetName: z
    .string()
    .trim()
    .min(1, 'Give the tab name')
    .max(100)
    .refine((v) => !/[[\]*?:/\\]/.test(v), { message: 'cannot contain [ ] * ? : / or \\' })
    .default(DEFAULT_SHEET_NAME),
  autoPush: z.boolean().default(false),
  /** The service account key file's JSON; leave out to keep the stored key. */
  serviceAccountJson: z.string().max(20_000).optional(),
  /** The Sheets API address; empty for Google's (a test server or a proxy otherwise). */
  apiBaseUrl: z
    .string()
    .trim()
    .max(300)
    .refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), { message: 'must be an http(s) address' })
    .optional(),
});
export type SheetsConfigInput = z.input<typeof sheetsConfigInputSchema>;

/** What the settings form shows: never the private key. */
export const sheetsConfigSchema = z.object({
  configured: z.boolean(),
  enabled: z.boolean(),
  spreadsheetId: z.string(),
  spreadsheetUrl: z.string().nullable(),
  sheetName: z.string(),
  autoPush: z.boolean(),
  serviceAccountEmail: z.string(),
  hasPrivateKey: z.boolean(),
  apiBaseUrl: z.string(),
  updatedAt: z.string().nullable(),
});
export type SheetsConfig = z.infer<typeof sheetsConfigSchema>;

/** The figures of one run, the same for Google and file runs. */
export const syncResultSchema = z.object({
  mode: z.enum(SYNC_MODES),
  source: z.enum(SYNC_SOURCES),
  finishedAt: z.string(),
  spreadsheetId: z.string().nullable(),
  sheetName: z.string().nullable(),
  rowsPushed: z.number().int(),
  processedRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  conflicts: z.number().int(),
  partnersCreated: z.number().int(),
  partnersUpdated: z.number().int(),
  eventsCreated: z.number().int(),
  linksCreated: z.number().int(),
  linksUpdated: z.number().int(),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

/** The short summary the Overview's block and the status show (rows pushed, created, updated, skipped, conflicts). */
export const syncSummarySchema = syncResultSchema.pick({
  mode: true,
  source: true,
  rowsPushed: true,
  created: true,
  updated: true,
  skipped: true,
  conflicts: true,
});
export type SyncSummary = z.infer<typeof syncSummarySchema>;

export const sheetsDiagnosticsSchema = z.object({
  enabledRaw: z.boolean(),
  explicitlyDisabled: z.boolean(),
  spreadsheetIdPresent: z.boolean(),
  serviceAccountJsonPresent: z.boolean(),
  serviceAccountEmailPresent: z.boolean(),
  privateKeyPresent: z.boolean(),
  credentialSource: z.enum(['settings', 'none']),
  credentialParseError: z.string().nullable(),
});

/** Reference §3.8's status, plus Accord's: accessible / access error always present, the last run's figures. */
export const sheetsStatusSchema = z.object({
  configured: z.boolean(),
  autoSync: z.boolean(),
  sheetName: z.string(),
  spreadsheetId: z.string(),
  spreadsheetUrl: z.string().nullable(),
  serviceAccountEmail: z.string(),
  diagnostics: sheetsDiagnosticsSchema,
  accessible: z.boolean().nullable(),
  accessError: z.string().nullable(),
  accessCheckedAt: z.string().nullable(),
  message: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  lastSyncMode: z.enum(SYNC_MODES).nullable(),
  lastSyncSource: z.enum(SYNC_SOURCES).nullable(),
  lastSyncStatus: z.enum(['running', 'ok', 'failed']).nullable(),
  lastSyncSummary: syncSummarySchema.nullable(),
  lastSyncError: z.string().nullable(),
  lastRun: syncResultSchema.nullable(),
  runningJobId: z.string().nullable(),
  openConflicts: z.number().int(),
});
export type SheetsStatus = z.infer<typeof sheetsStatusSchema>;

/** The Overview's Google Sheets block (reference §2.10): what it says, and whether Push / Pull may run. */
export const sheetsSyncBlockSchema = z.object({
  configured: z.boolean(),
  accessible: z.boolean().nullable(),
  sheetName: z.string(),
  spreadsheetUrl: z.string().nullable(),
  /** "Connected: {sheet}", "Configured, but cannot access sheet" or "Not configured". */
  message: z.string(),
  lastError: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  lastSyncMode: z.enum(SYNC_MODES).nullable(),
  lastSyncStatus: z.enum(['running', 'ok', 'failed']).nullable(),
  lastSyncSummary: syncSummarySchema.nullable(),
  runningJobId: z.string().nullable(),
  openConflicts: z.number().int(),
});
export type SheetsSyncBlock = z.infer<typeof sheetsSyncBlockSchema>;

export const syncStartSchema = z.strictObject({
  mode: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(SYNC_MODES, { error: 'must be push, pull or merge' }))
    .default('push'),
});

export const syncStartedSchema = z.object({ jobId: idSchema });

const cellsSchema = z.record(z.string(), z.string());

export const sheetConflictSchema = z.object({
  id: idSchema,
  source: z.enum(SYNC_SOURCES),
  rowNumber: z.number().int(),
  entity: z.enum(['partner', 'link']),
  entityId: z.string(),
  company: z.string(),
  eventName: z.string(),
  /** The row's cells by row-model key, as the sheet has them and as the CRM had them at the pull. */
  sheet: cellsSchema,
  crm: cellsSchema,
  /** Keys whose cells differ (the sheet's blank cells excluded: a blank never wipes). */
  differences: z.array(z.string()),
  sheetUpdatedAt: z.string(),
  crmUpdatedAt: z.string(),
  status: z.enum(['open', 'sheet', 'crm']),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type SheetConflict = z.infer<typeof sheetConflictSchema>;

export const conflictListQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
});
export const conflictListSchema = z.object({
  items: z.array(sheetConflictSchema),
  openCount: z.number().int(),
});

export const resolveConflictSchema = z.strictObject({
  /** sheet: apply the sheet's row to the CRM; crm: keep the CRM (the next push overwrites the sheet's row). */
  winner: z.enum(['sheet', 'crm']),
});

/** The row-model keys a person edits (ids and timestamps are the sync's bookkeeping). */
export const PARTNER_KEYS: ExchangeKey[] = [
  'company',
  'contactName',
  'contactRole',
  'email',
  'phone',
  'tags',
  'alumniPartner',
  'archived',
  'partnerTier',
  'partnerNotes',
  'linkedIn',
];
export const LINK_KEYS: ExchangeKey[] = [
  'eventName',
  'eventYear',
  'status',
  'eventRole',
  'packageTier',
  'sponsorshipAmount',
  'followUpDate',
  'eventNotes',
];
export const EDITABLE_KEYS: ExchangeKey[] = EXCHANGE_KEYS.filter(
  (k) => PARTNER_KEYS.includes(k) || LINK_KEYS.includes(k),
);
