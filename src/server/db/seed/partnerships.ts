/**
 * Demo data for the Partnerships CRM: partner levels, partners with people and tags, three years of events
 * with goals and tier presets, links across every status with amounts and follow-ups, communications and
 * documents — dated around the clock's "today", so the Overview always looks like a team's live CRM.
 */
import { emailDomain, websiteDomain } from '../../../shared/domains';
import { CANONICAL_STATUSES } from '../../../shared/partnerships/statuses';
import { SYSTEM_ACTOR, type Kernel } from '../../kernel/context';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import type {
  CommunicationsTable,
  ContactsTable,
  DocumentsTable,
  EventsTable,
  EventTiersTable,
  LinksTable,
  OrganizationsTable,
} from '../types.partnerships';
import type { Seeder } from './index';
import { FIRST_NAMES, LAST_NAMES, type Rng } from './random';

const PREFIXES = [
  'Maple',
  'Aurora',
  'Borealis',
  'Granite',
  'Harbour',
  'Cedar',
  'Lakeshore',
  'Pinecrest',
  'Bluewater',
  'Redwood',
  'Silverline',
  'Ironbridge',
  'Brightpath',
  'Clearwater',
  'Evergreen',
  'Keystone',
  'Lumen',
  'Polaris',
  'Tidewater',
  'Northstar',
  'Westwind',
  'Riverbend',
  'Stonegate',
  'Fernhill',
];
const SUFFIXES = [
  'Analytics',
  'Ventures',
  'Labs',
  'Capital',
  'Systems',
  'Health',
  'Energy',
  'Foods',
  'Robotics',
  'Media',
  'Bank',
  'Logistics',
  'Software',
  'Cloud',
  'Networks',
  'Foundation',
  'Insurance',
  'Telecom',
  'Consulting',
  'Aerospace',
];
const INDUSTRIES = [
  'Technology',
  'Finance',
  'Healthcare',
  'Energy',
  'Retail',
  'Media',
  'Logistics',
  'Education',
  'Non-profit',
  'Telecommunications',
];
const CITIES: [string, string, string][] = [
  ['Toronto', 'ON', 'CA'],
  ['Montréal', 'QC', 'CA'],
  ['Vancouver', 'BC', 'CA'],
  ['Ottawa', 'ON', 'CA'],
  ['Calgary', 'AB', 'CA'],
  ['Waterloo', 'ON', 'CA'],
  ['Halifax', 'NS', 'CA'],
  ['Boston', 'MA', 'US'],
  ['New York', 'NY', 'US'],
  ['Seattle', 'WA', 'US'],
];
const TAGS = [
  'fintech',
  'ai',
  'climate',
  'returning',
  'hiring',
  'media-partner',
  'in-kind',
  'university',
  'startup',
  'enterprise',
];
const TITLES = [
  'Partnerships Manager',
  'Head of Community',
  'Marketing Director',
  'VP Sponsorships',
  'Developer Relations Lead',
  'CEO',
  'Events Coordinator',
];
const ROLES = [
  'Sponsor',
  'Sponsor',
  'Sponsor',
  'Mentor',
  'Keynote Speaker',
  'Judge',
  'Panelist',
  'Workshop Speaker',
  'Industry Partner',
];
const TIERS: { key: string; label: string; amount: number | null }[] = [
  { key: 'platinum', label: 'Platinum', amount: 5_000_000 },
  { key: 'gold', label: 'Gold', amount: 2_500_000 },
  { key: 'silver', label: 'Silver', amount: 1_000_000 },
  { key: 'bronze', label: 'Bronze', amount: 500_000 },
  { key: 'community', label: 'Community', amount: null },
];
const EVENT_PLAN: { name: string; startMonth: number; days: number; goal: number; share: number }[] = [
  { name: 'Innovation Summit', startMonth: 4, days: 2, goal: 90_000_000, share: 0.5 },
  { name: 'Founders Gala', startMonth: 6, days: 1, goal: 45_000_000, share: 0.3 },
  { name: 'Hackathon', startMonth: 9, days: 3, goal: 60_000_000, share: 0.35 },
  { name: 'Partner Forum', startMonth: 11, days: 1, goal: 35_000_000, share: 0.2 },
];
const SUBJECTS = [
  'Intro call',
  'Sponsorship deck sent',
  'Follow-up on packages',
  'Budget approval',
  'Contract redlines',
  'Logo and assets',
  'Invoice sent',
  'Thank-you note',
  'Renewal conversation',
  'Booth logistics',
];

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export async function insertAudited<T extends { id: string }>(
  k: Kernel,
  table: string,
  entity: string,
  rows: T[],
  view: (r: T) => Record<string, unknown>,
) {
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await mutate(k, SYSTEM_ACTOR, async (m) => {
      await m.tx
        .insertInto(table as never)
        .values(chunk as never)
        .execute();
      for (const r of chunk) m.audit({ entity, entityId: r.id, action: 'create', after: view(r) });
    });
  }
}

