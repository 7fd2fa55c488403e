/**
 * Applies rows of the partnerships row model to the CRM, with Accord's safer rules (decision 9): a blank
 * cell never wipes a value (a "-" does), a bad row is reported and skipped, negative amounts and impossible
 * dates are refused, and a record changed in the CRM after the row's "Updated At" is a conflict, listed and
 * not applied. Partners are found by id, then by company name; events by id, then by name and year; links by
 * id, then by the partner–event pair — so importing the same file twice creates nothing the second time.
 * Each batch is one transaction; a dry run validates and counts without writing.
 */
import {
  CLEAR_MARK,
  type ExchangeKey,
  type ExchangeRow,
  type ImportIssue,
  type ImportReport,
} from '../../../shared/exchange.schema';
import { parseMoney } from '../../../shared/money';
import { normaliseStatus, slugify } from '../../../shared/partnerships/statuses';
import type { Actor, Kernel } from '../../kernel/context';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { nameKey } from '../partners/service';

const MAX_ISSUES = 1000;
const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0']);

interface PartnerRef {
  id: string;
  updatedAt: string;
}
interface EventRef {
  id: string;
  year: number;
  currency: string;
  tiers: Set<string>;
}
interface LinkRef {
  id: string;
  organizationId: string;
  eventId: string;
  updatedAt: string;
}

/** A row the CRM changed after the sheet's "Updated At" while the sheet edited it too: listed, not applied. */
export interface RowConflict {
  row: number;
  cells: ExchangeRow;
  entity: 'partner' | 'link';
  entityId: string;
  crmUpdatedAt: string;
  sheetUpdatedAt: string;
}

/** What a sync adds to a run (modules/sheets): which parts of a row the sheet edited, and where conflicts go. */
export interface ImportHooks {
  /** false when the row's partner (or link) cells are still as last pushed: nothing to apply, no conflict. */
  edited?(row: ExchangeRow, part: 'partner' | 'link'): boolean;
  conflict?(c: RowConflict): void;
}

export function emptyReport(dryRun: boolean): ImportReport {
  return {
    dryRun,
    processedRows: 0,
    partnersCreated: 0,
    partnersUpdated: 0,
    eventsCreated: 0,
    linksCreated: 0,
    linksUpdated: 0,
    unchanged: 0,
    skipped: 0,
    errors: [],
    conflicts: [],
    warnings: [],
  };
}

/** Validated cells of one row, ready to apply. */
interface Parsed {
  company: string;
  partnerId: string | null;
  partnerUpdatedAt: string | null;
  link: null | {
    eventId: string | null;
    eventName: string;
    year: number | null;
    status: string | null;
    packageTier: string | null;
    role: string | null;
    amount: number | null | undefined; // undefined: leave as is; null: clear
    amountText: string;
    followUp: string | null | undefined;
    notes: string | null | undefined;
    linkId: string | null;
    linkUpdatedAt: string | null;
  };
}

const cell = (row: ExchangeRow, key: ExchangeKey) => (row[key] ?? '').trim();
const isClear = (v: string) => v === CLEAR_MARK;

function parseDate(v: string): string | null | 'invalid' {
  if (v === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v) ?? null;
  let iso: string | null = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
  if (!iso) {
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    if (us) iso = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  }
  if (!iso) return 'invalid';
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : 'invalid';
}

export class ImportRun {
  readonly report: ImportReport;
  private partnersByKey = new Map<string, PartnerRef>();
  private partnersById = new Map<string, PartnerRef>();
  private eventsByKey = new Map<string, EventRef>();
  private eventsById = new Map<string, EventRef>();
  private linksByPair = new Map<string, LinkRef>();
  private linksById = new Map<string, LinkRef>();
  private levels = new Map<string, string>();

  constructor(
    private readonly k: Kernel,
    private readonly actor: Actor,
    private readonly currency: string,
    dryRun: boolean,
    private readonly hooks: ImportHooks = {},
  ) {
    this.report = emptyReport(dryRun);
  }

