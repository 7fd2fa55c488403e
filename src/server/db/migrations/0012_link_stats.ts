import { sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { Engine } from '../connection';
import { rebuildLinkStats } from '../linkStats';

/**
 * The Overview's figures kept up to date by triggers on `links` (see db/linkStats.ts): live links per
 * event and status (count, amount, with a follow-up date), per partner, per event year and partner, and
 * the number of partners with one per year and in all (with a trigger on `events` for an event moved to
 * another year). Plus an index for
 * each event's latest touched dated link (the scoreboard's last activity; the undated ones are in
 * `links_event_stale`), read one event at a time.
 *
 * Measured on the Overview benchmark (500k links): grouping the covering index `links_event_figures`, and
 * the partners of every link in scope, cost time in proportion to the links in scope, most of the report's
 * time on wide scopes; the maintained rows cost five small upserts per link write.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // On SQLite the rows live in their primary key's b-tree, so counting a key range reads no other page.
  const clustered = <T extends CreateTableBuilder<string, string>>(b: T): T =>
    (engine === 'sqlite' ? b.modifyEnd(sql`WITHOUT ROWID`) : b) as T;
  await db.schema
    .createTable('link_stats')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('with_follow_up', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('link_stats_pk', ['event_id', 'status'])
    .$call(clustered)
    .execute();
  await db.schema
    .createTable('link_partner_counts')
    .addColumn('organization_id', 'text', (c) => c.primaryKey())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .$call(clustered)
    .execute();
  await db.schema
    .createTable('link_partner_years')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('link_partner_years_pk', ['year', 'organization_id'])
    .$call(clustered)
    .execute();
  // Partners with a live link, per event year and (year 0) in all: one row read per count.
  await db.schema
    .createTable('link_partner_totals')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('partners', 'bigint', (c) => c.notNull().defaultTo(0))
    .$call(clustered)
    .execute();

  /**
   * Adds (NEW, +) or takes away (OLD, −) one row's share. SQLite runs it as INSERT … SELECT … WHERE (the
   * trigger's guard), PostgreSQL inside an IF.
   */
  const apply = (row: 'NEW' | 'OLD', sign: '+' | '-', guard: boolean): RawBuilder<unknown>[] => {
    const r = sql.raw(row);
    const s = sql.raw(sign);
    // SQLite reads ON CONFLICT after INSERT … SELECT only when the SELECT has a WHERE clause.
    const where = guard ? sql` WHERE ${r}.deleted_at IS NULL` : sql` WHERE true`;
    const year = sql`(SELECT year FROM events WHERE events.id = ${r}.event_id)`;
    return [
      sql`INSERT INTO link_stats (event_id, status, n, amount, with_follow_up)
        SELECT ${r}.event_id, ${r}.status, ${s}1, ${s}COALESCE(${r}.amount, 0),
          ${s}(CASE WHEN ${r}.follow_up_date IS NULL THEN 0 ELSE 1 END)${where}
        ON CONFLICT (event_id, status) DO UPDATE SET n = link_stats.n + excluded.n,
          amount = link_stats.amount + excluded.amount,
          with_follow_up = link_stats.with_follow_up + excluded.with_follow_up`,
      sql`INSERT INTO link_partner_counts (organization_id, n)
        SELECT ${r}.organization_id, ${s}1${where}
        ON CONFLICT (organization_id) DO UPDATE SET n = link_partner_counts.n + excluded.n`,
      sql`INSERT INTO link_partner_years (year, organization_id, n)
        SELECT ${year}, ${r}.organization_id, ${s}1${where}
        ON CONFLICT (year, organization_id) DO UPDATE SET n = link_partner_years.n + excluded.n`,
      // A partner's first link (count now 1) or last one (now 0) changes the number of partners.
      total(sql`0`, sql`(SELECT n FROM link_partner_counts WHERE organization_id = ${r}.organization_id)`),
      total(
        year,
        sql`(SELECT n FROM link_partner_years WHERE year = ${year} AND organization_id = ${r}.organization_id)`,
      ),
    ];
    function total(key: RawBuilder<unknown>, count: RawBuilder<unknown>) {
      return sql`INSERT INTO link_partner_totals (year, partners)
        SELECT ${key}, ${s}1${where} AND ${count} = ${sql.raw(sign === '+' ? '1' : '0')}
        ON CONFLICT (year) DO UPDATE SET partners = link_partner_totals.partners + excluded.partners`;
    }
  };
  /** An event moved to another year takes its live links' partners with it. */
  const moveYear = sql.join(
    (
      [
        ['OLD', '-'],
        ['NEW', ''],
      ] as const
    ).map(
      ([row, sign]) => sql`INSERT INTO link_partner_years (year, organization_id, n)
      SELECT ${sql.raw(row)}.year, organization_id, ${sql.raw(sign)}COUNT(*) FROM links
      WHERE event_id = NEW.id AND deleted_at IS NULL GROUP BY organization_id
      ON CONFLICT (year, organization_id) DO UPDATE SET n = link_partner_years.n + excluded.n`,
    ),
    sql`; `,
  );
  /** Then both years' partner totals are counted again (a rare write). */
  const recountYears = sql.join(
    (['OLD', 'NEW'] as const).map(
      (row) => sql`INSERT INTO link_partner_totals (year, partners)
      SELECT ${sql.raw(row)}.year, COUNT(*) FROM link_partner_years WHERE year = ${sql.raw(row)}.year AND n > 0
      ON CONFLICT (year) DO UPDATE SET partners = excluded.partners`,
    ),
    sql`; `,
  );
  const statements = (list: RawBuilder<unknown>[]) => sql.join(list, sql`; `);
  const columns = ['organization_id', 'event_id', 'status', 'amount', 'follow_up_date', 'deleted_at'];

  if (engine === 'sqlite') {
    const changed = sql.raw(columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR '));
    await sql`CREATE TRIGGER link_stats_insert AFTER INSERT ON links WHEN NEW.deleted_at IS NULL
      BEGIN ${statements(apply('NEW', '+', false))}; END`.execute(db);
    await sql`CREATE TRIGGER link_stats_delete AFTER DELETE ON links WHEN OLD.deleted_at IS NULL
      BEGIN ${statements(apply('OLD', '-', false))}; END`.execute(db);
    // One trigger for both halves of an update, the old row out first, each half under its own guard.
    await sql`CREATE TRIGGER link_stats_update AFTER UPDATE ON links WHEN ${changed}
      BEGIN ${statements([...apply('OLD', '-', true), ...apply('NEW', '+', true)])}; END`.execute(db);
    await sql`CREATE TRIGGER link_partner_years_move AFTER UPDATE OF year ON events
      WHEN OLD.year IS NOT NEW.year BEGIN ${moveYear}; ${recountYears}; END`.execute(db);
  } else {
    // Two writers moving links between the same two cells in opposite directions would lock the cells in
    // opposite orders; the function always takes the smaller (event, status) key's share first.
    const changed = sql.raw(columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR '));
    const oldOut = statements(apply('OLD', '-', false));
    const newIn = statements(apply('NEW', '+', false));
    await sql`CREATE FUNCTION link_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        old_first boolean;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.deleted_at IS NULL THEN ${newIn}; END IF;
        ELSIF TG_OP = 'DELETE' THEN
          IF OLD.deleted_at IS NULL THEN ${oldOut}; END IF;
        ELSE
          old_first := (OLD.event_id, OLD.status) <= (NEW.event_id, NEW.status);
          IF old_first AND OLD.deleted_at IS NULL THEN ${oldOut}; END IF;
          IF NEW.deleted_at IS NULL THEN ${newIn}; END IF;
          IF NOT old_first AND OLD.deleted_at IS NULL THEN ${oldOut}; END IF;
        END IF;
        RETURN NULL;
      END
      $fn$`.execute(db);
    await sql`CREATE TRIGGER link_stats_insert_delete AFTER INSERT OR DELETE ON links
      FOR EACH ROW EXECUTE FUNCTION link_stats_apply()`.execute(db);
    await sql`CREATE TRIGGER link_stats_update AFTER UPDATE ON links
      FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION link_stats_apply()`.execute(db);
    await sql`CREATE FUNCTION link_partner_years_move() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${moveYear}; ${recountYears}; RETURN NULL; END
      $fn$`.execute(db);
    await sql`CREATE TRIGGER link_partner_years_move AFTER UPDATE OF year ON events
      FOR EACH ROW WHEN (OLD.year IS DISTINCT FROM NEW.year) EXECUTE FUNCTION link_partner_years_move()`.execute(
      db,
    );
  }
  await rebuildLinkStats(db as never);

  // Dated links only: the undated ones are already in `links_event_stale` in touch order, and an index over
  // all live links would draw SQLite's planner away from that one for the stale queries.
  await db.schema
    .createIndex('links_event_dated_touched')
    .on('links')
    .columns(['event_id', 'updated_at'])
    .where(sql.ref('deleted_at'), 'is', null)
    .where(sql.ref('follow_up_date'), 'is not', null)
    .execute();
}
