/**
 * Which partners a message concerns (reference §3.7 step 5, with Accord's people and domains): an exact,
 * case-insensitive match of a candidate address with a partner's contact or the partner's own address; when
 * no candidate matches exactly, the candidate's domain against partners' website and email domains (a
 * "domain match"). Non-archived partners win over archived ones with the same address. A whole batch is
 * matched with a few indexed IN queries, not one query per message.
 */
import { emailDomain } from '../../../shared/domains';
import type { Executor } from '../../db/connection';

export interface PartnerHit {
  organizationId: string;
  contactId: string | null;
  archived: boolean;
  /** The address that matched (the communication's recipient email). */
  email: string;
}

export interface EntryMatch {
  kind: 'email' | 'domain';
  partners: PartnerHit[];
}

/** A domain shared by more partners than this says nothing about which one a message concerns. */
const MAX_DOMAIN_PARTNERS = 3;
const IN_CHUNK = 500;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += IN_CHUNK) out.push(list.slice(i, i + IN_CHUNK));
  return out;
}

function preferLive(hits: PartnerHit[]): PartnerHit[] {
  const live = hits.filter((h) => !h.archived);
  const chosen = live.length ? live : hits;
  const byOrg = new Map<string, PartnerHit>();
  // One hit per partner; a hit naming a contact beats the partner's own address.
  for (const h of chosen) if (!byOrg.has(h.organizationId) || h.contactId) byOrg.set(h.organizationId, h);
  return [...byOrg.values()];
}

async function byAddress(db: Executor, emails: string[]): Promise<Map<string, PartnerHit[]>> {
  const out = new Map<string, PartnerHit[]>();
  const add = (h: PartnerHit) => out.set(h.email, [...(out.get(h.email) ?? []), h]);
  for (const part of chunks(emails)) {
    const people = await db
      .selectFrom('contacts')
      .innerJoin('organizations', 'organizations.id', 'contacts.organization_id')
      .select(['contacts.id', 'contacts.email', 'contacts.organization_id', 'organizations.archived_at'])
      .where('contacts.email', 'in', part)
      .where('contacts.deleted_at', 'is', null)
      .where('organizations.deleted_at', 'is', null)
      .execute();
    for (const p of people)
      add({ organizationId: p.organization_id, contactId: p.id, archived: !!p.archived_at, email: p.email });
    const orgs = await db
      .selectFrom('organizations')
      .select(['id', 'email', 'archived_at'])
      .where('email', 'in', part)
      .where('deleted_at', 'is', null)
      .execute();
    for (const o of orgs)
      add({ organizationId: o.id, contactId: null, archived: !!o.archived_at, email: o.email });
  }
  return out;
}

async function byDomain(db: Executor, domains: string[]): Promise<Map<string, PartnerHit[]>> {
  const out = new Map<string, PartnerHit[]>();
  for (const part of chunks(domains)) {
    const orgs = await db
      .selectFrom('organizations')
      .select(['id', 'email_domain', 'website_domain', 'archived_at'])
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('email_domain', 'in', part), eb('website_domain', 'in', part)]))
      .execute();
    for (const o of orgs)
      for (const d of new Set([o.email_domain, o.website_domain]))
        if (part.includes(d))
          out.set(d, [
            ...(out.get(d) ?? []),
            { organizationId: o.id, contactId: null, archived: !!o.archived_at, email: '' },
          ]);
  }
  return out;
}

/** Matches every message of a batch: message key → its partners, absent when it matched nobody. */
export async function matchEntries(
  db: Executor,
  mailboxEmail: string,
  candidates: Map<string, string[]>,
): Promise<Map<string, EntryMatch>> {
  const all = [...new Set([...candidates.values()].flat())];
  const exact = all.length ? await byAddress(db, all) : new Map<string, PartnerHit[]>();
  const result = new Map<string, EntryMatch>();
  const needDomain = new Map<string, string[]>();
  for (const [key, emails] of candidates) {
    const hits = emails.flatMap((e) => preferLive(exact.get(e) ?? []));
    if (hits.length) result.set(key, { kind: 'email', partners: preferLive(hits) });
    else if (emails.length) needDomain.set(key, emails);
  }
  const ownDomain = emailDomain(mailboxEmail);
  const domainOf = (e: string) => {
    const d = emailDomain(e);
    return d && d !== ownDomain ? d : '';
  };
  const domains = [...new Set([...needDomain.values()].flat().map(domainOf).filter(Boolean))];
  if (domains.length === 0) return result;
  const byDom = await byDomain(db, domains);
  for (const [key, emails] of needDomain) {
    const hits: PartnerHit[] = [];
    for (const e of emails) {
      const d = domainOf(e);
      const found = d ? preferLive(byDom.get(d) ?? []) : [];
      if (found.length > 0 && found.length <= MAX_DOMAIN_PARTNERS)
        hits.push(...found.map((h) => ({ ...h, email: e })));
    }
    if (hits.length) result.set(key, { kind: 'domain', partners: preferLive(hits) });
  }
  return result;
}
