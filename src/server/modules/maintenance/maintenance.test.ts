import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { CLEANUP_JOB, ensureSchedules } from './jobs';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
});
afterAll(async () => t?.close());

async function drain(): Promise<void> {
  for (let i = 0; i < 20 && (await t.accord.kernel.jobs.tick()) > 0; i++);
}

describe('nightly cleanup', () => {
  it('is scheduled for 03:15 in the workspace time zone and removes only expired rows', async () => {
    await ensureSchedules(t.accord.kernel);
    const schedule = await t.accord.kernel.db
      .selectFrom('schedules')
      .selectAll()
      .where('name', '=', 'nightly-cleanup')
      .executeTakeFirstOrThrow();
    expect(schedule.next_run_at).toBe('2026-03-03T03:15:00.000Z'); // UTC is the default time zone

    const admin = await t.as('admin');
    await t.as('read_only'); // a second, live session
    t.clock.advance(15 * 86_400_000); // both sessions expire (14 idle days)
    const fresh = await t.as('finance');
    const before = await t.accord.kernel.db.selectFrom('sessions').select('id').execute();
    expect(before.length).toBe(3);

    await drain(); // the schedule is due: it enqueues the job, which then runs
    const job = await t.accord.kernel.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', CLEANUP_JOB)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(JSON.parse(job.result!)).toMatchObject({ sessions: 2 });
    expect((await fresh.get('/api/v1/me')).status).toBe(200);
    expect((await admin.get('/api/v1/me')).status).toBe(401);
    const next = await t.accord.kernel.db
      .selectFrom('schedules')
      .select('next_run_at')
      .where('name', '=', 'nightly-cleanup')
      .executeTakeFirstOrThrow();
    expect(next.next_run_at > t.clock.now().toISOString()).toBe(true);
  });
});

describe('event-driven notifications', () => {
  it('tells a user when an admin changes their role, after the change commits', async () => {
    const admin = await t.as('admin');
    const roles = (await admin.get('/api/v1/roles')).body.items as {
      id: string;
      key: string;
      name: string;
    }[];
    const target = t.users.read_only!.id;
    const user = (await admin.get(`/api/v1/users/${target}`)).body;
    const finance = roles.find((r) => r.key === 'finance')!;
    expect(
      (await admin.patch(`/api/v1/users/${target}`, { version: user.version, roleId: finance.id })).status,
    ).toBe(200);
    await drain();
    const me = await t.login(t.users.read_only!.email);
    const list = (await me.get('/api/v1/notifications')).body;
    expect(list.unread).toBe(1);
    expect(list.items[0].title).toBe(`Your role is now ${finance.name}`);
  });
});
