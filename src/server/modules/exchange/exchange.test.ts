import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_COLUMNS } from '../../../shared/exchange.schema';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { createEvent, createLink } from '../../test/partnerships';

let t: TestApp;
let admin: Client;
let summitId: string;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
  const summit = await createEvent(admin, {
    name: 'Summit',
    year: 2026,
    goal: 5_000_000,
    tiers: [{ label: 'Gold', defaultAmount: 1_000_000 }],
  });
  summitId = summit.id;
  const a = (await admin.post('/api/v1/partners', { name: 'Aurora Labs', tags: ['ai'], isAlumni: true }))
    .body;
  await admin.post(`/api/v1/partners/${a.id}/contacts`, {
    firstName: 'Ada',
    lastName: 'Ng',
    title: 'CEO',
    email: 'ada@aurora.example',
    isPrimary: true,
  });
  const b = (await admin.post('/api/v1/partners', { name: 'Borealis Bank' })).body;
  // Two contacts, the primary added second: the export names the primary, not the earliest.
  await admin.post(`/api/v1/partners/${b.id}/contacts`, {
    firstName: 'Bo',
    lastName: 'Early',
    title: 'Intern',
  });
  await admin.post(`/api/v1/partners/${b.id}/contacts`, {
    firstName: 'Pia',
    lastName: 'Prime',
    title: 'CFO',
    email: 'pia@borealis.example',
    isPrimary: true,
  });
  await createLink(admin, {
    organizationId: a.id,
    eventId: summit.id,
    status: 'confirmed',
    packageTier: 'gold',
    followUpDate: '2026-03-10',
  });
  await createLink(admin, {
    organizationId: b.id,
    eventId: summit.id,
    status: 'Waiting on legal',
    amount: 250_050,
  });
  await admin.post('/api/v1/partners', { name: 'Cedar Foods' }); // no links: one row with empty link cells
});
afterAll(async () => t?.close());

