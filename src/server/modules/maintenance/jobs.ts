/** Housekeeping on the job queue: a nightly cleanup of expired sessions, throttles, resets and old jobs. */
import type { Kernel } from '../../kernel/context';
import { purgeExpiredPartners } from '../partners/purge';
import { readSettings } from '../settings/service';

export const CLEANUP_JOB = 'maintenance.cleanup';
/** Erases partners that have been in the trash longer than they can be restored. */
export const TRASH_PURGE_JOB = 'maintenance.purge-partner-trash';
const DAY = 86_400_000;

export function installMaintenance(k: Kernel): void {
  k.jobs.register(CLEANUP_JOB, async (ctx) => {
    const now = k.clock.now();
    const iso = now.toISOString();
    const sessions = await k.db.deleteFrom('sessions').where('expires_at', '<=', iso).executeTakeFirst();
    await ctx.progress(1, 4, 'sessions');
    const throttles = await k.db
      .deleteFrom('login_throttle')
      .where('window_started_at', '<', new Date(now.getTime() - DAY).toISOString())
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso)]))
      .executeTakeFirst();
    await ctx.progress(2, 4, 'sign-in throttles');
    const resets = await k.db
      .deleteFrom('password_resets')
      .where('expires_at', '<', new Date(now.getTime() - DAY).toISOString())
      .executeTakeFirst();
    await k.db
      .deleteFrom('uploads')
      .where('created_at', '<', new Date(now.getTime() - DAY).toISOString())
      .execute();
    await ctx.progress(3, 4, 'password resets and uploads');
    const jobs = await k.db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('finished_at', '<', new Date(now.getTime() - 30 * DAY).toISOString())
      .executeTakeFirst();
    await ctx.progress(4, 4, 'finished jobs');
    return {
      sessions: Number(sessions.numDeletedRows),
      throttles: Number(throttles.numDeletedRows),
      resets: Number(resets.numDeletedRows),
      jobs: Number(jobs.numDeletedRows),
    };
  });
  k.jobs.register(TRASH_PURGE_JOB, async () => purgeExpiredPartners(k, k.clock.now()));
}

/** The recurring schedules Accord ships, in the workspace's time zone. Called at start-up. */
export async function ensureSchedules(k: Kernel): Promise<void> {
  const { timeZone } = (await readSettings(k.db, k.secrets)).value;
  await k.jobs.upsertSchedule({
    name: 'nightly-cleanup',
    cron: '15 3 * * *',
    timeZone,
    jobName: CLEANUP_JOB,
  });
  await k.jobs.upsertSchedule({
    name: 'nightly-trash-purge',
    cron: '45 3 * * *',
    timeZone,
    jobName: TRASH_PURGE_JOB,
  });
}
