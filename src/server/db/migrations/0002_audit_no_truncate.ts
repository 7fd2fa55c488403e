import type { Kysely } from 'kysely';
import type { Engine } from '../connection';
import { refuseTruncate } from '../dialect';

/** 0001 made audit_log refuse UPDATE and DELETE; on PostgreSQL a TRUNCATE still emptied it. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await refuseTruncate(db, engine, 'audit_log');
}
