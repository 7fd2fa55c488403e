/**
 * Builds the partnerships row model (one row per partner × link, newest link first; a partner without links
 * gets one row) from the database, a page of partners at a time so large exports stay in bounded memory.
 */
import { EXCHANGE_COLUMNS, type ExchangeRow } from '../../../shared/exchange.schema';
import { minorDigits } from '../../../shared/money';
import { labelFromSlug, statusLabel } from '../../../shared/partnerships/statuses';
import type { Engine, Executor } from '../../db/connection';
import type { Actor } from '../../kernel/context';
import { applyScope } from '../../kernel/scope';
import {
  filtered,
  hasLinkFilter,
  liveLinks,
  PARTNER_SCOPE,
  primaryContacts,
  tagsOfRow,
  type PartnerFilter,
} from '../partners/repo';
import { contactName } from '../partners/present';

/** Minor units → "1500.00": plain digits a spreadsheet reads as a number and an import reads back. */
export function formatAmount(amount: number | null, currency: string): string {
  if (amount === null) return '';
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (digits === 0) return `${sign}${abs}`;
  return `${sign}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}

export const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

export interface ExportOptions {
  includeArchived: boolean;
  /**
   * The partner directory's filter (the same one its list applies): only matching partners are exported, and
   * when it filters on links (status, event, package tier) only the matching links become rows.
   */
  filter?: { engine: Engine; partners: Omit<PartnerFilter, 'includeArchived'> };
  pageSize?: number;
}

export async function* exportRows(
  db: Executor,
  actor: Actor,
  opts: ExportOptions,
): AsyncGenerator<ExchangeRow[]> {
  const pageSize = opts.pageSize ?? 1000;
  let after: { name: string; id: string } | null = null;
  const levels = new Map(
    (await db.selectFrom('partner_levels').select(['id', 'name']).execute()).map((l) => [l.id, l.name]),
  );
  const events = new Map(
    (await db.selectFrom('events').select(['id', 'name', 'year', 'notes']).execute()).map((e) => [e.id, e]),
  );
  const tierLabels = new Map(
    (await db.selectFrom('event_tiers').select(['event_id', 'key', 'label']).execute()).map((t) => [
      `${t.event_id}|${t.key}`,
      t.label,
    ]),
  );
  const linkFilter = opts.filter && hasLinkFilter(opts.filter.partners) ? opts.filter.partners : null;
  for (;;) {
    let q = opts.filter
      ? applyScope(
          filtered(db, opts.filter.engine, {
            ...opts.filter.partners,
            includeArchived: opts.includeArchived,
          }),
          actor,
          'partners',
          PARTNER_SCOPE,
        )
      : applyScope(
          db
            .selectFrom('organizations')
            .leftJoin('users as owner', 'owner.id', 'organizations.owner_id')
            .selectAll('organizations')
            .where('organizations.is_partner', '=', 1)
            .where('organizations.deleted_at', 'is', null),
          actor,
          'partners',
          PARTNER_SCOPE,
        );
    if (!opts.includeArchived) q = q.where('organizations.archived_at', 'is', null);
    if (after) {
      const a = after;
      q = q.where((eb) =>
        eb.or([
          eb('organizations.name', '>', a.name),
          eb.and([eb('organizations.name', '=', a.name), eb('organizations.id', '>', a.id)]),
        ]),
      );
    }
    const partners = await q
      .orderBy('organizations.name')
      .orderBy('organizations.id')
      .limit(pageSize)
      .execute();
    if (partners.length === 0) return;
    const ids = partners.map((p) => p.id);
    // The partner's live links matching the list's link filters: the partners list's own rule.
    const linkQuery = liveLinks(
      db.selectFrom('links').selectAll().where('organization_id', 'in', ids),
      linkFilter ?? {},
    );
    const [links, contacts] = await Promise.all([
      linkQuery.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute(),
      primaryContacts(db, ids),
    ]);
    const out: ExchangeRow[] = [];
    for (const p of partners) {
      const primary = contacts.get(p.id);
      const partnerCells: ExchangeRow = {
        company: p.name,
        contactName: primary ? contactName(primary) : '',
        contactRole: primary?.title ?? '',
        email: primary?.email || p.email,
        phone: primary?.phone || p.phone,
        tags: tagsOfRow(p).join(', '),
        alumniPartner: yesNo(p.is_alumni === 1),
        archived: yesNo(p.archived_at !== null),
        partnerTier: p.level_id ? (levels.get(p.level_id) ?? '') : '',
        partnerNotes: p.notes,
        linkedIn: p.linkedin,
        partnerId: p.id,
        partnerUpdatedAt: p.updated_at,
      };
      const mine = links.filter((l) => l.organization_id === p.id);
      if (mine.length === 0) out.push(partnerCells);
      for (const l of mine) {
        const ev = events.get(l.event_id);
        out.push({
          ...partnerCells,
          eventName: ev?.name ?? '',
          eventYear: ev ? String(ev.year) : '',
          status: statusLabel(l.status),
          eventRole: l.role,
          packageTier: l.package_tier
            ? (tierLabels.get(`${l.event_id}|${l.package_tier}`) ?? labelFromSlug(l.package_tier))
            : '',
          sponsorshipAmount: formatAmount(l.amount, l.currency),
          followUpDate: l.follow_up_date ?? '',
          eventNotes: l.notes,
          eventId: l.event_id,
          linkId: l.id,
          linkUpdatedAt: l.updated_at,
        });
      }
    }
    yield out;
    const last = partners.at(-1)!;
    after = { name: last.name, id: last.id };
    if (partners.length < pageSize) return;
  }
}

/** Header labels in column order; the amount header names the workspace currency. */
export function headerLabels(currency: string): string[] {
  return EXCHANGE_COLUMNS.map((c) => (c.key === 'sponsorshipAmount' ? `Amount (${currency})` : c.header));
}
