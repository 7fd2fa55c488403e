import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connection';
import { rebuildLinkStats } from '../linkStats';

/**
 * The Overview's per-event, per-status figures kept up to date by triggers (see db/linkStats.ts), and an
 * index for each event's latest touched link (the scoreboard's last activity), read one event at a time.
 *
 * Measured on the Overview benchmark (500k links): grouping the covering index `links_event_figures`
 * costs time in proportion to the links in scope, the whole of the report's time on wide scopes; the
 * maintained rows cost one small upsert per link write.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('link_stats')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('with_follow_up', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('link_stats_pk', ['event_id', 'status'])
    .execute();

  const add = (row: 'NEW' | 'OLD', sign: '+' | '-') => {
    const r = sql.raw(row);
    const s = sql.raw(sign);
    return sql`INSERT INTO link_stats (event_id, status, n, amount, with_follow_up)
      VALUES (${r}.event_id, ${r}.status, ${s}1, ${s}COALESCE(${r}.amount, 0),
        ${s}(CASE WHEN ${r}.follow_up_date IS NULL THEN 0 ELSE 1 END))
      ON CONFLICT (event_id, status) DO UPDATE SET n = link_stats.n + excluded.n,
        amount = link_stats.amount + excluded.amount,
        with_follow_up = link_stats.with_follow_up + excluded.with_follow_up`;
  };
  const changed = sql`OLD.event_id IS NOT NEW.event_id OR OLD.status IS NOT NEW.status
    OR OLD.amount IS NOT NEW.amount OR OLD.follow_up_date IS NOT NEW.follow_up_date
    OR OLD.deleted_at IS NOT NEW.deleted_at`;

  if (engine === 'sqlite') {
    await sql`CREATE TRIGGER link_stats_insert AFTER INSERT ON links WHEN NEW.deleted_at IS NULL
      BEGIN ${add('NEW', '+')}; END`.execute(db);
    await sql`CREATE TRIGGER link_stats_delete AFTER DELETE ON links WHEN OLD.deleted_at IS NULL
      BEGIN ${add('OLD', '-')}; END`.execute(db);
    // One trigger for both halves of an update, old row out first: SQLite fires triggers on the same
    // event in an unspecified order, and each half alone is a plain counter change.
    await sql`CREATE TRIGGER link_stats_update AFTER UPDATE ON links WHEN ${changed}
      BEGIN
        INSERT INTO link_stats (event_id, status, n, amount, with_follow_up)
          SELECT OLD.event_id, OLD.status, -1, -COALESCE(OLD.amount, 0),
            -(CASE WHEN OLD.follow_up_date IS NULL THEN 0 ELSE 1 END)
          WHERE OLD.deleted_at IS NULL
          ON CONFLICT (event_id, status) DO UPDATE SET n = link_stats.n + excluded.n,
            amount = link_stats.amount + excluded.amount,
            with_follow_up = link_stats.with_follow_up + excluded.with_follow_up;
        INSERT INTO link_stats (event_id, status, n, amount, with_follow_up)
          SELECT NEW.event_id, NEW.status, 1, COALESCE(NEW.amount, 0),
            (CASE WHEN NEW.follow_up_date IS NULL THEN 0 ELSE 1 END)
          WHERE NEW.deleted_at IS NULL
          ON CONFLICT (event_id, status) DO UPDATE SET n = link_stats.n + excluded.n,
            amount = link_stats.amount + excluded.amount,
            with_follow_up = link_stats.with_follow_up + excluded.with_follow_up;
      END`.execute(db);
  } else {
    // Two writers moving links between the same two cells in opposite directions would lock the cells in
    // opposite orders; the function always touches the smaller (event, status) key first.
    await sql`CREATE FUNCTION link_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        old_first boolean;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.deleted_at IS NULL THEN ${add('NEW', '+')}; END IF;
        ELSIF TG_OP = 'DELETE' THEN
          IF OLD.deleted_at IS NULL THEN ${add('OLD', '-')}; END IF;
        ELSE
          old_first := (OLD.event_id, OLD.status) <= (NEW.event_id, NEW.status);
          IF old_first AND OLD.deleted_at IS NULL THEN ${add('OLD', '-')}; END IF;
          IF NEW.deleted_at IS NULL THEN ${add('NEW', '+')}; END IF;
          IF NOT old_first AND OLD.deleted_at IS NULL THEN ${add('OLD', '-')}; END IF;
        END IF;
        RETURN NULL;
      END
      $fn$`.execute(db);
    await sql`CREATE TRIGGER link_stats_insert_delete AFTER INSERT OR DELETE ON links
      FOR EACH ROW EXECUTE FUNCTION link_stats_apply()`.execute(db);
    await sql`CREATE TRIGGER link_stats_update AFTER UPDATE ON links
      FOR EACH ROW WHEN (${sql.raw(
        'OLD.event_id IS DISTINCT FROM NEW.event_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.amount IS DISTINCT FROM NEW.amount OR OLD.follow_up_date IS DISTINCT FROM NEW.follow_up_date OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at',
      )}) EXECUTE FUNCTION link_stats_apply()`.execute(db);
  }
  await rebuildLinkStats(db as never);

  await db.schema
    .createIndex('links_event_touched')
    .on('links')
    .columns(['event_id', 'updated_at'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}
