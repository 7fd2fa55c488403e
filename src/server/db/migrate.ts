/** Applies the numbered migrations with Kysely's Migrator (which locks against concurrent runs). */
import {
  Migrator,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Db, DbHandle, Engine } from './connection';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_audit_no_truncate';
import * as m0003 from './migrations/0003_partnerships';
import * as m0004 from './migrations/0004_document_files';
import * as m0005 from './migrations/0005_uploads';
import * as m0006 from './migrations/0006_mail_templates';
import * as m0007 from './migrations/0007_overview_indexes';
import * as m0008 from './migrations/0008_partner_management';
import * as m0009 from './migrations/0009_mailboxes';
import * as m0010 from './migrations/0010_sheets';
import * as m0011 from './migrations/0011_totp_replay';
import * as m0012 from './migrations/0012_link_stats';
import * as m0013 from './migrations/0013_partner_level_order';
import * as m0014 from './migrations/0014_partner_totals';
import * as m0015 from './migrations/0015_organization_tag_columns';
import * as m0016 from './migrations/0016_contacts_primary_index';
import * as m0017 from './migrations/0017_overview_covering_indexes';

interface AccordMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/** Numbered, never edited once landed; add new ones at the end. */
const MIGRATIONS: Record<string, AccordMigration> = {
  '0001_foundation': m0001,
  '0002_audit_no_truncate': m0002,
  '0003_partnerships': m0003,
  '0004_document_files': m0004,
  '0005_uploads': m0005,
  '0006_mail_templates': m0006,
  '0007_overview_indexes': m0007,
  '0008_partner_management': m0008,
  '0009_mailboxes': m0009,
  '0010_sheets': m0010,
  '0011_totp_replay': m0011,
  '0012_link_stats': m0012,
  '0013_partner_level_order': m0013,
  '0014_partner_totals': m0014,
  '0015_organization_tag_columns': m0015,
  '0016_contacts_primary_index': m0016,
  '0017_overview_covering_indexes': m0017,
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

/**
 * The Migrator finds its own tables through Kysely's introspector, which on PostgreSQL reads every column of
 * every schema in the database: slow when there are many, and it fails with "schema … does not exist" when
 * another schema is dropped during the scan. It only needs the names of the tables in our schema.
 */
function scopedToSchema(db: Db, schema: string): Db {
  const introspection: DatabaseIntrospector = {
    getSchemas: async () => [{ name: schema }],
    getTables: async () => {
      const r = await sql<{ name: string; kind: string }>`
        SELECT c.relname AS name, c.relkind AS kind FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p', 'v')`.execute(db);
      return r.rows.map((t) => ({ name: t.name, schema, isView: t.kind === 'v', columns: [] }));
    },
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  return new Proxy(db, {
    get: (target, prop) => {
      if (prop === 'introspection') return introspection;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export async function migrateToLatest(handle: DbHandle): Promise<string[]> {
  // Unless told the schema, Kysely's Migrator on PostgreSQL takes a migration table in ANY schema of the
  // database as its own, then fails to find it on the search_path. Name the schema we migrate.
  const schema =
    handle.engine === 'postgres'
      ? (await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(handle.db)).rows[0]
          ?.schema
      : null;
  const migrator = new Migrator({
    db: schema ? scopedToSchema(handle.db, schema) : handle.db,
    provider: provider(handle.engine),
    migrationTableName: 'accord_migrations',
    migrationLockTableName: 'accord_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1)!;
