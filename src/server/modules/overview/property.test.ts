/**
 * Property test: for a few hundred seeded random workspaces, clocks, time zones and scopes, the Overview the
 * API computes (aggregated in SQL) equals the plain in-memory computation of test/overviewModel.ts.
 * The suite runs 150 fixed cases; for a longer search, `PROP_CASES=3000 PROP_SEED=<another start>` runs more
 * (a failure names its seed; `PROP_SEED=<that seed> PROP_CASES=1` replays it).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, DAY_MS } from '../../../shared/dates';
import type { OverviewQuery } from '../../../shared/overview.schema';
import { CANONICAL_STATUSES } from '../../../shared/partnerships/statuses';
import { Rng } from '../../db/seed/random';
import { newId } from '../../kernel/ids';
import { engineUnderTest, startTestApp, type Client, type TestApp } from '../../test/harness';
import { modelOverview, type ModelData } from '../../test/overviewModel';

const CASES = Number(process.env.PROP_CASES ?? 150);
const FIRST_SEED = Number(process.env.PROP_SEED ?? 1000);
const QUERIES_PER_CASE = 3;
const ZONES = ['UTC', 'America/Vancouver', 'Asia/Tokyo', 'Europe/Berlin'];
const STATUSES = [...CANONICAL_STATUSES, 'waiting_on_legal'];

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  // The clock jumps around from case to case: keep the session from going idle (or being touched).
  const never = '9999-12-31T00:00:00.000Z';
  await t.accord.kernel.db.updateTable('sessions').set({ expires_at: never, last_seen_at: never }).execute();
});
afterAll(async () => t?.close());

/** A small random workspace around `now`: some events archived or deleted, links and follow-ups near today. */
function generate(rng: Rng, now: number): ModelData {
  const today = new Date(now).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const maybe = <T>(p: number, value: () => T): T | null => (rng.chance(p) ? value() : null);
  const date = (spread: number) => addDays(today, rng.int(-spread, spread));
  const instant = (spread: number) =>
    new Date(now - Math.floor(rng.next() * spread * DAY_MS) + rng.int(-1, 1) * DAY_MS).toISOString();
  // A busy case has more items of one kind than the shortest list, so that kind's SQL order decides what
  // is listed: dated link follow-ups, stale links, or communication follow-ups.
  const busy = rng.pick([null, null, 'dated', 'stale', 'comms'] as const);
  const dated = busy === 'dated' ? 0.9 : busy === 'stale' ? 0.05 : 0.5;
  const organizations = Array.from({ length: rng.int(1, busy ? 40 : 6) }, (_v, i) => ({
    id: newId(),
    name: `Org ${i}`,
    archived: rng.chance(0.2),
    deleted: rng.chance(0.1),
  }));
  const contacts = organizations.flatMap((o) =>
    Array.from({ length: rng.int(0, 2) }, (_v, i) => ({
      id: newId(),
      orgId: o.id,
      first: rng.pick(['Ann', 'Bob', '']),
      last: rng.pick(['Lee', '']),
      primary: rng.chance(0.5),
      createdAt: new Date(now - i * 1000).toISOString(),
    })),
  );
  const events = Array.from({ length: rng.int(busy ? 1 : 0, busy ? 3 : 6) }, () => {
    const start = maybe(0.6, () => date(60));
    const end = start && maybe(0.8, () => addDays(start, rng.int(0, 20)));
    return {
      id: newId(),
      name: rng.pick(['Alpha', 'Beta', 'Gamma', 'Alpha']),
      year: year + rng.int(-1, 1),
      outreachStart: end ? maybe(0.5, () => addDays(end, -rng.int(0, 90))) : null,
      startDate: start,
      endDate: end,
      goal: rng.pick([null, 0, rng.int(1, 50) * 10_000]),
      archived: rng.chance(0.25),
      deleted: rng.chance(0.1),
      updatedAt: instant(60),
    };
  });
  const pairs = new Set<string>();
  const links = events.length
    ? Array.from({ length: rng.int(0, busy === 'comms' ? 4 : busy ? 80 : 25) }, () => {
        const org = rng.pick(organizations);
        const event = rng.pick(events);
        const orgContacts = contacts.filter((c) => c.orgId === org.id);
        return {
          id: newId(),
          orgId: org.id,
          eventId: event.id,
          status: rng.pick(STATUSES),
          amount: maybe(0.8, () => rng.int(0, 100) * 1_000),
          followUpDate: maybe(dated, () => date(40)),
          contactId: orgContacts.length && rng.chance(0.5) ? rng.pick(orgContacts).id : null,
          updatedAt: instant(busy ? 90 : 45),
          version: rng.int(1, 3),
        };
      }).filter((l) => !pairs.has(`${l.orgId}/${l.eventId}`) && !!pairs.add(`${l.orgId}/${l.eventId}`))
    : [];
  const communications = Array.from({ length: rng.int(0, busy === 'comms' ? 40 : busy ? 2 : 8) }, () => {
    const org = rng.pick(organizations);
    return {
      id: newId(),
      orgId: org.id,
      eventId: events.length && rng.chance(0.7) ? rng.pick(events).id : null,
      subject: rng.pick(['', 'Call']),
      // Busy communications share few dates, so their order among equal dates matters too.
      followUpDate: maybe(0.8, () => date(busy === 'comms' ? 3 : 30)),
      done: rng.chance(0.2),
      deleted: rng.chance(0.1),
      contactId: null,
      updatedAt: instant(30),
      version: 1,
    };
  });
  const annualGoals = rng.chance(0.3)
    ? [{ year: year + rng.int(-1, 1), amount: rng.int(0, 100) * 10_000 }]
    : [];
  return { organizations, contacts, events, links, communications, annualGoals };
}

