import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made } from '../../test/partnerManagement';
import { ensureSchedules, TRASH_PURGE_JOB } from '../maintenance/jobs';

let t: TestApp;
let admin: Client;
const DAY = 86_400_000;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

async function drain(): Promise<void> {
  for (let i = 0; i < 20 && (await t.accord.kernel.jobs.tick()) > 0; i++);
}

const exists = async (
  table: 'organizations' | 'contacts' | 'leads' | 'sales_activities' | 'links' | 'comments' | 'opportunities',
  id: string,
) => Boolean(await t.accord.kernel.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());

describe('nightly purge of the partner trash', () => {
  it('erases partners deleted more than 30 days ago with what went with them, and keeps the rest', async () => {
    const event = await made(admin, '/api/v1/events', { name: 'Purge Summit', year: 2026 });
    // Deleted with its records: everything of it goes after 30 days.
    const old = await made(admin, '/api/v1/partners', { name: 'Old Trash Ltd', tags: ['gone'] });
    const consultant = await made(admin, `/api/v1/partners/${old.id}/contacts`, { lastName: 'Curie' });
    const lead = await made(admin, '/api/v1/leads', { name: 'Old lead', partnerId: old.id });
    const activity = await made(admin, '/api/v1/activities', {
      type: 'call',
      subject: 'Old call',
      partnerId: old.id,
      leadId: lead.id,
    });
    const link = await made(admin, '/api/v1/links', { organizationId: old.id, eventId: event.id });
    const comment = await made(admin, '/api/v1/comments', {
      entity: 'partner',
      entityId: old.id,
      body: 'Goodbye',
    });
    // A live deal of another partner that names the old partner's consultant keeps living without them.
    const keeper = await made(admin, '/api/v1/partners', { name: 'Keeper Co' });
    const deal = await made(admin, '/api/v1/opportunities', {
      name: 'Keeper deal',
      partnerId: keeper.id,
      amount: 5_000,
    });
    await t.accord.kernel.db
      .updateTable('opportunities')
      .set({ contact_id: consultant.id })
      .where('id', '=', deal.id)
      .execute();
    // Deleted with "unlink": its lead lives on without a partner.
    const unlinked = await made(admin, '/api/v1/partners', { name: 'Unlinked Old Ltd' });
    const freeLead = await made(admin, '/api/v1/leads', { name: 'Free lead', partnerId: unlinked.id });

    expect((await admin.delete(`/api/v1/partners/${old.id}?related=delete`)).status).toBe(200);
    expect((await admin.delete(`/api/v1/partners/${unlinked.id}?related=unlink`)).status).toBe(200);
    t.clock.advance(25 * DAY);
    admin = await t.as('admin'); // sessions end after 14 idle days
    const recent = await made(admin, '/api/v1/partners', { name: 'Recent Trash Ltd' });
    expect((await admin.delete(`/api/v1/partners/${recent.id}?related=delete`)).status).toBe(200);
    t.clock.advance(6 * DAY); // the first two: 31 days in the trash; the recent one: 6

    await ensureSchedules(t.accord.kernel);
    const schedule = await t.accord.kernel.db
      .selectFrom('schedules')
      .selectAll()
      .where('name', '=', 'nightly-trash-purge')
      .executeTakeFirstOrThrow();
    expect(schedule.job_name).toBe(TRASH_PURGE_JOB);
    t.clock.advance(DAY); // past 03:45: the schedule is due (32 and 7 days now)
    await drain();
    admin = await t.as('admin');
    const job = await t.accord.kernel.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', TRASH_PURGE_JOB)
      .executeTakeFirstOrThrow();
    expect(job.status, job.last_error ?? '').toBe('done');
    expect(JSON.parse(job.result!)).toEqual({ partners: 2, records: 6 });

    for (const [table, id] of [
      ['organizations', old.id],
      ['organizations', unlinked.id],
      ['contacts', consultant.id],
      ['leads', lead.id],
      ['sales_activities', activity.id],
      ['links', link.id],
      ['comments', comment.id],
    ] as const)
      expect(await exists(table, id), `${table} ${id}`).toBe(false);
    expect(await exists('leads', freeLead.id)).toBe(true);
    const keptDeal = (await admin.get(`/api/v1/opportunities/${deal.id}`)).body;
    expect(keptDeal).toMatchObject({ id: deal.id, partnerId: keeper.id, contactId: null });

    const trash = (await admin.get('/api/v1/partners/trash')).body.items.map((i: { name: string }) => i.name);
    expect(trash).toEqual(['Recent Trash Ltd']);
    expect((await admin.post(`/api/v1/partners/${old.id}/restore`)).status).toBe(404);
    expect((await admin.post(`/api/v1/partners/${recent.id}/restore`)).status).toBe(200);

    // The audit log keeps the history and says what went; the cleared reference is audited too.
    const audit = await t.accord.kernel.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'action', 'actor_name', 'changes'])
      .where('entity_id', 'in', [old.id, deal.id])
      .orderBy('seq')
      .execute();
    const purge = audit.find((a) => a.entity_id === old.id && a.changes.includes('purged_at'));
    expect(purge).toMatchObject({ entity: 'partner', action: 'delete', actor_name: 'System' });
    expect(JSON.parse(purge!.changes).erased.new).toEqual({
      contacts: 1,
      links: 1,
      leads: 1,
      sales_activities: 1,
    });
    expect(audit.filter((a) => a.entity_id === old.id).length).toBeGreaterThan(2); // create, delete, purge
    expect(audit.some((a) => a.entity_id === deal.id && a.changes.includes('contact_id'))).toBe(true);

    // A second run finds nothing more to do.
    await t.accord.kernel.jobs.enqueue(TRASH_PURGE_JOB, null);
    await drain();
    const runs = await t.accord.kernel.db
      .selectFrom('jobs')
      .select('result')
      .where('name', '=', TRASH_PURGE_JOB)
      .orderBy('created_at')
      .execute();
    expect(JSON.parse(runs.at(-1)!.result!)).toEqual({ partners: 0, records: 0 });
  });
});
