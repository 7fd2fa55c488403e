/**
 * The partner lifecycle around the record: the duplicate check before save, the detail page's tab counts,
 * what a delete affects, the delete itself (the partner's records go to the trash with it or stay without
 * a partner, as the user chooses) and the trash, from which a partner and what went with it come back
 * within 30 days.
 */
import type { z } from 'zod';
import { emailDomain, websiteDomain } from '../../../shared/domains';
import {
  PARTNER_CHILD_KINDS,
  TRASH_DAYS,
  type DeleteImpact,
  type duplicateQuerySchema,
  type duplicatesSchema,
  type PartnerChildKind,
  type PartnerTabCounts,
  type trashItemSchema,
  type trashQuerySchema,
} from '../../../shared/partnerLifecycle.schema';
import type { Page } from '../../../shared/common.schema';
import { sql, type Expression } from 'kysely';
import type { Executor } from '../../db/connection';
import { tabCountOf, type ChildRecords } from '../../kernel/children';
import type { Actor, Kernel } from '../../kernel/context';
import { conflict, duplicate, notFound } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import { keyset, toPage } from '../../kernel/pagination';
import { inScope, type Visibility } from '../../kernel/scope';
import * as lrepo from './lifecycleRepo';
import * as repo from './repo';
import { assertChangeable, nameKey, type PartnersService } from './service';

const DAY = 86_400_000;
const TRASH_SORT = { key: 'deletedAt', column: 'organizations.deleted_at', direction: 'desc' as const };
type Counts = Record<PartnerChildKind, number>;

