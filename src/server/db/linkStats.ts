/**
 * `link_stats`: the live links' count, amount and follow-up count per event and status;
 * `link_partner_counts`: live links per partner; `link_partner_years`: live links per event year and
 * partner; `link_partner_totals`: how many partners have a live link, per event year and (year 0) in
 * all. All are kept by triggers on `links` (migration 0012) in
 * the same transaction as every write, so the Overview reads a few hundred rows instead of grouping every
 * link. `partner_totals` holds the number of live and archived partners, kept by triggers on
 * `organizations` (migration 0014). They are derived data: backups leave them out and a restore rebuilds them.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Engine, Executor } from './connection';

/** Tables computed from others: not backed up, rebuilt after a restore. */
export const DERIVED_TABLES = [
  'link_stats',
  'link_partner_counts',
  'link_partner_years',
  'link_partner_totals',
  'partner_totals',
];

/** Recounts them from `links` (after a bulk restore, or to repair drift). */
export async function rebuildLinkStats(db: Executor): Promise<void> {
  await sql`DELETE FROM link_stats`.execute(db);
  await sql`
    INSERT INTO link_stats (event_id, status, n, amount, with_follow_up)
    SELECT event_id, status, COUNT(*), COALESCE(SUM(amount), 0), COUNT(follow_up_date)
    FROM links WHERE deleted_at IS NULL GROUP BY event_id, status`.execute(db);
  await sql`DELETE FROM link_partner_counts`.execute(db);
  await sql`
    INSERT INTO link_partner_counts (organization_id, n)
    SELECT organization_id, COUNT(*) FROM links WHERE deleted_at IS NULL GROUP BY organization_id`.execute(
    db,
  );
  await sql`DELETE FROM link_partner_years`.execute(db);
  await sql`
    INSERT INTO link_partner_years (year, organization_id, n)
    SELECT events.year, links.organization_id, COUNT(*) FROM links
    JOIN events ON events.id = links.event_id
    WHERE links.deleted_at IS NULL GROUP BY events.year, links.organization_id`.execute(db);
  await sql`DELETE FROM link_partner_totals`.execute(db);
  await sql`
    INSERT INTO link_partner_totals (year, partners)
    SELECT 0, COUNT(*) FROM link_partner_counts WHERE n > 0
    UNION ALL
    SELECT year, COUNT(*) FROM link_partner_years WHERE n > 0 GROUP BY year`.execute(db);
}

/** Recounts the live and archived partners (migration 0014's one row). */
export async function rebuildPartnerTotals(db: Executor): Promise<void> {
  await sql`DELETE FROM partner_totals`.execute(db);
  await sql`
    INSERT INTO partner_totals (id, live, archived)
    SELECT 1, COUNT(*), COUNT(archived_at) FROM organizations
    WHERE is_partner = 1 AND deleted_at IS NULL`.execute(db);
}

/**
 * Between two tags in `organizations.tag_keys` and `tag_names` (migration 0015): U+001F, which a tag may
 * not contain. `tag_keys` also starts and ends with it, so one key matches as `%␟key␟%`.
 */
export const TAG_SEPARATOR = '\u001f';
const TAG_SEPARATOR_SQL: Record<Engine, string> = { sqlite: 'char(31)', postgres: 'chr(31)' };

/**
 * The SET clause of `organizations.tag_keys` and `tag_names` for the organisation whose id is `id` (an SQL
 * expression): the one definition of those columns, used by migration 0015's triggers and by the rebuild.
 */
export function tagColumnsSet(engine: Engine, id: string): RawBuilder<unknown> {
  const sep = TAG_SEPARATOR_SQL[engine];
  const agg = (column: string) =>
    engine === 'sqlite'
      ? `group_concat(t.${column}, ${sep} ORDER BY t.${column})`
      : `string_agg(t.${column}, ${sep} ORDER BY t.${column})`;
  const of = `FROM organization_tags t WHERE t.organization_id = ${id}`;
  return sql.raw(
    `tag_keys = (SELECT ${sep} || ${agg('tag_key')} || ${sep} ${of}), tag_names = (SELECT ${agg('tag')} ${of})`,
  );
}

/** Writes every organisation's tag columns from `organization_tags` (migration 0015's triggers keep them). */
export async function rebuildOrganizationTags(db: Executor, engine: Engine): Promise<void> {
  await sql`UPDATE organizations SET ${tagColumnsSet(engine, 'organizations.id')}`.execute(db);
}

/** Every derived table recounted from its sources (after a restore), and the derived tag columns. */
export async function rebuildDerivedTables(db: Executor, engine: Engine): Promise<void> {
  await rebuildLinkStats(db);
  await rebuildPartnerTotals(db);
  await rebuildOrganizationTags(db, engine);
}
