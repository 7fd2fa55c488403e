/**
 * Sign-in throttling, kept in the database so every app process sees the same counts: after too many
 * failures within a window, the email (or the client address) is locked for a while.
 */
import type { Executor } from '../../db/connection';
import { tooManyRequests } from '../../kernel/errors';
import { getThrottle } from './repo';

export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 30,
} as const;

export const throttleKeys = (email: string, ip: string) => [`email:${email}`, `ip:${ip}`] as const;

export async function assertNotLocked(db: Executor, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    const row = await getThrottle(db, key);
    if (row?.locked_until && row.locked_until > now.toISOString()) {
      const seconds = Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 1000);
      const minutes = Math.ceil(seconds / 60);
      throw tooManyRequests(
        `Too many failed sign-in attempts. Sign-in is paused for ${minutes} minute${minutes === 1 ? '' : 's'}; try again later or reset your password.`,
        seconds,
      );
    }
  }
}

export async function recordFailure(db: Executor, keys: readonly string[], now: Date): Promise<void> {
  const iso = now.toISOString();
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
  for (const key of keys) {
    const limit = key.startsWith('email:') ? THROTTLE.maxFailuresPerEmail : THROTTLE.maxFailuresPerIp;
    const row = await getThrottle(db, key);
    const fresh = !row || row.window_started_at < windowStart;
    const failures = fresh ? 1 : row.failures + 1;
    const lockedUntil =
      failures >= limit ? new Date(now.getTime() + THROTTLE.lockMinutes * 60_000).toISOString() : null;
    await db
      .insertInto('login_throttle')
      .values({
        key,
        failures,
        window_started_at: fresh ? iso : row.window_started_at,
        locked_until: lockedUntil,
      })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            failures,
            window_started_at: fresh ? iso : row!.window_started_at,
            locked_until: lockedUntil,
          }),
      )
      .execute();
  }
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
