import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config';
import { createTestDb, type TestDb } from '../test/harness';
import { fixedClock, systemClock } from './clock';
import { backoffMs, JobQueue, nextCronRun, type JobQueueOptions } from './jobs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WORKER = path.join(ROOT, 'src/server/test/jobWorker.ts');

let tdb: TestDb;
const clock = fixedClock('2026-03-02T09:00:00.000Z');
beforeAll(async () => {
  tdb = await createTestDb();
});
afterAll(async () => tdb?.drop());

const db = () => tdb.handle.db;
const queue = (opts: JobQueueOptions = {}) =>
  new JobQueue(tdb.handle.db, tdb.handle.engine, clock, {
    backoffBaseMs: 1000,
    backoffMaxMs: 60_000,
    leaseMs: 30_000,
    ...opts,
  });
const job = (id: string | null) =>
  db().selectFrom('jobs').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
const jobsNamed = (name: string) => db().selectFrom('jobs').selectAll().where('name', '=', name).execute();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}
const nowIso = () => clock.now().toISOString();
const msFromNow = (iso: string) => Date.parse(iso) - clock.now().getTime();

describe('running jobs', () => {
  it('enqueues, claims, runs and completes a job with its result', async () => {
    const q = queue({ workerId: 'worker-basic' });
    const calls: { id: string; attempt: number; payload: unknown }[] = [];
    q.register('basic.echo', async (ctx) => {
      calls.push({ id: ctx.id, attempt: ctx.attempt, payload: ctx.payload });
      return { echoed: ctx.payload };
    });
    const id = await q.enqueue('basic.echo', { hello: 'wörld' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await job(id)).toMatchObject({
      status: 'queued',
      attempts: 0,
      max_attempts: 5,
      run_at: nowIso(),
      locked_by: null,
      result: null,
    });

    expect(await q.tick()).toBe(1);
    expect(calls).toEqual([{ id, attempt: 1, payload: { hello: 'wörld' } }]);
    const done = await job(id);
    expect(done).toMatchObject({
      status: 'done',
      attempts: 1,
      locked_by: 'worker-basic',
      lease_until: null,
      last_error: null,
      finished_at: nowIso(),
    });
    expect(JSON.parse(done.result!)).toEqual({ echoed: { hello: 'wörld' } });
    expect(await q.tick()).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('waits for run_at, and leaves jobs no handler of this worker knows', async () => {
    const q = queue();
    let runs = 0;
    q.register('later.job', async () => void runs++);
    const later = await q.enqueue('later.job', null, { runAt: new Date(clock.now().getTime() + 60_000) });
    const orphan = await q.enqueue('nobody.handles.this', null);
    expect(await q.tick()).toBe(0);
    clock.advance(59_999);
    expect(await q.tick()).toBe(0);
    clock.advance(1);
    expect(await q.tick()).toBe(1);
    expect(runs).toBe(1);
    expect((await job(later)).status).toBe('done');
    expect(await job(orphan)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('runs due jobs oldest first, a batch per round', async () => {
    const q = queue({ batch: 2 });
    const order: number[] = [];
    q.register('ordered.job', async (ctx) => void order.push((ctx.payload as { n: number }).n));
    const base = clock.now().getTime();
    for (const n of [3, 1, 2])
      await q.enqueue('ordered.job', { n }, { runAt: new Date(base - 1000 * (4 - n)) });
    expect(await q.tick()).toBe(2);
    expect([...order].sort()).toEqual([1, 2]);
    expect(await q.tick()).toBe(1);
    expect(order[2]).toBe(3);
  });

  it('reports progress while a job runs', async () => {
    const q = queue();
    const seen: [number, number, string | null][] = [];
    q.register('progress.job', async (ctx) => {
      for (const [done, message] of [
        [0, 'starting'],
        [2, 'two of three'],
      ] as const) {
        await ctx.progress(done, 3, message);
        const row = await job(ctx.id);
        seen.push([row.progress_done, row.progress_total, row.progress_message]);
      }
      await ctx.progress(3, 3);
      return 'finished';
    });
    const id = await q.enqueue('progress.job', null);
    expect(await q.tick()).toBe(1);
    expect(seen).toEqual([
      [0, 3, 'starting'],
      [2, 3, 'two of three'],
    ]);
    expect(await job(id)).toMatchObject({
      status: 'done',
      progress_done: 3,
      progress_total: 3,
      progress_message: null,
      result: '"finished"',
    });
  });

  it('counts queued, running and dead jobs for the health check', async () => {
    const q = queue();
    const stats = await q.stats();
    const queued = await db()
      .selectFrom('jobs')
      .select(['run_at'])
      .where('status', '=', 'queued')
      .orderBy('run_at')
      .execute();
    expect(stats).toMatchObject({ queued: queued.length, running: 0, dead: 0 });
    expect(stats.oldestQueuedAt).toBe(queued[0]?.run_at ?? null);
  });
});

describe('failures and retries', () => {
  it('computes backoff as base × 2^(n-1), capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(backoffMs(12, 1000, 60_000)).toBe(60_000);
    expect(backoffMs(0, 1000, 60_000)).toBe(1000);
  });

  it('retries a failing job with exponential backoff and buries it after max_attempts', async () => {
    const q = queue();
    let n = 0;
    q.register('flaky.always', async () => {
      n++;
      throw new Error(`boom ${n}`);
    });
    const id = await q.enqueue('flaky.always', null, { maxAttempts: 4 });
    expect(await q.tick()).toBe(1);
    let j = await job(id);
    expect(j).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'boom 1',
      locked_by: null,
      lease_until: null,
      finished_at: null,
    });
    expect(msFromNow(j.run_at)).toBe(1000);

    for (const [attempt, wait, next] of [
      [2, 1000, 2000],
      [3, 2000, 4000],
    ] as const) {
      clock.advance(wait - 1);
      expect(await q.tick(), `attempt ${attempt} is not claimable before its run_at`).toBe(0);
      clock.advance(1);
      expect(await q.tick()).toBe(1);
      j = await job(id);
      expect(j).toMatchObject({ status: 'queued', attempts: attempt, last_error: `boom ${attempt}` });
      expect(msFromNow(j.run_at)).toBe(next);
    }

    clock.advance(4000);
    expect(await q.tick()).toBe(1);
    j = await job(id);
    expect(j).toMatchObject({ status: 'dead', attempts: 4, last_error: 'boom 4', finished_at: nowIso() });
    clock.advance(24 * 3_600_000);
    expect(await q.tick()).toBe(0);
    expect(n).toBe(4);
    expect((await q.stats()).dead).toBeGreaterThanOrEqual(1);
  });

  it('completes on a retry and clears the error', async () => {
    const q = queue();
    let n = 0;
    q.register('flaky.once', async (ctx) => {
      if (++n === 1) throw new Error('first try fails');
      return { attempt: ctx.attempt };
    });
    const id = await q.enqueue('flaky.once', null);
    await q.tick();
    expect((await job(id)).last_error).toBe('first try fails');
    clock.advance(1000);
    expect(await q.tick()).toBe(1);
    const j = await job(id);
    expect(j).toMatchObject({ status: 'done', attempts: 2, last_error: null, result: '{"attempt":2}' });
  });

  it("reclaims a crashed worker's job once its lease has expired", async () => {
    const q = queue({ workerId: 'rescuer' });
    q.register('crash.job', async (ctx) => ({ attempt: ctx.attempt }));
    const id = await q.enqueue('crash.job', null);
    // A worker claimed it, then its process died: running, leased, never finished.
    await db()
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: 'dead-worker',
        attempts: 1,
        lease_until: new Date(clock.now().getTime() + 30_000).toISOString(),
      })
      .where('id', '=', id!)
      .execute();
    expect(await q.tick()).toBe(0);
    clock.advance(30_000);
    expect(await q.tick()).toBe(0);
    clock.advance(1);
    expect(await q.tick()).toBe(1);
    expect(await job(id)).toMatchObject({
      status: 'done',
      locked_by: 'rescuer',
      attempts: 2,
      result: '{"attempt":2}',
    });
  });

  it('buries a job whose workers kept dying once it has no attempts left, instead of running it again', async () => {
    const q = queue({ workerId: 'survivor' });
    let runs = 0;
    q.register('poison.job', async () => void runs++);
    const id = await q.enqueue('poison.job', null, { maxAttempts: 3, dedupeKey: 'poison' });
    const other = await q.enqueue('poison.job', null, { maxAttempts: 3 });
    const died = (attempts: number, jobId: string | null) =>
      db()
        .updateTable('jobs')
        .set({
          status: 'running',
          locked_by: `dead-worker-${attempts}`,
          attempts,
          lease_until: new Date(clock.now().getTime() - 1).toISOString(),
        })
        .where('id', '=', jobId!)
        .execute();
    await died(3, id); // its third worker died while running it, like the two before
    await died(2, other); // this one still has an attempt left
    expect(await q.tick()).toBe(1);
    expect(runs).toBe(1);
    expect(await job(id)).toMatchObject({
      status: 'dead',
      attempts: 3,
      lease_until: null,
      dedupe_key: null,
      finished_at: nowIso(),
      last_error: 'Its worker stopped before it finished, and it has no attempts left.',
    });
    expect(await job(other)).toMatchObject({ status: 'done', attempts: 3, locked_by: 'survivor' });
    expect(await q.tick()).toBe(0);
    expect(runs).toBe(1);
  });

  it('ignores the late outcome of a worker whose lease was taken over', async () => {
    const slow = queue({ workerId: 'slow-worker' });
    const fast = queue({ workerId: 'fast-worker' });
    const gates: Record<string, { resolve: () => void; reject: (e: Error) => void }> = {};
    slow.register('stale.job', async (ctx) => {
      await new Promise<void>((resolve, reject) => (gates[ctx.id] = { resolve, reject }));
      return { by: 'slow' };
    });
    fast.register('stale.job', async () => ({ by: 'fast' }));
    const failing = await slow.enqueue('stale.job', null);
    const succeeding = await slow.enqueue('stale.job', null);
    const slowTick = slow.tick();
    await until('the slow worker holds both jobs', async () => !!gates[failing!] && !!gates[succeeding!]);
    expect((await job(failing)).locked_by).toBe('slow-worker');

    clock.advance(30_001);
    expect(await fast.tick()).toBe(2);
    const taken = [await job(failing), await job(succeeding)];
    for (const j of taken) expect(j).toMatchObject({ status: 'done', locked_by: 'fast-worker', attempts: 2 });

    gates[failing!]!.reject(new Error('late failure'));
    gates[succeeding!]!.resolve();
    await slowTick;
    expect([await job(failing), await job(succeeding)]).toEqual(taken);
  });
});

describe('dedupe keys', () => {
  it('keeps one queued or running job per key, and frees the key once it finished', async () => {
    const q = queue();
    const payloads: unknown[] = [];
    let fail = true;
    q.register('dedupe.job', async (ctx) => {
      payloads.push(ctx.payload);
      if (fail) throw new Error('not yet');
    });
    const first = await q.enqueue('dedupe.job', { v: 1 }, { dedupeKey: 'digest:2026-03-02' });
    expect(first).not.toBeNull();
    expect(await q.enqueue('dedupe.job', { v: 2 }, { dedupeKey: 'digest:2026-03-02' })).toBeNull();
    const other = await q.enqueue('dedupe.job', { v: 3 }, { dedupeKey: 'digest:2026-03-03' });
    expect(other).not.toBeNull();
    expect((await jobsNamed('dedupe.job')).map((j) => JSON.parse(j.payload))).toEqual(
      expect.arrayContaining([{ v: 1 }, { v: 3 }]),
    );
    expect(await jobsNamed('dedupe.job')).toHaveLength(2);

    await q.tick(); // both fail and wait for a retry: the keys still hold
    expect(await q.enqueue('dedupe.job', { v: 4 }, { dedupeKey: 'digest:2026-03-02' })).toBeNull();

    fail = false;
    clock.advance(1000);
    expect(await q.tick()).toBe(2);
    expect((await job(first)).dedupe_key).toBeNull();
    const again = await q.enqueue('dedupe.job', { v: 5 }, { dedupeKey: 'digest:2026-03-02' });
    expect(again).not.toBeNull();
    expect(again).not.toBe(first);
    expect(await jobsNamed('dedupe.job')).toHaveLength(3);
  });
});

describe('cron schedules', () => {
  it('computes the next run in the schedule’s time zone, across daylight saving time', () => {
    const next = (cron: string, tz: string, from: string) =>
      nextCronRun(cron, tz, new Date(from)).toISOString();
    // Monday 08:00 in Toronto is 13:00Z in winter (EST) and 12:00Z in summer (EDT).
    expect(next('0 8 * * 1', 'America/Toronto', '2026-01-06T00:00:00Z')).toBe('2026-01-12T13:00:00.000Z');
    expect(next('0 8 * * 1', 'America/Toronto', '2026-07-01T00:00:00Z')).toBe('2026-07-06T12:00:00.000Z');
    // DST starts on Sunday 2026-03-08: the Monday after is already summer time.
    expect(next('0 8 * * 1', 'America/Toronto', '2026-03-02T13:00:00Z')).toBe('2026-03-09T12:00:00.000Z');
    // …and ends on Sunday 2026-11-01.
    expect(next('0 8 * * 1', 'America/Toronto', '2026-10-27T00:00:00Z')).toBe('2026-11-02T13:00:00.000Z');
    expect(next('0 8 * * 1', 'UTC', '2026-01-06T00:00:00Z')).toBe('2026-01-12T08:00:00.000Z');
    // Strictly after `from`.
    expect(next('0 8 * * 1', 'America/Toronto', '2026-01-12T13:00:00Z')).toBe('2026-01-19T13:00:00.000Z');
    expect(next('0 8 * * 1', 'America/Toronto', '2026-01-12T12:59:59.999Z')).toBe('2026-01-12T13:00:00.000Z');
  });

  it('says plainly what is wrong with a bad cron expression or time zone', () => {
    const at = new Date('2026-01-06T00:00:00Z');
    expect(() => nextCronRun('not a cron', 'UTC', at)).toThrow(
      /^"not a cron" is not a valid cron expression/,
    );
    expect(() => nextCronRun('61 * * * *', 'UTC', at)).toThrow(
      /"61 \* \* \* \*" is not a valid cron expression/,
    );
    expect(() => nextCronRun('0 8 * * 1', 'Mars/Olympus', at)).toThrow(
      /^"Mars\/Olympus" is not a time zone: use an IANA name such as America\/Toronto\.$/,
    );
    expect(() => nextCronRun('0 0 30 2 *', 'UTC', at)).toThrow('"0 0 30 2 *" never runs');
  });

  it('enqueues a due schedule once per slot, even when run twice or by two queues at once', async () => {
    clock.set('2026-03-02T09:00:00.000Z');
    const a = queue();
    const b = queue();
    await a.upsertSchedule({
      name: 'weekly-digest',
      cron: '0 8 * * 1',
      timeZone: 'America/Toronto',
      jobName: 'digest.send',
      payload: { list: 'weekly' },
    });
    const schedule = () =>
      db().selectFrom('schedules').selectAll().where('name', '=', 'weekly-digest').executeTakeFirstOrThrow();
    expect((await schedule()).next_run_at).toBe('2026-03-02T13:00:00.000Z');
    expect(await a.runDueSchedules()).toBe(0);

    clock.set('2026-03-02T13:00:00.000Z');
    const [ra, rb] = await Promise.all([a.runDueSchedules(), b.runDueSchedules()]);
    expect(ra + rb).toBe(1);
    expect(await a.runDueSchedules()).toBe(0);
    expect(await b.runDueSchedules()).toBe(0);
    let jobs = await jobsNamed('digest.send');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      status: 'queued',
      dedupe_key: 'schedule:weekly-digest:2026-03-02T13:00:00.000Z',
      payload: '{"list":"weekly"}',
    });
    expect(await schedule()).toMatchObject({
      last_run_at: '2026-03-02T13:00:00.000Z',
      next_run_at: '2026-03-09T12:00:00.000Z', // the Monday after the switch to summer time
    });

    // A worker that was down for a while catches up with one run, not one per missed slot.
    clock.set('2026-03-20T10:00:00.000Z');
    const [ra2, rb2] = await Promise.all([b.runDueSchedules(), a.runDueSchedules()]);
    expect(ra2 + rb2).toBe(1);
    jobs = await jobsNamed('digest.send');
    expect(jobs).toHaveLength(2);
    expect((await schedule()).next_run_at).toBe('2026-03-23T12:00:00.000Z');

    // A disabled schedule stays quiet.
    await a.upsertSchedule({
      name: 'weekly-digest',
      cron: '0 8 * * 1',
      timeZone: 'America/Toronto',
      jobName: 'digest.send',
      enabled: false,
    });
    clock.set('2026-03-30T12:00:00.000Z');
    expect(await a.runDueSchedules()).toBe(0);
    expect(await jobsNamed('digest.send')).toHaveLength(2);
  });

  it('refuses to save a schedule with a bad cron expression', async () => {
    const q = queue();
    await expect(
      q.upsertSchedule({ name: 'broken', cron: '* * *', timeZone: 'UTC', jobName: 'x' }),
    ).rejects.toThrow(/"\* \* \*" is not a valid cron expression/);
    expect(await db().selectFrom('schedules').select('id').where('name', '=', 'broken').execute()).toEqual(
      [],
    );
  });
});

