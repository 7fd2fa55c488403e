import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCHANGE_KEYS, type ExchangeKey } from '../../../shared/exchange.schema';
import { startFakeGoogle, type FakeGoogle } from '../../test/fakeGoogle';
import { engineUnderTest, startTestApp, type Client, type TestApp } from '../../test/harness';
import { createEvent, createLink } from '../../test/partnerships';

const SHEET = 'sheet-0123456789abcdef';
const TAB = 'PartnershipsCRM';
const col = (key: ExchangeKey) => EXCHANGE_KEYS.indexOf(key);

let t: TestApp;
let admin: Client;
let fake: FakeGoogle;
let aurora: { id: string; version: number };
let auroraLinkId: string;

beforeAll(async () => {
  fake = await startFakeGoogle();
  fake.createSpreadsheet(SHEET);
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
  const summit = await createEvent(admin, {
    name: 'Summit',
    year: 2026,
    goal: 5_000_000,
    tiers: [{ label: 'Gold', defaultAmount: 1_000_000 }],
  });
  aurora = (await admin.post('/api/v1/partners', { name: 'Aurora Labs', tags: ['ai'], notes: 'Met at CES' }))
    .body;
  await admin.post(`/api/v1/partners/${aurora.id}/contacts`, {
    firstName: 'Ada',
    lastName: 'Ng',
    title: 'CEO',
    email: 'ada@aurora.example',
    phone: '+1 555 0100',
    isPrimary: true,
  });
  const b = (await admin.post('/api/v1/partners', { name: 'Borealis Bank' })).body;
  auroraLinkId = (
    await createLink(admin, {
      organizationId: aurora.id,
      eventId: summit.id,
      status: 'confirmed',
      packageTier: 'gold',
      followUpDate: '2026-03-10',
    })
  ).id;
  await createLink(admin, {
    organizationId: b.id,
    eventId: summit.id,
    status: 'Waiting on legal',
    amount: 250_050,
  });
  await admin.post('/api/v1/partners', { name: 'Cedar Foods' });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

async function configure(extra: Record<string, unknown> = {}) {
  return admin.request('PUT', '/api/v1/integrations/sheets/config', {
    spreadsheet: `https://docs.google.com/spreadsheets/d/${SHEET}/edit#gid=0`,
    sheetName: TAB,
    serviceAccountJson: fake.serviceAccountJson(),
    apiBaseUrl: fake.url,
    ...extra,
  });
}

async function waitJob(jobId: string) {
  for (let i = 0; i < 100; i++) {
    await t.accord.kernel.jobs.tick();
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).body;
    if (job.status === 'done' || job.status === 'dead') return job;
  }
  throw new Error('sync did not finish');
}

async function sync(mode: 'push' | 'pull' | 'merge') {
  const start = await admin.post('/api/v1/integrations/sheets/sync', { mode });
  expect(start.status, start.text).toBe(202);
  return waitJob(start.body.jobId);
}

const sheetRows = () => fake.rows(SHEET, TAB);
function rowOf(company: string, event = ''): number {
  const i = sheetRows().findIndex((r) => r[0] === company && (r[col('eventName')] ?? '') === event);
  if (i < 0) throw new Error(`no sheet row for ${company} ${event}`);
  return i;
}
const edit = (company: string, event: string, key: ExchangeKey, value: string | number) =>
  fake.setCell(SHEET, TAB, rowOf(company, event), col(key), value);

async function partner(id: string) {
  return (await admin.get(`/api/v1/partners/${id}`)).body;
}
const count = async (table: 'organizations' | 'links' | 'events' | 'contacts' | 'audit_log') =>
  Number(
    (
      await t.accord.kernel.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('Google Sheets configuration', () => {
  it('refuses a broken key file with a clear message and stores nothing', async () => {
    const bad = await configure({
      serviceAccountJson: '{"client_email":"x@y.z","private_key":"-----BEGIN nope"}',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.serviceAccountJson).toMatch(/private key could not be read/);
    const notJson = await configure({ serviceAccountJson: 'hello' });
    expect(notJson.body.error.fields.serviceAccountJson).toMatch(/not JSON/);
    const status = (await admin.get('/api/v1/integrations/sheets/status')).body;
    expect(status.configured).toBe(false);
    expect(status.message).toMatch(/Not configured/);
  });

  it('saves the config with the key sealed, never returns the key, and checks access', async () => {
    const res = await configure();
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      configured: true,
      accessible: true,
      spreadsheetId: SHEET,
      sheetName: TAB,
    });
    expect(res.body.serviceAccountEmail).toMatch(/@accord-test\.iam\.gserviceaccount\.com$/);
    const cfg = await admin.get('/api/v1/integrations/sheets/config');
    expect(cfg.body).toMatchObject({ configured: true, hasPrivateKey: true, spreadsheetId: SHEET });
    expect(cfg.text).not.toMatch(/PRIVATE KEY/);
    expect(res.text).not.toMatch(/PRIVATE KEY/);
    const stored = await t.accord.kernel.db.selectFrom('sheets_config').selectAll().executeTakeFirstOrThrow();
    expect(stored.private_key.startsWith('sealed:v1:')).toBe(true);
    expect(stored.private_key).not.toMatch(/PRIVATE KEY/);
    // Saving again without a key keeps the stored one.
    const again = await configure({ serviceAccountJson: undefined, autoPush: false });
    expect(again.body.configured).toBe(true);
  });

  it('reports a sheet that is not shared with the service account as not accessible, naming the address', async () => {
    fake.createSpreadsheet('sheet-not-shared-000', { sharedWith: ['someone@else.example'] });
    const res = await configure({ spreadsheet: 'sheet-not-shared-000' });
    expect(res.body.accessible).toBe(false);
    expect(res.body.accessError).toMatch(/not shared with the service account.*accord-sync@/);
    const overview = (await admin.get('/api/v1/partnerships/overview')).body;
    expect(overview.sheetsSync.message).toBe('Configured, but cannot access sheet');
    expect((await configure()).body.accessible).toBe(true);
  });

  it("the Overview's block shows the stored access check and never calls Google; the status screen re-checks after 5 minutes", async () => {
    expect((await configure()).body.accessible).toBe(true);
    const checkedAt = async () =>
      (
        await t.accord.kernel.db
          .selectFrom('sheets_config')
          .select('access_checked_at')
          .executeTakeFirstOrThrow()
      ).access_checked_at;
    const before = await checkedAt();
    const started = t.clock.now();
    try {
      t.clock.advance(6 * 60_000);
      const calls = fake.stats.sheetsCalls;
      const overview = (await admin.get('/api/v1/partnerships/overview')).body;
      expect(overview.sheetsSync).toMatchObject({
        configured: true,
        accessible: true,
        message: `Connected: ${TAB}`,
      });
      expect(fake.stats.sheetsCalls).toBe(calls);
      expect(await checkedAt()).toBe(before);
      // The integrations screen's status does check again once the last check is over 5 minutes old.
      expect((await admin.get('/api/v1/integrations/sheets/status')).body.accessible).toBe(true);
      expect(fake.stats.sheetsCalls).toBeGreaterThan(calls);
      expect(await checkedAt()).toBe(t.clock.now().toISOString());
      // probe=true checks again at once; a value it cannot read is refused, and checks nothing.
      const checked = fake.stats.sheetsCalls;
      t.clock.advance(1000);
      expect((await admin.get('/api/v1/integrations/sheets/status?probe=true')).status).toBe(200);
      expect(fake.stats.sheetsCalls).toBeGreaterThan(checked);
      const stamp = await checkedAt();
      const calls2 = fake.stats.sheetsCalls;
      const bad = await admin.get('/api/v1/integrations/sheets/status?probe=maybe');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/probe/);
      expect(fake.stats.sheetsCalls).toBe(calls2);
      expect(await checkedAt()).toBe(stamp);
    } finally {
      t.clock.set(started);
    }
  });

  it('does not call an API address in the link-local range (cloud metadata), and says why', async () => {
    const res = await configure({ apiBaseUrl: 'http://169.254.169.254' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.accessible).toBe(false);
    expect(res.body.accessError).toMatch(/169\.254\.169\.254 is a link-local.*Accord does not connect there/);
    expect((await configure()).body.accessible).toBe(true);
  });

  it('is only for roles with the integrations permission', async () => {
    const agent = await t.as('sales_agent');
    expect((await agent.get('/api/v1/integrations/sheets/status')).status).toBe(403);
    expect((await agent.post('/api/v1/integrations/sheets/sync', { mode: 'push' })).status).toBe(403);
    expect((await agent.get('/api/v1/integrations/sheets/conflicts')).status).toBe(403);
    const reader = await t.as('read_only');
    expect((await reader.request('PUT', '/api/v1/integrations/sheets/config', {})).status).toBe(403);
  });
});

describe('push', () => {
  it('writes the 24 columns with ids hidden, the header bold and frozen, and numbers as numbers', async () => {
    const job = await sync('push');
    expect(job.status, job.error).toBe('done');
    expect(job.result).toMatchObject({ mode: 'push', rowsPushed: 3 });
    const rows = sheetRows();
    expect(rows[0]).toHaveLength(24);
    expect(rows[0]![0]).toBe('Company');
    expect(rows[0]![col('sponsorshipAmount')]).toBe('Amount (CAD)');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Aurora Labs', 'Borealis Bank', 'Cedar Foods']);
    const tab = fake.tab(SHEET, TAB)!;
    expect([...tab.hiddenColumns].sort((a, b) => a - b)).toEqual([19, 20, 21, 22, 23]);
    expect(tab.frozenRows).toBe(1);
    expect(tab.frozenColumns).toBe(2);
    expect(tab.boldRows.has(0)).toBe(true);
    expect(tab.basicFilter).toBe(true);
    expect(tab.numberFormats.get(col('sponsorshipAmount'))).toBe('CURRENCY');
    expect(tab.conditionalFormats).toHaveLength(2);
    const borealis = tab.cells[rowOf('Borealis Bank', 'Summit')]!;
    expect(borealis[col('sponsorshipAmount')]).toBe(2500.5);
    expect(borealis[col('eventYear')]).toBe(2026);
    expect(tab.cells[rowOf('Aurora Labs', 'Summit')]![col('phone')]).toBe('+1 555 0100');
    // Every Sheets call carried a bearer token; the token was fetched once.
    expect(fake.stats.rejectedBearer).toBe(0);
  });

  it('a second push replaces rows and does not pile up formatting rules', async () => {
    fake.setCell(SHEET, TAB, 10, 0, 'stray row below the data');
    fake.setCell(SHEET, TAB, 1, 30, 'stray column');
    const job = await sync('push');
    expect(job.status).toBe('done');
    expect(sheetRows()).toHaveLength(4);
    expect(fake.tab(SHEET, TAB)!.conditionalFormats).toHaveLength(2);
    const status = (await admin.get('/api/v1/integrations/sheets/status')).body;
    expect(status).toMatchObject({ lastSyncMode: 'push', lastSyncStatus: 'ok', lastSyncError: null });
    expect(status.lastSyncSummary).toMatchObject({ rowsPushed: 3, conflicts: 0 });
    const overview = (await admin.get('/api/v1/partnerships/overview')).body;
    expect(overview.sheetsSync).toMatchObject({
      configured: true,
      message: `Connected: ${TAB}`,
      lastSyncMode: 'push',
      lastSyncSummary: { rowsPushed: 3 },
    });
  });
});

describe('pull (decision 9)', () => {
  it('applies edits, keeps values for blank cells, clears "-" cells, skips bad rows and reports them', async () => {
    await sync('push');
    edit('Aurora Labs', 'Summit', 'partnerNotes', ''); // blank: keeps "Met at CES"
    edit('Aurora Labs', 'Summit', 'linkedIn', 'https://linkedin.com/company/aurora');
    edit('Aurora Labs', 'Summit', 'followUpDate', '-'); // clears the follow-up
    edit('Borealis Bank', 'Summit', 'status', '???'); // invalid status: reported, row skipped
    edit('Borealis Bank', 'Summit', 'sponsorshipAmount', -5);
    const r = sheetRows().length;
    fake.setCell(SHEET, TAB, r, col('company'), 'Delta Air');
    fake.setCell(SHEET, TAB, r, col('eventName'), 'Summit');
    fake.setCell(SHEET, TAB, r, col('eventYear'), 2026);
    fake.setCell(SHEET, TAB, r, col('status'), 'Pitched');
    fake.setCell(SHEET, TAB, r, col('sponsorshipAmount'), 1200);
    const job = await sync('pull');
    expect(job.status, job.error).toBe('done');
    const res = job.result;
    expect(res).toMatchObject({ mode: 'pull', partnersCreated: 1, linksCreated: 1, conflicts: 0 });
    expect(res.partnersUpdated).toBe(1);
    expect(res.skipped).toBe(1);
    expect(res.errors.map((e: { field: string }) => e.field).sort()).toEqual(['sponsorshipAmount', 'status']);
    const a = await partner(aurora.id);
    expect(a.notes).toBe('Met at CES');
    expect(a.linkedin).toBe('https://linkedin.com/company/aurora');
    const link = (await admin.get(`/api/v1/links/${auroraLinkId}`)).body;
    expect(link.followUpDate).toBeNull();
    const delta = await t.accord.kernel.db
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', 'Delta Air')
      .executeTakeFirst();
    expect(delta).toBeDefined();
  });

  it('lists a row both sides changed as a conflict, applies nothing of it, and ignores rows only the CRM changed', async () => {
    await sync('push');
    t.clock.advance(60_000);
    // CRM changes Aurora and Borealis after the push; the sheet edits Aurora only.
    const a = await partner(aurora.id);
    expect(
      (await admin.patch(`/api/v1/partners/${aurora.id}`, { version: a.version, notes: 'CRM notes' })).status,
    ).toBe(200);
    const bId = (
      await t.accord.kernel.db
        .selectFrom('organizations')
        .select('id')
        .where('name', '=', 'Borealis Bank')
        .executeTakeFirstOrThrow()
    ).id;
    const b = await partner(bId);
    expect(
      (await admin.patch(`/api/v1/partners/${bId}`, { version: b.version, notes: 'Borealis CRM' })).status,
    ).toBe(200);
    edit('Aurora Labs', 'Summit', 'partnerNotes', 'Sheet notes');
    t.clock.advance(60_000);
    const job = await sync('pull');
    expect(job.status, job.error).toBe('done');
    expect(job.result.conflicts).toBe(1);
    expect((await partner(aurora.id)).notes).toBe('CRM notes');
    expect((await partner(bId)).notes).toBe('Borealis CRM');
    const list = (await admin.get('/api/v1/integrations/sheets/conflicts')).body;
    expect(list.openCount).toBe(1);
    const c = list.items[0];
    expect(c).toMatchObject({
      entity: 'partner',
      entityId: aurora.id,
      company: 'Aurora Labs',
      status: 'open',
    });
    expect(c.sheet.partnerNotes).toBe('Sheet notes');
    expect(c.crm.partnerNotes).toBe('CRM notes');
    expect(c.differences).toEqual(['partnerNotes']);
    // Pulling again lists it once, not twice.
    await sync('pull');
    expect((await admin.get('/api/v1/integrations/sheets/conflicts')).body.openCount).toBe(1);
    expect((await admin.get('/api/v1/partnerships/overview')).body.sheetsSync.openConflicts).toBe(1);
  });

  it('"sheet wins" applies the row; "keep CRM" leaves the CRM and the next pull does not list it again', async () => {
    const [c] = (await admin.get('/api/v1/integrations/sheets/conflicts')).body.items;
    const res = await admin.post(`/api/v1/integrations/sheets/conflicts/${c.id}/resolve`, {
      winner: 'sheet',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('sheet');
    expect((await partner(aurora.id)).notes).toBe('Sheet notes');
    const twice = await admin.post(`/api/v1/integrations/sheets/conflicts/${c.id}/resolve`, {
      winner: 'crm',
    });
    expect(twice.status).toBe(409);

    // A new conflict, settled for the CRM.
    t.clock.advance(60_000);
    const a = await partner(aurora.id);
    await admin.patch(`/api/v1/partners/${aurora.id}`, { version: a.version, notes: 'CRM again' });
    edit('Aurora Labs', 'Summit', 'partnerNotes', 'Sheet again');
    t.clock.advance(60_000);
    await sync('pull');
    const [c2] = (await admin.get('/api/v1/integrations/sheets/conflicts')).body.items;
    expect(c2.sheet.partnerNotes).toBe('Sheet again');
    const keep = await admin.post(`/api/v1/integrations/sheets/conflicts/${c2.id}/resolve`, {
      winner: 'crm',
    });
    expect(keep.status).toBe(200);
    expect((await partner(aurora.id)).notes).toBe('CRM again');
    const again = await sync('pull');
    expect(again.result.conflicts).toBe(0);
    expect((await partner(aurora.id)).notes).toBe('CRM again');
    // The next push overwrites the sheet's row with the CRM's.
    await sync('push');
    expect(sheetRows()[rowOf('Aurora Labs', 'Summit')]![col('partnerNotes')]).toBe('CRM again');
  });

  it('merge pulls the sheet edits, then republishes the CRM with fresh timestamps', async () => {
    t.clock.advance(60_000);
    edit('Cedar Foods', '', 'partnerNotes', 'Cedar from the sheet');
    const before = sheetRows()[rowOf('Cedar Foods')]![col('partnerUpdatedAt')];
    const job = await sync('merge');
    expect(job.status, job.error).toBe('done');
    expect(job.result).toMatchObject({ mode: 'merge', partnersUpdated: 1, rowsPushed: 4 });
    const cedar = sheetRows()[rowOf('Cedar Foods')]!;
    expect(cedar[col('partnerNotes')]).toBe('Cedar from the sheet');
    expect(cedar[col('partnerUpdatedAt')]! > before!).toBe(true);
  });

  it('a failure in the middle of a pull leaves the CRM unchanged and shows the error on the status', async () => {
    const db = t.accord.kernel.db;
    if (engineUnderTest() === 'postgres') {
      await sql`CREATE FUNCTION sheets_boom() RETURNS trigger AS $$ BEGIN IF NEW.notes = 'boom' THEN RAISE EXCEPTION 'disk full (test)'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        db,
      );
      await sql`CREATE TRIGGER sheets_boom BEFORE INSERT ON links FOR EACH ROW EXECUTE FUNCTION sheets_boom()`.execute(
        db,
      );
    } else {
      await sql`CREATE TRIGGER sheets_boom BEFORE INSERT ON links WHEN NEW.notes = 'boom' BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`.execute(
        db,
      );
    }
    const r = sheetRows().length;
    // Early rows change things; a late row fails in the database.
    edit('Aurora Labs', 'Summit', 'partnerNotes', 'should not stay');
    fake.setCell(SHEET, TAB, r, col('company'), 'Echo Corp');
    fake.setCell(SHEET, TAB, r + 1, col('company'), 'Foxtrot Ltd');
    fake.setCell(SHEET, TAB, r + 1, col('eventName'), 'Summit');
    fake.setCell(SHEET, TAB, r + 1, col('eventYear'), 2026);
    fake.setCell(SHEET, TAB, r + 1, col('eventNotes'), 'boom');
    const counts = {
      orgs: await count('organizations'),
      links: await count('links'),
      audit: await count('audit_log'),
    };
    const notes = (await partner(aurora.id)).notes;
    const job = await sync('pull');
    expect(job.status).toBe('dead');
    expect(job.error).toMatch(/disk full \(test\)/);
    expect({
      orgs: await count('organizations'),
      links: await count('links'),
      audit: await count('audit_log'),
    }).toEqual(counts);
    expect((await partner(aurora.id)).notes).toBe(notes);
    const status = (await admin.get('/api/v1/integrations/sheets/status')).body;
    expect(status).toMatchObject({ lastSyncMode: 'pull', lastSyncStatus: 'failed' });
    expect(status.lastSyncError).toMatch(/disk full/);
    expect((await admin.get('/api/v1/partnerships/overview')).body.sheetsSync.lastError).toMatch(/disk full/);
    if (engineUnderTest() === 'postgres') await sql`DROP TRIGGER sheets_boom ON links`.execute(db);
    else await sql`DROP TRIGGER sheets_boom`.execute(db);
    await sync('push'); // back to the CRM's rows
  });

  it('a sheet that cannot be read fails the run with the reason, and a second sync waits for the first', async () => {
    fake.failNext(403, 'The caller does not have permission');
    const job = await sync('pull');
    expect(job.status).toBe('dead');
    expect(job.error).toMatch(/not shared with the service account/);
    const status = (await admin.get('/api/v1/integrations/sheets/status')).body;
    expect(status.lastSyncStatus).toBe('failed');
    expect(status.accessible).toBe(false);

    const first = await admin.post('/api/v1/integrations/sheets/sync', { mode: 'PUSH' });
    expect(first.status).toBe(202);
    const second = await admin.post('/api/v1/integrations/sheets/sync', { mode: 'pull' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/already running/);
    expect((await waitJob(first.body.jobId)).status).toBe('done');
    expect((await admin.post('/api/v1/integrations/sheets/sync', { mode: 'sideways' })).status).toBe(400);
  });
});

describe('auto-push', () => {
  const autoJobs = () =>
    t.accord.kernel.db
      .selectFrom('jobs')
      .select(['id', 'run_at', 'status'])
      .where('dedupe_key', '=', 'sheets.autopush')
      .execute();
  /** Runs the worker (it delivers the changes' events) until n auto-pushes wait. */
  async function untilQueued(n: number) {
    for (let i = 0; i < 10 && (await autoJobs()).filter((j) => j.status === 'queued').length < n; i++)
      await t.accord.kernel.jobs.tick();
    return autoJobs();
  }

  it('off: changes queue no push', async () => {
    expect((await configure({ autoPush: false })).status).toBe(200);
    const p = await partner(aurora.id);
    await admin.patch(`/api/v1/partners/${aurora.id}`, { version: p.version, notes: 'no auto push' });
    expect(await untilQueued(1)).toHaveLength(0);
  });

  it('on: a burst of changes queues one push 30 s later, which publishes all of them', async () => {
    expect((await configure({ autoPush: true })).status).toBe(200);
    const before = t.clock.now().getTime();
    for (const notes of ['first edit', 'second edit', 'auto pushed notes']) {
      const p = await partner(aurora.id);
      const res = await admin.patch(`/api/v1/partners/${aurora.id}`, { version: p.version, notes });
      expect(res.status, res.text).toBe(200);
    }
    const queued = await untilQueued(1);
    expect(queued).toHaveLength(1);
    expect(new Date(queued[0]!.run_at).getTime() - before).toBe(30_000);

    // Not yet due: a tick leaves the sheet as it was.
    await t.accord.kernel.jobs.tick();
    expect(sheetRows()[rowOf('Aurora Labs', 'Summit')]![col('partnerNotes')]).not.toBe('auto pushed notes');

    t.clock.advance(30_000);
    const job = await waitJob(queued[0]!.id);
    expect(job.status).toBe('done');
    expect(sheetRows()[rowOf('Aurora Labs', 'Summit')]![col('partnerNotes')]).toBe('auto pushed notes');
    const status = (await admin.get('/api/v1/integrations/sheets/status')).body;
    expect(status).toMatchObject({ autoSync: true, lastSyncMode: 'push', lastSyncStatus: 'ok' });
    expect(status.lastSyncSummary.rowsPushed).toBeGreaterThan(0);

    // Once it ran, the next change queues a new one.
    const p = await partner(aurora.id);
    await admin.patch(`/api/v1/partners/${aurora.id}`, { version: p.version, notes: 'later edit' });
    const next = (await untilQueued(1)).filter((j) => j.status === 'queued');
    expect(next).toHaveLength(1);
    expect(next[0]!.id).not.toBe(queued[0]!.id);
    await configure({ autoPush: false });
  });
});

describe('the same with a file', () => {
  async function uploadFile(name: string, bytes: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const req = new Request('http://x/', { method: 'POST', body: form });
    const res = await t.accord.app.inject({
      method: 'POST',
      url: '/api/v1/integrations/sheets/file',
      payload: Buffer.from(await req.arrayBuffer()),
      headers: {
        cookie: admin.cookie!,
        'x-csrf-token': admin.csrf!,
        'content-type': req.headers.get('content-type')!,
      },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  it('downloads XLSX in the sheet layout and pulls an edited copy back with the same rules and conflicts', async () => {
    const dl = await t.accord.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/sheets/file?format=xlsx',
      headers: { cookie: admin.cookie! },
    });
    expect(dl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Company');
    expect(ws.getColumn(20).hidden).toBe(true);
    const rowFor = (company: string) => {
      for (let i = 2; i <= ws.rowCount; i++)
        if (ws.getRow(i).getCell(1).value === company) return ws.getRow(i);
      throw new Error(company);
    };
    rowFor('Cedar Foods').getCell(col('partnerNotes') + 1).value = 'Cedar from the file';
    rowFor('Borealis Bank').getCell(col('partnerNotes') + 1).value = 'Borealis from the file';
    // The CRM changes Borealis after the download: a conflict.
    t.clock.advance(60_000);
    const bId = (
      await t.accord.kernel.db
        .selectFrom('organizations')
        .select('id')
        .where('name', '=', 'Borealis Bank')
        .executeTakeFirstOrThrow()
    ).id;
    const b = await partner(bId);
    await admin.patch(`/api/v1/partners/${bId}`, { version: b.version, notes: 'Borealis newer in CRM' });
    t.clock.advance(60_000);
    const up = await uploadFile('edited.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(up.status, JSON.stringify(up.body)).toBe(202);
    const job = await waitJob(up.body.jobId);
    expect(job.status, job.error).toBe('done');
    expect(job.result).toMatchObject({ source: 'file', partnersUpdated: 1, conflicts: 1 });
    const cedarId = (
      await t.accord.kernel.db
        .selectFrom('organizations')
        .select('id')
        .where('name', '=', 'Cedar Foods')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await partner(cedarId)).notes).toBe('Cedar from the file');
    expect((await partner(bId)).notes).toBe('Borealis newer in CRM');
    const list = (await admin.get('/api/v1/integrations/sheets/conflicts')).body;
    expect(list.items.find((c: { source: string }) => c.source === 'file')).toMatchObject({
      company: 'Borealis Bank',
    });
  });

  it('pulls a CSV and refuses a file without a Company column', async () => {
    const csv = 'Company,Partner Notes\nGolf Club,from csv\n';
    const up = await uploadFile('plain.csv', Buffer.from(csv));
    expect(up.status).toBe(202);
    const job = await waitJob(up.body.jobId);
    expect(job.result).toMatchObject({ partnersCreated: 1 });
    const bad = await uploadFile('bad.csv', Buffer.from('Name,Notes\nx,y\n'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/no Company column/);
  });
});
