/**
 * Demo data for partner management, on the partners the partnerships seeder made: managed customer
 * accounts, cases, leads (some converted), deals across the pipeline, sales activities, comments with
 * mentions and saved filters — dated around the clock's "today" so the board, forecasts and tabs look live.
 */
import { newId } from '../../kernel/ids';
import type {
  CasesTable,
  CommentsTable,
  LeadsTable,
  OpportunitiesTable,
  SalesActivitiesTable,
} from '../types.partnerManagement';
import type { OrganizationsTable } from '../types.partnerships';
import type { Seeder } from './index';
import { stages as pipeline } from '../../modules/opportunities/repo';
import { insertAudited } from './partnerships';
import { FIRST_NAMES, LAST_NAMES } from './random';

const CUSTOMERS = [
  'Harbourfront Clinics',
  'Prairie Grain Co-op',
  'Atlantic Ferries',
  'Metro Transit Lab',
  'Summit Dental',
  'Lakeview Schools',
  'Boreal Mining',
  'Coastal Credit Union',
  'Northern Lights Media',
  'Riverside Hospital',
];
const CASE_SUBJECTS = [
  'Login fails for new users',
  'Invoice shows the wrong tax',
  'Data export times out',
  'Request for a training session',
  'Integration stopped syncing',
  'Renewal quote needed',
  'Dashboard numbers look off',
];
const DEAL_NAMES = [
  'Platform rollout',
  'Renewal 2026',
  'Pilot expansion',
  'Analytics add-on',
  'Support upgrade',
  'Multi-site licence',
  'Onboarding package',
];
const LOST_REASONS = ['Chose a competitor', 'No budget this year', 'Project cancelled', 'Went quiet'];
const ACTIVITY_SUBJECTS: Record<string, string[]> = {
  call: ['Discovery call', 'Pricing call', 'Check-in call'],
  meeting: ['Quarterly business review', 'Joint account planning', 'Demo with the customer'],
  email: ['Sent the proposal', 'Shared the case study', 'Followed up on the quote'],
  task: ['Prepare the renewal quote', 'Register the deal', 'Update the partner plan'],
  note: ['Partner is hiring two consultants', 'Budget approved for Q3', 'New decision maker'],
};
const OUTCOMES = ['Positive', 'Needs follow-up', 'No answer', 'Next step agreed', ''];

