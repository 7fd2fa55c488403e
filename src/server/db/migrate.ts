/** Applies the numbered migrations with Kysely's Migrator (which locks against concurrent runs). */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DbHandle, Engine } from './connection';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_audit_no_truncate';

interface AccordMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/** Numbered, never edited once landed; add new ones at the end. */
const MIGRATIONS: Record<string, AccordMigration> = {
  '0001_foundation': m0001,
  '0002_audit_no_truncate': m0002,
};

function provider(engine: Engine): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, m]): [string, Migration] => [
          name,
          { up: (db) => m.up(db, engine) },
        ]),
      ),
  };
}

export async function migrateToLatest(handle: DbHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: provider(handle.engine),
    migrationTableName: 'accord_migrations',
    migrationLockTableName: 'accord_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1)!;
