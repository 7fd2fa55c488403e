/** Reading the audit log: the Admin → Audit log list and per-record History panels. */
import type { z } from 'zod';
import type { AuditEntry, auditListQuerySchema } from '../../../shared/audit.schema';
import type { Page } from '../../../shared/common.schema';
import { can, type ModuleName, type Permission } from '../../../shared/permissions';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/types';
import { verifyAuditChain } from '../../kernel/audit';
import type { RelatedHistory } from '../../kernel/children';
import { SYSTEM_ACTOR, type Actor, type Kernel } from '../../kernel/context';
import { badRequest, forbidden } from '../../kernel/errors';

/** Which module's view permission lets a user read an entity's history. Modules add their entities here. */
export const ENTITY_MODULES: Record<string, ModuleName> = {
  user: 'users',
  role: 'roles',
  department: 'users',
  api_token: 'users',
  settings: 'settings',
  partner: 'partners',
  contact: 'consultants',
  partner_level: 'partners',
  account: 'accounts',
  case: 'cases',
  lead: 'leads',
  opportunity: 'opportunities',
  opportunity_stage: 'opportunities',
  activity: 'activities',
  event: 'events',
  link: 'links',
  communication: 'communications',
  document: 'documents',
  mail_template: 'communications',
  annual_goal: 'overview',
};

function present(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: Number(r.seq),
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action as AuditEntry['action'],
    changes: JSON.parse(r.changes) as AuditEntry['changes'],
  };
}

function encode(seq: number): string {
  return Buffer.from(`a:${seq}`).toString('base64url');
}
function decode(cursor: string): number {
  const m = /^a:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m)
    throw badRequest('The cursor is not valid for the audit log. Start again from the first page.', {
      cursor: 'is not valid',
    });
  return Number(m[1]);
}

/** Loads a record as the actor sees it and throws (404) when the actor may not see it. */
export type VisibilityCheck = (actor: Actor, entityId: string) => Promise<unknown>;

export class AuditService {
  private readonly visibility = new Map<string, VisibilityCheck>();
  private readonly related = new Map<string, RelatedHistory[]>();
  constructor(private readonly k: Kernel) {}

  /**
   * Modules whose records have a record scope register how to check it, so a History tab never shows the
   * changes of a record its reader may not see (audit readers see every history).
   */
  registerVisibility(entity: string, check: VisibilityCheck): void {
    this.visibility.set(entity, check);
  }

  /** Records whose changes a parent's History shows too (a partner's consultants, leads, links…). */
  registerRelated(parentEntity: string, related: RelatedHistory[]): void {
    this.related.set(parentEntity, [...(this.related.get(parentEntity) ?? []), ...related]);
  }

  /** Newest first; the sequence number is the keyset. */
  async list(query: z.infer<typeof auditListQuerySchema>): Promise<Page<AuditEntry>> {
    let q = this.k.db.selectFrom('audit_log').selectAll();
    if (query.entity) q = q.where('entity', '=', query.entity);
    if (query.entityId) q = q.where('entity_id', '=', query.entityId);
    if (query.actorId) q = q.where('actor_id', '=', query.actorId);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.from) q = q.where('at', '>=', `${query.from}T00:00:00.000Z`);
    // `to` is a whole UTC day: everything before the next day's first instant, its last millisecond included.
    if (query.to)
      q = q.where('at', '<', new Date(Date.parse(`${query.to}T00:00:00.000Z`) + 86_400_000).toISOString());
    if (query.q)
      q = q.where((eb) => eb.or([eb('actor_name', '=', query.q!), eb('entity_id', '=', query.q!)]));
    if (query.cursor) q = q.where('seq', '<', decode(query.cursor));
    const rows = await q
      .orderBy('seq', 'desc')
      .limit(query.limit + 1)
      .execute();
    const more = rows.length > query.limit;
    const kept = more ? rows.slice(0, query.limit) : rows;
    return { items: kept.map(present), nextCursor: more ? encode(Number(kept.at(-1)!.seq)) : null };
  }

  /**
   * A record's history, newest first; with `related`, the changes of its related records are woven in
   * (only the kinds the reader's role may view, only the records their scope shows), each naming its record.
   */
  async history(actor: Actor, entity: string, entityId: string, related = false): Promise<AuditEntry[]> {
    const module = ENTITY_MODULES[entity];
    if (!module) throw badRequest(`"${entity}" is not a kind of record with a history.`);
    const selfView = entity === 'user' && entityId === actor.userId;
    if (
      !selfView &&
      !can(actor.permissions, `${module}.view` as Permission) &&
      !can(actor.permissions, 'audit.view')
    ) {
      throw forbidden(`Your role does not allow you to view this ${entity}'s history.`);
    }
    const check = this.visibility.get(entity);
    if (check && !selfView && !can(actor.permissions, 'audit.view')) await check(actor, entityId);
    const auditor = can(actor.permissions, 'audit.view');
    const kinds = related
      ? (this.related.get(entity) ?? []).filter(
          (r) => auditor || can(actor.permissions, `${r.module}.view` as Permission),
        )
      : [];
    const db = this.k.db;
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('entity', '=', entity), eb('entity_id', '=', entityId)]),
          ...kinds.map((r) =>
            eb.and([
              eb('entity', '=', r.entity),
              eb('entity_id', 'in', r.visibleIds(db, auditor ? SYSTEM_ACTOR : actor, entityId)),
            ]),
          ),
        ]),
      )
      .orderBy('seq', 'desc')
      .limit(500)
      .execute();
    const entries = rows.map(present);
    for (const r of kinds) {
      const mine = entries.filter((e) => e.entity === r.entity);
      if (mine.length === 0) continue;
      const labels = await r.labels(db, [...new Set(mine.map((e) => e.entityId))]);
      for (const e of mine)
        e.subject = {
          entity: r.entity,
          noun: r.noun,
          label: labels.get(e.entityId) || `(${r.noun.toLowerCase()})`,
        };
    }
    return entries;
  }

  verify() {
    return verifyAuditChain(this.k.db);
  }
}