const DAY = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const partnerManagementSeeder: Seeder = {
  name: 'partner management',
  async run(k, rng, scale, log) {
    const now = k.clock.now();
    const at = now.toISOString();
    const base = { created_at: at, updated_at: at, version: 1, deleted_at: null, updated_by: null };
    const stages = await pipeline(k.db);
    const open = stages.filter((s) => s.outcome === 'open');
    const won = stages.find((s) => s.outcome === 'won')!;
    const lost = stages.find((s) => s.outcome === 'lost')!;
    const partners = await k.db
      .selectFrom('organizations')
      .select(['id', 'name', 'owner_id', 'created_at'])
      .where('is_partner', '=', 1)
      .where('deleted_at', 'is', null)
      .orderBy('name')
      .limit(scale === 'large' ? 1500 : 1000)
      .execute();
    const users = await k.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('active', '=', 1)
      .orderBy('email')
      .execute();
    const contacts = await k.db
      .selectFrom('contacts')
      .select(['id', 'organization_id'])
      .where('deleted_at', 'is', null)
      .execute();
    const peopleOf = new Map<string, string[]>();
    for (const c of contacts)
      peopleOf.set(c.organization_id, [...(peopleOf.get(c.organization_id) ?? []), c.id]);

    const accounts: (OrganizationsTable & { managed_by_id: string; managed_since: string })[] = [];
    const cases: CasesTable[] = [];
    const deals: OpportunitiesTable[] = [];
    const leads: LeadsTable[] = [];
    const activities: SalesActivitiesTable[] = [];
    const comments: CommentsTable[] = [];
    let customerNo = 0;
    for (const p of partners) {
      const owner = p.owner_id;
      const ownerOr = () => owner ?? rng.pick(users).id;
      // Managed accounts: a third of the partners manage one to three customers.
      const mine: string[] = [];
      if (rng.chance(0.33)) {
        for (let i = rng.int(1, 3); i > 0; i--) {
          const name = `${rng.pick(CUSTOMERS)} ${++customerNo}`;
          const id = newId();
          accounts.push({
            id,
            name,
            name_key: name.toLowerCase().replace(/[^a-z0-9]+/g, ''),
            is_partner: 0,
            is_customer: 1,
            is_prospect: 0,
            level_id: null,
            status: 'active',
            website: '',
            email: '',
            phone: '',
            street: '',
            city: '',
            region: '',
            postal_code: '',
            country: 'CA',
            latitude: null,
            longitude: null,
            industry: '',
            linkedin: '',
            notes: '',
            is_alumni: 0,
            owner_id: owner,
            visibility: 'everyone',
            archived_at: null,
            tag_keys: null,
            tag_names: null,
            managed_by_id: p.id,
            managed_since: isoDate(new Date(now.getTime() - rng.int(30, 900) * DAY)),
            ...base,
          });
          mine.push(id);
        }
      }
      // Cases the partner handles for its accounts.
      for (let i = rng.chance(0.35) ? rng.int(1, 3) : 0; i > 0; i--) {
        const status = rng.pick(['open', 'open', 'in_progress', 'resolved', 'closed'] as const);
        const opened = new Date(now.getTime() - rng.int(1, 60) * DAY).toISOString();
        cases.push({
          id: newId(),
          kind: 'partner_case',
          department_id: null,
          subject: rng.pick(CASE_SUBJECTS),
          description: '',
          status,
          priority: rng.pick(['low', 'medium', 'medium', 'high', 'critical']),
          organization_id: p.id,
          account_id: mine.length ? rng.pick(mine) : null,
          contact_id: null,
          assignee_id: ownerOr(),
          owner_id: owner,
          due_date: isoDate(new Date(now.getTime() + rng.int(-5, 30) * DAY)),
          resolved_at: status === 'resolved' || status === 'closed' ? at : null,
          closed_at: status === 'closed' ? at : null,
          ...base,
          created_at: opened,
          updated_at: opened,
        });
      }
      // Deals across the pipeline, closing from two months ago to half a year ahead.
      const partnerDeals: OpportunitiesTable[] = [];
      for (let i = rng.chance(0.6) ? rng.int(1, 5) : 0; i > 0; i--) {
        const roll = rng.next();
        const stage = roll < 0.15 ? won : roll < 0.25 ? lost : rng.pick(open);
        const created = new Date(now.getTime() - rng.int(20, 200) * DAY);
        const close = new Date(Math.max(created.getTime(), now.getTime() + rng.int(-60, 180) * DAY));
        const deal: OpportunitiesTable = {
          id: newId(),
          name: `${p.name} — ${rng.pick(DEAL_NAMES)}`,
          account_id: mine.length && rng.chance(0.7) ? rng.pick(mine) : null,
          partner_id: p.id,
          contact_id: peopleOf.get(p.id)?.[0] ?? null,
          lead_id: null,
          amount: rng.int(5, 500) * 100_000,
          currency: 'CAD',
          stage_id: stage.id,
          probability:
            stage.outcome === 'open' && rng.chance(0.2)
              ? Math.min(95, stage.probability + 10)
              : stage.probability,
          expected_close_date: isoDate(close),
          owner_id: ownerOr(),
          lost_reason: stage.outcome === 'lost' ? rng.pick(LOST_REASONS) : '',
          closed_at:
            stage.outcome === 'open'
              ? null
              : new Date(Math.min(now.getTime(), close.getTime())).toISOString(),
          description: '',
          ...base,
          created_at: created.toISOString(),
          updated_at: created.toISOString(),
        };
        partnerDeals.push(deal);
      }
      deals.push(...partnerDeals);
      // Leads the partner brought; some converted into one of its deals.
      for (let i = rng.chance(0.5) ? rng.int(1, 4) : 0; i > 0; i--) {
        const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
        const convertInto = partnerDeals.find((d) => !d.lead_id && rng.chance(0.4));
        const created = new Date(now.getTime() - rng.int(1, 120) * DAY).toISOString();
        const lead: LeadsTable = {
          id: newId(),
          name,
          company: rng.pick(CUSTOMERS),
          title: rng.pick(['CTO', 'Head of IT', 'Operations Manager', 'CFO']),
          email: `${name
            .toLowerCase()
            .normalize('NFKD')
            .replace(/[^a-z]+/g, '.')}@lead.example`,
          phone: '',
          source: rng.pick(['partner', 'partner', 'referral', 'event', 'web', 'campaign']),
          status: convertInto ? 'converted' : rng.pick(['new', 'contacted', 'qualified', 'unqualified']),
          owner_id: ownerOr(),
          partner_id: p.id,
          campaign: rng.chance(0.4) ? rng.pick(['Spring webinar', 'Partner summit', 'Q3 outbound']) : '',
          estimated_value: rng.chance(0.7) ? rng.int(10, 300) * 100_000 : null,
          currency: 'CAD',
          notes: '',
          converted_at: convertInto ? convertInto.created_at : null,
          converted_opportunity_id: convertInto?.id ?? null,
          converted_organization_id: convertInto?.account_id ?? null,
          converted_contact_id: null,
          ...base,
          created_at: created,
          updated_at: created,
        };
        if (convertInto) convertInto.lead_id = lead.id;
        leads.push(lead);
      }
      // Sales activities of the last four months.
      for (let i = rng.int(0, scale === 'large' ? 4 : 8); i > 0; i--) {
        const type = rng.pick(['call', 'meeting', 'email', 'task', 'note'] as const);
        const occurred = new Date(
          now.getTime() - rng.int(0, 120) * DAY - rng.int(0, 8) * 3_600_000,
        ).toISOString();
        activities.push({
          id: newId(),
          type,
          subject: rng.pick(ACTIVITY_SUBJECTS[type]!),
          body: '',
          occurred_at: occurred,
          duration_minutes: type === 'call' || type === 'meeting' ? rng.pick([15, 30, 45, 60]) : null,
          outcome: rng.pick(OUTCOMES),
          owner_id: ownerOr(),
          partner_id: p.id,
          contact_id: peopleOf.get(p.id)?.[0] ?? null,
          lead_id: null,
          opportunity_id: partnerDeals.length && rng.chance(0.4) ? rng.pick(partnerDeals).id : null,
          ...base,
          created_at: occurred,
          updated_at: occurred,
        });
      }
      if (rng.chance(0.15)) {
        const mention = rng.pick(users).id;
        comments.push({
          id: newId(),
          entity: 'partner',
          entity_id: p.id,
          author_id: owner,
          body: rng.pick([
            'Can you check the renewal terms?',
            'They asked for a joint webinar in May.',
            'Great quarter, let us plan the next one.',
          ]),
          mentions: JSON.stringify([mention]),
          ...base,
        });
      }
    }
    await insertAudited(k, 'organizations', 'account', accounts, (a) => ({
      name: a.name,
      owner_id: a.owner_id,
    }));
    await insertAudited(k, 'cases', 'case', cases, (c) => ({
      subject: c.subject,
      status: c.status,
      organization_id: c.organization_id,
    }));
    await insertAudited(k, 'opportunities', 'opportunity', deals, (d) => ({
      name: d.name,
      amount: d.amount,
      stage_id: d.stage_id,
    }));
    await insertAudited(k, 'leads', 'lead', leads, (l) => ({
      name: l.name,
      status: l.status,
      partner_id: l.partner_id,
    }));
    await insertAudited(k, 'sales_activities', 'activity', activities, (a) => ({
      type: a.type,
      subject: a.subject,
      partner_id: a.partner_id,
    }));
    await insertAudited(k, 'comments', 'comment', comments, (c) => ({
      entity: c.entity,
      entity_id: c.entity_id,
      body: c.body,
    }));
    const sales = users.find((u) => u.email === 'sales@demo.accord.test');
    if (sales) {
      const filters = [
        {
          name: 'My active partners',
          shared: 0,
          is_default: 1,
          filter: { ownerId: sales.id, partnerStatus: 'active' },
        },
        { name: 'Canadian partners', shared: 1, is_default: 0, filter: { country: 'CA', sort: 'name' } },
        { name: 'Added this quarter', shared: 0, is_default: 0, filter: { sort: '-createdAt' } },
      ];
      await insertAudited(
        k,
        'saved_filters',
        'saved_filter',
        filters.map((f) => ({
          id: newId(),
          module: 'partners',
          name: f.name,
          name_key: f.name.toLowerCase(),
          owner_id: sales.id,
          shared: f.shared,
          is_default: f.is_default,
          filter: JSON.stringify(f.filter),
          ...base,
        })),
        (f) => ({ name: f.name }),
      );
    }
    log(
      `partner management: ${accounts.length} accounts, ${cases.length} cases, ${deals.length} deals, ${leads.length} leads, ${activities.length} activities, ${comments.length} comments`,
    );
  },
};
