/** Delivers outbox events to subscribers, in order, after their transaction committed. */
import type { Db } from '../db/connection';
import type { Clock } from './clock';
import type { EventBus } from './events';
import type { JobQueue } from './jobs';

export const OUTBOX_JOB = 'outbox.dispatch';

export function installOutbox(db: Db, clock: Clock, jobs: JobQueue, bus: EventBus): void {
  jobs.register(OUTBOX_JOB, async () => {
    let delivered = 0;
    for (;;) {
      const batch = await db
        .selectFrom('outbox')
        .selectAll()
        .where('dispatched_at', 'is', null)
        .orderBy('seq')
        .limit(200)
        .execute();
      if (batch.length === 0) return { delivered };
      for (const row of batch) {
        const event = {
          seq: Number(row.seq),
          id: row.id,
          at: row.at,
          type: row.type,
          entity: row.entity,
          entityId: row.entity_id,
          actorId: row.actor_id,
          payload: JSON.parse(row.payload) as Record<string, unknown>,
        };
        for (const handler of bus.handlersFor(row.type)) await handler(event);
        await db
          .updateTable('outbox')
          .set({ dispatched_at: clock.now().toISOString() })
          .where('seq', '=', row.seq)
          .execute();
        delivered++;
      }
    }
  });
  // Each worker round: when events wait, make sure one dispatch job is queued (the dedupe key keeps it to one).
  jobs.onTick(async () => {
    const pending = await db
      .selectFrom('outbox')
      .select('seq')
      .where('dispatched_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    if (pending) await jobs.enqueue(OUTBOX_JOB, null, { dedupeKey: OUTBOX_JOB, maxAttempts: 10 });
  });
}