/** The environment that points `loadConfig` in a child process at this test's database. */
function dbEnv(config: Config): Record<string, string> {
  return config.db.engine === 'postgres'
    ? { DATABASE_URL: config.db.url, DATABASE_SCHEMA: config.db.schema! }
    : { DATABASE_URL: `sqlite:${config.db.file}` };
}

function startWorker(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => String(d).includes('ready') && resolve());
    void exited.then((code) => reject(new Error(`worker exited early (${code}): ${stderr}`)));
  });
  return { child, ready, exited, stderr: () => stderr };
}

describe('several processes', () => {
  it('never runs a job twice when two processes work the same queue, and both get work', async () => {
    const JOBS = 300;
    await sql`CREATE TABLE job_runs (job_id text NOT NULL, pid integer NOT NULL)`.execute(db());
    const env = { ...process.env, ...dbEnv(tdb.config) };
    const workers = [startWorker(env), startWorker(env)];
    try {
      await Promise.all(workers.map((w) => w.ready));
      const producer = new JobQueue(db(), tdb.handle.engine, systemClock);
      await db()
        .transaction()
        .execute(async (tx) => {
          for (let i = 0; i < JOBS; i++) await producer.enqueue('race.job', { i }, {}, tx);
        });
      await until(
        'every race job is done',
        async () => {
          const r = await db()
            .selectFrom('jobs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('name', '=', 'race.job')
            .where('status', '=', 'done')
            .executeTakeFirstOrThrow();
          return Number(r.n) === JOBS;
        },
        45_000,
      );
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
    }
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    expect(workers.map((w) => w.stderr())).toEqual(['', '']);

    const runs = (await sql<{ job_id: string; pid: number }>`SELECT job_id, pid FROM job_runs`.execute(db()))
      .rows;
    const jobs = await jobsNamed('race.job');
    expect(jobs).toHaveLength(JOBS);
    expect(runs).toHaveLength(JOBS);
    expect(new Set(runs.map((r) => r.job_id)).size).toBe(JOBS);
    expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
    const ranBy = new Map(runs.map((r) => [r.job_id, Number(r.pid)]));
    for (const j of jobs) expect(JSON.parse(j.result!)).toEqual({ pid: ranBy.get(j.id) });
    const pids = workers.map((w) => w.child.pid!);
    for (const pid of pids) expect(runs.filter((r) => Number(r.pid) === pid).length).toBeGreaterThan(0);
    expect(new Set(runs.map((r) => Number(r.pid)))).toEqual(new Set(pids));
  }, 60_000);
});
