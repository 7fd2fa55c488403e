/**
 * Partnerships fixtures: partners and contacts written straight into the database (their API is tested on
 * its own), and events made through the events API.
 */
import { expect } from 'vitest';
import { newId } from '../kernel/ids';
import type { Client, TestApp } from './harness';

export interface PartnerOptions {
  ownerId?: string | null;
  visibility?: 'everyone' | 'team' | 'owner';
  deleted?: boolean;
}

export async function insertPartner(t: TestApp, name: string, opts: PartnerOptions = {}): Promise<string> {
  const id = newId();
  const at = t.clock.now().toISOString();
  await t.accord.kernel.db
    .insertInto('organizations')
    .values({
      id,
      name,
      name_key: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}-${id.slice(-8)}`,
      is_partner: 1,
      is_customer: 0,
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
      country: '',
      latitude: null,
      longitude: null,
      industry: '',
      linkedin: '',
      notes: '',
      is_alumni: 0,
      owner_id: opts.ownerId ?? null,
      visibility: opts.visibility ?? 'everyone',
      archived_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
      deleted_at: opts.deleted ? at : null,
      updated_by: null,
    })
    .execute();
  return id;
}

export async function insertContact(
  t: TestApp,
  organizationId: string,
  firstName: string,
  lastName: string,
): Promise<string> {
  const id = newId();
  const at = t.clock.now().toISOString();
  await t.accord.kernel.db
    .insertInto('contacts')
    .values({
      id,
      organization_id: organizationId,
      first_name: firstName,
      last_name: lastName,
      title: '',
      email: '',
      phone: '',
      mobile: '',
      linkedin: '',
      is_primary: 1,
      notes: '',
      owner_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
      deleted_at: null,
      updated_by: null,
    })
    .execute();
  return id;
}

/** An event made through the API (201 checked); returns its body. */
export async function createEvent(client: Client, body: Record<string, unknown>): Promise<any> {
  const res = await client.post('/api/v1/events', { year: 2026, ...body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** A link made through the API (201 checked); returns its body. */
export async function createLink(client: Client, body: Record<string, unknown>): Promise<any> {
  const res = await client.post('/api/v1/links', body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** Row counts that any write would change: used to prove a refused request wrote nothing. */
export async function writeCounts(t: TestApp) {
  const db = t.accord.kernel.db;
  const n = async (table: 'events' | 'event_tiers' | 'links' | 'audit_log' | 'outbox') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    events: await n('events'),
    tiers: await n('event_tiers'),
    links: await n('links'),
    audit: await n('audit_log'),
    outbox: await n('outbox'),
  };
}
