/**
 * `link_stats`: the live links' count, amount and follow-up count per event and status, kept by triggers
 * on `links` (migration 0012) in the same transaction as every write, so the Overview reads a few hundred
 * rows instead of grouping every link. It is derived data: backups leave it out and a restore rebuilds it.
 */
import { sql } from 'kysely';
import type { Executor } from './connection';

/** Tables computed from others: not backed up, rebuilt after a restore. */
export const DERIVED_TABLES = ['link_stats'];

/** Recounts `link_stats` from `links` (after a bulk restore, or to repair drift). */
export async function rebuildLinkStats(db: Executor): Promise<void> {
  await sql`DELETE FROM link_stats`.execute(db);
  await sql`
    INSERT INTO link_stats (event_id, status, n, amount, with_follow_up)
    SELECT event_id, status, COUNT(*), COALESCE(SUM(amount), 0), COUNT(follow_up_date)
    FROM links WHERE deleted_at IS NULL GROUP BY event_id, status`.execute(db);
}