async function store(d: ModelData, timeZone: string, at: string): Promise<void> {
  await t.accord.kernel.db.transaction().execute(async (tx) => {
    // Throwaway data: PostgreSQL need not wait for the disk.
    if (engineUnderTest() === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(tx);
    for (const table of [
      'communications',
      'links',
      'contacts',
      'events',
      'organizations',
      'annual_goals',
    ] as const)
      await tx.deleteFrom(table).execute();
    await tx.deleteFrom('settings').where('key', '=', 'workspace').execute();
    await tx
      .insertInto('settings')
      .values({ key: 'workspace', value: JSON.stringify({ timeZone }), updated_at: at, version: 1 })
      .execute();
    const rows = <T>(table: string, list: T[], row: (x: T) => Record<string, unknown>) =>
      list.length
        ? tx
            .insertInto(table as 'links')
            .values(list.map(row) as never[])
            .execute()
        : undefined;
    const record = { created_at: at, version: 1, updated_by: null };
    await rows('organizations', d.organizations, (o) => ({
      ...record,
      id: o.id,
      name: o.name,
      name_key: o.id,
      archived_at: o.archived ? at : null,
      deleted_at: o.deleted ? at : null,
      updated_at: at,
    }));
    await rows('contacts', d.contacts, (c) => ({
      ...record,
      id: c.id,
      organization_id: c.orgId,
      first_name: c.first,
      last_name: c.last,
      is_primary: c.primary ? 1 : 0,
      created_at: c.createdAt,
      updated_at: at,
    }));
    await rows('events', d.events, (e) => ({
      ...record,
      id: e.id,
      name: e.name,
      year: e.year,
      outreach_start: e.outreachStart,
      start_date: e.startDate,
      end_date: e.endDate,
      goal_amount: e.goal,
      currency: 'CAD',
      archived_at: e.archived ? at : null,
      deleted_at: e.deleted ? at : null,
      updated_at: e.updatedAt,
    }));
    await rows('links', d.links, (l) => ({
      ...record,
      id: l.id,
      organization_id: l.orgId,
      event_id: l.eventId,
      status: l.status,
      amount: l.amount,
      currency: 'CAD',
      follow_up_date: l.followUpDate,
      contact_id: l.contactId,
      updated_at: l.updatedAt,
      version: l.version,
    }));
    await rows('communications', d.communications, (c) => ({
      ...record,
      id: c.id,
      organization_id: c.orgId,
      event_id: c.eventId,
      subject: c.subject,
      occurred_at: at,
      follow_up_date: c.followUpDate,
      follow_up_done_at: c.done ? at : null,
      deleted_at: c.deleted ? at : null,
      updated_at: c.updatedAt,
    }));
    await rows('annual_goals', d.annualGoals, (g) => ({
      year: g.year,
      amount: g.amount,
      currency: 'CAD',
      updated_at: at,
      version: 1,
    }));
  });
}

/**
 * Edits, soft-deletes, restores and removes some of the stored links in place, mirroring each change in `d`
 * (a soft-deleted link leaves the model), so the trigger-kept per-event figures (db/linkStats.ts) are
 * checked after every kind of write, not only after inserts.
 */
async function mutate(rng: Rng, d: ModelData, now: number): Promise<void> {
  if (d.links.length === 0) return;
  const db = t.accord.kernel.db;
  const today = new Date(now).toISOString().slice(0, 10);
  // Soft-deleted links keep their (partner, event) pair taken.
  const taken = d.links.map((l) => ({ orgId: l.orgId, eventId: l.eventId }));
  // An event moved to another year takes its partners with it (the per-year partner counts).
  if (d.events.length && rng.chance(0.3)) {
    const event = rng.pick(d.events);
    event.year += rng.pick([-1, 1]);
    await db.updateTable('events').set({ year: event.year }).where('id', '=', event.id).execute();
  }
  // Partners archived, restored from the archive, soft-deleted and back, and (without links) removed:
  // the trigger-kept partner counts (migration 0014).
  for (let i = rng.int(0, 3); i > 0 && d.organizations.length > 0; i--) {
    const org = rng.pick(d.organizations);
    const at = new Date(now).toISOString();
    const kind = rng.pick(['archive', 'softDelete', 'remove'] as const);
    const orgs = db.updateTable('organizations').where('id', '=', org.id);
    if (kind === 'archive') {
      org.archived = !org.archived;
      await orgs.set({ archived_at: org.archived ? at : null }).execute();
    } else if (kind === 'softDelete') {
      org.deleted = !org.deleted;
      await orgs.set({ deleted_at: org.deleted ? at : null }).execute();
    } else if (
      !(await db.selectFrom('links').select('id').where('organization_id', '=', org.id).executeTakeFirst()) &&
      !(await db
        .selectFrom('communications')
        .select('id')
        .where('organization_id', '=', org.id)
        .executeTakeFirst())
    ) {
      await db.deleteFrom('contacts').where('organization_id', '=', org.id).execute();
      await db.deleteFrom('organizations').where('id', '=', org.id).execute();
      d.organizations = d.organizations.filter((o) => o !== org);
      d.contacts = d.contacts.filter((c) => c.orgId !== org.id);
    }
  }
  for (let i = rng.int(0, 6); i > 0 && d.links.length > 0; i--) {
    const link = rng.pick(d.links);
    const updatedAt = new Date(now - rng.int(0, 60) * DAY_MS).toISOString();
    const kind = rng.pick([
      'status',
      'amount',
      'followUp',
      'event',
      'softDelete',
      'restore',
      'remove',
    ] as const);
    if (kind === 'remove') {
      await db.deleteFrom('links').where('id', '=', link.id).execute();
      d.links = d.links.filter((l) => l !== link);
    } else if (kind === 'softDelete' || kind === 'restore') {
      await db
        .updateTable('links')
        .set({ deleted_at: updatedAt, updated_at: updatedAt })
        .where('id', '=', link.id)
        .execute();
      if (kind === 'softDelete') d.links = d.links.filter((l) => l !== link);
      else {
        await db.updateTable('links').set({ deleted_at: null }).where('id', '=', link.id).execute();
        link.updatedAt = updatedAt;
      }
    } else if (kind === 'event') {
      const free = d.events.filter((e) => !taken.some((l) => l.orgId === link.orgId && l.eventId === e.id));
      if (free.length === 0) continue;
      link.eventId = rng.pick(free).id;
      taken.push({ orgId: link.orgId, eventId: link.eventId });
      link.updatedAt = updatedAt;
      await db
        .updateTable('links')
        .set({ event_id: link.eventId, updated_at: updatedAt })
        .where('id', '=', link.id)
        .execute();
    } else {
      if (kind === 'status') link.status = rng.pick(STATUSES);
      if (kind === 'amount') link.amount = rng.chance(0.2) ? null : rng.int(0, 100) * 1_000;
      if (kind === 'followUp') link.followUpDate = rng.chance(0.4) ? null : addDays(today, rng.int(-40, 40));
      link.updatedAt = updatedAt;
      await db
        .updateTable('links')
        .set({
          status: link.status,
          amount: link.amount,
          follow_up_date: link.followUpDate,
          updated_at: updatedAt,
        })
        .where('id', '=', link.id)
        .execute();
    }
  }
}

function randomQuery(rng: Rng, d: ModelData, year: number): OverviewQuery {
  const q: Record<string, string> = {};
  const year_ = rng.pick([null, 'all', 'auto', String(year - 1), String(year), String(year + 1), 'junk']);
  if (year_ !== null) q.year = year_;
  if (rng.chance(0.3)) q.eventId = d.events.length && rng.chance(0.8) ? rng.pick(d.events).id : newId();
  if (rng.chance(0.4)) q.includeArchived = rng.pick(['true', 'TRUE', 'false', 'x']);
  if (rng.chance(0.5)) q.windowDays = rng.pick(['7', '14', '30', '45', '90', '', '3']);
  if (rng.chance(0.5)) q.actionLimit = '10';
  return q;
}

describe('overview property', () => {
  it(
    `equals the in-memory computation for ${CASES} random workspaces × ${QUERIES_PER_CASE} scopes`,
    async () => {
      for (let n = 0; n < CASES; n++) {
        const rng = new Rng(FIRST_SEED + n);
        const now = Date.UTC(
          2025 + rng.int(0, 2),
          rng.int(0, 11),
          rng.int(1, 28),
          rng.int(0, 23),
          rng.int(0, 59),
        );
        const timeZone = rng.pick(ZONES);
        const data = generate(rng, now);
        t.clock.set(new Date(now));
        await store(data, timeZone, new Date(now).toISOString());
        await mutate(rng, data, now);
        for (let k = 0; k < QUERIES_PER_CASE; k++) {
          const query = randomQuery(rng, data, new Date(now).getUTCFullYear());
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const res = await admin.get(`/api/v1/partnerships/overview?${qs}`);
          expect(res.status, res.text).toBe(200);
          expect(
            res.body,
            `case ${n} (seed ${FIRST_SEED + n}), ${timeZone}, ${new Date(now).toISOString()}, ?${qs}`,
          ).toEqual(modelOverview(data, query, new Date(now), timeZone));
        }
      }
    },
    Math.max(120_000, CASES * 800),
  ); // seconds on a quiet machine, much longer on a busy CI runner
});
