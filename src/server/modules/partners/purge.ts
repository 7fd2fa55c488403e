/**
 * The end of the trash: a partner deleted more than TRASH_DAYS ago can no longer be restored, so the nightly
 * purge erases it for good, with what can only live with it: its consultants, event involvements,
 * communications and documents, the records that went to the trash with it (leads, opportunities, cases,
 * activities, managed accounts, and theirs in turn) and comments on all of them. Live records that still
 * point at an erased one (an opportunity naming an erased consultant, a lead unlinked at delete time) keep
 * living with that reference cleared. The audit log keeps the history; one row per erased organisation
 * says when and what went.
 */
import type { Kysely } from 'kysely';
import { TRASH_DAYS } from '../../../shared/partnerLifecycle.schema';
import type { Tx } from '../../db/connection';
import { SYSTEM_ACTOR, type Kernel } from '../../kernel/context';
import { mutate, type MutationScope } from '../../kernel/mutation';

const DAY = 86_400_000;
const CHUNK = 400;
// Tables are picked at run time below; each name and column here is a real one.
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Erased {
  organizations: string[];
  contacts: string[];
  links: string[];
  communications: string[];
  documents: string[];
  leads: string[];
  opportunities: string[];
  cases: string[];
  sales_activities: string[];
}

/** Nullable references into an erased set: cleared on the records that stay. */
const REFERENCES: [table: string, column: string, target: keyof Erased, entity: string][] = [
  ['organizations', 'managed_by_id', 'organizations', 'account'],
  ['opportunities', 'partner_id', 'organizations', 'opportunity'],
  ['opportunities', 'account_id', 'organizations', 'opportunity'],
  ['opportunities', 'contact_id', 'contacts', 'opportunity'],
  ['leads', 'partner_id', 'organizations', 'lead'],
  ['leads', 'converted_organization_id', 'organizations', 'lead'],
  ['leads', 'converted_contact_id', 'contacts', 'lead'],
  ['leads', 'converted_opportunity_id', 'opportunities', 'lead'],
  ['cases', 'organization_id', 'organizations', 'case'],
  ['cases', 'account_id', 'organizations', 'case'],
  ['cases', 'contact_id', 'contacts', 'case'],
  ['sales_activities', 'partner_id', 'organizations', 'activity'],
  ['sales_activities', 'contact_id', 'contacts', 'activity'],
  ['sales_activities', 'lead_id', 'leads', 'activity'],
  ['sales_activities', 'opportunity_id', 'opportunities', 'activity'],
  ['links', 'contact_id', 'contacts', 'link'],
  ['communications', 'contact_id', 'contacts', 'communication'],
];

/** Children first, so no foreign key ever points at a row already gone. */
const DELETE_ORDER: (keyof Erased)[] = [
  'sales_activities',
  'leads',
  'opportunities',
  'cases',
  'communications',
  'documents',
  'links',
  'contacts',
];

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function idsWhere(
  tx: Tx,
  table: string,
  column: string,
  parents: string[],
  trashedOnly: boolean,
): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(parents)) {
    let q = (tx as unknown as AnyDb).selectFrom(table).select('id').where(column, 'in', part);
    if (trashedOnly) q = q.where('deleted_at', 'is not', null);
    out.push(...((await q.execute()) as { id: string }[]).map((r) => r.id));
  }
  return out;
}

/** Everything that goes with the organisation: what cannot live without it, and what is in the trash. */
async function collect(tx: Tx, rootId: string): Promise<Erased> {
  const orgs = [rootId];
  // Managed accounts that went to the trash with it, and the accounts they manage, and so on.
  for (let frontier = [rootId]; frontier.length;) {
    frontier = (await idsWhere(tx, 'organizations', 'managed_by_id', frontier, true)).filter(
      (id) => !orgs.includes(id),
    );
    orgs.push(...frontier);
  }
  const trashed = async (table: string, columns: string[]) => [
    ...new Set((await Promise.all(columns.map((c) => idsWhere(tx, table, c, orgs, true)))).flat()),
  ];
  return {
    organizations: orgs,
    contacts: await idsWhere(tx, 'contacts', 'organization_id', orgs, false),
    links: await idsWhere(tx, 'links', 'organization_id', orgs, false),
    communications: await idsWhere(tx, 'communications', 'organization_id', orgs, false),
    documents: await idsWhere(tx, 'documents', 'organization_id', orgs, false),
    leads: await trashed('leads', ['partner_id']),
    opportunities: await trashed('opportunities', ['partner_id', 'account_id']),
    cases: await trashed('cases', ['organization_id', 'account_id']),
    sales_activities: await trashed('sales_activities', ['partner_id']),
  };
}