/** "3 consultants, 2 opportunities and 14 activities" (kinds with none left out). */
function summarise(counts: Counts): string {
  const one: Record<PartnerChildKind, string> = {
    consultants: 'consultant',
    accounts: 'managed account',
    cases: 'case',
    leads: 'lead',
    opportunities: 'opportunity',
    activities: 'sales activity',
  };
  const many: Record<PartnerChildKind, string> = {
    consultants: 'consultants',
    accounts: 'managed accounts',
    cases: 'cases',
    leads: 'leads',
    opportunities: 'opportunities',
    activities: 'sales activities',
  };
  const parts = PARTNER_CHILD_KINDS.filter((k) => counts[k] > 0).map(
    (k) => `${counts[k]} ${counts[k] === 1 ? one[k] : many[k]}`,
  );
  if (parts.length === 0) return 'nothing else';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export class PartnerLifecycleService {
  constructor(
    private readonly k: Kernel,
    private readonly partners: PartnersService,
    private readonly children: ChildRecords[],
    /** The partner's live comments, as a query selecting `n`. */
    private readonly commentCount: (db: Executor, partnerId: string) => Expression<unknown>,
  ) {}

  private child(kind: PartnerChildKind): ChildRecords {
    const c = this.children.find((x) => x.kind === kind);
    if (!c) throw new Error(`No child records registered for ${kind}`);
    return c;
  }

  /** Partners (and other organisations: names are unique across all) the new or edited one may duplicate. */
  async duplicates(
    actor: Actor,
    query: z.infer<typeof duplicateQuerySchema>,
  ): Promise<z.infer<typeof duplicatesSchema>> {
    const key = nameKey(query.name);
    const domains = [...new Set([websiteDomain(query.website), emailDomain(query.email)].filter(Boolean))];
    if (!key && domains.length === 0) return { items: [], hiddenCount: 0 };
    const rows = await lrepo.duplicateCandidates(this.k.db, key, domains, query.excludeId);
    const visible = rows.filter((r) =>
      inScope(actor, 'partners', r.owner_id, r.owner_department_id ?? null, r.visibility as Visibility),
    );
    return {
      items: visible.map((r) => ({
        id: r.id,
        name: r.name,
        link: r.is_partner ? `/partners/${r.id}` : `/accounts/${r.id}`,
        reasons: [
          ...(key && r.name_key === key ? (['name'] as const) : []),
          ...(r.website_domain && domains.includes(r.website_domain) ? (['website_domain'] as const) : []),
          ...(r.email_domain && domains.includes(r.email_domain) ? (['email_domain'] as const) : []),
        ],
        archived: r.archived_at !== null,
      })),
      hiddenCount: rows.length - visible.length,
    };
  }

  /** The detail page's tab counts: what the caller sees on each tab and how many more its scope hides. */
  /**
   * Every tab in one round trip, beside the visibility check; the counts go out only if it passes. A caller
   * that reads the partner for the same actor in the same answer (the detail with=counts) has made that
   * check already and passes `visibleChecked`.
   */
  async tabCounts(actor: Actor, id: string, visibleChecked = false): Promise<PartnerTabCounts> {
    const db = this.k.db;
    const tab = (i: number) => sql.id(`tab${i}`);
    const [visible, counts] = await Promise.all([
      visibleChecked || this.partners.visibleRow(db, actor, id),
      sql<Record<string, unknown>>`SELECT ${sql.join(
        PARTNER_CHILD_KINDS.flatMap((_, i) => [
          sql`${tab(i)}.total AS ${sql.id(`total${i}`)}`,
          sql`${tab(i)}.visible AS ${sql.id(`visible${i}`)}`,
        ]),
      )}, (${this.commentCount(db, id)}) AS comments FROM ${sql.join(
        PARTNER_CHILD_KINDS.map(
          (kind, i) => sql`(${this.child(kind).tabCountQuery(db, actor, id)}) AS ${tab(i)}`,
        ),
        sql` CROSS JOIN `,
      )}`.execute(db),
    ]);
    if (!visible) throw notFound('That partner');
    const r = counts.rows[0]!;
    return {
      ...(Object.fromEntries(
        PARTNER_CHILD_KINDS.map((kind, i) => [
          kind,
          tabCountOf({ total: r[`total${i}`], visible: r[`visible${i}`] }),
        ]),
      ) as Omit<PartnerTabCounts, 'comments'>),
      comments: Number(r.comments),
    };
  }

  private async countAll(db: Parameters<ChildRecords['countAll']>[0], id: string): Promise<Counts> {
    const n = await Promise.all(PARTNER_CHILD_KINDS.map((kind) => this.child(kind).countAll(db, id)));
    return Object.fromEntries(PARTNER_CHILD_KINDS.map((kind, i) => [kind, n[i]!])) as Counts;
  }

  /** What deleting the partner affects: every live record of it, including those the caller cannot see. */
  async impact(actor: Actor, id: string): Promise<DeleteImpact> {
    const row = await this.partners.changeableRow(this.k.db, actor, id);
    const counts = await this.countAll(this.k.db, id);
    return {
      partnerId: id,
      name: row.name,
      counts,
      alwaysDeleted: PARTNER_CHILD_KINDS.filter((kind) => !this.child(kind).canUnlink),
      summary: summarise(counts),
    };
  }

  /** Soft-deletes the partner; its records go to the trash with it (`delete`) or lose their partner (`unlink`). */
  async remove(actor: Actor, id: string, related: 'delete' | 'unlink'): Promise<DeleteImpact> {
    return mutate(this.k, actor, async (m) => {
      const row = await this.partners.changeableRow(m.tx, actor, id);
      const counts = await this.countAll(m.tx, id);
      const unlinked: Record<string, string[]> = {};
      for (const kind of PARTNER_CHILD_KINDS) {
        const ids = await this.child(kind).detach(m, id, related);
        if (ids.length) unlinked[kind] = ids;
      }
      await m.tx
        .updateTable('organizations')
        .set({ deleted_at: m.at, updated_at: m.at, version: row.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      await m.tx
        .insertInto('partner_deletions')
        .values({
          id: newId(),
          organization_id: id,
          deleted_at: m.at,
          deleted_by: actor.userId,
          related,
          counts: JSON.stringify(counts),
          unlinked: JSON.stringify(unlinked),
          restored_at: null,
          restored_by: null,
        })
        .execute();
      m.audit({
        entity: 'partner',
        entityId: id,
        action: 'delete',
        before: { deleted_at: null },
        after: { deleted_at: m.at, related },
      });
      m.emit({ type: 'partner.deleted', entity: 'partner', entityId: id, payload: { related, counts } });
      return {
        partnerId: id,
        name: row.name,
        counts,
        alwaysDeleted: PARTNER_CHILD_KINDS.filter((kind) => !this.child(kind).canUnlink),
        summary: summarise(counts),
      };
    });
  }

  private cutoff(): string {
    return new Date(this.k.clock.now().getTime() - TRASH_DAYS * DAY).toISOString();
  }

  /** Deleted partners the caller may see, from the last 30 days, newest first. */
  async trash(
    actor: Actor,
    query: z.infer<typeof trashQuerySchema>,
  ): Promise<Page<z.infer<typeof trashItemSchema>>> {
    const q = lrepo.trashed(this.k.db, actor, this.cutoff(), query.q ? nameKey(query.q) : undefined);
    const rows = await keyset(q, TRASH_SORT, 'organizations.id', query.cursor, query.limit).execute();
    const empty = Object.fromEntries(PARTNER_CHILD_KINDS.map((k) => [k, 0])) as Counts;
    return toPage(
      rows,
      query.limit,
      TRASH_SORT,
      (r) => r.deleted_at,
      (r) => r.id,
      (r) => ({
        id: r.id,
        name: r.name,
        deletedAt: r.deleted_at!,
        deletedByName: r.deleted_by_name ?? null,
        related: (r.related ?? 'delete') as 'delete' | 'unlink',
        counts: { ...empty, ...(r.counts ? (JSON.parse(r.counts) as Partial<Counts>) : {}) },
        restorableUntil: new Date(Date.parse(r.deleted_at!) + TRASH_DAYS * DAY).toISOString(),
      }),
    );
  }

  /** Brings a partner back from the trash with everything its delete took or unlinked. */
  async restore(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const row = await repo.getPartner(m.tx, actor, id);
      if (!row || !row.deleted_at) throw notFound('That partner in the trash');
      assertChangeable(actor, row);
      if (row.deleted_at < this.cutoff())
        throw conflict(
          `${row.name} was deleted more than ${TRASH_DAYS} days ago and can no longer be restored.`,
          'trash_expired',
        );
      const taken = await repo.findByNameKey(m.tx, row.name_key);
      if (taken)
        throw duplicate(
          `A partner named "${taken.name}" was created since ${row.name} was deleted; rename one of them first.`,
          'duplicate_partner',
          taken.id,
        );
      const deletion = await lrepo.deletionOf(m.tx, id, row.deleted_at);
      const unlinked = deletion ? (JSON.parse(deletion.unlinked) as Record<string, string[]>) : {};
      await m.tx
        .updateTable('organizations')
        .set({ deleted_at: null, updated_at: m.at, version: row.version + 1, updated_by: actor.userId })
        .where('id', '=', id)
        .execute();
      for (const kind of PARTNER_CHILD_KINDS)
        await this.child(kind).reattach(m, id, row.deleted_at, unlinked[kind] ?? []);
      if (deletion)
        await m.tx
          .updateTable('partner_deletions')
          .set({ restored_at: m.at, restored_by: actor.userId })
          .where('id', '=', deletion.id)
          .execute();
      m.audit({
        entity: 'partner',
        entityId: id,
        action: 'restore',
        before: { deleted_at: row.deleted_at },
        after: { deleted_at: null },
      });
      m.emit({ type: 'partner.undeleted', entity: 'partner', entityId: id });
    });
  }
}
