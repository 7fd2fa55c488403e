import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connection';
import { rebuildPartnerTotals } from '../linkStats';

/**
 * The number of live partners, and of those the archived ones, in one row kept by triggers on
 * `organizations`. The Overview shows both in every scope; counting them read all 50k entries of an index
 * on each request (1.4 ms on SQLite, the largest single query of a one-event Overview). A write that
 * creates, deletes, restores, archives or un-archives a partner moves the row by one; an edit of anything
 * else does not fire the trigger.
 *
 * On PostgreSQL the row is locked from such a write until its transaction commits, so two transactions that
 * both create partners take turns at that point (an import batch holds it for the batch); the same
 * trade-off as `link_stats`.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('partner_totals')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('live', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('archived', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  /** A row's share: 1 when it is a live partner (archived: and archived), else 0. */
  const live = (r: 'NEW' | 'OLD') =>
    sql.raw(`(CASE WHEN ${r}.is_partner = 1 AND ${r}.deleted_at IS NULL THEN 1 ELSE 0 END)`);
  const archived = (r: 'NEW' | 'OLD') =>
    sql.raw(
      `(CASE WHEN ${r}.is_partner = 1 AND ${r}.deleted_at IS NULL AND ${r}.archived_at IS NOT NULL THEN 1 ELSE 0 END)`,
    );
  const move = (plus: 'NEW' | null, minus: 'OLD' | null) => {
    const delta = (share: typeof live) =>
      sql.join([plus ? share(plus) : sql`0`, minus ? share(minus) : sql`0`], sql` - `);
    return sql`UPDATE partner_totals SET live = live + ${delta(live)},
      archived = archived + ${delta(archived)} WHERE id = 1`;
  };
  if (engine === 'sqlite') {
    const changed = sql.raw(
      ['is_partner', 'deleted_at'].map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ') +
        ' OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)',
    );
    await sql`CREATE TRIGGER partner_totals_insert AFTER INSERT ON organizations
      WHEN NEW.is_partner = 1 AND NEW.deleted_at IS NULL BEGIN ${move('NEW', null)}; END`.execute(db);
    await sql`CREATE TRIGGER partner_totals_delete AFTER DELETE ON organizations
      WHEN OLD.is_partner = 1 AND OLD.deleted_at IS NULL BEGIN ${move(null, 'OLD')}; END`.execute(db);
    await sql`CREATE TRIGGER partner_totals_update AFTER UPDATE ON organizations WHEN ${changed}
      BEGIN ${move('NEW', 'OLD')}; END`.execute(db);
  } else {
    const changed = sql.raw(
      ['is_partner', 'deleted_at'].map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ') +
        ' OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)',
    );
    await sql`CREATE FUNCTION partner_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${move('NEW', null)};
        ELSIF TG_OP = 'DELETE' THEN ${move(null, 'OLD')};
        ELSE ${move('NEW', 'OLD')};
        END IF;
        RETURN NULL;
      END
      $fn$`.execute(db);
    await sql`CREATE TRIGGER partner_totals_insert AFTER INSERT ON organizations FOR EACH ROW
      WHEN (NEW.is_partner = 1 AND NEW.deleted_at IS NULL) EXECUTE FUNCTION partner_totals_apply()`.execute(
      db,
    );
    await sql`CREATE TRIGGER partner_totals_delete AFTER DELETE ON organizations FOR EACH ROW
      WHEN (OLD.is_partner = 1 AND OLD.deleted_at IS NULL) EXECUTE FUNCTION partner_totals_apply()`.execute(
      db,
    );
    await sql`CREATE TRIGGER partner_totals_update AFTER UPDATE ON organizations
      FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION partner_totals_apply()`.execute(db);
  }
  await rebuildPartnerTotals(db as never);
}
