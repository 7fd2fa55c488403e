/**
 * Domain events: written to the outbox in the transaction of the change, dispatched after commit by the
 * `outbox.dispatch` job to in-process subscribers (notifications, automation, webhooks later).
 */
import type { Executor } from '../db/connection';
import type { Actor } from './context';
import { newId } from './ids';

export interface DomainEvent {
  type: string; // e.g. "user.created"
  entity: string;
  entityId: string;
  payload?: Record<string, unknown>;
}

export async function writeEvents(
  tx: Executor,
  at: string,
  actor: Actor,
  events: DomainEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('outbox')
    .values(
      events.map((e) => ({
        id: newId(),
        at,
        type: e.type,
        entity: e.entity,
        entity_id: e.entityId,
        actor_id: actor.userId,
        payload: JSON.stringify(e.payload ?? {}),
        dispatched_at: null,
      })),
    )
    .execute();
}

export interface StoredEvent extends DomainEvent {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
}
export type EventHandler = (event: StoredEvent) => Promise<void>;

/** Subscribers by event type ('*' for all). Registered at start-up by modules. */
export class EventBus {
  private handlers = new Map<string, EventHandler[]>();
  on(type: string, handler: EventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  handlersFor(type: string): EventHandler[] {
    return [...(this.handlers.get(type) ?? []), ...(this.handlers.get('*') ?? [])];
  }
}
