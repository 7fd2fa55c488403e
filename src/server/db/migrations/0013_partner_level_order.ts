import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connection';

/**
 * Partners of one level, newest (or oldest) first: the partners list filtered by level walked every
 * partner in creation order, checking each one's level (and tag) until a page matched; with a level on a
 * quarter of the partners that is four times the rows. These indexes read the level's partners already in
 * order. SQLite counts `deleted_at IS NULL` and `is_partner = ?` as equalities before the order; PostgreSQL
 * does not count IS NULL that way, so it gets the live partners of the level as a partial index.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const index = db.schema.createIndex('organizations_level_created').on('organizations');
  if (engine === 'sqlite')
    await index.columns(['level_id', 'is_partner', 'deleted_at', 'created_at', 'id']).execute();
  else
    await index
      .columns(['level_id', 'created_at', 'id'])
      .where(sql.ref('deleted_at'), 'is', null)
      .where(sql.ref('is_partner'), '=', 1)
      .execute();
}
