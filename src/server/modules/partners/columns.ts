/** How a partner's fields map to the organizations table, and what its History compares. */
import { emailDomain, websiteDomain } from '../../../shared/domains';
import type { PartnerCreate } from '../../../shared/partners.schema';
import type { Executor } from '../../db/connection';
import * as repo from './repo';

/** Company names are unique ignoring case, accents, spaces and punctuation. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const COLUMNS: Record<string, string> = {
  name: 'name',
  levelId: 'level_id',
  status: 'status',
  website: 'website',
  email: 'email',
  phone: 'phone',
  street: 'street',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  latitude: 'latitude',
  longitude: 'longitude',
  industry: 'industry',
  linkedin: 'linkedin',
  notes: 'notes',
  ownerId: 'owner_id',
  visibility: 'visibility',
};
const FLAGS: Record<string, string> = {
  isAlumni: 'is_alumni',
  isCustomer: 'is_customer',
  isProspect: 'is_prospect',
};

export function toColumns(input: Partial<PartnerCreate>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (COLUMNS[k]) out[COLUMNS[k]] = v;
    else if (FLAGS[k]) out[FLAGS[k]] = v ? 1 : 0;
  }
  if (typeof input.name === 'string') out.name_key = nameKey(input.name);
  if (typeof input.website === 'string') out.website_domain = websiteDomain(input.website);
  if (typeof input.email === 'string') out.email_domain = emailDomain(input.email);
  return out;
}

/** What the audit log compares: the stored columns (without bookkeeping) and the tag list. */
export async function snapshot(db: Executor, id: string) {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  // The row's tag list is kept by triggers in the same transaction as every tag change (migration 0015).
  const tags = repo.tagsOfRow(row);
  const {
    name_key: _k,
    website_domain: _w,
    email_domain: _e,
    version: _v,
    updated_at: _u,
    created_at: _c,
    updated_by: _b,
    tag_keys: _tk,
    tag_names: _tn,
    ...rest
  } = row;
  return { ...rest, tags };
}