export const partnershipsSeeder: Seeder = {
  name: 'partnerships',
  async run(k, rng: Rng, scale, log) {
    const now = k.clock.now();
    const at = now.toISOString();
    const year = now.getUTCFullYear();
    const base = { created_at: at, updated_at: at, version: 1, deleted_at: null, updated_by: null };

    const levels = ['Registered', 'Silver', 'Gold', 'Platinum'].map((name, i) => ({
      id: newId(),
      key: name.toLowerCase(),
      name,
      rank: (i + 1) * 10,
      ...base,
    }));
    await insertAudited(k, 'partner_levels', 'partner_level', levels, (l) => ({
      key: l.key,
      name: l.name,
      rank: l.rank,
    }));

    const owners = await k.db
      .selectFrom('users')
      .innerJoin('roles', 'roles.id', 'users.role_id')
      .select(['users.id', 'users.email'])
      .where('roles.key', 'in', ['sales_agent', 'admin'])
      .where('users.active', '=', 1)
      .orderBy('users.email')
      .execute();
    const demoSales = owners.find((o) => o.email === 'sales@demo.accord.test');

    // Partners and their people.
    const partnerCount = scale === 'large' ? 5000 : 120;
    // With the domains the partner form derives (email matching and the duplicate check read them).
    const orgs: (OrganizationsTable & { website_domain: string; email_domain: string })[] = [];
    const contacts: ContactsTable[] = [];
    const tags: { organization_id: string; tag: string; tag_key: string }[] = [];
    const usedNames = new Set<string>();
    for (let i = 0; i < partnerCount; i++) {
      let name = `${rng.pick(PREFIXES)} ${rng.pick(SUFFIXES)}`;
      if (usedNames.has(name))
        name = `${name} ${Math.floor(i / (PREFIXES.length * SUFFIXES.length)) + 2 + i}`;
      usedNames.add(name);
      const [city, region, country] = rng.pick(CITIES);
      const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
      const owner = i % 6 === 0 && demoSales ? demoSales : rng.pick(owners);
      const created = addDays(now, -rng.int(30, 1000)).toISOString();
      const org: (typeof orgs)[number] = {
        id: newId(),
        name,
        name_key: name.toLowerCase().replace(/[^a-z0-9]+/g, ''),
        is_partner: 1,
        is_customer: rng.chance(0.3) ? 1 : 0,
        is_prospect: 0,
        level_id: rng.chance(0.85) ? rng.pick(levels).id : null,
        status: rng.chance(0.92) ? 'active' : 'inactive',
        website: `https://www.${domain}`,
        email: `partnerships@${domain}`,
        website_domain: websiteDomain(`https://www.${domain}`),
        email_domain: emailDomain(`partnerships@${domain}`),
        phone: `+1 ${rng.int(200, 989)} 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`,
        street: `${rng.int(1, 999)} ${rng.pick(['King St W', 'Rue Sainte-Catherine', 'Granville St', 'Main St', 'Queen St E', 'Spring Garden Rd'])}`,
        city,
        region,
        postal_code:
          country === 'CA'
            ? `${String.fromCharCode(65 + rng.int(0, 20))}${rng.int(1, 9)}${String.fromCharCode(65 + rng.int(0, 20))} ${rng.int(1, 9)}${String.fromCharCode(65 + rng.int(0, 20))}${rng.int(1, 9)}`
            : String(rng.int(10000, 99999)),
        country,
        latitude: null,
        longitude: null,
        industry: rng.pick(INDUSTRIES),
        linkedin: `https://www.linkedin.com/company/${domain.replace('.example', '')}`,
        notes: rng.chance(0.3) ? 'Prefers to be contacted by email; decisions made in Q1.' : '',
        is_alumni: rng.chance(0.2) ? 1 : 0,
        owner_id: owner?.id ?? null,
        visibility: rng.chance(0.9) ? 'everyone' : 'team',
        archived_at: rng.chance(0.03) ? at : null,
        tag_keys: null,
        tag_names: null,
        created_at: created,
        updated_at: created,
        version: 1,
        deleted_at: null,
        updated_by: null,
      };
      orgs.push(org);
      const people = rng.int(1, 3);
      for (let p = 0; p < people; p++) {
        const first = rng.pick(FIRST_NAMES);
        const last = rng.pick(LAST_NAMES);
        const ascii = (s: string) =>
          s
            .normalize('NFKD')
            .replace(/[^a-zA-Z]/g, '')
            .toLowerCase();
        contacts.push({
          id: newId(),
          organization_id: org.id,
          first_name: first,
          last_name: last,
          title: rng.pick(TITLES),
          email: `${ascii(first)}.${ascii(last)}@${domain}`,
          phone: org.phone,
          mobile: '',
          linkedin: '',
          is_primary: p === 0 ? 1 : 0,
          notes: '',
          owner_id: org.owner_id,
          ...base,
        });
      }
      const tagCount = rng.int(0, 3);
      const chosen = new Set<string>();
      for (let x = 0; x < tagCount; x++) chosen.add(rng.pick(TAGS));
      if (org.is_alumni) chosen.add('alumni-partner');
      for (const tag of chosen) tags.push({ organization_id: org.id, tag, tag_key: tag });
    }
    await insertAudited(k, 'organizations', 'partner', orgs, (o) => ({
      name: o.name,
      owner_id: o.owner_id,
      level_id: o.level_id,
      city: o.city,
    }));
    for (let i = 0; i < tags.length; i += 500)
      await k.db
        .insertInto('organization_tags')
        .values(tags.slice(i, i + 500))
        .execute();
    await insertAudited(k, 'contacts', 'contact', contacts, (c) => ({
      first_name: c.first_name,
      last_name: c.last_name,
      organization_id: c.organization_id,
    }));
    log(`partnerships: ${orgs.length} partners, ${contacts.length} people`);

    // Events from two years back to next year, with tier presets: past ones closed, upcoming ones in the pipeline.
    const events: EventsTable[] = [];
    const tiers: EventTiersTable[] = [];
    const plan: { event: EventsTable; share: number; past: boolean }[] = [];
    for (const y of [year - 2, year - 1, year, year + 1]) {
      for (const e of EVENT_PLAN) {
        const start = new Date(Date.UTC(y, e.startMonth - 1, 10 + rng.int(0, 10)));
        const event: EventsTable = {
          id: newId(),
          name: `${e.name} ${y}`,
          year: y,
          outreach_start: isoDate(addDays(start, -150)),
          start_date: isoDate(start),
          end_date: isoDate(addDays(start, e.days - 1)),
          goal_amount: e.goal,
          currency: 'CAD',
          notes: '',
          archived_at: y === year - 2 && e.name === 'Partner Forum' ? at : null,
          ...base,
        };
        events.push(event);
        plan.push({ event, share: e.share, past: addDays(start, e.days) < now });
        TIERS.forEach((t, position) =>
          tiers.push({
            id: newId(),
            event_id: event.id,
            key: t.key,
            label: t.label,
            default_amount: t.amount,
            position,
          }),
        );
      }
    }
    await insertAudited(k, 'events', 'event', events, (e) => ({
      name: e.name,
      year: e.year,
      goal_amount: e.goal_amount,
    }));
    await k.db.insertInto('event_tiers').values(tiers).execute();

    // Links across every status.
    const links: LinksTable[] = [];
    const contactOf = new Map<string, string>();
    for (const c of contacts) if (c.is_primary) contactOf.set(c.organization_id, c.id);
    const openStatuses = CANONICAL_STATUSES.slice(0, 6);
    for (const { event, share, past } of plan) {
      for (const org of orgs) {
        if (!rng.chance(share * (scale === 'large' ? 0.4 : 1))) continue;
        const tier = rng.pick(TIERS);
        let status: string;
        if (past) status = rng.pick(['paid', 'paid', 'paid', 'confirmed', 'declined', 'backed_out']);
        else
          status = rng.chance(0.03)
            ? 'waiting_on_legal'
            : rng.pick([
                ...openStatuses,
                ...openStatuses,
                'confirmed',
                'confirmed',
                'paid',
                'declined',
                'backed_out',
              ]);
        const amount =
          tier.amount === null
            ? rng.chance(0.5)
              ? null
              : rng.int(5, 40) * 10_000
            : rng.chance(0.8)
              ? tier.amount
              : tier.amount + rng.int(-2, 4) * 50_000;
        const closed = ['paid', 'declined', 'backed_out'].includes(status);
        const followUp =
          !past && !closed && rng.chance(0.75) ? isoDate(addDays(now, rng.int(-12, 35))) : null;
        const touched = past
          ? addDays(new Date(`${event.end_date}T12:00:00Z`), -rng.int(0, 60))
          : addDays(now, -rng.int(0, 45));
        links.push({
          id: newId(),
          organization_id: org.id,
          event_id: event.id,
          status,
          package_tier: tier.key,
          role: rng.pick(ROLES),
          amount: Math.max(0, amount ?? 0) || amount,
          currency: 'CAD',
          follow_up_date: followUp,
          contact_id: contactOf.get(org.id) ?? null,
          owner_id: org.owner_id,
          notes: '',
          created_at: addDays(touched, -rng.int(5, 60)).toISOString(),
          updated_at: touched.toISOString(),
          version: 1,
          deleted_at: null,
          updated_by: null,
        });
      }
    }
    await insertAudited(k, 'links', 'link', links, (l) => ({
      organization_id: l.organization_id,
      event_id: l.event_id,
      status: l.status,
      amount: l.amount,
      package_tier: l.package_tier,
    }));
    log(`partnerships: ${events.length} events, ${links.length} links`);

    // Communications and documents.
    const comms: CommunicationsTable[] = [];
    const docs: DocumentsTable[] = [];
    const eventById = new Map(events.map((e) => [e.id, e]));
    for (const l of links) {
      const n = rng.int(0, scale === 'large' ? 2 : 4);
      for (let c = 0; c < n; c++) {
        const occurred = addDays(new Date(l.updated_at), -rng.int(0, 40) - c * 7);
        const withFollowUp = c === 0 && l.follow_up_date === null && rng.chance(0.25);
        const followUp = withFollowUp ? isoDate(addDays(now, rng.int(-10, 20))) : null;
        comms.push({
          id: newId(),
          organization_id: l.organization_id,
          event_id: l.event_id,
          contact_id: l.contact_id,
          subject: rng.pick(SUBJECTS),
          summary: `${rng.pick(['Spoke with', 'Emailed', 'Met', 'Called'])} the partnerships lead about ${eventById.get(l.event_id)!.name}; ${rng.pick(['they asked for the deck', 'budget is being confirmed', 'waiting on legal review', 'interested in the Gold package', 'will confirm next week'])}.`,
          channel: rng.pick(['email', 'email', 'call', 'meeting', 'linkedin']),
          direction: rng.chance(0.35) ? 'inbound' : 'outbound',
          occurred_at: occurred.toISOString(),
          follow_up_date: followUp,
          follow_up_done_at: followUp && rng.chance(0.3) ? at : null,
          source: 'manual',
          sender: '',
          recipient_email: '',
          template_id: null,
          campaign_id: null,
          campaign_name: null,
          source_provider: null,
          external_message_id: null,
          external_thread_id: null,
          actor_email: null,
          owner_id: l.owner_id,
          created_at: occurred.toISOString(),
          updated_at: occurred.toISOString(),
          version: 1,
          deleted_at: null,
          updated_by: null,
        });
      }
      if ((l.status === 'confirmed' || l.status === 'paid') && rng.chance(0.6)) {
        const ev = eventById.get(l.event_id)!;
        docs.push({
          id: newId(),
          organization_id: l.organization_id,
          event_id: l.event_id,
          title: `${ev.name} sponsorship agreement`,
          type: 'mou',
          status: l.status === 'paid' ? 'signed' : 'sent',
          url: `https://files.example/agreements/${l.id.slice(-8)}`,
          file_name: '',
          file_size: null,
          content_type: null,
          storage_key: null,
          notes: '',
          ...base,
        });
        if (l.status === 'paid')
          docs.push({
            id: newId(),
            organization_id: l.organization_id,
            event_id: l.event_id,
            title: `Invoice — ${ev.name}`,
            type: 'invoice',
            status: 'paid',
            url: '',
            file_name: '',
            file_size: null,
            content_type: null,
            storage_key: null,
            notes: '',
            ...base,
          });
      }
    }
    await insertAudited(k, 'communications', 'communication', comms, (c) => ({
      organization_id: c.organization_id,
      subject: c.subject,
      occurred_at: c.occurred_at,
      follow_up_date: c.follow_up_date,
    }));
    await insertAudited(k, 'documents', 'document', docs, (d) => ({
      organization_id: d.organization_id,
      title: d.title,
      type: d.type,
    }));
    log(`partnerships: ${comms.length} communications, ${docs.length} documents`);
  },
};