  private issue(
    list: 'errors' | 'conflicts' | 'warnings',
    row: number,
    field: string | null,
    message: string,
  ) {
    if (this.report[list].length < MAX_ISSUES) this.report[list].push({ row, field, message });
  }

  /** Loads what rows are matched against, once (ids, natural keys, update times). */
  async load(): Promise<void> {
    const db = this.k.db;
    for (const p of await db
      .selectFrom('organizations')
      .select(['id', 'name_key', 'updated_at'])
      .where('deleted_at', 'is', null)
      .execute()) {
      const ref = { id: p.id, updatedAt: p.updated_at };
      this.partnersByKey.set(p.name_key, ref);
      this.partnersById.set(p.id, ref);
    }
    const tiers = await db.selectFrom('event_tiers').select(['event_id', 'key']).execute();
    for (const e of await db
      .selectFrom('events')
      .select(['id', 'name', 'year', 'currency'])
      .where('deleted_at', 'is', null)
      .execute()) {
      const ref = {
        id: e.id,
        year: e.year,
        currency: e.currency,
        tiers: new Set(tiers.filter((t) => t.event_id === e.id).map((t) => t.key)),
      };
      this.eventsByKey.set(`${e.name.trim().toLowerCase()}|${e.year}`, ref);
      this.eventsById.set(e.id, ref);
    }
    for (const l of await db
      .selectFrom('links')
      .select(['id', 'organization_id', 'event_id', 'updated_at'])
      .execute()) {
      const ref = {
        id: l.id,
        organizationId: l.organization_id,
        eventId: l.event_id,
        updatedAt: l.updated_at,
      };
      this.linksByPair.set(`${l.organization_id}|${l.event_id}`, ref);
      this.linksById.set(l.id, ref);
    }
    for (const l of await db
      .selectFrom('partner_levels')
      .select(['id', 'key', 'name'])
      .where('deleted_at', 'is', null)
      .execute()) {
      this.levels.set(l.key, l.id);
      this.levels.set(l.name.trim().toLowerCase(), l.id);
    }
  }

