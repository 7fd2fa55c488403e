/**
 * The Overview benchmark's data: 200 events over 5 years, 50k partners (each with a primary contact), 500k
 * partner–event links and 1M communications at scale 1 (`BENCH_SCALE` shrinks every count but the events).
 * Deterministic (seeded), dated around `BENCH_TODAY`, and written in large transactions: prepared
 * statements on a second SQLite connection, `INSERT … SELECT FROM unnest(arrays)` on PostgreSQL.
 */
import type { Config } from '../src/server/config';
import type { DbHandle } from '../src/server/db/connection';
import { Rng } from '../src/server/db/seed/random';
import { addDays } from '../src/shared/dates';
import { bulkWriter, uuid7, type Cell, type TableSpec } from './bulkWrite';

export const BENCH_TODAY = '2026-06-15';
const YEARS = [2022, 2023, 2024, 2025, 2026];
const EVENTS_PER_YEAR = 40;
const DAY = 86_400_000;

const STATUS_WEIGHTS: [string, number][] = [
  ['prospecting', 10],
  ['pitched', 12],
  ['reached_out', 15],
  ['shortlist', 8],
  ['in_conversation', 10],
  ['followed_up', 8],
  ['confirmed', 12],
  ['paid', 12],
  ['declined', 8],
  ['backed_out', 3],
  ['waiting_on_legal', 2],
];
const STATUS_TOTAL = STATUS_WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickStatus(rng: Rng): string {
  let r = rng.next() * STATUS_TOTAL;
  for (const [status, w] of STATUS_WEIGHTS) {
    if ((r -= w) < 0) return status;
  }
  return 'reached_out';
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayMs = (date: string) => Date.parse(`${date}T00:00:00.000Z`);

const ORGS: TableSpec = {
  table: 'organizations',
  columns: [
    ['id', 'text'],
    ['name', 'text'],
    ['name_key', 'text'],
    ['archived_at', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
};
const CONTACTS: TableSpec = {
  table: 'contacts',
  columns: [
    ['id', 'text'],
    ['organization_id', 'text'],
    ['first_name', 'text'],
    ['last_name', 'text'],
    ['is_primary', 'integer'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
};
const EVENTS: TableSpec = {
  table: 'events',
  columns: [
    ['id', 'text'],
    ['name', 'text'],
    ['year', 'integer'],
    ['outreach_start', 'text'],
    ['start_date', 'text'],
    ['end_date', 'text'],
    ['goal_amount', 'bigint'],
    ['currency', 'text'],
    ['archived_at', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
};
const LINKS: TableSpec = {
  table: 'links',
  columns: [
    ['id', 'text'],
    ['organization_id', 'text'],
    ['event_id', 'text'],
    ['status', 'text'],
    ['amount', 'bigint'],
    ['currency', 'text'],
    ['follow_up_date', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
};
const COMMS: TableSpec = {
  table: 'communications',
  columns: [
    ['id', 'text'],
    ['organization_id', 'text'],
    ['event_id', 'text'],
    ['subject', 'text'],
    ['occurred_at', 'text'],
    ['follow_up_date', 'text'],
    ['follow_up_done_at', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
};

export interface BenchEvent {
  id: string;
  year: number;
  archived: boolean;
}
export interface GeneratedData {
  events: BenchEvent[];
  counts: { partners: number; links: number; communications: number };
}

/** Fills an empty, migrated database. */
export async function generateOverviewData(
  config: Config,
  handle: DbHandle,
  scale: number,
  log: (line: string) => void,
): Promise<GeneratedData> {
  const rng = new Rng(20261115);
  const todayMs = dayMs(BENCH_TODAY);
  const partners = Math.max(100, Math.round(50_000 * scale));
  const linksPerEvent = Math.max(10, Math.round(2_500 * scale));
  const communications = Math.max(100, Math.round(1_000_000 * scale));
  const writer = bulkWriter(config, handle);
  const started = Date.now();
  const events: BenchEvent[] = [];
  try {
    const orgs: Cell[][] = [];
    const orgIds: string[] = [];
    const contacts: Cell[][] = [];
    for (let i = 0; i < partners; i++) {
      const ms = todayMs - rng.int(30, 2000) * DAY - rng.int(0, DAY);
      const at = iso(ms);
      const id = uuid7(ms, rng);
      orgIds.push(id);
      orgs.push([id, `Partner ${i}`, `partner${i}`, rng.chance(0.03) ? at : null, at, at]);
      contacts.push([uuid7(ms + 1, rng), id, `First${i % 997}`, `Last${i % 389}`, 1, at, at]);
    }
    await writer.write(ORGS, orgs);
    await writer.write(CONTACTS, contacts);

    const eventRows: Cell[][] = [];
    const eventDates: { start: number; end: number; outreach: number }[] = [];
    for (const year of YEARS) {
      for (let k = 0; k < EVENTS_PER_YEAR; k++) {
        const start = dayMs(`${year}-01-10`) + rng.int(0, 330) * DAY;
        const end = start + rng.int(0, 3) * DAY;
        const outreach = start - rng.int(60, 150) * DAY;
        const archived = year < 2026 && rng.chance(0.05);
        const d = (ms: number) => iso(ms).slice(0, 10);
        const at = iso(Math.min(todayMs, outreach));
        const goal = rng.chance(0.9) ? rng.int(20, 200) * 100_000 : null;
        const id = uuid7(Math.min(todayMs, outreach) - rng.int(0, DAY), rng);
        events.push({ id, year, archived });
        eventDates.push({ start, end, outreach });
        eventRows.push([
          id,
          `Event ${year}-${k}`,
          year,
          rng.chance(0.9) ? d(outreach) : null,
          d(start),
          d(end),
          goal,
          'CAD',
          archived ? at : null,
          at,
          at,
        ]);
      }
    }
    await writer.write(EVENTS, eventRows);

    const links: Cell[][] = [];
    let linkN = 0;
    for (const [e, event] of events.entries()) {
      const { outreach, end } = eventDates[e]!;
      const first = (e * 7919) % partners;
      const step = Math.max(1, Math.floor(partners / linksPerEvent) - 1) || 1;
      for (let k = 0; k < linksPerEvent; k++) {
        const org = (first + k * step) % partners;
        // Touched during outreach and shortly after the event; a link of an event still running was
        // touched at some point of the last two months.
        const planned = outreach + rng.next() * Math.max(DAY, end - outreach + 30 * DAY);
        const touched = planned <= todayMs ? planned : todayMs - rng.next() * 60 * DAY;
        const fu = rng.chance(0.3) ? iso(touched + rng.int(-10, 40) * DAY).slice(0, 10) : null;
        const created = touched - rng.int(0, 30) * DAY;
        linkN++;
        links.push([
          uuid7(created, rng),
          orgIds[org]!,
          event.id,
          pickStatus(rng),
          rng.chance(0.75) ? rng.int(10, 500) * 10_000 : null,
          'CAD',
          fu,
          iso(created),
          iso(touched),
        ]);
      }
    }
    await writer.write(LINKS, links);
    links.length = 0;
    log(`links ${linkN} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

    const fiveYears = todayMs - dayMs('2022-01-01');
    const weekAgo = addDays(BENCH_TODAY, -7);
    for (let start = 0; start < communications; start += 200_000) {
      const comms: Cell[][] = [];
      for (let i = start; i < Math.min(communications, start + 200_000); i++) {
        const occurred = todayMs - Math.floor(rng.next() * fiveYears) + rng.int(0, DAY - 1);
        const fu = rng.chance(0.2) ? iso(occurred + rng.int(3, 30) * DAY).slice(0, 10) : null;
        const done = fu && (fu < weekAgo ? rng.chance(0.8) : rng.chance(0.2));
        comms.push([
          uuid7(occurred, rng),
          orgIds[rng.int(0, partners - 1)]!,
          rng.chance(0.8) ? rng.pick(events).id : null,
          `Call ${i}`,
          iso(occurred),
          fu,
          done ? iso(occurred + 5 * DAY) : null,
          iso(occurred),
          iso(occurred),
        ]);
      }
      await writer.write(COMMS, comms);
    }
    log(`communications ${communications} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await writer.close();
  }
  return { events, counts: { partners, links: linksPerEvent * events.length, communications } };
}
