/**
 * Durable background jobs on the `jobs` table: leases (a crashed worker's job is picked up again once its
 * lease expires), retries with exponential backoff, progress for long work, and a cron scheduler. On
 * PostgreSQL any number of processes may run workers: claiming uses FOR UPDATE SKIP LOCKED, so a job is
 * never run by two processes at once.
 */
import { hostname } from 'node:os';
import { Cron } from 'croner';
import { isValidTimeZone } from '../../shared/dates';
import type { Db, Engine, Executor } from '../db/connection';
import { claimJobsSql } from '../db/dialect';
import type { JobRow } from '../db/types';
import type { Clock } from './clock';
import { newId } from './ids';

export interface JobContext {
  id: string;
  attempt: number;
  payload: unknown;
  progress(done: number, total: number, message?: string): Promise<void>;
}
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface EnqueueOptions {
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface JobQueueOptions {
  pollMs?: number;
  leaseMs?: number;
  batch?: number;
  /** Backoff after the n-th failure: base × 2^(n-1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  workerId?: string;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** The next run of a cron expression after `from`, in `timeZone`. Throws a readable error when invalid. */
export function nextCronRun(cron: string, timeZone: string, from: Date): Date {
  if (!isValidTimeZone(timeZone))
    throw new Error(`"${timeZone}" is not a time zone: use an IANA name such as America/Toronto.`);
  let job: Cron;
  try {
    job = new Cron(cron, { timezone: timeZone, paused: true });
  } catch (e) {
    throw new Error(`"${cron}" is not a valid cron expression: ${(e as Error).message}`);
  }
  const next = job.nextRun(from);
  if (!next) throw new Error(`"${cron}" never runs again`);
  return next;
}

export class JobQueue {
  private handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticking: Promise<unknown> | null = null;
  private wake = false;
  private inFlight = new Set<Promise<void>>();
  readonly workerId: string;
  private readonly opts: Required<Omit<JobQueueOptions, 'workerId' | 'log'>> & Pick<JobQueueOptions, 'log'>;
  /** Called before each claim round (the scheduler tick and outbox check hang here). */
  private beforeClaim: Array<() => Promise<void>> = [];

  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly clock: Clock,
    opts: JobQueueOptions = {},
  ) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${newId().slice(-8)}`;
    this.opts = {
      pollMs: opts.pollMs ?? 1000,
      leaseMs: opts.leaseMs ?? 60_000,
      batch: opts.batch ?? 5,
      backoffBaseMs: opts.backoffBaseMs ?? 10_000,
      backoffMaxMs: opts.backoffMaxMs ?? 60 * 60_000,
      log: opts.log,
    };
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  onTick(fn: () => Promise<void>): void {
    this.beforeClaim.push(fn);
  }

  async enqueue(
    name: string,
    payload: unknown,
    options: EnqueueOptions = {},
    executor: Executor = this.db,
  ): Promise<string | null> {
    const now = this.clock.now().toISOString();
    const id = newId();
    const res = await executor
      .insertInto('jobs')
      .values({
        id,
        name,
        payload: JSON.stringify(payload ?? null),
        status: 'queued',
        run_at: (options.runAt ?? this.clock.now()).toISOString(),
        attempts: 0,
        max_attempts: options.maxAttempts ?? 5,
        dedupe_key: options.dedupeKey ?? null,
        progress_done: 0,
        progress_total: 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return null;
    this.nudge();
    return id;
  }

  /** Asks the local worker loop to look for work now rather than at the next poll. */
  nudge(): void {
    if (!this.running) return;
    this.wake = true;
    if (!this.ticking) this.schedule(0);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        const again = this.wake;
        this.wake = false;
        this.schedule(again ? 0 : this.opts.pollMs);
      });
    }, ms);
  }

  /** One round: run the tick hooks, claim due jobs, run them. Exposed for tests. */
  async tick(): Promise<number> {
    try {
      for (const fn of this.beforeClaim) await fn();
      const ids = await this.claim();
      const runs = ids.map((id) => this.run(id));
      for (const r of runs) this.inFlight.add(r);
      await Promise.all(runs);
      for (const r of runs) this.inFlight.delete(r);
      if (ids.length === this.opts.batch) this.wake = true;
      return ids.length;
    } catch (e) {
      this.opts.log?.('job loop error', { error: (e as Error).message });
      return 0;
    }
  }

  private async claim(): Promise<string[]> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) return [];
    const now = this.clock.now();
    const iso = now.toISOString();
    // A job whose worker died during its last allowed attempt is buried, not reclaimed: a job that kills its
    // worker would otherwise take down every worker in turn, for ever.
    await this.db
      .updateTable('jobs')
      .set({
        status: 'dead',
        last_error: 'Its worker stopped before it finished, and it has no attempts left.',
        lease_until: null,
        dedupe_key: null,
        finished_at: iso,
        updated_at: iso,
      })
      .where('status', '=', 'running')
      .where('lease_until', '<', iso)
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
      .where('name', 'in', names)
      .execute();
    const res = await claimJobsSql(this.engine, {
      now: iso,
      leaseUntil: new Date(now.getTime() + this.opts.leaseMs).toISOString(),
      worker: this.workerId,
      limit: this.opts.batch,
      names,
    }).execute(this.db);
    return res.rows.map((r) => r.id);
  }

  private async run(id: string): Promise<void> {
    const job = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!job) return;
    const handler = this.handlers.get(job.name);
    if (!handler) return;
    const heartbeat = setInterval(
      () => {
        const until = new Date(this.clock.now().getTime() + this.opts.leaseMs).toISOString();
        void this.db
          .updateTable('jobs')
          .set({ lease_until: until })
          .where('id', '=', id)
          .where('locked_by', '=', this.workerId)
          .execute()
          .catch(() => {});
      },
      Math.max(1000, this.opts.leaseMs / 3),
    );
    try {
      const result = await handler({
        id,
        attempt: job.attempts,
        payload: JSON.parse(job.payload),
        progress: async (done, total, message) => {
          await this.db
            .updateTable('jobs')
            .set({
              progress_done: done,
              progress_total: total,
              progress_message: message ?? null,
              updated_at: this.clock.now().toISOString(),
            })
            .where('id', '=', id)
            .execute();
        },
      });
      const now = this.clock.now().toISOString();
      await this.db
        .updateTable('jobs')
        .set({
          status: 'done',
          result: JSON.stringify(result ?? null),
          finished_at: now,
          updated_at: now,
          lease_until: null,
          dedupe_key: null,
          last_error: null,
        })
        .where('id', '=', id)
        .where('locked_by', '=', this.workerId)
        .execute();
    } catch (e) {
      await this.fail(job, e as Error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async fail(job: JobRow, error: Error): Promise<void> {
    const now = this.clock.now();
    const attempts = job.attempts; // already counts this run: it was incremented when claimed
    const dead = attempts >= job.max_attempts;
    const retryAt = new Date(
      now.getTime() + backoffMs(attempts, this.opts.backoffBaseMs, this.opts.backoffMaxMs),
    );
    this.opts.log?.('job failed', { id: job.id, name: job.name, attempts, dead, error: error.message });
    await this.db
      .updateTable('jobs')
      .set({
        status: dead ? 'dead' : 'queued',
        run_at: dead ? job.run_at : retryAt.toISOString(),
        last_error: error.message.slice(0, 2000),
        lease_until: null,
        locked_by: null,
        updated_at: now.toISOString(),
        finished_at: dead ? now.toISOString() : null,
        dedupe_key: dead ? null : job.dedupe_key,
      })
      .where('id', '=', job.id)
      // A worker whose lease expired and was taken over must not re-queue a job another worker now owns.
      .where('locked_by', '=', this.workerId)
      .execute();
  }

  /** Creates or updates a recurring schedule. */
  async upsertSchedule(s: {
    name: string;
    cron: string;
    timeZone: string;
    jobName: string;
    payload?: unknown;
    enabled?: boolean;
  }): Promise<void> {
    const now = this.clock.now();
    const next = nextCronRun(s.cron, s.timeZone, now).toISOString();
    const iso = now.toISOString();
    await this.db
      .insertInto('schedules')
      .values({
        id: newId(),
        name: s.name,
        cron: s.cron,
        time_zone: s.timeZone,
        job_name: s.jobName,
        payload: JSON.stringify(s.payload ?? null),
        enabled: s.enabled === false ? 0 : 1,
        next_run_at: next,
        created_at: iso,
        updated_at: iso,
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          cron: s.cron,
          time_zone: s.timeZone,
          job_name: s.jobName,
          payload: JSON.stringify(s.payload ?? null),
          enabled: s.enabled === false ? 0 : 1,
          next_run_at: next,
          updated_at: iso,
        }),
      )
      .execute();
  }

  /**
   * Enqueues a job for every due schedule. Each schedule's advance is a compare-and-set on next_run_at, and
   * the job's dedupe key names the slot, so two processes ticking together enqueue it once.
   */
  async runDueSchedules(): Promise<number> {
    const now = this.clock.now();
    const iso = now.toISOString();
    const due = await this.db
      .selectFrom('schedules')
      .selectAll()
      .where('enabled', '=', 1)
      .where('next_run_at', '<=', iso)
      .execute();
    let enqueued = 0;
    for (const s of due) {
      const next = nextCronRun(s.cron, s.time_zone, now).toISOString();
      await this.db.transaction().execute(async (tx) => {
        const r = await tx
          .updateTable('schedules')
          .set({ next_run_at: next, last_run_at: iso, updated_at: iso })
          .where('id', '=', s.id)
          .where('next_run_at', '=', s.next_run_at)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return;
        const id = await this.enqueue(
          s.job_name,
          JSON.parse(s.payload),
          { dedupeKey: `schedule:${s.name}:${s.next_run_at}` },
          tx,
        );
        if (id) enqueued++;
      });
    }
    return enqueued;
  }

  async stats(): Promise<{ queued: number; running: number; dead: number; oldestQueuedAt: string | null }> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('run_at').as('oldest')])
      .where('status', 'in', ['queued', 'running', 'dead'])
      .groupBy('status')
      .execute();
    const by = (s: string) => rows.find((r) => r.status === s);
    return {
      queued: Number(by('queued')?.n ?? 0),
      running: Number(by('running')?.n ?? 0),
      dead: Number(by('dead')?.n ?? 0),
      oldestQueuedAt: (by('queued')?.oldest as string | undefined) ?? null,
    };
  }
}