async function upload(name: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const req = new Request('http://x/', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const res = await t.accord.app.inject({
    method: 'POST',
    url: '/api/v1/partnerships/import/preview',
    payload: body,
    headers: {
      cookie: admin.cookie!,
      'x-csrf-token': admin.csrf!,
      'content-type': req.headers.get('content-type')!,
    },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

async function runImport(uploadId: string, mapping: Record<string, string | null>, dryRun = false) {
  const start = await admin.post('/api/v1/partnerships/import', { uploadId, mapping, dryRun });
  expect(start.status, JSON.stringify(start.body)).toBe(202);
  for (let i = 0; i < 50; i++) {
    await t.accord.kernel.jobs.tick();
    const job = (await admin.get(`/api/v1/jobs/${start.body.jobId}`)).body;
    if (job.status === 'done') return job;
    if (job.status === 'dead') throw new Error(job.error);
  }
  throw new Error('import did not finish');
}

async function exportCsv(filter = ''): Promise<string> {
  const res = await t.accord.app.inject({
    method: 'GET',
    url: `/api/v1/partnerships/export?format=csv${filter}`,
    headers: { cookie: admin.cookie! },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-disposition']).toContain('partnerships-2026-03-02.csv');
  return res.body;
}

const counts = async () => {
  const db = t.accord.kernel.db;
  const n = async (table: 'organizations' | 'links' | 'events' | 'contacts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    partners: await n('organizations'),
    links: await n('links'),
    events: await n('events'),
    contacts: await n('contacts'),
  };
};

describe('export', () => {
  it('writes one row per partner × link with the 24 columns, labels and amounts in major units', async () => {
    const rows = parse((await exportCsv()).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(
      EXCHANGE_COLUMNS.map((c) => (c.key === 'sponsorshipAmount' ? 'Amount (CAD)' : c.header)),
    );
    const byCompany = (name: string) => rows.filter((r) => r[0] === name);
    const aurora = byCompany('Aurora Labs')[0]!;
    expect(aurora.slice(0, 16)).toEqual([
      'Aurora Labs',
      'Ada Ng',
      'CEO',
      'ada@aurora.example',
      '',
      'ai',
      'Yes',
      'No',
      '',
      'Summit',
      '2026',
      'Confirmed',
      '',
      'Gold',
      '10000.00',
      '2026-03-10',
    ]);
    expect(byCompany('Borealis Bank')[0]!.slice(1, 4)).toEqual(['Pia Prime', 'CFO', 'pia@borealis.example']);
    expect(byCompany('Borealis Bank')[0]!.slice(11, 15)).toEqual(['Waiting On Legal', '', '', '2500.50']);
    expect(byCompany('Cedar Foods')[0]!.slice(9, 16)).toEqual(['', '', '', '', '', '', '']);
    expect(rows).toHaveLength(4);
  });

  it("exports only what the directory's filter shows: partner fields, link filters and search", async () => {
    const companies = async (filter: string) =>
      (parse((await exportCsv(filter)).replace(/^\uFEFF/, '')) as string[][]).slice(1).map((r) => r[0]);
    expect(await companies('&status=confirmed')).toEqual(['Aurora Labs']);
    expect(await companies('&q=borealis')).toEqual(['Borealis Bank']);
    expect(await companies('&isAlumni=true')).toEqual(['Aurora Labs']);
    expect(await companies('&tag=ai')).toEqual(['Aurora Labs']);
    expect(await companies('&eventId=' + summitId)).toEqual(['Aurora Labs', 'Borealis Bank']);
    // A soft-deleted link is exported nowhere and matches no link filter (the partners list's rule).
    const db = t.accord.kernel.db;
    const cedar = await db
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', 'Cedar Foods')
      .executeTakeFirstOrThrow();
    const gone = (await createLink(admin, { organizationId: cedar.id, eventId: summitId, status: 'paid' }))
      .id;
    await db
      .updateTable('links')
      .set({ deleted_at: t.clock.now().toISOString() })
      .where('id', '=', gone)
      .execute();
    try {
      expect(await companies('&status=paid')).toEqual([]);
      expect(await companies('&eventId=' + summitId)).toEqual(['Aurora Labs', 'Borealis Bank']);
      const cedarRows = (parse((await exportCsv()).replace(/^\uFEFF/, '')) as string[][]).filter(
        (r) => r[0] === 'Cedar Foods',
      );
      expect(cedarRows.map((r) => r[11])).toEqual(['']);
    } finally {
      await db.deleteFrom('links').where('id', '=', gone).execute();
    }
    const bad = await admin.get('/api/v1/partnerships/export?status=%25%25');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBeTruthy();
  });

  it('writes an XLSX with the same rows and hidden technical columns', async () => {
    const res = await t.accord.app.inject({
      method: 'GET',
      url: '/api/v1/partnerships/export?format=xlsx',
      headers: { cookie: admin.cookie! },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe('Company');
    expect(sheet.getColumn(20).hidden).toBe(true);
  });
});

describe('import', () => {
  it('re-imports its own export unchanged: nothing created, nothing updated', async () => {
    const before = await counts();
    const preview = await upload('partnerships.csv', Buffer.from(await exportCsv()));
    expect(preview.status).toBe(200);
    expect(preview.body.rowCount).toBe(3);
    expect(preview.body.mapping['Amount (CAD)']).toBe('sponsorshipAmount');
    expect(preview.body.mapping['Primary Contact']).toBe('contactName');
    const job = await runImport(preview.body.uploadId, preview.body.mapping);
    expect(job.result).toMatchObject({
      partnersCreated: 0,
      partnersUpdated: 0,
      linksCreated: 0,
      linksUpdated: 0,
      eventsCreated: 0,
      errors: [],
      conflicts: [],
    });
    expect(await counts()).toEqual(before);
  });

  it('creates and updates from a foreign sheet: natural keys, aliases, blanks keep values, "-" clears', async () => {
    const csv = [
      'company;contact;Title;Email;Tier;Status;Amount;Year;Event;Follow up;Notes',
      'Aurora Labs;Ada Ng;Chief Executive;;Gold;Paid;;2026;Summit;;',
      'Borealis Bank;;;;;In Conversation;-;2026;Summit;2026-04-01;Prefers email',
      'Dune Dynamics;Paul Atreides;CTO;paul@dune.example;Silver;pitched;1,200.00;2027;Summit;;',
    ].join('\n');
    const preview = await upload('foreign.csv', Buffer.from(csv));
    expect(preview.body.mapping).toMatchObject({
      company: 'company',
      contact: 'contactName',
      Title: 'contactRole',
      Tier: 'packageTier',
      Status: 'status',
      Amount: 'sponsorshipAmount',
      Year: 'eventYear',
      Event: 'eventName',
      'Follow up': 'followUpDate',
      Notes: 'partnerNotes',
    });
    const job = await runImport(preview.body.uploadId, preview.body.mapping);
    expect(job.result).toMatchObject({
      partnersCreated: 1,
      eventsCreated: 1,
      linksCreated: 1,
      linksUpdated: 2,
      errors: [],
    });
    expect(job.result.warnings.map((w: { message: string }) => w.message).join(' ')).toContain(
      'Summit" (2027) did not exist',
    );
    const links = (await admin.get('/api/v1/links?limit=50')).body.items as any[];
    const aurora = links.find((l) => l.partnerName === 'Aurora Labs');
    expect(aurora).toMatchObject({ status: 'paid', amount: 1_000_000, followUpDate: '2026-03-10' }); // blank amount and date kept
    const borealis = links.find((l) => l.partnerName === 'Borealis Bank');
    expect(borealis).toMatchObject({ status: 'in_conversation', amount: null, followUpDate: '2026-04-01' });
    const contacts = (await admin.get(`/api/v1/partners/${aurora.organizationId}/contacts`)).body.items;
    expect(contacts[0]).toMatchObject({
      name: 'Ada Ng',
      title: 'Chief Executive',
      email: 'ada@aurora.example',
    });
    const dune = links.find((l) => l.partnerName === 'Dune Dynamics');
    expect(dune).toMatchObject({ status: 'pitched', amount: 120_000, packageTier: 'silver' });
  });

  it('dry run lists every bad row with its number and field, writes nothing; the real run skips them', async () => {
    const csv = [
      'Company,Event,Event Year,Pipeline Status,Amount,Follow-up Date,Email',
      'Good Co,Summit,2026,Pitched,10,,',
      ',Summit,2026,Pitched,10,,someone@x.example',
      'Bad Status,Summit,2026,!!!,10,,',
      'Negative,Summit,2026,Pitched,-5,,',
      'Bad Date,Summit,2026,Pitched,5,2026-02-31,',
      'Bad Year,Summit,1999,Pitched,5,,',
      'Bad Email,,,,,,not-an-email',
      ',,,,,,',
    ].join('\n');
    const before = await counts();
    const preview = await upload('bad.csv', Buffer.from(csv));
    const dry = await runImport(preview.body.uploadId, preview.body.mapping, true);
    expect(dry.result.dryRun).toBe(true);
    expect(dry.result.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'company'],
      [4, 'status'],
      [5, 'sponsorshipAmount'],
      [6, 'followUpDate'],
      [7, 'eventYear'],
      [8, 'email'],
    ]);
    expect(dry.result).toMatchObject({ partnersCreated: 1, linksCreated: 1, skipped: 7 });
    expect(await counts()).toEqual(before);
    const real = await runImport(preview.body.uploadId, preview.body.mapping);
    expect(real.result).toMatchObject({ partnersCreated: 1, linksCreated: 1, skipped: 7 });
    expect((await counts()).partners).toBe(before.partners + 1);
  });

  it('lists a row as a conflict when the CRM changed after the export, and does not apply it', async () => {
    const csv = await exportCsv();
    const aurora = (await admin.get('/api/v1/partners?q=aurora')).body.items[0];
    t.clock.advance(1000);
    await admin.patch(`/api/v1/partners/${aurora.id}`, {
      version: aurora.version,
      notes: 'changed in Accord',
    });
    const edited = csv.replace(/Aurora Labs,/, 'Aurora Labs,').replace(',Yes,No,', ',No,No,');
    const preview = await upload('edited.csv', Buffer.from(edited));
    const job = await runImport(preview.body.uploadId, preview.body.mapping);
    expect(job.result.conflicts.length).toBeGreaterThanOrEqual(1);
    expect(job.result.conflicts[0].message).toContain('Aurora Labs was changed in Accord');
    expect((await admin.get(`/api/v1/partners/${aurora.id}`)).body.isAlumni).toBe(true);
  });

  it("reads XLSX, refuses other files, unmapped company and other users' uploads", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Company', 'Event', 'Year', 'Status', 'Follow-up Date']);
    ws.addRow(['Excel Co', 'Summit', 2026, 'Shortlist', new Date(Date.UTC(2026, 4, 4))]);
    const preview = await upload('sheet.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(preview.status).toBe(200);
    const job = await runImport(preview.body.uploadId, preview.body.mapping);
    expect(job.result).toMatchObject({ partnersCreated: 1, linksCreated: 1, errors: [] });
    const link = (await admin.get('/api/v1/links?limit=100')).body.items.find(
      (l: any) => l.partnerName === 'Excel Co',
    );
    expect(link).toMatchObject({ status: 'shortlist', followUpDate: '2026-05-04' });

    expect((await upload('notes.pdf', Buffer.from('%PDF'))).status).toBe(415);
    const noCompany = await admin.post('/api/v1/partnerships/import', {
      uploadId: preview.body.uploadId,
      mapping: { Company: null, Event: 'eventName' },
    });
    expect(noCompany.status).toBe(400);
    expect(noCompany.body.error.fields.mapping).toContain('Company');
    const agent = await t.as('sales_agent');
    expect(
      (
        await agent.post('/api/v1/partnerships/import', {
          uploadId: preview.body.uploadId,
          mapping: preview.body.mapping,
        })
      ).status,
    ).toBe(403);
    const viewer = await t.as('read_only');
    expect((await viewer.get('/api/v1/partnerships/export')).status).toBe(200);
    expect(
      (
        await viewer.get(
          `/api/v1/jobs/${(await admin.post('/api/v1/partnerships/import', { uploadId: preview.body.uploadId, mapping: preview.body.mapping, dryRun: true })).body.jobId}`,
        )
      ).status,
    ).toBe(404);
  });
});
