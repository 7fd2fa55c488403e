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
import { emailDomain } from '../../../shared/domains';
import { parseMoney } from '../../../shared/money';
import { normaliseStatus, slugify } from '../../../shared/partnerships/statuses';
import { withoutControlCharacters } from '../../../shared/partners.schema';
import type { Actor, Kernel } from '../../kernel/context';
import { newId } from '../../kernel/ids';
import { mutate, type MutationScope } from '../../kernel/mutation';
import { nameKey } from '../partners/service';
import {
  eventKey,
  flush,
  ImportState,
  pairKey,
  prefetch,
  type EventRef,
  type LinkRef,
  type OrgRec,
  type PartnerRef,
  type Rec,
  type Wanted,
} from './importerStore';

const MAX_ISSUES = 1000;
const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0']);

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

/** What `parse` makes of a row: cells to apply, or why the row is skipped. */
type ParseResult =
  | { ok: true; parsed: Parsed }
  | { ok: false; empty: true }
  | { ok: false; empty: false; errors: [string, string][] };

export class ImportRun {
  readonly report: ImportReport;
  private levels = new Map<string, string>();
  /** A dry run's lookups last the whole run: what it pretends to create never reaches the database. */
  private dryState: ImportState | null = null;

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

  /**
   * Loads the partner levels tier cells are matched against, once. Partners, events and links are read per
   * batch, only those the batch's rows name (importerStore.ts).
   */
  async load(): Promise<void> {
    for (const l of await this.k.db
      .selectFrom('partner_levels')
      .select(['id', 'key', 'name'])
      .where('deleted_at', 'is', null)
      .execute()) {
      this.levels.set(l.key, l.id);
      this.levels.set(l.name.trim().toLowerCase(), l.id);
    }
  }

  /** Checks every cell of a row; the caller reports a skipped row's errors in row order. */
  private parse(row: ExchangeRow): ParseResult {
    const company = cell(row, 'company');
    if (!company && !cell(row, 'contactName') && !cell(row, 'email') && !cell(row, 'phone'))
      return { ok: false, empty: true };
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
    if (errors.length) return { ok: false, empty: false, errors };
    return {
      ok: true,
      parsed: {
        company,
        partnerId: partnerId || null,
        partnerUpdatedAt: cell(row, 'partnerUpdatedAt') || null,
        link,
      },
    };
  }

  /** Applies one batch of rows (numbered from `firstRowNumber`) in one transaction, or only counts in a dry run. */
  async applyBatch(rows: ExchangeRow[], firstRowNumber: number): Promise<void> {
    if (this.report.dryRun) await this.applyRows(null, rows, firstRowNumber);
    else await mutate(this.k, this.actor, (m) => this.applyRows(m, rows, firstRowNumber));
  }

