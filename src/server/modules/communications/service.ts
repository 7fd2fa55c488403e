/** Communications: log, edit, delete, mark follow-up done; timelines per partner and per event. */
import type {
  Communication,
  CommunicationCreate,
  CommunicationUpdate,
  SyncedMailSummary,
} from '../../../shared/communications.schema';
import type { Page } from '../../../shared/common.schema';
import type { CommunicationsTable } from '../../db/types.partnerships';
import type { Actor, Kernel } from '../../kernel/context';
import { forbidden, notFound, validationError, versionConflict } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { toPage } from '../../kernel/pagination';
import { inScope } from '../../kernel/scope';
import type { PartnersService } from '../partners/service';
import * as repo from './repo';

/** A contact's name as the timeline shows it; null without a contact. */
const nameOf = (first: string | null | undefined, last: string | null | undefined) =>
  first == null && last == null ? null : `${first ?? ''} ${last ?? ''}`.trim();

function present(r: repo.CommunicationRow): Communication {
  const contactName = r.contact_id ? nameOf(r.contact_first_name, r.contact_last_name) : null;
  return {
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    subject: r.subject,
    summary: r.summary,
    channel: r.channel,
    direction: r.direction as Communication['direction'],
    occurredAt: r.occurred_at,
    followUpDate: r.follow_up_date,
    followUpDoneAt: r.follow_up_done_at,
    eventId: r.event_id,
    eventName: r.event_name ?? null,
    eventYear: r.event_year ?? null,
    contactId: r.contact_id,
    contactName,
    source: r.source as Communication['source'],
    sender: r.sender,
    recipientEmail: r.recipient_email,
    externalMessageId: r.external_message_id,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** What the audit log compares. */
function auditable(r: CommunicationsTable | repo.CommunicationRow) {
  return {
    organization_id: r.organization_id,
    subject: r.subject,
    summary: r.summary,
    channel: r.channel,
    direction: r.direction,
    occurred_at: r.occurred_at,
    follow_up_date: r.follow_up_date,
    follow_up_done_at: r.follow_up_done_at,
    event_id: r.event_id,
    contact_id: r.contact_id,
    source: r.source,
  };
}

export class CommunicationsService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
  ) {}

  async list(
    actor: Actor,
    f: repo.CommunicationFilter,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<Communication>> {
    if (f.organizationId) await this.partners.get(actor, f.organizationId); // 404 when the partner is hidden
    const rows = await repo.listCommunications(this.k.db, actor, f, cursor, limit);
    return toPage(
      rows,
      limit,
      repo.TIMELINE_SORT,
      (r) => r.occurred_at,
      (r) => r.id,
      present,
    );
  }

  /**
   * What email sync filed for a partner and its last contact, counted over the communications the actor
   * may see (the same scope as the timeline beside it). 404 when the partner is hidden or missing.
   */
  async syncedMail(actor: Actor, organizationId: string): Promise<SyncedMailSummary> {
    if (!(await this.partners.visibleRow(this.k.db, actor, organizationId))) throw notFound('That partner');
    const now = this.k.clock.now().toISOString();
    const [counts, last] = await Promise.all([
      repo.syncedMailCounts(this.k.db, actor, organizationId, now),
      repo.latestSyncedMail(this.k.db, actor, organizationId, now),
    ]);
    const inbound = last?.direction === 'inbound';
    return {
      synced: { total: counts.inbound + counts.outbound, inbound: counts.inbound, outbound: counts.outbound },
      lastSynced: last
        ? {
            communicationId: last.id,
            occurredAt: last.occurred_at,
            direction: last.direction as Communication['direction'],
            subject: last.subject,
            actorName: inbound
              ? nameOf(last.contact_first_name, last.contact_last_name) || null
              : (last.owner_name ?? null),
            actorEmail: last.sender || last.actor_email || '',
          }
        : null,
      lastContactAt: counts.lastContactAt,
    };
  }

  async get(actor: Actor, id: string): Promise<Communication> {
    const row = await repo.getCommunication(this.k.db, id);
    if (!row || !inScope(actor, 'communications', row.owner_id, row.owner_department_id ?? null))
      throw notFound('That communication');
    return present(row);
  }

  private async checkRefs(
    m: MutationScope,
    organizationId: string,
    eventId: string | null | undefined,
    contactId: string | null | undefined,
  ) {
    const fields: Record<string, string> = {};
    if (eventId && !(await repo.eventExists(m.tx, eventId))) fields.eventId = 'is not an existing event';
    if (contactId && !(await repo.contactOf(m.tx, contactId, organizationId)))
      fields.contactId = "is not one of this partner's people";
    if (Object.keys(fields).length) throw validationError(fields);
  }

  async create(actor: Actor, input: CommunicationCreate): Promise<Communication> {
    await this.partners.get(actor, input.organizationId);
    const id = await mutate(this.k, actor, async (m) => {
      await this.checkRefs(m, input.organizationId, input.eventId, input.contactId);
      const row: CommunicationsTable = {
        id: newId(),
        organization_id: input.organizationId,
        event_id: input.eventId,
        contact_id: input.contactId,
        subject: input.subject,
        summary: input.summary,
        channel: input.channel,
        direction: input.direction,
        occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : m.at,
        follow_up_date: input.followUpDate,
        follow_up_done_at: null,
        source: 'manual',
        sender: '',
        recipient_email: '',
        template_id: null,
        campaign_id: null,
        campaign_name: null,
        source_provider: null,
        external_message_id: null,
        external_thread_id: null,
        actor_email: null,
        owner_id: actor.userId,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      };
      await m.tx.insertInto('communications').values(row).execute();
      m.audit({ entity: 'communication', entityId: row.id, action: 'create', after: auditable(row) });
      m.emit({
        type: 'communication.created',
        entity: 'communication',
        entityId: row.id,
        payload: { organizationId: row.organization_id },
      });
      return row.id;
    });
    return this.get(actor, id);
  }

  private async loadForChange(m: MutationScope, actor: Actor, id: string, version: number) {
    const row = await repo.getCommunication(m.tx, id);
    if (!row || !inScope(actor, 'communications', row.owner_id, row.owner_department_id ?? null))
      throw notFound('That communication');
    if (row.version !== version)
      throw versionConflict('communication', row.owner_name ?? null, row.updated_at);
    if (row.source === 'email_sync' && actor.via !== 'system') {
      // A synced email is a record of what was sent; only its follow-up can change.
      return { row, synced: true };
    }
    return { row, synced: false };
  }

  async update(actor: Actor, id: string, input: CommunicationUpdate): Promise<Communication> {
    await mutate(this.k, actor, async (m) => {
      const { row, synced } = await this.loadForChange(m, actor, id, input.version);
      const { version, ...patch } = input;
      if (
        synced &&
        Object.keys(patch).some((k) => k !== 'followUpDate' && k !== 'eventId' && k !== 'contactId')
      ) {
        throw forbidden(
          'This communication was synced from a mailbox; only its follow-up date, event and contact can change.',
        );
      }
      await this.checkRefs(m, row.organization_id, patch.eventId, patch.contactId);
      const set = {
        ...(patch.subject !== undefined && { subject: patch.subject }),
        ...(patch.summary !== undefined && { summary: patch.summary }),
        ...(patch.channel !== undefined && { channel: patch.channel }),
        ...(patch.direction !== undefined && { direction: patch.direction }),
        ...(patch.occurredAt !== undefined && { occurred_at: new Date(patch.occurredAt).toISOString() }),
        ...(patch.followUpDate !== undefined && {
          follow_up_date: patch.followUpDate,
          follow_up_done_at: null,
        }),
        ...(patch.eventId !== undefined && { event_id: patch.eventId }),
        ...(patch.contactId !== undefined && { contact_id: patch.contactId }),
      };
      await m.tx
        .updateTable('communications')
        .set({ ...set, updated_at: m.at, version: version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'communication',
        entityId: id,
        action: 'update',
        before: auditable(row),
        after: { ...auditable(row), ...set },
      });
      m.emit({ type: 'communication.updated', entity: 'communication', entityId: id });
    });
    return this.get(actor, id);
  }

  /** Marks the follow-up done (the action-queue item leaves at once) or re-opens it. */
  async setFollowUpDone(actor: Actor, id: string, done: boolean, version: number): Promise<Communication> {
    await mutate(this.k, actor, async (m) => {
      const { row } = await this.loadForChange(m, actor, id, version);
      if (!row.follow_up_date)
        throw validationError(
          { done: 'this communication has no follow-up to mark' },
          'This communication has no follow-up date.',
        );
      const doneAt = done ? (row.follow_up_done_at ?? m.at) : null;
      await m.tx
        .updateTable('communications')
        .set({ follow_up_done_at: doneAt, updated_at: m.at, version: version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      m.audit({
        entity: 'communication',
        entityId: id,
        action: 'update',
        before: { follow_up_done_at: row.follow_up_done_at },
        after: { follow_up_done_at: doneAt },
      });
      m.emit({
        type: done ? 'communication.follow_up_done' : 'communication.follow_up_reopened',
        entity: 'communication',
        entityId: id,
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const row = await repo.getCommunication(m.tx, id);
      if (!row || !inScope(actor, 'communications', row.owner_id, row.owner_department_id ?? null))
        throw notFound('That communication');
      await m.tx.deleteFrom('communications').where('id', '=', id).execute();
      m.audit({
        entity: 'communication',
        entityId: id,
        action: 'delete',
        before: auditable(row),
        after: null,
      });
      m.emit({ type: 'communication.deleted', entity: 'communication', entityId: id });
    });
  }
}
