/**
 * The partner management benchmark's data: 100k partners with tags, 300k consultants, 1M sales activities,
 * and 100k deals, 50k leads, 30k cases at scale 1 (`BENCH_SCALE` shrinks every count), owned by 40 sales
 * agents in four departments. Deterministic (seeded) and dated before `BENCH_TODAY`.
 */
import type { Config } from '../src/server/config';
import type { DbHandle } from '../src/server/db/connection';
import { Rng } from '../src/server/db/seed/random';
import { stages } from '../src/server/modules/opportunities/repo';
import { bulkWriter, uuid7, type Cell, type TableSpec } from './bulkWrite';

export const BENCH_TODAY = '2026-06-15';
const DAY = 86_400_000;
const COUNTRIES = ['CA', 'CA', 'CA', 'US', 'US', 'GB', 'DE', 'FR'];
const CITIES: Record<string, string[]> = {
  CA: ['Toronto', 'Montréal', 'Vancouver', 'Ottawa'],
  US: ['Boston', 'Seattle', 'Austin'],
  GB: ['London', 'Leeds'],
  DE: ['Berlin', 'Munich'],
  FR: ['Paris', 'Lyon'],
};
const INDUSTRIES = ['Technology', 'Finance', 'Healthcare', 'Energy', 'Retail', 'Media'];
const TAGS = ['fintech', 'ai', 'climate', 'returning', 'enterprise', 'startup', 'university', 'in-kind'];
const TYPES = ['call', 'meeting', 'email', 'task', 'note'];

const spec = (table: string, ...columns: TableSpec['columns']): TableSpec => ({ table, columns });
const text = (...names: string[]) => names.map((n): [string, 'text'] => [n, 'text']);
const ORGS = spec(
  'organizations',
  ...text(
    'id',
    'name',
    'name_key',
    'level_id',
    'status',
    'country',
    'city',
    'industry',
    'email',
    'email_domain',
  ),
  ...text('website', 'website_domain', 'owner_id', 'visibility', 'archived_at', 'created_at', 'updated_at'),
);
const TAGS_SPEC = spec('organization_tags', ...text('organization_id', 'tag', 'tag_key'));
const CONTACTS = spec(
  'contacts',
  ...text(
    'id',
    'organization_id',
    'first_name',
    'last_name',
    'email',
    'owner_id',
    'created_at',
    'updated_at',
  ),
  ['is_primary', 'integer'],
);
const ACTIVITIES = spec(
  'sales_activities',
  ...text('id', 'type', 'subject', 'occurred_at', 'owner_id', 'partner_id', 'created_at', 'updated_at'),
);
const DEALS = spec(
  'opportunities',
  ...text(
    'id',
    'name',
    'partner_id',
    'currency',
    'stage_id',
    'expected_close_date',
    'owner_id',
    'created_at',
    'updated_at',
  ),
  ['amount', 'bigint'],
  ['probability', 'integer'],
);
const LEADS = spec(
  'leads',
  ...text('id', 'name', 'partner_id', 'currency', 'owner_id', 'created_at', 'updated_at'),
);
const CASES = spec(
  'cases',
  ...text('id', 'subject', 'organization_id', 'owner_id', 'assignee_id', 'created_at', 'updated_at'),
);

export interface PartnersData {
  counts: {
    partners: number;
    consultants: number;
    activities: number;
    deals: number;
    leads: number;
    cases: number;
  };
  /** Partners to open the detail of, spread over the table. */
  samplePartners: string[];
  levelIds: string[];
}

