/**
 * The audit log: one append-only, hash-chained row per create / update / delete / restore, written in the
 * transaction of the change itself. Nobody writes history by hand; History panels read this table.
 */
import type { AuditAction } from '../../shared/audit.schema';
import type { Db, Engine, Executor } from '../db/connection';
import { lockChain } from '../db/dialect';
import type { Actor } from './context';
import { sha256 } from './crypto';
import { newId } from './ids';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_CHAIN_LOCK = 727_001;

/** Fields never shown in history; a change to them is recorded as "(changed)". */
const SECRET_FIELDS = new Set(['password_hash', 'totp_secret', 'token_hash', 'code_hash', 'password']);
/** Bookkeeping columns that say nothing a reader wants to see. */
const SKIP_FIELDS = new Set(['updated_at', 'version', 'created_at', 'updated_by']);

export type FieldChanges = Record<string, { old: unknown; new: unknown }>;

export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChanges {
  const changes: FieldChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (SKIP_FIELDS.has(key) || key === 'id') continue;
    const o = before ? (before[key] ?? null) : null;
    const n = after ? (after[key] ?? null) : null;
    if (JSON.stringify(o) === JSON.stringify(n)) continue;
    changes[key] = SECRET_FIELDS.has(key)
      ? { old: o === null ? null : '(hidden)', new: n === null ? null : '(changed)' }
      : { old: o, new: n };
  }
  return changes;
}

export interface AuditInput {
  entity: string;
  entityId: string;
  action: AuditAction;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

function entryHash(e: {
  prev_hash: string;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  entity: string;
  entity_id: string;
  action: string;
  changes: string;
}): string {
  return sha256(
    JSON.stringify([
      e.prev_hash,
      e.id,
      e.at,
      e.actor_id,
      e.actor_name,
      e.entity,
      e.entity_id,
      e.action,
      e.changes,
    ]),
  );
}

/** Writes audit rows inside `tx`. An update that changed nothing visible writes nothing. */
export async function writeAudit(
  tx: Executor,
  engine: Engine,
  at: string,
  actor: Actor,
  inputs: AuditInput[],
): Promise<void> {
  const rows = inputs
    .map((i) => ({ i, changes: diffRecords(i.before ?? null, i.after ?? null) }))
    .filter(({ i, changes }) => i.action !== 'update' || Object.keys(changes).length > 0);
  if (rows.length === 0) return;
  await lockChain(tx, engine, AUDIT_CHAIN_LOCK);
  const last = await tx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  const values = rows.map(({ i, changes }) => {
    const base = {
      id: newId(),
      at,
      actor_id: actor.userId,
      actor_name: actor.name,
      entity: i.entity,
      entity_id: i.entityId,
      action: i.action,
      changes: JSON.stringify(changes),
      prev_hash: prev,
    };
    const hash = entryHash(base);
    prev = hash;
    return { ...base, hash };
  });
  for (let i = 0; i < values.length; i += 500)
    await tx
      .insertInto('audit_log')
      .values(values.slice(i, i + 500))
      .execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  message: string;
}

/** Walks the whole chain in order; reports the first entry whose hash or link does not match. */
export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(2000)
      .execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          checked,
          brokenAt: row.seq,
          message: `Entry ${row.seq} does not link to the entry before it: an entry was removed or inserted.`,
        };
      }
      if (entryHash(row) !== row.hash) {
        return {
          ok: false,
          checked,
          brokenAt: row.seq,
          message: `Entry ${row.seq} was altered after it was written.`,
        };
      }
      prev = row.hash;
      checked++;
      afterSeq = row.seq;
    }
    onProgress?.(checked);
  }
  return {
    ok: true,
    checked,
    brokenAt: null,
    message: `All ${checked} audit entries verified; the chain is intact.`,
  };
}
