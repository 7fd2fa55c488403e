/**
 * Demo email threads filed by email sync: short conversations between a partner's owner and the partner's
 * primary contact over the last weeks, so the partner page's synced-activity summary and the timeline's
 * "Synced" entries have something to show. No mailbox is connected (that needs a real mail server): the
 * mail reads as filed by the owners' mailboxes before they were disconnected, whose communications stay.
 */
import { newId } from '../../kernel/ids';
import { filedMailAudit } from '../../modules/mailboxes/store';
import type { CommunicationsTable } from '../types.partnerships';
import type { Seeder } from './index';
import { insertAudited } from './partnerships';

const HOUR = 3_600_000;

const TOPICS = [
  'Sponsorship at {event}',
  '{event}: booth and logo placement',
  'Speaker slot at {event}',
  'Agreement for {event}',
  'Invoice for {event}',
];
// Each side's lines in the order a sponsorship conversation goes.
const OUTBOUND = [
  'Hi {first}, attached is our sponsorship deck for {event}, with the tiers and what each includes.',
  'Following up on my last note: happy to walk you through the packages on a short call this week.',
  'Here is the agreement for signature. Let me know if your legal team has any comments.',
  'Quick reminder that the early placement deadline is at the end of the month.',
  'Thanks for confirming, {first}! I will send the logo specifications and the deadlines shortly.',
];
const INBOUND = [
  'Thanks for sending this over. Our marketing lead will review the Gold package this week.',
  'Could you share the floor plan and last year’s attendance numbers?',
  'We would like to go ahead. Please send the agreement and the invoice details.',
  'Quick question on the invoice: can we pay in two instalments?',
  'Legal signed off. The countersigned copy is attached.',
];

/** A thread moves on: the i-th message says the next thing of its side, and the last thing once done. */
const step = (lines: string[], i: number) => lines[Math.min(Math.floor(i / 2), lines.length - 1)]!;
const fill = (text: string, vars: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

export const emailSyncSeeder: Seeder = {
  name: 'email sync',
  async run(k, rng, scale, log) {
    const now = k.clock.now().getTime();
    const partners = await k.db
      .selectFrom('organizations')
      .innerJoin('users', 'users.id', 'organizations.owner_id')
      .innerJoin('contacts', (j) =>
        j
          .onRef('contacts.organization_id', '=', 'organizations.id')
          .on('contacts.is_primary', '=', 1)
          .on('contacts.deleted_at', 'is', null),
      )
      .select([
        'organizations.id',
        'organizations.owner_id',
        'users.email as owner_email',
        'contacts.id as contact_id',
        'contacts.first_name',
        'contacts.email as contact_email',
      ])
      .where('organizations.is_partner', '=', 1)
      .where('organizations.deleted_at', 'is', null)
      .where('organizations.archived_at', 'is', null)
      .where('contacts.email', '!=', '')
      .orderBy('organizations.name')
      .execute();
    // The event each partner is talking about: its nearest event of this year or later.
    const year = new Date(now).getUTCFullYear();
    const events = new Map<string, { id: string; name: string }>();
    for (const l of await k.db
      .selectFrom('links')
      .innerJoin('events', 'events.id', 'links.event_id')
      .select(['links.organization_id', 'events.id', 'events.name'])
      .where('events.year', '>=', year)
      .where('links.deleted_at', 'is', null)
      .orderBy('events.start_date')
      .orderBy('events.name')
      .execute())
      if (!events.has(l.organization_id)) events.set(l.organization_id, { id: l.id, name: l.name });

    const rows: CommunicationsTable[] = [];
    for (const [n, p] of partners.entries()) {
      // Mail is about an event the partner is in, so partners without one have none.
      const event = events.get(p.id);
      if (!event || !rng.chance(scale === 'large' ? 0.2 : 0.6)) continue;
      const vars = { event: event.name, first: p.first_name };
      const topic = fill(rng.pick(TOPICS), vars);
      const domain = p.contact_email.slice(p.contact_email.indexOf('@') + 1);
      const threadKey = `<demo-${n}-0@${domain}>`;
      // One thread, oldest first: we write, they answer, and so on; the newest a few minutes to days ago.
      const count = rng.int(2, 7);
      let at = now - rng.int(1, 72) * HOUR - rng.int(0, 59) * 60_000;
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        times.unshift(at);
        at -= rng.int(5, 96) * HOUR + rng.int(0, 59) * 60_000;
      }
      times.forEach((t, i) => {
        const inbound = i % 2 === 1 || (i > 0 && rng.chance(0.15));
        const occurred = new Date(t).toISOString();
        const messageKey = i === 0 ? threadKey : `<demo-${n}-${i}@${domain}>`;
        const sender = inbound ? p.contact_email : p.owner_email;
        rows.push({
          id: newId(),
          organization_id: p.id,
          event_id: event.id,
          contact_id: p.contact_id,
          subject: i === 0 ? topic : `Re: ${topic}`,
          summary: fill(step(inbound ? INBOUND : OUTBOUND, i), vars),
          channel: 'email',
          direction: inbound ? 'inbound' : 'outbound',
          occurred_at: occurred,
          follow_up_date: null,
          follow_up_done_at: null,
          source: 'email_sync',
          sender,
          // As sync files it (reference §3.7): the partner's matched address in both directions.
          recipient_email: p.contact_email,
          template_id: null,
          campaign_id: null,
          campaign_name: null,
          source_provider: 'imap',
          external_message_id: messageKey,
          external_thread_id: threadKey,
          actor_email: p.owner_email,
          owner_id: p.owner_id,
          created_at: occurred,
          updated_at: occurred,
          version: 1,
          deleted_at: null,
          updated_by: null,
        });
      });
    }
    await insertAudited(k, 'communications', 'communication', rows, filedMailAudit);
    log(`email sync: ${rows.length} synced emails`);
  },
};
