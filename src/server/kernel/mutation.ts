/**
 * The one way to change data: a transaction that writes the records, their audit rows and their domain
 * events together. Either all of it lands or none of it does.
 */
import type { Tx } from '../db/connection';
import { writeAudit, type AuditInput } from './audit';
import type { Actor, Kernel } from './context';
import { writeEvents, type DomainEvent } from './events';

export interface MutationScope {
  tx: Tx;
  /** The transaction's "now", ISO-8601. */
  at: string;
  actor: Actor;
  audit(input: AuditInput): void;
  emit(event: DomainEvent): void;
}

export async function mutate<T>(k: Kernel, actor: Actor, work: (m: MutationScope) => Promise<T>): Promise<T> {
  const at = k.clock.now().toISOString();
  let emitted = 0;
  const result = await k.db.transaction().execute(async (tx) => {
    const audits: AuditInput[] = [];
    const events: DomainEvent[] = [];
    const value = await work({
      tx,
      at,
      actor,
      audit: (i) => void audits.push(i),
      emit: (e) => void events.push(e),
    });
    await writeAudit(tx, k.engine, at, actor, audits);
    await writeEvents(tx, at, actor, events);
    emitted = events.length;
    return value;
  });
  if (emitted > 0) k.jobs.nudge();
  return result;
}
