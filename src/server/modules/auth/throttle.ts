/**
 * Sign-in throttling, kept in the database so every app process sees the same counts: after too many
 * failures within a window, the email (or the client address) is locked for a while. Each attempt is
 * counted atomically *before* the password or code is checked, so guesses sent in parallel cannot all
 * pass the lock check first; an attempt that turns out right is taken back.
 */
import { sql } from 'kysely';
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

const limitFor = (key: string) =>
  key.startsWith('email:') ? THROTTLE.maxFailuresPerEmail : THROTTLE.maxFailuresPerIp;

function locked(lockedUntil: string, now: Date) {
  const seconds = Math.max(1, Math.ceil((new Date(lockedUntil).getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return tooManyRequests(
    `Too many failed sign-in attempts. Sign-in is paused for ${minutes} minute${minutes === 1 ? '' : 's'}; try again later or reset your password.`,
    seconds,
  );
}

export async function assertNotLocked(db: Executor, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    const row = await getThrottle(db, key);
    if (row?.locked_until && row.locked_until > now.toISOString()) throw locked(row.locked_until, now);
  }
}

/**
 * Counts one attempt against each key, in one statement per key. The attempt that reaches the limit still
 * gets checked (and locks the key); attempts beyond it are refused unchecked.
 */
export async function countAttempt(db: Executor, keys: readonly string[], now: Date): Promise<void> {
  const iso = now.toISOString();
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
  const lockUntil = new Date(now.getTime() + THROTTLE.lockMinutes * 60_000).toISOString();
  for (const key of keys) {
    const limit = limitFor(key);
    const fresh = sql<boolean>`login_throttle.window_started_at <= ${windowStart}`;
    const failures = sql<number>`CASE WHEN ${fresh} THEN 1 ELSE login_throttle.failures + 1 END`;
    const row = await db
      .insertInto('login_throttle')
      .values({ key, failures: 1, window_started_at: iso, locked_until: limit <= 1 ? lockUntil : null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures,
          window_started_at: sql<string>`CASE WHEN ${fresh} THEN ${iso} ELSE login_throttle.window_started_at END`,
          locked_until: sql<string | null>`CASE WHEN ${failures} >= ${limit} THEN ${lockUntil} ELSE NULL END`,
        }),
      )
      .returning(['failures', 'locked_until'])
      .executeTakeFirstOrThrow();
    if (Number(row.failures) > limit) throw locked(row.locked_until ?? lockUntil, now);
  }
}

/** Takes back an attempt that was right: the email starts afresh, the client address gets its attempt back. */
export async function forgiveAttempt(db: Executor, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    if (key.startsWith('email:')) {
      await clearFailures(db, key);
      continue;
    }
    await db
      .updateTable('login_throttle')
      .set({
        failures: sql<number>`failures - 1`,
        locked_until: sql<
          string | null
        >`CASE WHEN failures - 1 >= ${limitFor(key)} THEN locked_until ELSE NULL END`,
      })
      .where('key', '=', key)
      .where('failures', '>', 0)
      .execute();
  }
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