/** Fills a migrated database that has its roles, levels and the owners given (user id, department). */
export async function generatePartnersData(
  config: Config,
  handle: DbHandle,
  scale: number,
  owners: string[],
  levelIds: string[],
  log: (line: string) => void,
): Promise<PartnersData> {
  const rng = new Rng(20261201);
  const todayMs = Date.parse(`${BENCH_TODAY}T00:00:00.000Z`);
  const partners = Math.max(200, Math.round(100_000 * scale));
  const pipeline = (await stages(handle.db)).filter((s) => s.outcome === 'open');
  const writer = bulkWriter(config, handle);
  const started = Date.now();
  const secs = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  const counts = { partners, consultants: 0, activities: 0, deals: 0, leads: 0, cases: 0 };
  const samplePartners: string[] = [];
  const CHUNK = 10_000;
  try {
    for (let from = 0; from < partners; from += CHUNK) {
      const orgs: Cell[][] = [];
      const tags: Cell[][] = [];
      const contacts: Cell[][] = [];
      const activities: Cell[][] = [];
      const deals: Cell[][] = [];
      const leads: Cell[][] = [];
      const cases: Cell[][] = [];
      for (let i = from; i < Math.min(partners, from + CHUNK); i++) {
        const ms = todayMs - rng.int(30, 2000) * DAY - rng.int(0, DAY - 1);
        const at = new Date(ms).toISOString();
        const id = uuid7(ms, rng);
        const owner = owners[i % owners.length]!;
        const country = rng.pick(COUNTRIES);
        const domain = `partner${i}.example`;
        if (i % Math.max(1, Math.floor(partners / 200)) === 0) samplePartners.push(id);
        orgs.push([
          id,
          `Partner ${String(i).padStart(6, '0')}`,
          `partner${i}`,
          rng.chance(0.9) ? rng.pick(levelIds) : null,
          rng.chance(0.9) ? 'active' : 'inactive',
          country,
          rng.pick(CITIES[country]!),
          rng.pick(INDUSTRIES),
          `hello@${domain}`,
          domain,
          `https://${domain}`,
          domain,
          owner,
          rng.chance(0.8) ? 'everyone' : rng.chance(0.5) ? 'team' : 'owner',
          rng.chance(0.03) ? at : null,
          at,
          at,
        ]);
        for (const tag of new Set([rng.pick(TAGS), rng.pick(TAGS)].slice(0, rng.int(0, 2))))
          tags.push([id, tag, tag]);
        for (let c = 0; c < 3; c++)
          contacts.push([
            uuid7(ms + c, rng),
            id,
            `First${i % 997}`,
            `Last${(i + c) % 389}`,
            `p${c}@${domain}`,
            owner,
            at,
            at,
            c === 0 ? 1 : 0,
          ]);
        for (let a = 0; a < 10; a++) {
          const when = new Date(todayMs - rng.int(0, 700) * DAY - rng.int(0, DAY - 1)).toISOString();
          activities.push([
            uuid7(Date.parse(when), rng),
            rng.pick(TYPES),
            `Touch ${a}`,
            when,
            owner,
            id,
            when,
            when,
          ]);
        }
        const stage = rng.pick(pipeline);
        deals.push([
          uuid7(ms + 10, rng),
          `Deal ${i}`,
          id,
          'CAD',
          stage.id,
          new Date(todayMs + rng.int(-60, 240) * DAY).toISOString().slice(0, 10),
          owner,
          at,
          at,
          rng.int(5, 500) * 100_000,
          stage.probability,
        ]);
        if (i % 2 === 0) leads.push([uuid7(ms + 11, rng), `Lead ${i}`, id, 'CAD', owner, at, at]);
        if (i % 10 < 3) cases.push([uuid7(ms + 12, rng), `Case ${i}`, id, owner, owner, at, at]);
      }
      await writer.write(ORGS, orgs);
      await writer.write(TAGS_SPEC, tags);
      await writer.write(CONTACTS, contacts);
      await writer.write(ACTIVITIES, activities);
      await writer.write(DEALS, deals);
      await writer.write(LEADS, leads);
      await writer.write(CASES, cases);
      counts.consultants += contacts.length;
      counts.activities += activities.length;
      counts.deals += deals.length;
      counts.leads += leads.length;
      counts.cases += cases.length;
      if ((from / CHUNK) % 2 === 1 || from + CHUNK >= partners)
        log(`${Math.min(partners, from + CHUNK)} partners, ${counts.activities} activities (${secs()})`);
    }
  } finally {
    await writer.close();
  }
  return { counts, samplePartners, levelIds };
}
