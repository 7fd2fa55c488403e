/**
 * Imports of partners, consultants and leads from CSV / XLSX: the columns each understands (with the header
 * names other tools use), the mapping suggestion, the duplicate choice and the per-row report. The
 * partnerships row model (./exchange.schema.ts) uses the same mapping suggestion and upload flow.
 */
import { z } from 'zod';
import { idSchema } from './common.schema';

export interface ImportColumn<K extends string = string> {
  key: K;
  header: string;
  aliases: readonly string[];
}

const squash = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');

/** Suggests which column each header feeds: by key, header label or alias, ignoring case and spacing. */
export function suggestColumns<K extends string>(
  columns: readonly ImportColumn<K>[],
  headers: string[],
  fallback: (header: string) => K | undefined = () => undefined,
): Record<string, K | null> {
  const lookup = new Map<string, K>();
  for (const c of columns) {
    for (const name of [c.key, c.header, ...c.aliases]) {
      lookup.set(squash(name), c.key);
      lookup.set(squash(name).replace(/ /g, ''), c.key);
    }
  }
  const used = new Set<K>();
  const out: Record<string, K | null> = {};
  for (const h of headers) {
    const key = lookup.get(squash(h)) ?? lookup.get(squash(h).replace(/ /g, '')) ?? fallback(h);
    out[h] = key && !used.has(key) ? key : null;
    if (key) used.add(key);
  }
  return out;
}

const col = <K extends string>(key: K, header: string, ...aliases: string[]): ImportColumn<K> => ({
  key,
  header,
  aliases,
});

export const PARTNER_IMPORT_COLUMNS = [
  col('name', 'Company', 'company name', 'partner', 'organisation', 'organization', 'account name'),
  col('level', 'Partner level', 'level', 'tier', 'partner tier'),
  col('status', 'Status', 'partner status'),
  col('website', 'Website', 'web', 'url', 'homepage'),
  col('email', 'Email', 'e-mail', 'company email'),
  col('phone', 'Phone', 'telephone', 'phone number'),
  col('street', 'Street', 'address', 'street address', 'billing street'),
  col('city', 'City', 'town', 'billing city'),
  col('region', 'Region', 'state', 'province', 'billing state'),
  col('postalCode', 'Postal code', 'zip', 'zip code', 'postcode'),
  col('country', 'Country', 'country code', 'billing country'),
  col('industry', 'Industry', 'sector'),
  col('linkedin', 'LinkedIn', 'linkedin url'),
  col('tags', 'Tags', 'labels'),
  col('owner', 'Owner email', 'owner', 'account owner'),
  col('visibility', 'Visibility'),
  col('notes', 'Notes', 'description'),
] as const;

export const CONSULTANT_IMPORT_COLUMNS = [
  col('partner', 'Company', 'partner', 'organisation', 'organization', 'account name', 'company name'),
  col('name', 'Full name', 'name', 'contact', 'contact name'),
  col('firstName', 'First name', 'first', 'given name'),
  col('lastName', 'Last name', 'last', 'surname', 'family name'),
  col('title', 'Title', 'job title', 'role', 'position'),
  col('email', 'Email', 'e-mail', 'email address'),
  col('phone', 'Phone', 'telephone', 'work phone', 'business phone'),
  col('mobile', 'Mobile', 'cell', 'mobile phone'),
  col('linkedin', 'LinkedIn', 'linkedin url'),
  col('isPrimary', 'Primary', 'primary contact', 'is primary'),
  col('notes', 'Notes', 'description'),
] as const;

export const LEAD_IMPORT_COLUMNS = [
  col('name', 'Name', 'full name', 'lead name', 'contact'),
  col('company', 'Company', 'organisation', 'organization', 'company name'),
  col('title', 'Title', 'job title'),
  col('email', 'Email', 'e-mail', 'email address'),
  col('phone', 'Phone', 'telephone', 'phone number'),
  col('source', 'Source', 'lead source'),
  col('status', 'Status', 'lead status'),
  col('owner', 'Owner email', 'owner', 'lead owner'),
  col('partner', 'Partner', 'referred by', 'partner name'),
  col('campaign', 'Campaign', 'campaign name'),
  col('estimatedValue', 'Estimated value', 'value', 'amount', 'deal size'),
  col('currency', 'Currency'),
  col('notes', 'Notes', 'description'),
] as const;

export const IMPORT_KINDS = {
  partners: { columns: PARTNER_IMPORT_COLUMNS, required: ['name'] },
  consultants: { columns: CONSULTANT_IMPORT_COLUMNS, required: ['partner'] },
  leads: { columns: LEAD_IMPORT_COLUMNS, required: ['name'] },
} as const;
export type RecordImportKind = keyof typeof IMPORT_KINDS;

/** What a row that matches an existing record does: leave it, fill in its blanks and changes, or add another. */
export const DUPLICATE_CHOICES = ['skip', 'update', 'create'] as const;

export const recordImportPreviewSchema = z.object({
  uploadId: idSchema,
  fileName: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()),
  /** The columns this import understands, for the mapping dropdowns. */
  columns: z.array(z.object({ key: z.string(), header: z.string(), required: z.boolean() })),
  sample: z.array(z.record(z.string(), z.string())),
  rowCount: z.number().int(),
});

export const recordImportStartSchema = z.strictObject({
  uploadId: idSchema,
  /** File header → column key (or null to ignore the column). */
  mapping: z.record(z.string().max(200), z.string().max(60).nullable()),
  dryRun: z.boolean().default(false),
  duplicates: z.enum(DUPLICATE_CHOICES).default('skip'),
});
export type RecordImportStart = z.infer<typeof recordImportStartSchema>;

export const importIssueSchema = z.object({
  row: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const recordImportReportSchema = z.object({
  kind: z.string(),
  dryRun: z.boolean(),
  duplicates: z.enum(DUPLICATE_CHOICES),
  processedRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows matching an existing record, left alone (duplicates: skip). */
  duplicatesSkipped: z.number().int(),
  /** Rows this import applied before (same content): importing a file twice changes nothing. */
  alreadyImported: z.number().int(),
  /** Rows with errors, not applied. */
  skipped: z.number().int(),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
});
export type RecordImportReport = z.infer<typeof recordImportReportSchema>;
