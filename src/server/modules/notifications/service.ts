/** In-app notifications (the bell). Other modules create them through `notify`. */
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import type { EventBus } from '../../kernel/events';
import { badRequest, notFound } from '../../kernel/errors';
import { newId } from '../../kernel/ids';

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
}

export async function notify(db: Executor, at: string, items: NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      items.map((n) => ({
        id: newId(),
        user_id: n.userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        read_at: null,
        created_at: at,
      })),
    )
    .execute();
}

export class NotificationsService {
  constructor(private readonly k: Kernel) {}

  async list(actor: Actor, limit: number, cursor?: string, unreadOnly = false) {
    let q = this.k.db.selectFrom('notifications').selectAll().where('user_id', '=', actor.userId!);
    if (unreadOnly) q = q.where('read_at', 'is', null);
    if (cursor) {
      if (!/^[0-9a-f-]{36}$/.test(cursor))
        throw badRequest('The cursor is not valid. Start again from the first page.', {
          cursor: 'is not valid',
        });
      q = q.where('id', '<', cursor);
    }
    const rows = await q
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const unread = await this.k.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', actor.userId!)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    const more = rows.length > limit;
    const kept = more ? rows.slice(0, limit) : rows;
    return {
      items: kept.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        readAt: n.read_at,
        createdAt: n.created_at,
      })),
      unread: Number(unread.n),
      nextCursor: more ? kept.at(-1)!.id : null,
    };
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    const r = await this.k.db
      .updateTable('notifications')
      .set({ read_at: this.k.clock.now().toISOString() })
      .where('id', '=', id)
      .where('user_id', '=', actor.userId!)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw notFound('That notification');
  }

  async markAllRead(actor: Actor): Promise<number> {
    const r = await this.k.db
      .updateTable('notifications')
      .set({ read_at: this.k.clock.now().toISOString() })
      .where('user_id', '=', actor.userId!)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}

/** Notifications that follow from domain events (delivered by the outbox after commit). */
export function installNotificationSubscribers(k: Kernel, bus: EventBus): void {
  bus.on('user.role_changed', async (e) => {
    const roleName = String(e.payload?.roleName ?? '');
    await notify(k.db, k.clock.now().toISOString(), [
      {
        userId: e.entityId,
        kind: 'role_changed',
        title: `Your role is now ${roleName}`,
        body: 'What you can see and do in Accord changed with it.',
        link: '/account/profile',
      },
    ]);
  });
  bus.on('comment.mentioned', async (e) => {
    const p = e.payload as { userIds: string[]; title: string; body: string; link: string };
    await notify(
      k.db,
      k.clock.now().toISOString(),
      p.userIds.map((userId) => ({ userId, kind: 'mention', title: p.title, body: p.body, link: p.link })),
    );
  });
}