  /**
   * Applies rows inside the caller's transaction (a Sheets pull runs all its rows in one), or counts (null):
   * reads what they refer to in a few queries, applies them in order in memory, then writes the changes.
   */
  async applyRows(m: MutationScope | null, rows: ExchangeRow[], firstRowNumber: number): Promise<void> {
    const results = rows.map((row) => this.parse(row));
    // A real batch reads fresh: earlier batches' writes are in the database (committed, or in the same
    // transaction), and so are other users' changes since.
    const s = m ? new ImportState() : (this.dryState ??= new ImportState());
    const wanted: Wanted = {
      partnerIds: new Set(),
      nameKeys: new Set(),
      eventIds: new Set(),
      years: new Set(),
      linkIds: new Set(),
      details: (st) => {
        // Contacts and tags of the partners a row may change: found (as the loop will find them), and
        // edited (a row the sheet did not edit leaves its partner alone).
        const contacts = new Set<string>();
        const tags = new Set<string>();
        if (!m) return { contacts, tags };
        results.forEach((r, i) => {
          if (!r.ok) return;
          const row = rows[i]!;
          const hasContact = cell(row, 'contactName') !== '';
          const hasTags = cell(row, 'tags') !== '';
          if (!hasContact && !hasTags) return;
          const p = r.parsed;
          const ref =
            (p.partnerId ? st.partnersById.get(p.partnerId) : undefined) ??
            st.partnersByKey.get(nameKey(p.company));
          if (!ref || this.hooks.edited?.(row, 'partner') === false) return;
          if (hasContact) contacts.add(ref.id);
          if (hasTags) tags.add(ref.id);
        });
        return { contacts, tags };
      },
    };
    for (const r of results) {
      if (!r.ok) continue;
      const p = r.parsed;
      if (p.partnerId) wanted.partnerIds.add(p.partnerId);
      wanted.nameKeys.add(nameKey(p.company));
      if (p.link?.eventId) wanted.eventIds.add(p.link.eventId);
      if (p.link?.eventName && p.link.year !== null) wanted.years.add(p.link.year);
      if (p.link?.linkId) wanted.linkIds.add(p.link.linkId);
    }
    await prefetch(m ? m.tx : this.k.db, s, wanted);

    for (let i = 0; i < rows.length; i++) {
      const n = firstRowNumber + i;
      this.report.processedRows++;
      const r = results[i]!;
      if (!r.ok) {
        if (r.empty) this.issue('warnings', n, null, 'Empty row skipped.');
        else for (const [field, message] of r.errors) this.issue('errors', n, field, message);
        this.report.skipped++;
        continue;
      }
      const partner = this.upsertPartner(s, m, rows[i]!, r.parsed, n);
      if (!partner || !r.parsed.link) continue;
      this.upsertLink(s, m, partner, r.parsed.link, n, rows[i]!);
    }
    if (m) await flush(m.tx, s);
  }

  /** Marks a record changed (columns and the bookkeeping ones) so the flush writes it. */
  private touch(m: MutationScope, rec: Rec, diff: Record<string, unknown>) {
    Object.assign(rec.row, diff, {
      updated_at: m.at,
      version: (rec.row.version as number) + 1,
      updated_by: this.actor.userId,
    });
    for (const col of [...Object.keys(diff), 'updated_at', 'version', 'updated_by']) rec.changed.add(col);
  }

