/**
 * Who may see and change which mailbox. A user works their own mailboxes (with communications.view /
 * communications.create on the route); `integrations.view` sees everyone's, `integrations.configure` changes
 * everyone's. A mailbox the caller may not see is "not found", one they may only see is "forbidden".
 */
import { can } from '../../../shared/permissions';
import type { MailboxesTable } from '../../db/types';
import type { Executor } from '../../db/connection';
import type { Actor } from '../../kernel/context';
import { forbidden, notFound } from '../../kernel/errors';

export const seesAll = (actor: Actor) =>
  actor.via === 'system' || can(actor.permissions, 'integrations.view');
export const managesAll = (actor: Actor) =>
  actor.via === 'system' || can(actor.permissions, 'integrations.configure');

/** The mailbox's owner, or someone who may configure integrations. */
export const mayManage = (actor: Actor, row: Pick<MailboxesTable, 'owner_id'>) =>
  row.owner_id === actor.userId || managesAll(actor);

export async function visibleMailbox(db: Executor, actor: Actor, id: string): Promise<MailboxesTable> {
  const row = await db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.owner_id !== actor.userId && !seesAll(actor))) throw notFound('That mailbox');
  return row;
}

export async function manageableMailbox(db: Executor, actor: Actor, id: string): Promise<MailboxesTable> {
  const row = await visibleMailbox(db, actor, id);
  if (!mayManage(actor, row))
    throw forbidden('Only its owner or someone who may configure integrations can change this mailbox.');
  return row;
}
