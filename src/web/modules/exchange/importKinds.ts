/**
 * The four things the import wizard can import: the partnerships row model (partners × event
 * involvements) and the record imports of partners, consultants and leads. Columns and required columns
 * come from the shared schemas the server validates with; this file adds only what a person reads.
 */
import { EXCHANGE_COLUMNS } from '../../../shared/exchange.schema';
import { DUPLICATE_CHOICES, IMPORT_KINDS, type RecordImportKind } from '../../../shared/imports.schema';
import type { Permission } from '../../../shared/permissions';

export const IMPORT_KIND_KEYS = ['partnerships', 'partners', 'consultants', 'leads'] as const;
export type ImportKindKey = (typeof IMPORT_KIND_KEYS)[number];

export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

export interface ImportKindDef {
  key: ImportKindKey;
  title: string;
  description: string;
  /** Under "Drop a CSV or Excel file here": what one row is. */
  rowHelp: string;
  /** Singular and plural of what one row makes, for counts and the report. */
  noun: [string, string];
  permission: Permission;
  /** The list the import fills: where Back and Done go. */
  list: { to: string; label: string };
  columns: readonly { key: string; header: string }[];
  required: readonly string[];
  /** The server routes: `${path}/preview` and `${path}`. */
  path: string;
  /** Query keys to refresh after a real import. */
  refresh: readonly string[];
  /** Record imports only: how a row finds the record it duplicates, and the choices offered. */
  duplicates: { matchedBy: string; choices: readonly DuplicateChoice[] } | null;
}

const record = (kind: RecordImportKind) => ({
  columns: IMPORT_KINDS[kind].columns,
  required: IMPORT_KINDS[kind].required,
  path: `/api/v1/${kind}/import`,
});

export const IMPORT_KIND_DEFS: Record<ImportKindKey, ImportKindDef> = {
  partnerships: {
    key: 'partnerships',
    title: 'Import partnerships',
    description:
      'Add or update partners, events and involvements from a CSV or Excel file. Re-importing a file changes nothing that is already the same.',
    rowHelp:
      'One row per partner and event involvement, with a header row. The columns of an export work as they are; other headers can be matched in the next step.',
    noun: ['row', 'rows'],
    permission: 'partners.create',
    list: { to: '/partnerships/partners', label: 'Partners' },
    columns: EXCHANGE_COLUMNS,
    required: ['company'],
    path: '/api/v1/partnerships/import',
    refresh: ['partners', 'events', 'links', 'overview'],
    duplicates: null,
  },
  partners: {
    key: 'partners',
    title: 'Import partners',
    description:
      'Add partners, or update the ones you have, from a CSV or Excel file. Each row is checked by the same rules as the partner form.',
    rowHelp:
      'One row per partner, with a header row. Headers such as “Account name” or “Zip” are recognised; others can be matched in the next step.',
    noun: ['partner', 'partners'],
    permission: 'partners.create',
    list: { to: '/partners', label: 'Partners' },
    ...record('partners'),
    refresh: ['partners', 'overview'],
    // Partner names are unique, so "add anyway" would only fail: it is not offered.
    duplicates: {
      matchedBy: 'the same company name (ignoring case and punctuation)',
      choices: ['skip', 'update'],
    },
  },
  consultants: {
    key: 'consultants',
    title: 'Import consultants',
    description:
      'Add the people of your partners from a CSV or Excel file. Each row names the partner the person works at.',
    rowHelp:
      'One row per person, with a header row and a Company column naming an existing partner. Headers such as “Job title” or “Cell” are recognised.',
    noun: ['consultant', 'consultants'],
    permission: 'consultants.create',
    list: { to: '/consultants', label: 'Consultants' },
    ...record('consultants'),
    refresh: ['consultants', 'partners'],
    duplicates: {
      matchedBy:
        'the same email at the same partner (or the same first and last name when there is no email)',
      choices: DUPLICATE_CHOICES,
    },
  },
  leads: {
    key: 'leads',
    title: 'Import leads',
    description:
      'Add potential customers from a CSV or Excel file: a list from an event, a campaign or another CRM.',
    rowHelp:
      'One row per lead, with a header row. Headers such as “Lead source” or “Deal size” are recognised; others can be matched in the next step.',
    noun: ['lead', 'leads'],
    permission: 'leads.create',
    list: { to: '/leads', label: 'Leads' },
    ...record('leads'),
    refresh: ['leads', 'partners'],
    duplicates: { matchedBy: 'the same email', choices: DUPLICATE_CHOICES },
  },
};

/** `?kind=` of the import page; anything else is the partnerships row model, as before kinds existed. */
export function importKindOf(param: string | null): ImportKindDef {
  const key = IMPORT_KIND_KEYS.find((k) => k === param) ?? 'partnerships';
  return IMPORT_KIND_DEFS[key];
}

/** The import page's address for a kind. */
export const importPath = (kind: ImportKindKey) =>
  kind === 'partnerships' ? '/partnerships/import' : `/partnerships/import?kind=${kind}`;

export const DUPLICATE_LABELS: Record<DuplicateChoice, { label: string; hint: (one: string) => string }> = {
  skip: { label: 'Skip', hint: (one) => `leave the existing ${one} as it is and go on with the next row.` },
  update: {
    label: 'Update',
    hint: (one) => `fill in the existing ${one} from the row’s non-blank cells; blank cells change nothing.`,
  },
  create: { label: 'Add anyway', hint: (one) => `add the row as another ${one} next to the existing one.` },
};

export function columnLabel(kind: ImportKindDef, key: string): string {
  return kind.columns.find((c) => c.key === key)?.header ?? key;
}

/** Problems that stop an import: a required column not mapped, or two file columns feeding one field. */
export function mappingProblems(
  kind: ImportKindDef,
  mapping: Record<string, string | null>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const [header, key] of Object.entries(mapping)) {
    if (!key) continue;
    const first = seen.get(key);
    if (first !== undefined) problems[header] = `“${first}” already feeds ${columnLabel(kind, key)}`;
    else seen.set(key, header);
  }
  const missing = kind.required.filter((key) => !seen.has(key)).map((key) => columnLabel(kind, key));
  if (missing.length) {
    const one = missing.length === 1;
    problems[''] =
      `${missing.join(' and ')} ${one ? 'is' : 'are'} required: choose the column of the file that holds ${one ? 'it' : 'them'}.`;
  }
  return problems;
}