async function eraseOne(m: MutationScope, id: string, deletedAt: string): Promise<number> {
  const db = m.tx as unknown as AnyDb;
  const erased = await collect(m.tx, id);
  const all = new Set(Object.values(erased).flat());
  // Records that stay lose their reference to what goes (audited: their history shows it).
  for (const [table, column, target, entity] of REFERENCES) {
    for (const part of chunks(erased[target])) {
      const staying = (
        (await db.selectFrom(table).select(['id', column]).where(column, 'in', part).execute()) as Record<
          string,
          string
        >[]
      ).filter((r) => !all.has(r.id!));
      for (const rows of chunks(staying.map((r) => r.id!)))
        await db
          .updateTable(table)
          .set({ [column]: null })
          .where('id', 'in', rows)
          .execute();
      for (const r of staying)
        m.audit({
          entity,
          entityId: r.id!,
          action: 'update',
          before: { [column]: r[column] },
          after: { [column]: null },
        });
    }
  }
  const ids = [...all];
  for (const part of chunks(ids)) {
    await db.deleteFrom('comments').where('entity_id', 'in', part).execute();
    await db.deleteFrom('imported_rows').where('record_id', 'in', part).execute();
  }
  for (const table of DELETE_ORDER)
    for (const part of chunks(erased[table])) await db.deleteFrom(table).where('id', 'in', part).execute();
  for (const part of chunks(erased.organizations)) {
    await db.deleteFrom('organization_tags').where('organization_id', 'in', part).execute();
    await db.deleteFrom('partner_deletions').where('organization_id', 'in', part).execute();
  }
  // Accounts before the partner that managed them, which they still point at.
  for (const part of chunks([...erased.organizations].reverse()))
    await db.deleteFrom('organizations').where('id', 'in', part).execute();
  const counts = Object.fromEntries(
    Object.entries(erased)
      .map(([k, v]) => [k, (v as string[]).length - (k === 'organizations' ? 1 : 0)] as const)
      .filter(([, n]) => n > 0),
  );
  m.audit({
    entity: 'partner',
    entityId: id,
    action: 'delete',
    before: { deleted_at: deletedAt },
    after: { purged_at: m.at, erased: counts },
  });
  m.emit({ type: 'partner.purged', entity: 'partner', entityId: id, payload: { counts } });
  return all.size;
}

/**
 * Erases the partners deleted before `now` − TRASH_DAYS, one transaction each, at most `limit` per run
 * (the next night takes the rest). Returns how many partners and records in all went.
 */
export async function purgeExpiredPartners(
  k: Kernel,
  now: Date,
  limit = 500,
): Promise<{ partners: number; records: number }> {
  const cutoff = new Date(now.getTime() - TRASH_DAYS * DAY).toISOString();
  const due = await k.db
    .selectFrom('organizations')
    .select(['id', 'deleted_at'])
    .where('is_partner', '=', 1)
    .where('deleted_at', 'is not', null)
    .where('deleted_at', '<', cutoff)
    .orderBy('deleted_at')
    .limit(limit)
    .execute();
  let records = 0;
  for (const row of due) {
    records += await mutate(k, SYSTEM_ACTOR, async (m) => {
      // Restored or purged by another process since the list was read: nothing to do.
      const still = await m.tx
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', row.id)
        .where('deleted_at', '=', row.deleted_at)
        .executeTakeFirst();
      return still ? eraseOne(m, row.id, row.deleted_at!) : 0;
    });
  }
  return { partners: due.length, records };
}
