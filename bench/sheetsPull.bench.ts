/**
 * Google Sheets pull throughput: a 20k-row sheet (10k partners × 2 events, 24 columns, no ids: every row
 * creates) is served by the local Google server (src/server/test/fakeGoogle.ts) and pulled through the real
 * client, job and importer into an empty CRM (one transaction). Beside it, in the same run: a bare insert of
 * the same partners, contacts, events and links with multi-row INSERTs in one transaction, no parsing, no
 * rules, no audit. Then a push of the result and a second pull of the unchanged sheet (the common case:
 * every row is recognised as unedited). SQLite, and PostgreSQL when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) is set. BENCH_SHEET_ROWS changes the size.
 */
import { CANONICAL_STATUSES, statusLabel } from '../src/shared/partnerships/statuses';
import { EXCHANGE_COLUMNS } from '../src/shared/exchange.schema';
import { newId } from '../src/server/kernel/ids';
import { startFakeGoogle } from '../src/server/test/fakeGoogle';
import { createTestDb, startTestApp, type Client, type TestApp } from '../src/server/test/harness';

const ROWS = Number(process.env.BENCH_SHEET_ROWS ?? 20_000);
const EVENTS = 12;
const SHEET = 'bench-sheet-0123456789';
const TAB = 'PartnershipsCRM';

interface Gen {
  partner: number;
  event: number;
  status: string;
  amount: number;
}

function generated(): Gen[] {
  const out: Gen[] = [];
  for (let i = 0; i < ROWS; i++) {
    const p = Math.floor(i / 2);
    out.push({
      partner: p,
      event: i % 2 === 0 ? p % EVENTS : (p + 5) % EVENTS,
      status: CANONICAL_STATUSES[i % CANONICAL_STATUSES.length]!,
      amount: 1000 + (i % 50) * 250,
    });
  }
  return out;
}

function sheetCells(rows: Gen[]): (string | number)[][] {
  const header = EXCHANGE_COLUMNS.map((c) => (c.key === 'sponsorshipAmount' ? 'Amount (CAD)' : c.header));
  const body = rows.map((r) => {
    const cells: Record<string, string | number> = {
      company: `Company ${r.partner}`,
      contactName: `First${r.partner} Last${r.partner}`,
      contactRole: 'Head of partnerships',
      email: `p${r.partner}@example.com`,
      phone: `+1 555 ${String(r.partner).padStart(6, '0')}`,
      tags: 'bench, sheet',
      alumniPartner: r.partner % 7 === 0 ? 'Yes' : 'No',
      archived: 'No',
      eventName: `Event ${r.event}`,
      eventYear: 2026,
      status: statusLabel(r.status),
      eventRole: 'Sponsor',
      sponsorshipAmount: r.amount,
      followUpDate: `2026-0${(r.partner % 9) + 1}-1${r.partner % 10}`,
      eventNotes: `Notes for ${r.partner}/${r.event}`,
      partnerNotes: `Partner ${r.partner} from the sheet`,
    };
    return EXCHANGE_COLUMNS.map((c) => cells[c.key] ?? '');
  });
  return [header, ...body];
}

async function waitJob(t: TestApp, admin: Client, jobId: string) {
  for (;;) {
    await t.accord.kernel.jobs.tick();
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).body;
    if (job.status === 'done') return job;
    if (job.status === 'dead') throw new Error(job.error);
  }
}