  private upsertPartner(
    s: ImportState,
    m: MutationScope | null,
    row: ExchangeRow,
    p: Parsed,
    n: number,
  ): PartnerRef | null {
    const key = nameKey(p.company);
    const existing = (p.partnerId ? s.partnersById.get(p.partnerId) : undefined) ?? s.partnersByKey.get(key);
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
    if (tierText) set.level_id = isClear(tierText) ? null : this.levelId(s, m, tierText, n);
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
                  .map((t) => withoutControlCharacters(t).trim().slice(0, 40))
                  .filter(Boolean)
                  .map((t) => [t.toLowerCase(), t]),
              ).values(),
            ].slice(0, 30);

    let ref = existing;
    let changed = false;
    if (!ref) {
      const id = p.partnerId && !s.takenPartnerIds.has(p.partnerId) ? p.partnerId : newId();
      s.takenPartnerIds.add(id);
      this.report.partnersCreated++;
      if (m) {
        // In the table's column order, as a row read back would be: a later row's audit diff lists
        // changed fields in that order.
        const values = {
          id,
          created_at: m.at,
          updated_at: m.at,
          version: 1,
          deleted_at: null,
          updated_by: this.actor.userId,
          name: p.company,
          name_key: key,
          is_partner: 1,
          level_id: null,
          email: '',
          phone: '',
          linkedin: '',
          notes: '',
          is_alumni: 0,
          owner_id: this.actor.userId,
          archived_at: archived ? m.at : null,
          ...set,
          // The domain that email matching and the duplicate check read (not audited, as in the partner form).
          email_domain: emailDomain(typeof set.email === 'string' ? set.email : ''),
        };
        const rec: OrgRec = {
          row: values,
          isNew: true,
          changed: new Set(),
          tags: tags ? [...tags].sort() : [],
          tagsChanged: false,
        };
        s.orgs.add(rec);
        s.contacts.set(id, []);
        m.audit({
          entity: 'partner',
          entityId: id,
          action: 'create',
          after: { name: p.company, ...set, tags: tags ?? [] },
        });
        ref = { id, updatedAt: m.at, rec };
      } else {
        ref = { id, updatedAt: `pending:${n}`, rec: null };
      }
      s.partnersById.set(id, ref);
      s.partnersByKey.set(key, ref);
      changed = true;
    } else if (m) {
      const rec = ref.rec!;
      const before = rec.row;
      const diff: Record<string, unknown> = {};
      for (const [col, v] of Object.entries(set)) if (before[col] !== v) diff[col] = v;
      if (archived !== undefined && (before.archived_at !== null) !== archived)
        diff.archived_at = archived ? m.at : null;
      // Read by the prefetch when a row of the batch sets them; otherwise they are left alone.
      if (tags !== undefined && rec.tags === null)
        throw new Error(`The tags of partner ${ref.id} were not loaded`);
      const oldTags = rec.tags ?? [];
      const tagsChanged = tags !== undefined && JSON.stringify([...tags].sort()) !== JSON.stringify(oldTags);
      if (Object.keys(diff).length || tagsChanged) {
        m.audit({
          entity: 'partner',
          entityId: ref.id,
          action: 'update',
          before: { ...before, tags: oldTags },
          after: { ...before, ...diff, tags: tagsChanged ? tags : oldTags },
        });
        this.touch(m, rec, diff);
        if (typeof diff.email === 'string') {
          rec.row.email_domain = emailDomain(diff.email);
          rec.changed.add('email_domain');
        }
        if (tagsChanged) {
          rec.tags = [...tags].sort();
          rec.tagsChanged = true;
        }
        s.orgs.add(rec);
        this.report.partnersUpdated++;
        ref.updatedAt = m.at;
        changed = true;
      }
    }
    if (this.upsertContact(s, m, ref.id, row)) changed = true;
    if (!changed && !p.link) this.report.unchanged++;
    return ref;
  }

  private levelId(s: ImportState, m: MutationScope | null, text: string, n: number): string {
    const found = this.levels.get(text.toLowerCase()) ?? this.levels.get(slugify(text, 50));
    if (found) return found;
    const id = newId();
    const key = slugify(text, 50) || `level_${id.slice(-6)}`;
    this.levels.set(text.toLowerCase(), id);
    this.levels.set(key, id);
    this.issue('warnings', n, 'partnerTier', `Partner tier "${text}" did not exist and was created.`);
    if (m) {
      s.newLevels.push({
        id,
        key,
        name: text.slice(0, 60),
        rank: 1000,
        created_at: m.at,
        updated_at: m.at,
        version: 1,
        deleted_at: null,
        updated_by: this.actor.userId,
      });
      m.audit({ entity: 'partner_level', entityId: id, action: 'create', after: { key, name: text } });
    }
    return id;
  }

  /** The row's primary contact: found by name within the partner, created when new. */
  private upsertContact(
    s: ImportState,
    m: MutationScope | null,
    organizationId: string,
    row: ExchangeRow,
  ): boolean {
    const name = cell(row, 'contactName');
    if (!name || !m) return false;
    const [first, ...rest] = name.split(/\s+/);
    const last = rest.join(' ');
    const role = cell(row, 'contactRole');
    const email = cell(row, 'email').toLowerCase();
    const phone = cell(row, 'phone');
    const contacts = s.contacts.get(organizationId);
    if (!contacts) throw new Error(`The contacts of partner ${organizationId} were not loaded`);
    const existing = contacts.find((c) => c.row.first_name === (first ?? '') && c.row.last_name === last);
    const set: Record<string, unknown> = {};
    if (role) set.title = isClear(role) ? '' : role;
    if (email) set.email = isClear(email) ? '' : email;
    if (phone) set.phone = isClear(phone) ? '' : phone;
    if (!existing) {
      const id = newId();
      const hasPrimary = contacts.some((c) => c.row.is_primary === 1);
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
      const rec: Rec = { row: values, isNew: true, changed: new Set() };
      contacts.push(rec);
      s.contactRecs.add(rec);
      m.audit({ entity: 'contact', entityId: id, action: 'create', after: { ...values } });
      return true;
    }
    const diff = Object.fromEntries(Object.entries(set).filter(([col, v]) => existing.row[col] !== v));
    if (Object.keys(diff).length === 0) return false;
    m.audit({
      entity: 'contact',
      entityId: existing.row.id as string,
      action: 'update',
      before: { ...existing.row },
      after: { ...existing.row, ...diff },
    });
    this.touch(m, existing, diff);
    s.contactRecs.add(existing);
    return true;
  }

  private resolveEvent(
    s: ImportState,
    m: MutationScope | null,
    l: NonNullable<Parsed['link']>,
    n: number,
  ): EventRef | null {
    if (l.eventId) {
      const byId = s.eventsById.get(l.eventId);
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
    const key = eventKey(l.eventName, l.year);
    const found = s.eventsByKey.get(key);
    if (found) return found;
    const ref: EventRef = {
      id: l.eventId && !s.takenEventIds.has(l.eventId) ? l.eventId : newId(),
      year: l.year!,
      currency: this.currency,
      tiers: new Map(),
    };
    s.takenEventIds.add(ref.id);
    s.eventsByKey.set(key, ref);
    s.eventsById.set(ref.id, ref);
    this.report.eventsCreated++;
    this.issue(
      'warnings',
      n,
      'eventName',
      `Event "${l.eventName}" (${l.year}) did not exist and was created without dates or goal.`,
    );
    if (m) {
      s.newEvents.push({
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
      });
      m.audit({
        entity: 'event',
        entityId: ref.id,
        action: 'create',
        after: { name: l.eventName, year: l.year },
      });
    }
    return ref;
  }

  private upsertLink(
    s: ImportState,
    m: MutationScope | null,
    partner: PartnerRef,
    l: NonNullable<Parsed['link']>,
    n: number,
    row: ExchangeRow,
  ): void {
    const event = this.resolveEvent(s, m, l, n);
    if (!event) {
      this.report.skipped++;
      return;
    }
    if (l.packageTier && !event.tiers.has(l.packageTier)) {
      // As the reference's pull does: a tier the event lacks is added to its presets (without a default amount).
      const position = event.tiers.size;
      event.tiers.set(l.packageTier, null);
      if (m)
        s.newTiers.push({
          id: newId(),
          event_id: event.id,
          key: l.packageTier,
          label: l.packageTier
            .split('_')
            .map((w) => w[0]!.toUpperCase() + w.slice(1))
            .join(' '),
          default_amount: null,
          position,
        });
    }
    let existing = l.linkId ? s.linksById.get(l.linkId) : undefined;
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
    existing ??= s.linksByPair.get(pairKey(partner.id, event.id));
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
      const id = l.linkId && !s.linksById.has(l.linkId) ? l.linkId : newId();
      const ref: LinkRef = {
        id,
        organizationId: partner.id,
        eventId: event.id,
        updatedAt: `pending:${n}`,
        rec: null,
      };
      s.linksById.set(id, ref);
      s.linksByPair.set(pairKey(partner.id, event.id), ref);
      this.report.linksCreated++;
      if (m) {
        const amount =
          l.amount === undefined && l.packageTier
            ? (event.tiers.get(l.packageTier) ?? null)
            : (l.amount ?? null);
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
        ref.rec = { row: values, isNew: true, changed: new Set() };
        s.linkRecs.add(ref.rec);
        m.audit({ entity: 'link', entityId: id, action: 'create', after: { ...values } });
        ref.updatedAt = m.at;
      }
      return;
    }
    if (!m) {
      this.report.unchanged++; // a dry run cannot tell without reading; counted as unchanged
      return;
    }
    const rec = existing.rec!;
    const before = rec.row;
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
    m.audit({
      entity: 'link',
      entityId: existing.id,
      action: 'update',
      before: { ...before },
      after: { ...before, ...set },
    });
    this.touch(m, rec, set);
    s.linkRecs.add(rec);
    existing.updatedAt = m.at;
    this.report.linksUpdated++;
  }
}

export type { ImportIssue };
