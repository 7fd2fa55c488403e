/** Optimistic concurrency on the `version` column every mutable record carries. */
import type { Executor } from '../db/connection';
import { versionConflict } from './errors';

/** Refuses a write made from a stale read (409), naming who changed the record and when. */
export async function assertVersion(
  tx: Executor,
  entity: string,
  row: { version: number; updated_at: string; updated_by: string | null },
  expected: number,
): Promise<void> {
  if (row.version === expected) return;
  const by = row.updated_by
    ? await tx.selectFrom('users').select('name').where('id', '=', row.updated_by).executeTakeFirst()
    : undefined;
  throw versionConflict(entity, by?.name ?? null, row.updated_at);
}
