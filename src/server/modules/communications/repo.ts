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
  let q = applyScope(base(db), actor, 'communications', {
    owner: 'communications.owner_id',
    department: 'owner.department_id',
  }).where('communications.deleted_at', 'is', null);
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