  /** Checks every cell of a row; returns null (with errors recorded) when the row must be skipped. */
  private parse(row: ExchangeRow, n: number): Parsed | null {
    const company = cell(row, 'company');
    if (!company && !cell(row, 'contactName') && !cell(row, 'email') && !cell(row, 'phone')) {
      this.report.skipped++;
      this.issue('warnings', n, null, 'Empty row skipped.');
      return null;
    }
    const errors: [string, string][] = [];
    if (!company) errors.push(['company', 'Company is required.']);
    else if (company.length > 140) errors.push(['company', 'Company must be at most 140 characters.']);
    else if (!nameKey(company)) errors.push(['company', 'Company must contain a letter or digit.']);
    const email = cell(row, 'email');
    if (email && !isClear(email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.push(['email', `"${email}" is not an email address.`]);
    const partnerId = cell(row, 'partnerId');
    if (partnerId && !ID_RE.test(partnerId))
      errors.push(['partnerId', `"${partnerId}" is not an Accord id.`]);
    for (const key of ['alumniPartner', 'archived'] as const) {
      const v = cell(row, key).toLowerCase();
      if (v && !TRUE_WORDS.has(v) && !FALSE_WORDS.has(v))
        errors.push([key, `"${cell(row, key)}" is not Yes or No.`]);
    }

    let link: Parsed['link'] = null;
    const eventId = cell(row, 'eventId');
    const eventName = cell(row, 'eventName');
    const yearText = cell(row, 'eventYear');
    if (eventId || eventName || yearText) {
      if (eventId && !ID_RE.test(eventId)) errors.push(['eventId', `"${eventId}" is not an Accord id.`]);
      const year = yearText ? Number(yearText) : null;
      if (yearText && (!Number.isInteger(year) || year! < 2000 || year! > 2100))
        errors.push(['eventYear', `"${yearText}" is not a year between 2000 and 2100.`]);
      if (!eventId && (!eventName || !yearText))
        errors.push(['eventName', 'A link needs the event name and year (or the Event ID).']);
      const statusText = cell(row, 'status');
      let status: string | null = null;
      if (statusText) {
        const s = normaliseStatus(statusText);
        if (!s.ok) errors.push(['status', `Status "${statusText}" ${s.message}.`]);
        else status = s.status;
      }
      const tierText = cell(row, 'packageTier');
      const packageTier = tierText ? (isClear(tierText) ? '' : slugify(tierText)) : null;
      if (tierText && !isClear(tierText) && !packageTier)
        errors.push(['packageTier', `Package tier "${tierText}" must contain a letter or digit.`]);
      const amountText = cell(row, 'sponsorshipAmount').replace(/[$€£]/g, '').trim();
      let amount: number | null | undefined;
      if (amountText === '') amount = undefined;
      else if (isClear(amountText)) amount = null;
      else {
        const parsed = parseMoney(amountText, this.currency);
        if (parsed === null) errors.push(['sponsorshipAmount', `"${amountText}" is not an amount.`]);
        else if (parsed < 0)
          errors.push(['sponsorshipAmount', `Amounts cannot be negative ("${amountText}").`]);
        else amount = parsed;
      }
      const followText = cell(row, 'followUpDate');
      let followUp: string | null | undefined;
      if (followText === '') followUp = undefined;
      else if (isClear(followText)) followUp = null;
      else {
        const d = parseDate(followText);
        if (d === 'invalid')
          errors.push(['followUpDate', `"${followText}" is not a real date (YYYY-MM-DD).`]);
        else followUp = d;
      }
      const role = cell(row, 'eventRole');
      if (role.length > 80) errors.push(['eventRole', 'Involvement type must be at most 80 characters.']);
      const notes = cell(row, 'eventNotes');
      if (notes.length > 3000) errors.push(['eventNotes', 'Event notes must be at most 3000 characters.']);
      const linkId = cell(row, 'linkId');
      if (linkId && !ID_RE.test(linkId)) errors.push(['linkId', `"${linkId}" is not an Accord id.`]);
      link = {
        eventId: eventId || null,
        eventName,
        year,
        status,
        packageTier,
        role: role ? (isClear(role) ? '' : role) : null,
        amount,
        amountText,
        followUp,
        notes: notes ? (isClear(notes) ? '' : notes) : undefined,
        linkId: linkId || null,
        linkUpdatedAt: cell(row, 'linkUpdatedAt') || null,
      };
    }
    if (errors.length) {
      for (const [field, message] of errors) this.issue('errors', n, field, message);
      this.report.skipped++;
      return null;
    }
    return {
      company,
      partnerId: partnerId || null,
      partnerUpdatedAt: cell(row, 'partnerUpdatedAt') || null,
      link,
    };
  }

  /** Applies one batch of rows (numbered from `firstRowNumber`) in one transaction, or only counts in a dry run. */
  async applyBatch(rows: ExchangeRow[], firstRowNumber: number): Promise<void> {
    if (this.report.dryRun) await this.applyRows(null, rows, firstRowNumber);
    else await mutate(this.k, this.actor, (m) => this.applyRows(m, rows, firstRowNumber));
  }

  /** Applies rows inside the caller's transaction (a Sheets pull runs all its rows in one), or counts (null). */
  async applyRows(m: MutationScope | null, rows: ExchangeRow[], firstRowNumber: number): Promise<void> {
    for (let i = 0; i < rows.length; i++) {
      const n = firstRowNumber + i;
      this.report.processedRows++;
      const parsed = this.parse(rows[i]!, n);
      if (!parsed) continue;
      const partner = await this.upsertPartner(m, rows[i]!, parsed, n);
      if (!partner || !parsed.link) continue;
      await this.upsertLink(m, partner, parsed.link, n, rows[i]!);
    }
  }

  private async upsertPartner(
    m: MutationScope | null,
    row: ExchangeRow,
    p: Parsed,
    n: number,
  ): Promise<PartnerRef | null> {
    const key = nameKey(p.company);
    const existing =
      (p.partnerId ? this.partnersById.get(p.partnerId) : undefined) ?? this.partnersByKey.get(key);
    if (existing && this.hooks.edited?.(row, 'partner') === false) {
      if (!p.link) this.report.unchanged++;
      return existing;
    }
    if (
      existing &&
      p.partnerUpdatedAt &&
      existing.updatedAt > p.partnerUpdatedAt &&
      !existing.updatedAt.startsWith('pending')
    ) {
      this.issue(
        'conflicts',
        n,
        'partnerUpdatedAt',
        `${p.company} was changed in Accord (${existing.updatedAt}) after this row was exported (${p.partnerUpdatedAt}); the row was not applied.`,
      );
      this.hooks.conflict?.({
        row: n,
        cells: row,
        entity: 'partner',
        entityId: existing.id,
        crmUpdatedAt: existing.updatedAt,
        sheetUpdatedAt: p.partnerUpdatedAt,
      });
      this.report.skipped++;
      return null;
    }
    const text = (k2: ExchangeKey) => cell(row, k2);
    const flag = (k2: ExchangeKey) => {
      const v = text(k2).toLowerCase();
      return v === '' ? undefined : TRUE_WORDS.has(v);
    };
    // Partner fields the row sets: blank leaves a value alone, "-" clears it.
    const set: Record<string, unknown> = {};
    const maybe = (col: string, v: string) => {
      if (v === '') return;
      set[col] = isClear(v) ? '' : v;
    };
    maybe('notes', text('partnerNotes'));
    maybe('linkedin', text('linkedIn'));
    if (!text('contactName')) {
      maybe('email', text('email').toLowerCase());
      maybe('phone', text('phone'));
    }
    const alumni = flag('alumniPartner');
    if (alumni !== undefined) set.is_alumni = alumni ? 1 : 0;
    const archived = flag('archived');
    const tierText = text('partnerTier');
    if (tierText) set.level_id = isClear(tierText) ? null : await this.levelId(m, tierText, n);
    const tagsText = text('tags');
    const tags =
      tagsText === ''
        ? undefined
        : isClear(tagsText)
          ? []
          : [
              ...new Map(
                tagsText
                  .split(',')
                  .map((t) => t.trim().slice(0, 40))
                  .filter(Boolean)
                  .map((t) => [t.toLowerCase(), t]),
              ).values(),
            ].slice(0, 30);

    let ref = existing;
    let changed = false;
    if (!ref) {
      const id = p.partnerId && !this.partnersById.has(p.partnerId) ? p.partnerId : newId();
      ref = { id, updatedAt: `pending:${n}` };
      this.partnersById.set(id, ref);
      this.partnersByKey.set(key, ref);
      this.report.partnersCreated++;
      if (m) {
        const row2 = {
          id,
          name: p.company,
          name_key: key,
          is_partner: 1,
          owner_id: this.actor.userId,
          email: '',
          phone: '',
          notes: '',
          linkedin: '',
          ...set,
          archived_at: archived ? m.at : null,
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
          updated_by: this.actor.userId,
        };
        await m.tx
          .insertInto('organizations')
          .values(row2 as never)
          .execute();
        if (tags)
          await m.tx
            .insertInto('organization_tags')
            .values(tags.map((tag) => ({ organization_id: id, tag, tag_key: tag.toLowerCase() })))
            .execute()
            .catch(() => undefined);
        m.audit({
          entity: 'partner',
          entityId: id,
          action: 'create',
          after: { name: p.company, ...set, tags: tags ?? [] },
        });
        ref.updatedAt = m.at;
      }
      changed = true;
    } else if (m) {
      const before = await m.tx
        .selectFrom('organizations')
        .selectAll()
        .where('id', '=', ref.id)
        .executeTakeFirstOrThrow();
      const diff: Record<string, unknown> = {};
      for (const [col, v] of Object.entries(set))
        if ((before as Record<string, unknown>)[col] !== v) diff[col] = v;
      if (archived !== undefined && (before.archived_at !== null) !== archived)
        diff.archived_at = archived ? m.at : null;
      const oldTags = (
        await m.tx
          .selectFrom('organization_tags')
          .select('tag')
          .where('organization_id', '=', ref.id)
          .orderBy('tag')
          .execute()
      ).map((t) => t.tag);
      const tagsChanged = tags !== undefined && JSON.stringify([...tags].sort()) !== JSON.stringify(oldTags);
      if (Object.keys(diff).length || tagsChanged) {
        await m.tx
          .updateTable('organizations')
          .set({
            ...diff,
            updated_at: m.at,
            version: before.version + 1,
            updated_by: this.actor.userId,
          } as never)
          .where('id', '=', ref.id)
          .execute();
        if (tagsChanged) {
          await m.tx.deleteFrom('organization_tags').where('organization_id', '=', ref.id).execute();
          if (tags.length)
            await m.tx
              .insertInto('organization_tags')
              .values(tags.map((tag) => ({ organization_id: ref!.id, tag, tag_key: tag.toLowerCase() })))
              .execute();
        }
        m.audit({
          entity: 'partner',
          entityId: ref.id,
          action: 'update',
          before: { ...before, tags: oldTags },
          after: { ...before, ...diff, tags: tagsChanged ? tags : oldTags },
        });
        this.report.partnersUpdated++;
        ref.updatedAt = m.at;
        changed = true;
      }
    }
    if (await this.upsertContact(m, ref.id, row)) changed = true;
    if (!changed && !p.link) this.report.unchanged++;
    return ref;
  }

  private async levelId(m: MutationScope | null, text: string, n: number): Promise<string | null> {
    const found = this.levels.get(text.toLowerCase()) ?? this.levels.get(slugify(text, 50));
    if (found) return found;
    const id = newId();
    const key = slugify(text, 50) || `level_${id.slice(-6)}`;
    this.levels.set(text.toLowerCase(), id);
    this.levels.set(key, id);
    this.issue('warnings', n, 'partnerTier', `Partner tier "${text}" did not exist and was created.`);
    if (m) {
      await m.tx
        .insertInto('partner_levels')
        .values({
          id,
          key,
          name: text.slice(0, 60),
          rank: 1000,
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
          updated_by: this.actor.userId,
        })
        .execute();
      m.audit({ entity: 'partner_level', entityId: id, action: 'create', after: { key, name: text } });
    }
    return id;
  }

  /** The row's primary contact: found by name within the partner, created when new. */
  private async upsertContact(
    m: MutationScope | null,
    organizationId: string,
    row: ExchangeRow,
  ): Promise<boolean> {
    const name = cell(row, 'contactName');
    if (!name || !m) return false;
    const [first, ...rest] = name.split(/\s+/);
    const last = rest.join(' ');
    const role = cell(row, 'contactRole');
    const email = cell(row, 'email').toLowerCase();
    const phone = cell(row, 'phone');
    const existing = await m.tx
      .selectFrom('contacts')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('first_name', '=', first ?? '')
      .where('last_name', '=', last)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const set: Record<string, unknown> = {};
    if (role) set.title = isClear(role) ? '' : role;
    if (email) set.email = isClear(email) ? '' : email;
    if (phone) set.phone = isClear(phone) ? '' : phone;
    if (!existing) {
      const id = newId();
      const hasPrimary = await m.tx
        .selectFrom('contacts')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('is_primary', '=', 1)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      const values = {
        id,
        organization_id: organizationId,
        first_name: first ?? '',
        last_name: last,
        title: '',
        email: '',
        phone: '',
        mobile: '',
        linkedin: '',
        notes: '',
        ...set,
        is_primary: hasPrimary ? 0 : 1,
        owner_id: this.actor.userId,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: this.actor.userId,
      };
      await m.tx
        .insertInto('contacts')
        .values(values as never)
        .execute();
      m.audit({ entity: 'contact', entityId: id, action: 'create', after: values });
      return true;
    }
    const diff = Object.fromEntries(
      Object.entries(set).filter(([col, v]) => (existing as Record<string, unknown>)[col] !== v),
    );
    if (Object.keys(diff).length === 0) return false;
    await m.tx
      .updateTable('contacts')
      .set({ ...diff, updated_at: m.at, version: existing.version + 1, updated_by: this.actor.userId })
      .where('id', '=', existing.id)
      .execute();
    m.audit({
      entity: 'contact',
      entityId: existing.id,
      action: 'update',
      before: existing,
      after: { ...existing, ...diff },
    });
    return true;
  }

  private async resolveEvent(
    m: MutationScope | null,
    l: NonNullable<Parsed['link']>,
    n: number,
  ): Promise<EventRef | null> {
    if (l.eventId) {
      const byId = this.eventsById.get(l.eventId);
      if (byId) {
        if (l.year !== null && l.year !== byId.year)
          this.issue(
            'warnings',
            n,
            'eventYear',
            `The row's year ${l.year} differs from the event's (${byId.year}); the event was kept.`,
          );
        return byId;
      }
      if (!l.eventName || l.year === null) {
        this.issue(
          'errors',
          n,
          'eventId',
          `No event has the id ${l.eventId}, and the row has no event name and year to create it from.`,
        );
        return null;
      }
    }
    const key = `${l.eventName.toLowerCase()}|${l.year}`;
    const found = this.eventsByKey.get(key);
    if (found) return found;
    const ref: EventRef = {
      id: l.eventId ?? newId(),
      year: l.year!,
      currency: this.currency,
      tiers: new Set(),
    };
    this.eventsByKey.set(key, ref);
    this.eventsById.set(ref.id, ref);
    this.report.eventsCreated++;
    this.issue(
      'warnings',
      n,
      'eventName',
      `Event "${l.eventName}" (${l.year}) did not exist and was created without dates or goal.`,
    );
    if (m) {
      await m.tx
        .insertInto('events')
        .values({
          id: ref.id,
          name: l.eventName.slice(0, 140),
          year: l.year!,
          outreach_start: null,
          start_date: null,
          end_date: null,
          goal_amount: null,
          currency: this.currency,
          notes: '',
          archived_at: null,
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
          updated_by: this.actor.userId,
        })
        .execute();
      m.audit({
        entity: 'event',
        entityId: ref.id,
        action: 'create',
        after: { name: l.eventName, year: l.year },
      });
    }
    return ref;
  }

  private async upsertLink(
    m: MutationScope | null,
    partner: PartnerRef,
    l: NonNullable<Parsed['link']>,
    n: number,
    row: ExchangeRow,
  ): Promise<void> {
    const event = await this.resolveEvent(m, l, n);
    if (!event) {
      this.report.skipped++;
      return;
    }
    if (l.packageTier && !event.tiers.has(l.packageTier)) {
      // As the reference's pull does: a tier the event lacks is added to its presets (without a default amount).
      event.tiers.add(l.packageTier);
      if (m) {
        const pos = await m.tx
          .selectFrom('event_tiers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', event.id)
          .executeTakeFirstOrThrow();
        await m.tx
          .insertInto('event_tiers')
          .values({
            id: newId(),
            event_id: event.id,
            key: l.packageTier,
            label: l.packageTier
              .split('_')
              .map((w) => w[0]!.toUpperCase() + w.slice(1))
              .join(' '),
            default_amount: null,
            position: Number(pos.n),
          })
          .execute();
      }
    }
    let existing = l.linkId ? this.linksById.get(l.linkId) : undefined;
    if (existing && (existing.organizationId !== partner.id || existing.eventId !== event.id)) {
      this.issue(
        'errors',
        n,
        'linkId',
        `Link ${l.linkId} belongs to another partner or event; the row was skipped.`,
      );
      this.report.skipped++;
      return;
    }
    existing ??= this.linksByPair.get(`${partner.id}|${event.id}`);
    if (existing && this.hooks.edited?.(row, 'link') === false) {
      this.report.unchanged++;
      return;
    }
    if (
      existing &&
      l.linkUpdatedAt &&
      existing.updatedAt > l.linkUpdatedAt &&
      !existing.updatedAt.startsWith('pending')
    ) {
      this.issue(
        'conflicts',
        n,
        'linkUpdatedAt',
        `The link was changed in Accord (${existing.updatedAt}) after this row was exported (${l.linkUpdatedAt}); the row's link cells were not applied.`,
      );
      this.hooks.conflict?.({
        row: n,
        cells: row,
        entity: 'link',
        entityId: existing.id,
        crmUpdatedAt: existing.updatedAt,
        sheetUpdatedAt: l.linkUpdatedAt,
      });
      return;
    }
    if (!existing) {
      const id = l.linkId && !this.linksById.has(l.linkId) ? l.linkId : newId();
      const ref: LinkRef = { id, organizationId: partner.id, eventId: event.id, updatedAt: `pending:${n}` };
      this.linksById.set(id, ref);
      this.linksByPair.set(`${partner.id}|${event.id}`, ref);
      this.report.linksCreated++;
      if (m) {
        let amount = l.amount ?? null;
        if (l.amount === undefined && l.packageTier) {
          const preset = await m.tx
            .selectFrom('event_tiers')
            .select('default_amount')
            .where('event_id', '=', event.id)
            .where('key', '=', l.packageTier)
            .executeTakeFirst();
          amount = preset?.default_amount ?? null;
        }
        const values = {
          id,
          organization_id: partner.id,
          event_id: event.id,
          status: l.status ?? 'reached_out',
          package_tier: l.packageTier ?? '',
          role: l.role ?? '',
          amount,
          currency: event.currency,
          follow_up_date: l.followUp ?? null,
          contact_id: null,
          owner_id: this.actor.userId,
          notes: l.notes ?? '',
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
          updated_by: this.actor.userId,
        };
        await m.tx.insertInto('links').values(values).execute();
        m.audit({ entity: 'link', entityId: id, action: 'create', after: values });
        ref.updatedAt = m.at;
      }
      return;
    }
    if (!m) {
      this.report.unchanged++; // a dry run cannot tell without reading; counted as unchanged
      return;
    }
    const before = await m.tx
      .selectFrom('links')
      .selectAll()
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    const set: Record<string, unknown> = {};
    if (l.status !== null && l.status !== before.status) set.status = l.status;
    if (l.packageTier !== null && l.packageTier !== before.package_tier) set.package_tier = l.packageTier;
    if (l.role !== null && l.role !== before.role) set.role = l.role;
    if (l.amount !== undefined && l.amount !== before.amount) set.amount = l.amount;
    if (l.followUp !== undefined && l.followUp !== before.follow_up_date) set.follow_up_date = l.followUp;
    if (l.notes !== undefined && l.notes !== before.notes) set.notes = l.notes;
    if (Object.keys(set).length === 0) {
      this.report.unchanged++;
      return;
    }
    await m.tx
      .updateTable('links')
      .set({ ...set, updated_at: m.at, version: before.version + 1, updated_by: this.actor.userId })
      .where('id', '=', existing.id)
      .execute();
    m.audit({
      entity: 'link',
      entityId: existing.id,
      action: 'update',
      before,
      after: { ...before, ...set },
    });
    existing.updatedAt = m.at;
    this.report.linksUpdated++;
  }
}

export type { ImportIssue };
