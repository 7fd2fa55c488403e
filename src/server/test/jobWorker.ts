/**
 * A worker process for the two-process jobs test (kernel/jobs.test.ts): runs a JobQueue on the database
 * the environment names (DATABASE_URL + DATABASE_SCHEMA, as `accord serve` would) and records every run of
 * a `race.job` in the job_runs table the test created. Prints "ready" once working; stops on SIGTERM.
 */
import { sql } from 'kysely';
import { loadConfig } from '../config';
import { openDb } from '../db/connection';
import { systemClock } from '../kernel/clock';
import { JobQueue } from '../kernel/jobs';

const config = loadConfig();
const handle = openDb(config.db, { poolSize: 4 });
const queue = new JobQueue(handle.db, handle.engine, systemClock, {
  pollMs: 5,
  batch: 4,
  workerId: `race-worker-${process.pid}`,
  log: (msg, extra) => process.stderr.write(`${msg} ${JSON.stringify(extra)}\n`),
});

queue.register('race.job', async (ctx) => {
  await sql`INSERT INTO job_runs (job_id, pid) VALUES (${ctx.id}, ${process.pid})`.execute(handle.db);
  await new Promise((resolve) => setTimeout(resolve, 1));
  return { pid: process.pid };
});

queue.start();
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void queue
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
