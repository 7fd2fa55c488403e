/**
 * Overview fixtures: the report through its API, and the few things the API cannot do on purpose — set
 * when a record was last touched, store a date the API refuses, orphan a link by deleting its event.
 */
import { expect } from 'vitest';
import type { Overview } from '../../shared/overview.schema';
import { newId } from '../kernel/ids';
import type { Client, TestApp } from './harness';

/** GET /api/v1/partnerships/overview with a raw query string (200 checked). */
export async function overview(client: Client, query = ''): Promise<Overview> {
  const res = await client.get(`/api/v1/partnerships/overview${query ? `?${query}` : ''}`);
  expect(res.status, res.text).toBe(200);
  return res.body as Overview;
}

/** Sets when a record was last changed (the API always stamps the clock's now). */
export async function touch(
  t: TestApp,
  table: 'links' | 'events' | 'communications',
  id: string,
  at: string | number,
): Promise<void> {
  const iso = typeof at === 'number' ? new Date(at).toISOString() : at;
  await t.accord.kernel.db.updateTable(table).set({ updated_at: iso }).where('id', '=', id).execute();
}

/** A link written straight into the table, for values the API refuses (an impossible follow-up date). */
export async function insertRawLink(
  t: TestApp,
  values: { organizationId: string; eventId: string; status?: string; followUpDate?: string | null },
): Promise<string> {
  const id = newId();
  const at = t.clock.now().toISOString();
  await t.accord.kernel.db
    .insertInto('links')
    .values({
      id,
      organization_id: values.organizationId,
      event_id: values.eventId,
      status: values.status ?? 'reached_out',
      package_tier: '',
      role: '',
      amount: null,
      currency: 'CAD',
      follow_up_date: values.followUpDate ?? null,
      contact_id: null,
      owner_id: null,
      notes: '',
      created_at: at,
      updated_at: at,
      version: 1,
      deleted_at: null,
      updated_by: null,
    })
    .execute();
  return id;
}

/** Soft-deletes an event behind the API's back (the API refuses while it has links): its links are orphans. */
export async function orphanLinksOf(t: TestApp, eventId: string): Promise<void> {
  await t.accord.kernel.db
    .updateTable('events')
    .set({ deleted_at: t.clock.now().toISOString() })
    .where('id', '=', eventId)
    .execute();
}

/** Sets the workspace time zone through the settings API. */
export async function setTimeZone(admin: Client, timeZone: string): Promise<void> {
  const { version } = (await admin.get('/api/v1/settings')).body as { version: number };
  const res = await admin.patch('/api/v1/settings', { version, timeZone });
  expect(res.status, res.text).toBe(200);
}

/** A communication logged through the API (201 checked). */
export async function logCommunication(admin: Client, body: Record<string, unknown>): Promise<any> {
  const res = await admin.post('/api/v1/communications', { summary: 'Notes', ...body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** The payload without the instant it was made, to compare two requests. */
export const withoutTime = (o: Overview) => ({ ...o, generatedAt: '' });
