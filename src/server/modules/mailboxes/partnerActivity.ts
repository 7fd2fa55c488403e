/**
 * The partner page's synced-activity summary (reference §3.1 "Comms": count, last actor, last time and the
 * connected inboxes): the partner's synced mail comes from communications, the inboxes from here with
 * the health rule of health.ts.
 */
import { sql } from 'kysely';
import {
  PARTNER_ACTIVITY_INBOXES,
  type ConnectedInbox,
  type PartnerEmailActivity,
} from '../../../shared/mailboxes.schema';
import type { Actor, Kernel } from '../../kernel/context';
import type { CommunicationsService } from '../communications/service';
import { mayManage } from './access';
import { statusOf } from './health';

/**
 * The workspace's enabled mailboxes, the caller's own first, then by address: one query, the total
 * counted alongside the rows shown.
 */
export async function connectedInboxes(
  k: Kernel,
  actor: Actor,
): Promise<{ inboxes: ConnectedInbox[]; inboxCount: number }> {
  const now = k.clock.now();
  const rows = await k.db
    .selectFrom('mailboxes')
    .innerJoin('users', 'users.id', 'mailboxes.owner_id')
    .selectAll('mailboxes')
    .select((eb) => ['users.name as owner_name', eb.fn.countAll<number | string>().over().as('total')])
    .where('mailboxes.enabled', '=', 1)
    .orderBy(sql`CASE WHEN ${sql.ref('mailboxes.owner_id')} = ${actor.userId ?? ''} THEN 0 ELSE 1 END`)
    .orderBy('mailboxes.email')
    .orderBy('mailboxes.id')
    .limit(PARTNER_ACTIVITY_INBOXES)
    .execute();
  return {
    inboxCount: Number(rows[0]?.total ?? 0),
    inboxes: rows.map((r) => {
      const status = statusOf(r, now);
      return {
        id: r.id,
        email: r.email,
        label: r.label,
        ownerName: r.owner_name,
        status,
        healthy: status === 'healthy',
        lastSuccessAt: r.last_success_at,
        mayManage: mayManage(actor, r),
      };
    }),
  };
}

export class PartnerEmailActivityService {
  constructor(
    private readonly k: Kernel,
    private readonly communications: CommunicationsService,
  ) {}

  /** 404 when the partner is hidden or missing (checked by communications before anything is read). */
  async of(actor: Actor, partnerId: string): Promise<PartnerEmailActivity> {
    const mail = await this.communications.syncedMail(actor, partnerId);
    return { partnerId, ...mail, ...(await connectedInboxes(this.k, actor)) };
  }
}
