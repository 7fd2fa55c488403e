/**
 * The partnerships row model shared by CSV / XLSX export and import and the Google Sheets sync: one row per
 * partner × link (a partner without links gets one row with empty link cells), reference §3.8.
 */
import { z } from 'zod';
import { idSchema } from './common.schema';
import { importIssueSchema, suggestColumns, type ImportIssue } from './imports.schema';

export const EXCHANGE_COLUMNS = [
  { key: 'company', header: 'Company', aliases: ['partner', 'organization', 'organisation', 'company name'] },
  {
    key: 'contactName',
    header: 'Primary Contact',
    aliases: ['contact', 'contact name', 'primary contact name'],
  },
  { key: 'contactRole', header: 'Contact Role', aliases: ['title', 'contact title', 'job title'] },
  { key: 'email', header: 'Email', aliases: ['e-mail', 'contact email'] },
  { key: 'phone', header: 'Phone', aliases: ['telephone', 'phone number'] },
  { key: 'tags', header: 'Tags', aliases: ['partnertags', 'partner tags'] },
  { key: 'alumniPartner', header: 'Alumni Partner', aliases: ['alumni', 'is alumni'] },
  { key: 'archived', header: 'Archived', aliases: [] },
  { key: 'partnerTier', header: 'Partner Tier', aliases: ['partner level', 'level'] },
  { key: 'eventName', header: 'Event', aliases: ['event name'] },
  { key: 'eventYear', header: 'Event Year', aliases: ['year'] },
  { key: 'status', header: 'Pipeline Status', aliases: ['status'] },
  { key: 'eventRole', header: 'Involvement Type', aliases: ['role', 'involvementtype', 'involvement'] },
  {
    key: 'packageTier',
    header: 'Package Tier',
    aliases: ['tier', 'sponsorshiptier', 'sponsorship tier', 'package'],
  },
  {
    key: 'sponsorshipAmount',
    header: 'Amount',
    aliases: ['amount', 'amountusd', 'amount (usd)', 'amount (cad)', 'sponsorship amount'],
  },
  {
    key: 'followUpDate',
    header: 'Follow-up Date',
    aliases: ['follow up', 'followup', 'follow-up', 'follow up date'],
  },
  { key: 'eventNotes', header: 'Event Notes', aliases: ['link notes'] },
  { key: 'partnerNotes', header: 'Partner Notes', aliases: ['notes'] },
  { key: 'linkedIn', header: 'LinkedIn', aliases: ['linkedin url'] },
  { key: 'partnerId', header: 'Partner ID', aliases: [] },
  { key: 'eventId', header: 'Event ID', aliases: [] },
  { key: 'linkId', header: 'Link ID', aliases: [] },
  { key: 'partnerUpdatedAt', header: 'Partner Updated At', aliases: [] },
  { key: 'linkUpdatedAt', header: 'Link Updated At', aliases: [] },
] as const;

export type ExchangeKey = (typeof EXCHANGE_COLUMNS)[number]['key'];
export const EXCHANGE_KEYS = EXCHANGE_COLUMNS.map((c) => c.key) as ExchangeKey[];
export type ExchangeRow = Partial<Record<ExchangeKey, string>>;

/** Suggests which column each header feeds; any header starting with "Amount" feeds the amount. */
export function suggestMapping(headers: string[]): Record<string, ExchangeKey | null> {
  return suggestColumns(EXCHANGE_COLUMNS, headers, (h) =>
    /^amount\b/i.test(h.trim()) ? 'sponsorshipAmount' : undefined,
  );
}

/** A cell saying "clear this value" on import (decision 9: a blank never wipes). */
export const CLEAR_MARK = '-';

export const importPreviewSchema = z.object({
  uploadId: idSchema,
  fileName: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.enum(EXCHANGE_KEYS as [ExchangeKey, ...ExchangeKey[]]).nullable()),
  sample: z.array(z.record(z.string(), z.string())),
  rowCount: z.number().int(),
});

export const importStartSchema = z.strictObject({
  uploadId: idSchema,
  mapping: z.record(z.string().max(200), z.enum(EXCHANGE_KEYS as [ExchangeKey, ...ExchangeKey[]]).nullable()),
  dryRun: z.boolean().default(false),
});

export { importIssueSchema, type ImportIssue };

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  processedRows: z.number().int(),
  partnersCreated: z.number().int(),
  partnersUpdated: z.number().int(),
  eventsCreated: z.number().int(),
  linksCreated: z.number().int(),
  linksUpdated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(importIssueSchema),
  conflicts: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const jobStatusSchema = z.object({
  id: idSchema,
  name: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'dead']),
  progressDone: z.number().int(),
  progressTotal: z.number().int(),
  progressMessage: z.string().nullable(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobStatus = z.infer<typeof jobStatusSchema>;