/** The same partners, contacts, events and links, inserted as plainly as the schema allows. */
async function bareInsert(rows: Gen[]): Promise<number> {
  const db = await createTestDb();
  try {
    const at = new Date().toISOString();
    const record = { created_at: at, updated_at: at, version: 1, deleted_at: null, updated_by: null };
    const started = performance.now();
    await db.handle.db.transaction().execute(async (tx) => {
      const events = Array.from({ length: EVENTS }, (_, e) => ({
        id: newId(),
        name: `Event ${e}`,
        year: 2026,
        outreach_start: null,
        start_date: null,
        end_date: null,
        goal_amount: null,
        currency: 'CAD',
        notes: '',
        archived_at: null,
        ...record,
      }));
      await tx.insertInto('events').values(events).execute();
      const partners = new Map<number, string>();
      for (const r of rows) if (!partners.has(r.partner)) partners.set(r.partner, newId());
      const orgs = [...partners].map(([p, id]) => ({
        id,
        name: `Company ${p}`,
        name_key: `company ${p}`,
        is_partner: 1,
        email: '',
        phone: '',
        notes: `Partner ${p} from the sheet`,
        linkedin: '',
        is_alumni: p % 7 === 0 ? 1 : 0,
        owner_id: null,
        archived_at: null,
        ...record,
      }));
      for (let i = 0; i < orgs.length; i += 500)
        await tx
          .insertInto('organizations')
          .values(orgs.slice(i, i + 500) as never)
          .execute();
      const contacts = [...partners].map(([p, id]) => ({
        id: newId(),
        organization_id: id,
        first_name: `First${p}`,
        last_name: `Last${p}`,
        title: 'Head of partnerships',
        email: `p${p}@example.com`,
        phone: `+1 555 ${String(p).padStart(6, '0')}`,
        mobile: '',
        linkedin: '',
        notes: '',
        is_primary: 1,
        owner_id: null,
        ...record,
      }));
      for (let i = 0; i < contacts.length; i += 500)
        await tx
          .insertInto('contacts')
          .values(contacts.slice(i, i + 500) as never)
          .execute();
      const links = rows.map((r) => ({
        id: newId(),
        organization_id: partners.get(r.partner)!,
        event_id: events[r.event]!.id,
        status: r.status,
        package_tier: '',
        role: 'Sponsor',
        amount: r.amount * 100,
        currency: 'CAD',
        follow_up_date: null,
        contact_id: null,
        owner_id: null,
        notes: `Notes for ${r.partner}/${r.event}`,
        ...record,
      }));
      for (let i = 0; i < links.length; i += 500)
        await tx
          .insertInto('links')
          .values(links.slice(i, i + 500))
          .execute();
    });
    return performance.now() - started;
  } finally {
    await db.drop();
  }
}

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<string> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const saved = process.env.TEST_DATABASE_URL;
  if (engine === 'postgres') process.env.TEST_DATABASE_URL = pgUrl;
  else delete process.env.TEST_DATABASE_URL;
  const fake = await startFakeGoogle();
  const t = await startTestApp({ now: new Date().toISOString(), env: { LOG_LEVEL: 'silent' } });
  try {
    const rows = generated();
    fake.createSpreadsheet(SHEET, { tabs: [TAB] });
    const cells = sheetCells(rows);
    fake.tab(SHEET, TAB)!.cells = cells;
    const admin = await t.as('admin');
    const cfg = await admin.request('PUT', '/api/v1/integrations/sheets/config', {
      spreadsheet: SHEET,
      sheetName: TAB,
      serviceAccountJson: fake.serviceAccountJson(),
      apiBaseUrl: fake.url,
    });
    if (!cfg.body?.accessible) throw new Error(`config failed: ${cfg.text}`);

    const bareMs = await bareInsert(rows);

    const run = async (mode: 'pull' | 'push') => {
      const started = performance.now();
      const start = await admin.post('/api/v1/integrations/sheets/sync', { mode });
      const job = await waitJob(t, admin, start.body.jobId);
      return { ms: performance.now() - started, result: job.result };
    };
    const pull = await run('pull');
    const push = await run('push');
    const again = await run('pull');
    const rate = (ms: number) => Math.round((ROWS / ms) * 1000).toLocaleString('en-US');
    const lines = [
      `\n## Sheets pull, ${engine}: ${ROWS.toLocaleString('en-US')} rows × 24 columns from the local Google server`,
      '',
      '| run | time | rows/s | notes |',
      '|---|---:|---:|---|',
      `| bare insert of the same rows (one transaction, 500-row INSERTs) | ${Math.round(bareMs)} ms | ${rate(bareMs)} | ${EVENTS} events, ${rows.length / 2} partners + contacts, ${rows.length} links |`,
      `| pull into an empty CRM (HTTP read, rules, audit, one transaction) | ${Math.round(pull.ms)} ms | ${rate(pull.ms)} | created ${pull.result.partnersCreated} partners, ${pull.result.eventsCreated} events, ${pull.result.linksCreated} links; ${(pull.ms / bareMs).toFixed(1)}× the bare insert |`,
      `| push of the result | ${Math.round(push.ms)} ms | ${rate(push.ms)} | ${push.result.rowsPushed} rows written, formatted |`,
      `| pull of the unchanged sheet | ${Math.round(again.ms)} ms | ${rate(again.ms)} | updated ${again.result.updated}, unchanged ${again.result.unchanged}, conflicts ${again.result.conflicts} |`,
    ];
    console.log(lines.join('\n'));
    return lines.join('\n');
  } finally {
    await t.close();
    await fake.close();
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  }
}

export async function run(): Promise<string[]> {
  const out = [await benchEngine('sqlite')];
  if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)
    out.push(await benchEngine('postgres'));
  else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to include it)');
  return out;
}
