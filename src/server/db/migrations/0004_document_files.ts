import type { Kysely } from 'kysely';
import type { Engine } from '../connection';
import { binaryType } from '../dialect';

/**
 * Uploaded document files live in the database, not on one server's disk, so any number of app processes
 * behind a load balancer serve them, and backups carry them.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('document_files')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
    .addColumn('content', binaryType(engine), (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
