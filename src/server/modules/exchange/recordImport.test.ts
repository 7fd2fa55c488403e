import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made, tableCounts } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
  await made(admin, '/api/v1/partner-levels', { name: 'Gold' });
});
afterAll(async () => t?.close());

async function upload(client: Client, kind: string, name: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const req = new Request('http://x/', { method: 'POST', body: form });
  const res = await t.accord.app.inject({
    method: 'POST',
    url: `/api/v1/${kind}/import/preview`,
    payload: Buffer.from(await req.arrayBuffer()),
    headers: {
      cookie: client.cookie!,
      'x-csrf-token': client.csrf!,
      'content-type': req.headers.get('content-type')!,
    },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

async function runImport(
  kind: string,
  preview: { uploadId: string; mapping: object },
  options: Record<string, unknown> = {},
) {
  const start = await admin.post(`/api/v1/${kind}/import`, {
    uploadId: preview.uploadId,
    mapping: preview.mapping,
    ...options,
  });
  expect(start.status, start.text).toBe(202);
  for (let i = 0; i < 50; i++) {
    await t.accord.kernel.jobs.tick();
    const job = (await admin.get(`/api/v1/jobs/${start.body.jobId}`)).body;
    if (job.status === 'done') return job;
    if (job.status === 'dead') throw new Error(job.error);
  }
  throw new Error('import did not finish');
}

const csv = (lines: string[]) => Buffer.from(lines.join('\n'));
const PARTNERS = csv([
  'Company;Partner level;Country;Tags;Email;Website;Owner email',
  'Imported Alpha;Gold;ca;ai, fintech;hello@alpha.example;alpha.example;sales_agent@test.accord',
  'Imported Beta;;US;;not-an-email;;',
  'Imported Gamma;Diamond;CA;;;;',
  ';Gold;CA;;;;',
  'Imported Delta;;;;;;nobody@test.accord',
  'Imported Epsilon;;;;;;',
]);

describe('partner import', () => {
  it('maps the columns, lists every row error in a dry run without writing, then imports and re-imports idempotently', async () => {
    const preview = await upload(admin, 'partners', 'partners.csv', PARTNERS);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rowCount: 6 });
    expect(preview.body.mapping).toEqual({
      Company: 'name',
      'Partner level': 'level',
      Country: 'country',
      Tags: 'tags',
      Email: 'email',
      Website: 'website',
      'Owner email': 'owner',
    });
    expect(preview.body.columns.find((c: { key: string }) => c.key === 'name')).toEqual({
      key: 'name',
      header: 'Company',
      required: true,
    });
    const before = await tableCounts(t);
    const dry = (await runImport('partners', preview.body, { dryRun: true })).result;
    expect(dry).toMatchObject({ dryRun: true, processedRows: 6, created: 2, skipped: 4 });
    expect(dry.errors).toEqual([
      { row: 3, field: 'email', message: 'Email must be a valid email address.' },
      { row: 4, field: 'level', message: 'Partner level "Diamond" is not a partner level.' },
      { row: 5, field: 'name', message: 'Company is required.' },
      { row: 6, field: 'owner', message: 'Owner email "nobody@test.accord" is not the email of a user.' },
    ]);
    expect(await tableCounts(t)).toEqual(before);

    const done = await runImport('partners', preview.body);
    expect(done.progressDone).toBe(6);
    expect(done.progressTotal).toBe(6);
    expect(done.result).toMatchObject({ dryRun: false, created: 2, skipped: 4 });
    const alpha = (await admin.get('/api/v1/partners?q=imported alpha')).body.items[0];
    expect(alpha).toMatchObject({
      country: 'CA',
      tags: ['ai', 'fintech'],
      levelName: 'Gold',
      ownerId: t.users.sales_agent!.id,
    });
    expect((await admin.get(`/api/v1/history/partner/${alpha.id}`)).body.items[0].action).toBe('create');

    const again = await runImport(
      'partners',
      (await upload(admin, 'partners', 'partners.csv', PARTNERS)).body,
    );
    expect(again.result).toMatchObject({ created: 0, updated: 0, alreadyImported: 2, skipped: 4 });
  });

  it('skips, updates (non-blank cells only) or refuses to add duplicates by normalised name, as chosen', async () => {
    await made(admin, '/api/v1/partners', { name: 'Dupe Corp', city: 'Toronto', industry: 'Finance' });
    const file = csv(['Company,City,Industry', 'DUPE corp.,Montréal,', 'Fresh Corp,Ottawa,Energy']);
    const skip = await runImport('partners', (await upload(admin, 'partners', 'd.csv', file)).body, {
      duplicates: 'skip',
    });
    expect(skip.result).toMatchObject({ created: 1, duplicatesSkipped: 1 });
    const create = await runImport('partners', (await upload(admin, 'partners', 'd.csv', file)).body, {
      duplicates: 'create',
    });
    expect(create.result.errors).toEqual([
      {
        row: 2,
        field: null,
        message:
          'A partner with this name already exists, and partner names are unique: choose to skip or update duplicates.',
      },
    ]);
    const update = await runImport('partners', (await upload(admin, 'partners', 'd.csv', file)).body, {
      duplicates: 'update',
    });
    expect(update.result).toMatchObject({ updated: 1, alreadyImported: 1 });
    const dupe = (await admin.get('/api/v1/partners?q=dupe corp')).body.items[0];
    expect(dupe).toMatchObject({ name: 'Dupe Corp', city: 'Montréal', industry: 'Finance' });
  });
});

describe('consultant and lead imports', () => {
  it('imports people from XLSX at the partner each row names, matching existing ones by email', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'People Partner' });
    await made(admin, `/api/v1/partners/${p.id}/contacts`, {
      lastName: 'Known',
      email: 'known@people.example',
    });
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('People');
    sheet.addRow(['Company', 'Full name', 'Job title', 'Email', 'Primary contact']);
    sheet.addRow(['people partner', 'Ada Lovelace', 'CTO', 'ada@people.example', 'yes']);
    sheet.addRow(['People Partner', 'Kim Known', 'CEO', 'known@people.example', '']);
    sheet.addRow(['Nobody Inc', 'Lost Soul', '', '', '']);
    sheet.addRow(['People Partner', 'Bad Flag', '', '', 'maybe']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await upload(admin, 'consultants', 'people.xlsx', bytes);
    expect(preview.body.mapping).toMatchObject({
      Company: 'partner',
      'Full name': 'name',
      'Job title': 'title',
      'Primary contact': 'isPrimary',
    });
    const job = await runImport('consultants', preview.body, { duplicates: 'update' });
    expect(job.result).toMatchObject({ created: 1, updated: 1, skipped: 2 });
    expect(job.result.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [4, 'partner'],
      [5, 'isPrimary'],
    ]);
    const people = (await admin.get(`/api/v1/partners/${p.id}/contacts`)).body.items;
    expect(
      people.map((c: { name: string; title: string; isPrimary: boolean }) => [c.name, c.title, c.isPrimary]),
    ).toEqual([
      ['Ada Lovelace', 'CTO', true],
      ['Kim Known', 'CEO', false],
    ]);
  });

  it('imports leads, adds duplicates when asked, and never twice from the same file', async () => {
    await made(admin, '/api/v1/leads', { name: 'Existing Lead', email: 'lead@dupe.example' });
    const partner = await made(admin, '/api/v1/partners', { name: 'Lead Referrer' });
    const file = csv([
      'Name,Company,Email,Source,Partner,Estimated value,Campaign',
      'New Lead,Acme,new@lead.example,Referral,Lead Referrer,"1,250.50",Spring',
      'Dupe Lead,Dupe,lead@dupe.example,web,,,',
      'Bad Lead,,,telepathy,,-3,',
    ]);
    const first = await runImport('leads', (await upload(admin, 'leads', 'leads.csv', file)).body, {
      duplicates: 'create',
    });
    expect(first.result).toMatchObject({ created: 2, skipped: 1 });
    expect(first.result.warnings).toEqual([
      { row: 3, field: null, message: 'Added although it matches an existing record.' },
    ]);
    expect(first.result.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'estimatedValue',
      'source',
    ]);
    const lead = (await admin.get('/api/v1/leads?q=new lead')).body.items[0];
    expect(lead).toMatchObject({
      source: 'referral',
      partnerId: partner.id,
      estimatedValue: 125_050,
      campaign: 'Spring',
    });
    const second = await runImport('leads', (await upload(admin, 'leads', 'leads.csv', file)).body, {
      duplicates: 'create',
    });
    expect(second.result).toMatchObject({ created: 0, alreadyImported: 2 });
    expect((await admin.get('/api/v1/leads?q=dupe')).body.items).toHaveLength(2);
  });

  it('checks who may import and what the mapping names', async () => {
    const preview = await upload(admin, 'leads', 'l.csv', csv(['Name,Email', 'X,x@y.example']));
    const start = (mapping: object) =>
      admin.post('/api/v1/leads/import', { uploadId: preview.body.uploadId, mapping });
    expect((await start({ Email: 'email' })).body.error.fields).toEqual({
      mapping: 'must map a column to Name',
    });
    expect((await start({ Name: 'name', Email: 'name' })).body.error.fields).toEqual({
      mapping: 'maps two columns to Name',
    });
    expect((await start({ Name: 'salary' })).body.error.fields.mapping).toMatch(/does not have: salary/);
    expect(
      (
        await admin.post('/api/v1/partners/import', {
          uploadId: preview.body.uploadId,
          mapping: { Name: 'name' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await admin.post('/api/v1/leads/import', {
          uploadId: preview.body.uploadId,
          mapping: {},
          duplicates: 'merge',
        })
      ).status,
    ).toBe(400);
    const viewer = await t.as('read_only');
    expect((await upload(viewer, 'partners', 'p.csv', PARTNERS)).status).toBe(403);
    const agent = await t.as('sales_agent');
    expect((await upload(agent, 'leads', 'l.csv', csv(['Name', 'X']))).status).toBe(200);
  });
});
