/**
 * Partnership events: the rules. Events have no owner, so record scope does not apply to them; their links
 * are scoped by the links service.
 */
import type { z } from 'zod';
import {
  eventDateProblems,
  type EventDates,
  type EventDetail,
  type eventCreateSchema,
  type eventListQuerySchema,
  type eventUpdateSchema,
  type PartnershipEvent,
  type TierInput,
} from '../../../shared/events.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { AppError, notFound, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import { assertVersion } from '../../kernel/versions';
import type { LinksService } from '../links/service';
import { readSettings } from '../settings/service';
import { presentEvent } from './present';
import {
  countLinks,
  getEvent,
  getEventRecord,
  insertEvent,
  listEvents,
  replaceTiers,
  setLinksCurrency,
  tiersOf,
  updateEvent,
  type EventRecord,
} from './repo';

/** What the audit log shows of an event: its stored fields, the tier presets as one array field. */
function auditable(r: EventRecord, tiers: TierInput[]) {
  return {
    name: r.name,
    year: r.year,
    outreach_start: r.outreach_start,
    start_date: r.start_date,
    end_date: r.end_date,
    goal_amount: r.goal_amount === null ? null : Number(r.goal_amount),
    currency: r.currency,
    notes: r.notes,
    archived_at: r.archived_at,
    tiers,
  };
}

function checkDates(d: EventDates): void {
  const problems = eventDateProblems(d);
  if (Object.keys(problems).length)
    throw validationError(problems, "The event's dates are out of order: it cannot end before it starts.");
}

export class EventsService {
  constructor(
    private readonly k: Kernel,
    private readonly links: LinksService,
  ) {}

  async list(query: z.infer<typeof eventListQuerySchema>): Promise<PartnershipEvent[]> {
    const rows = await listEvents(this.k.db, this.k.engine, {
      includeArchived: query.includeArchived === 'true',
      year: query.year,
      q: query.q || undefined,
    });
    const tiers = await tiersOf(
      this.k.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => presentEvent(r, tiers.get(r.id) ?? []));
  }

  async get(id: string): Promise<PartnershipEvent> {
    const row = await getEvent(this.k.db, id);
    if (!row) throw notFound('That event');
    return presentEvent(row, (await tiersOf(this.k.db, [id])).get(id) ?? []);
  }

  async detail(actor: Actor, id: string): Promise<EventDetail> {
    const event = await this.get(id);
    return { ...event, ...(await this.links.forEvent(actor, id)) };
  }

  async create(actor: Actor, input: z.output<typeof eventCreateSchema>): Promise<PartnershipEvent> {
    checkDates(input);
    const currency = input.currency ?? (await readSettings(this.k.db, this.k.secrets)).value.baseCurrency;
    const id = await mutate(this.k, actor, async (m) => {
      const id = newId();
      await insertEvent(m.tx, {
        id,
        name: input.name,
        year: input.year,
        outreach_start: input.outreachStart,
        start_date: input.startDate,
        end_date: input.endDate,
        goal_amount: input.goal,
        currency,
        notes: input.notes,
        archived_at: null,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: actor.userId,
      });
      await replaceTiers(m.tx, id, input.tiers);
      const after = (await getEventRecord(m.tx, id))!;
      m.audit({ entity: 'event', entityId: id, action: 'create', after: auditable(after, input.tiers) });
      m.emit({
        type: 'event.created',
        entity: 'event',
        entityId: id,
        payload: { name: input.name, year: input.year },
      });
      return id;
    });
    return this.get(id);
  }

  /**
   * One transaction: the event row, its links' currency, its tier presets and the audit row land together
   * or not at all. Links refer to the event by id, so a rename or a new year re-keys nothing.
   */
  async update(
    actor: Actor,
    id: string,
    input: z.output<typeof eventUpdateSchema>,
  ): Promise<PartnershipEvent> {
    await mutate(this.k, actor, async (m) => {
      const before = await getEventRecord(m.tx, id);
      if (!before || before.deleted_at) throw notFound('That event');
      await assertVersion(m.tx, 'event', before, input.version);
      const pick = <T>(sent: T | undefined, stored: T): T => (sent === undefined ? stored : sent);
      checkDates({
        outreachStart: pick(input.outreachStart, before.outreach_start),
        startDate: pick(input.startDate, before.start_date),
        endDate: pick(input.endDate, before.end_date),
      });
      const beforeTiers = (await tiersOf(m.tx, [id])).get(id) ?? [];
      const archivedAt =
        input.archived === undefined
          ? before.archived_at
          : input.archived
            ? (before.archived_at ?? m.at)
            : null;
      await updateEvent(m.tx, id, {
        name: pick(input.name, before.name),
        year: pick(input.year, before.year),
        outreach_start: pick(input.outreachStart, before.outreach_start),
        start_date: pick(input.startDate, before.start_date),
        end_date: pick(input.endDate, before.end_date),
        goal_amount: pick(input.goal, before.goal_amount),
        currency: pick(input.currency, before.currency),
        notes: pick(input.notes, before.notes),
        archived_at: archivedAt,
        updated_at: m.at,
        version: before.version + 1,
        updated_by: actor.userId,
      });
      if (input.currency && input.currency !== before.currency)
        await setLinksCurrency(m.tx, id, input.currency);
      if (input.tiers) await replaceTiers(m.tx, id, input.tiers);
      const after = (await getEventRecord(m.tx, id))!;
      m.audit({
        entity: 'event',
        entityId: id,
        action: 'update',
        before: auditable(before, beforeTiers),
        after: auditable(after, input.tiers ?? beforeTiers),
      });
      m.emit({
        type: 'event.updated',
        entity: 'event',
        entityId: id,
        payload: { name: after.name, year: after.year, archived: after.archived_at !== null },
      });
    });
    return this.get(id);
  }

  /** Soft delete, refused while any link points at the event: archiving keeps them (reference §3.2). */
  async remove(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const before = await getEventRecord(m.tx, id);
      if (!before || before.deleted_at) throw notFound('That event');
      const links = await countLinks(m.tx, id);
      if (links > 0) {
        throw new AppError(
          409,
          'event_has_links',
          `${before.name} (${before.year}) has ${links} partner link${links === 1 ? '' : 's'}, so it cannot be deleted. Archive it instead, or delete its links first.`,
        );
      }
      await updateEvent(m.tx, id, {
        deleted_at: m.at,
        updated_at: m.at,
        version: before.version + 1,
        updated_by: actor.userId,
      });
      m.audit({
        entity: 'event',
        entityId: id,
        action: 'delete',
        before: { deleted_at: null },
        after: { deleted_at: m.at },
      });
      m.emit({ type: 'event.deleted', entity: 'event', entityId: id, payload: { name: before.name } });
    });
  }
}
