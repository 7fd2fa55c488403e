import type { Kysely } from 'kysely';
import type { Engine } from '../connection';

/**
 * The last TOTP time step a user signed in with: a code is accepted once, so one seen over a shoulder or
 * phished cannot be replayed within its 30-second window (or the tolerated neighbour steps).
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
}
