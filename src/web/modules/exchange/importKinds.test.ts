import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/exchange.schema';
import { IMPORT_KINDS, type RecordImportReport } from '../../../shared/imports.schema';
import { importKindOf, importPath, IMPORT_KIND_DEFS, mappingProblems } from './importKinds';
import { reportCsv, summarizeReport, templateCsv } from './report';

const leads = IMPORT_KIND_DEFS.leads;

function leadReport(over: Partial<RecordImportReport> = {}): RecordImportReport {
  return {
    kind: 'leads',
    dryRun: true,
    duplicates: 'skip',
    processedRows: 5,
    created: 2,
    updated: 0,
    unchanged: 0,
    duplicatesSkipped: 1,
    alreadyImported: 0,
    skipped: 2,
    errors: [
      { row: 3, field: 'email', message: 'Email must be a valid email address.' },
      { row: 5, field: 'source', message: 'Source must be one of web, referral.' },
      { row: 5, field: null, message: 'Something about the whole row, "quoted".' },
    ],
    warnings: [],
    ...over,
  };
}

describe('import kinds', () => {
  it('reads ?kind=, with the partnerships row model for none or an unknown one', () => {
    expect(importKindOf(null).key).toBe('partnerships');
    expect(importKindOf('salaries').key).toBe('partnerships');
    for (const k of ['partnerships', 'partners', 'consultants', 'leads'] as const)
      expect(importKindOf(k).key).toBe(k);
    expect(importPath('partnerships')).toBe('/partnerships/import');
    expect(importPath('leads')).toBe('/partnerships/import?kind=leads');
  });

  it('takes columns, required columns and permissions from the shared contract', () => {
    for (const k of ['partners', 'consultants', 'leads'] as const) {
      expect(IMPORT_KIND_DEFS[k].columns).toBe(IMPORT_KINDS[k].columns);
      expect(IMPORT_KIND_DEFS[k].required).toBe(IMPORT_KINDS[k].required);
      expect(IMPORT_KIND_DEFS[k].permission).toBe(`${k}.create`);
      expect(IMPORT_KIND_DEFS[k].path).toBe(`/api/v1/${k}/import`);
    }
    // Partner names are unique: adding a duplicate anyway is not offered.
    expect(IMPORT_KIND_DEFS.partners.duplicates?.choices).toEqual(['skip', 'update']);
    expect(leads.duplicates?.choices).toEqual(['skip', 'update', 'create']);
    expect(IMPORT_KIND_DEFS.partnerships.duplicates).toBeNull();
  });

  it('blocks a mapping without the required column or with two columns feeding one field', () => {
    expect(mappingProblems(leads, { Name: 'name', Email: 'email', Notes: null })).toEqual({});
    expect(mappingProblems(leads, { Email: 'email' })).toEqual({
      '': 'Name is required: choose the column of the file that holds it.',
    });
    expect(mappingProblems(leads, { Name: 'name', Mail: 'email', 'E-mail': 'email' })).toEqual({
      'E-mail': '“Mail” already feeds Email',
    });
    expect(mappingProblems(IMPORT_KIND_DEFS.consultants, { Person: 'name' })['']).toBe(
      'Company is required: choose the column of the file that holds it.',
    );
    expect(mappingProblems(IMPORT_KIND_DEFS.partnerships, {})['']).toMatch(/^Company is required/);
  });
});

describe('the import report', () => {
  it('counts a record import: created, updated, skipped (duplicates and repeats), errors', () => {
    const r = summarizeReport(leads, leadReport({ alreadyImported: 1 }))!;
    expect(r.counts.map((c) => [c.key, c.value])).toEqual([
      ['created', 2],
      ['updated', 0],
      ['unchanged', 0],
      ['skipped', 2],
      ['errors', 3],
      ['warnings', 0],
    ]);
    expect(r.clean).toBe(false);
    expect(r.sentence).toBe(
      '5 rows checked. An import would give: 2 leads created, 0 updated, 0 unchanged, 2 skipped, 2 with errors left out.',
    );
    expect(r.detail).toBe(
      'Rows matching an existing lead: skip (1 row) · 1 row imported before · 2 rows with errors not imported',
    );
    expect(r.lists.map((l) => [l.key, l.items.length])).toEqual([
      ['errors', 3],
      ['warnings', 0],
    ]);
  });

  it('is not a report of another kind, nor of nothing', () => {
    expect(summarizeReport(IMPORT_KIND_DEFS.partners, leadReport())).toBeNull();
    expect(summarizeReport(leads, null)).toBeNull();
    expect(summarizeReport(IMPORT_KIND_DEFS.partnerships, leadReport())).toBeNull();
  });

  it('counts a partnerships import as before: partners, events and involvements together', () => {
    const p: ImportReport = {
      dryRun: false,
      processedRows: 4,
      partnersCreated: 1,
      partnersUpdated: 1,
      eventsCreated: 1,
      linksCreated: 2,
      linksUpdated: 0,
      unchanged: 1,
      skipped: 0,
      errors: [],
      conflicts: [{ row: 2, field: 'status', message: 'Changed in Accord since.' }],
      warnings: [],
    };
    const r = summarizeReport(IMPORT_KIND_DEFS.partnerships, p)!;
    expect(Object.fromEntries(r.counts.map((c) => [c.key, c.value]))).toEqual({
      created: 4,
      updated: 1,
      unchanged: 1,
      skipped: 0,
      errors: 0,
      conflicts: 1,
    });
    expect(r.clean).toBe(false);
    expect(r.sentence).toBe('4 rows imported: 4 created, 1 updated, 1 unchanged, 0 skipped.');
    expect(r.lists.map((l) => l.key)).toEqual(['errors', 'conflicts', 'warnings']);
  });

  it('writes every row issue and every figure to the CSV, by column header', () => {
    const r = summarizeReport(leads, leadReport())!;
    expect(reportCsv(leads, r).split('\r\n')).toEqual([
      'Kind,Row,Field,Message',
      'error,3,Email,Email must be a valid email address.',
      'error,5,Source,"Source must be one of web, referral."',
      'error,5,,"Something about the whole row, ""quoted""."',
      'Summary,,rows processed,5',
      'Summary,,leads created,2',
      'Summary,,leads updated,0',
      'Summary,,rows unchanged,0',
      'Summary,,duplicates skipped,1',
      'Summary,,rows imported before,0',
      'Summary,,rows with errors,2',
    ]);
  });

  it('offers a template with every column header the kind understands', () => {
    expect(templateCsv(leads)).toBe(
      'Name,Company,Title,Email,Phone,Source,Status,Owner email,Partner,Campaign,Estimated value,Currency,Notes\r\n',
    );
  });
});
