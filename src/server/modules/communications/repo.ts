/** All SQL of communications. */
import type { Executor } from '../../db/connection';
import type { Actor } from '../../kernel/context';
import { keyset, type SortChoice } from '../../kernel/pagination';
import { applyScope } from '../../kernel/scope';

function base(db: Executor) {
  return db
    .selectFrom('communications')
    .innerJoin('organizations', 'organizations.id', 'communications.organization_id')
    .leftJoin('events', 'events.id', 'communications.event_id')
    .leftJoin('contacts', 'contacts.id', 'communications.contact_id')
    .leftJoin('users as owner', 'owner.id', 'communications.owner_id')
    .selectAll('communications')
    .select([
      'organizations.name as organization_name',
      'events.name as event_name',
      'events.year as event_year',
      'contacts.first_name as contact_first_name',
      'contacts.last_name as contact_last_name',
      'owner.name as owner_name',
      'owner.department_id as owner_department_id',
    ]);
}
export type CommunicationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>>;

/** Whose communications the actor sees: by the owner, and the owner's department (joined as `owner`). */
const SCOPE = { owner: 'communications.owner_id', department: 'owner.department_id' };

export const TIMELINE_SORT: SortChoice = {
  key: 'occurredAt',
  column: 'communications.occurred_at',
  direction: 'desc',
};

export interface CommunicationFilter {
  organizationId?: string;
  eventId?: string;
  followUp?: 'open' | 'done' | 'any';
}

/** Newest first (by when it happened), within the actor's scope. */
export async function listCommunications(
  db: Executor,
  actor: Actor,
  f: CommunicationFilter,
  cursor: string | undefined,
  limit: number,
) {
  let q = applyScope(base(db), actor, 'communications', SCOPE).where('communications.deleted_at', 'is', null);
  if (f.organizationId) q = q.where('communications.organization_id', '=', f.organizationId);
  if (f.eventId) q = q.where('communications.event_id', '=', f.eventId);
  if (f.followUp === 'open')
    q = q
      .where('communications.follow_up_date', 'is not', null)
      .where('communications.follow_up_done_at', 'is', null);
  if (f.followUp === 'done') q = q.where('communications.follow_up_done_at', 'is not', null);
  return keyset(q, TIMELINE_SORT, 'communications.id', cursor, limit).execute();
}

export async function getCommunication(db: Executor, id: string) {
  return base(db)
    .where('communications.id', '=', id)
    .where('communications.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function eventExists(db: Executor, id: string): Promise<boolean> {
  return !!(await db
    .selectFrom('events')
    .select('id')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst());
}

export async function contactOf(db: Executor, contactId: string, organizationId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('contacts')
    .select('id')
    .where('id', '=', contactId)
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst());
}

/** One partner's live communications within the actor's scope. */
function ofPartner(db: Executor, actor: Actor, organizationId: string) {
  const q = db
    .selectFrom('communications')
    .leftJoin('users as owner', 'owner.id', 'communications.owner_id')
    .where('communications.organization_id', '=', organizationId)
    .where('communications.deleted_at', 'is', null);
  return applyScope(q, actor, 'communications', SCOPE);
}

/**
 * A partner's synced mail counted by direction and its newest contact of any kind up to `now`: one
 * aggregate over the partner's index range, nothing loaded.
 */
export async function syncedMailCounts(db: Executor, actor: Actor, organizationId: string, now: string) {
  const row = await ofPartner(db, actor, organizationId)
    .select((eb) => {
      const synced = (direction: string) =>
        eb.fn.sum<number | string | null>(
          eb
            .case()
            .when(
              eb.and([
                eb('communications.source', '=', 'email_sync'),
                eb('communications.direction', '=', direction),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        );
      return [
        synced('inbound').as('inbound'),
        synced('outbound').as('outbound'),
        eb.fn
          .max(
            eb
              .case()
              .when('communications.occurred_at', '<=', now)
              .then(eb.ref('communications.occurred_at'))
              .end(),
          )
          .as('last_contact_at'),
      ];
    })
    .executeTakeFirst();
  return {
    inbound: Number(row?.inbound ?? 0),
    outbound: Number(row?.outbound ?? 0),
    lastContactAt: row?.last_contact_at ?? null,
  };
}

/** The partner's newest synced email up to `now`, with its contact's and its owner's names. */
export async function latestSyncedMail(db: Executor, actor: Actor, organizationId: string, now: string) {
  return ofPartner(db, actor, organizationId)
    .leftJoin('contacts', 'contacts.id', 'communications.contact_id')
    .select([
      'communications.id',
      'communications.occurred_at',
      'communications.direction',
      'communications.subject',
      'communications.sender',
      'communications.actor_email',
      'owner.name as owner_name',
      'contacts.first_name as contact_first_name',
      'contacts.last_name as contact_last_name',
    ])
    .where('communications.source', '=', 'email_sync')
    .where('communications.occurred_at', '<=', now)
    .orderBy('communications.occurred_at', 'desc')
    .orderBy('communications.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
