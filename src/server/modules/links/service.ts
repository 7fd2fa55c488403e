/**
 * Partner–event links: the rules (reference §1.3, §3.3). A link is scoped to its owner (and the owner's
 * department); one link per partner–event pair; partner and event never change after creation.
 */
import type { z } from 'zod';
import type { Page } from '../../../shared/common.schema';
import { dateInZone } from '../../../shared/dates';
import type {
  Board,
  FollowUp,
  Link,
  LinkCreateInput,
  linkListQuerySchema,
  LinkUpdateInput,
} from '../../../shared/links.schema';
import { DEFAULT_STATUS, isClosed } from '../../../shared/partnerships/statuses';
import type { Actor, Kernel } from '../../kernel/context';
import { duplicate, notFound, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { parseSort, toPage } from '../../kernel/pagination';
import { actorScope, inScope, type Visibility } from '../../kernel/scope';
import { assertVersion } from '../../kernel/versions';
import { readSettings } from '../settings/service';
import { buildBoard } from './board';
import { presentFollowUp, presentLink } from './present';
import * as repo from './repo';

const SORTS = {
  updatedAt: 'links.updated_at',
  createdAt: 'links.created_at',
  partner: 'organizations.name',
  status: 'links.status',
};

/** What the audit log compares: the stored fields without bookkeeping. */
function auditable(r: repo.LinkRecord) {
  return {
    organization_id: r.organization_id,
    event_id: r.event_id,
    status: r.status,
    package_tier: r.package_tier,
    role: r.role,
    amount: r.amount === null ? null : Number(r.amount),
    currency: r.currency,
    follow_up_date: r.follow_up_date,
    contact_id: r.contact_id,
    owner_id: r.owner_id,
    notes: r.notes,
  };
}

const invalid = (fields: Record<string, string>) =>
  validationError(fields, 'The link names a contact or owner it cannot have.');

export class LinksService {
  constructor(private readonly k: Kernel) {}

  async list(actor: Actor, query: z.output<typeof linkListQuerySchema>): Promise<Page<Link>> {
    const sort = parseSort(query.sort, SORTS, '-updatedAt');
    const rows = await repo.listLinks(
      this.k.db,
      this.k.engine,
      actor,
      {
        q: query.q || undefined,
        eventId: query.eventId,
        organizationId: query.organizationId,
        status: query.status,
        packageTier: query.packageTier,
        ownerId: query.ownerId,
        followUpBefore: query.followUpBefore,
      },
      sort,
      query.cursor,
      query.limit,
    );
    const valueOf = (r: repo.LinkRow) =>
      ({ updatedAt: r.updated_at, createdAt: r.created_at, partner: r.partner_name, status: r.status })[
        sort.key as keyof typeof SORTS
      ];
    return toPage(rows, query.limit, sort, valueOf, (r) => r.id, presentLink);
  }

  /** A link outside the caller's record scope is a 404, as if it did not exist. */
  async get(actor: Actor, id: string): Promise<Link> {
    const row = await repo.getLink(this.k.db, id);
    if (!row || !inScope(actor, 'links', row.owner_id, row.owner_department_id ?? null))
      throw notFound('That link');
    return presentLink(row);
  }

  /** An event's links the caller may see, and their follow-ups from today on (decision 3: none when closed). */
  async forEvent(actor: Actor, eventId: string): Promise<{ links: Link[]; upcomingFollowUps: FollowUp[] }> {
    const [rows, settings] = await Promise.all([
      repo.linksOfEvent(this.k.db, actor, eventId),
      readSettings(this.k.db, this.k.secrets),
    ]);
    const today = dateInZone(this.k.clock.now(), settings.value.timeZone);
    const upcoming = rows
      .filter((r): r is typeof r & { follow_up_date: string } => r.follow_up_date !== null)
      .filter((r) => r.follow_up_date >= today && !isClosed(r.status))
      .sort((a, b) => a.follow_up_date.localeCompare(b.follow_up_date));
    return { links: rows.map(presentLink), upcomingFollowUps: upcoming.map(presentFollowUp) };
  }

  /** The kanban payload of one event: the caller's cards by status, with counts and totals summed in SQL. */
  async board(actor: Actor, eventId: string): Promise<Board> {
    const event = await repo.eventOf(this.k.db, eventId);
    if (!event) throw notFound('That event');
    const [rows, totals] = await Promise.all([
      repo.linksOfEvent(this.k.db, actor, eventId),
      repo.statusTotals(this.k.db, actor, eventId),
    ]);
    return buildBoard(event, rows, totals);
  }

  /** Field problems with the contact and owner a link would get (owner undefined: unchanged). */
  private async refProblems(
    m: MutationScope,
    organizationId: string,
    contactId: string | null | undefined,
    ownerId: string | null | undefined,
  ): Promise<Record<string, string>> {
    const fields: Record<string, string> = {};
    if (contactId) {
      const contact = await repo.contactOf(m.tx, contactId);
      if (contact?.organization_id !== organizationId) fields.contactId = 'is not a contact of this partner';
    }
    if (ownerId !== undefined) {
      const owner = ownerId ? await repo.activeUser(m.tx, ownerId) : undefined;
      if (ownerId && !owner) fields.ownerId = 'is not an active user';
      // Nobody creates or hands over a link they could then no longer see.
      else if (!inScope(m.actor, 'links', owner?.id ?? null, owner?.department_id ?? null))
        fields.ownerId =
          actorScope(m.actor, 'links') === 'department'
            ? 'must be you or someone in your department: your role works only with its team’s links'
            : 'must be you: your role works only with the links it owns';
    }
    return fields;
  }

  async create(actor: Actor, input: LinkCreateInput): Promise<Link> {
    const id = await mutate(this.k, actor, async (m) => {
      const partner = await repo.partnerOf(m.tx, input.organizationId);
      if (
        !partner ||
        !inScope(
          actor,
          'partners',
          partner.owner_id,
          partner.owner_department_id ?? null,
          partner.visibility as Visibility,
        )
      )
        throw notFound('That partner');
      const event = await repo.eventOf(m.tx, input.eventId);
      if (!event) throw notFound('That event');
      const existing = await repo.findPair(m.tx, partner.id, event.id);
      if (existing) {
        throw duplicate(
          `${partner.name} is already linked to ${event.name} (${event.year}): link ${existing.id}. Open that link to change it.`,
          'duplicate_link',
          existing.id,
          { organizationId: `already has link ${existing.id} with this event` },
        );
      }
      const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
      const problems = await this.refProblems(m, partner.id, input.contactId, ownerId);
      if (Object.keys(problems).length) throw invalid(problems);
      const packageTier = input.packageTier ?? '';
      // No amount sent: the matching tier preset's default, else none. An explicit null stays null.
      const amount =
        input.amount !== undefined ? input.amount : await repo.tierDefault(m.tx, event.id, packageTier);
      const id = newId();
      await repo.insertLink(m.tx, {
        id,
        organization_id: partner.id,
        event_id: event.id,
        status: input.status ?? DEFAULT_STATUS,
        package_tier: packageTier,
        role: input.role ?? '',
        amount,
        currency: event.currency,
        follow_up_date: input.followUpDate ?? null,
        contact_id: input.contactId ?? null,
        owner_id: ownerId,
        notes: input.notes ?? '',
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      });
      const after = (await repo.getLinkRecord(m.tx, id))!;
      m.audit({ entity: 'link', entityId: id, action: 'create', after: auditable(after) });
      m.emit({
        type: 'link.created',
        entity: 'link',
        entityId: id,
        payload: { organizationId: partner.id, eventId: event.id, status: after.status, amount },
      });
      return id;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: LinkUpdateInput): Promise<Link> {
    await mutate(this.k, actor, async (m) => {
      const before = await repo.getLinkRecord(m.tx, id);
      if (!before || !inScope(actor, 'links', before.owner_id, before.owner_department_id ?? null))
        throw notFound('That link');
      await assertVersion(m.tx, 'link', before, input.version);
      const ownerChange = input.ownerId === before.owner_id ? undefined : input.ownerId;
      const problems = await this.refProblems(m, before.organization_id, input.contactId, ownerChange);
      if (Object.keys(problems).length) throw invalid(problems);
      // A tier sent without an amount resets the amount to that tier's default, or none (reference §3.3).
      const amount =
        input.amount !== undefined
          ? input.amount
          : input.packageTier !== undefined
            ? await repo.tierDefault(m.tx, before.event_id, input.packageTier)
            : before.amount;
      const pick = <T>(sent: T | undefined, stored: T): T => (sent === undefined ? stored : sent);
      await repo.updateLink(m.tx, id, {
        status: pick(input.status, before.status),
        package_tier: pick(input.packageTier, before.package_tier),
        role: pick(input.role, before.role),
        amount,
        follow_up_date: pick(input.followUpDate, before.follow_up_date),
        contact_id: pick(input.contactId, before.contact_id),
        owner_id: pick(input.ownerId, before.owner_id),
        notes: pick(input.notes, before.notes),
        updated_at: m.at,
        version: before.version + 1,
        updated_by: actor.userId,
      });
      const after = (await repo.getLinkRecord(m.tx, id))!;
      m.audit({
        entity: 'link',
        entityId: id,
        action: 'update',
        before: auditable(before),
        after: auditable(after),
      });
      m.emit({ type: 'link.updated', entity: 'link', entityId: id, payload: { eventId: after.event_id } });
      if (after.status !== before.status) {
        m.emit({
          type: 'link.status_changed',
          entity: 'link',
          entityId: id,
          payload: { eventId: after.event_id, from: before.status, to: after.status },
        });
      }
    });
    return this.get(actor, id);
  }

  /** Links are hard-deleted (reference §3.10); the audit row keeps what it held. */
  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await repo.getLinkRecord(m.tx, id);
      if (!before || !inScope(actor, 'links', before.owner_id, before.owner_department_id ?? null))
        throw notFound('That link');
      await repo.deleteLink(m.tx, id);
      m.audit({ entity: 'link', entityId: id, action: 'delete', before: auditable(before), after: null });
      m.emit({
        type: 'link.deleted',
        entity: 'link',
        entityId: id,
        payload: { organizationId: before.organization_id, eventId: before.event_id },
      });
    });
  }
}
