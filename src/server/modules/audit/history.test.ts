import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit.schema';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { colleague, made } from '../../test/partnerManagement';
import { createEvent, createLink } from '../../test/partnerships';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => {
  await t?.close();
});

const history = async (c: Client, id: string, related: boolean): Promise<AuditEntry[]> => {
  const res = await c.get(`/api/v1/history/partner/${id}${related ? '?related=true' : ''}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
};
const about = (items: AuditEntry[]) =>
  items.map((e) => (e.subject ? `${e.action} ${e.subject.noun}: ${e.subject.label}` : `${e.action} partner`));

describe("a partner's History with its related records", () => {
  it('weaves in changes of its consultants, leads and event involvements, newest first, naming each', async () => {
    const agent = await colleague(t);
    const p = await made(agent.client, '/api/v1/partners', { name: 'Woven Co' });
    const jane = await made(agent.client, `/api/v1/partners/${p.id}/contacts`, {
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@woven.example',
    });
    const edit = await agent.client.patch(`/api/v1/partners/${p.id}/contacts/${jane.id}`, {
      version: jane.version,
      email: 'jane.doe@woven.example',
    });
    expect(edit.status, edit.text).toBe(200);
    await made(agent.client, '/api/v1/leads', { name: 'Agent lead', partnerId: p.id });
    // A lead of another owner on the same partner: the agent's scope (own) does not show it.
    await made(admin, '/api/v1/leads', { name: 'Admin lead', partnerId: p.id });
    const event = await createEvent(admin, { name: 'Woven Summit', year: 2026 });
    await createLink(agent.client, { organizationId: p.id, eventId: event.id, status: 'prospect' });
    // Another partner's consultant stays out.
    const other = await made(agent.client, '/api/v1/partners', { name: 'Other Co' });
    await made(agent.client, `/api/v1/partners/${other.id}/contacts`, { firstName: 'Olga', lastName: 'X' });

    expect(about(await history(admin, p.id, true))).toEqual([
      'create Event involvement: Woven Summit',
      'create Lead: Admin lead',
      'create Lead: Agent lead',
      'update Consultant: Jane Doe',
      'create Consultant: Jane Doe',
      'create partner',
    ]);
    const update = (await history(admin, p.id, true)).find((e) => e.action === 'update')!;
    expect(update.changes.email).toEqual({ old: 'jane@woven.example', new: 'jane.doe@woven.example' });

    expect(about(await history(agent.client, p.id, true))).toEqual([
      'create Event involvement: Woven Summit',
      'create Lead: Agent lead',
      'update Consultant: Jane Doe',
      'create Consultant: Jane Doe',
      'create partner',
    ]);
    // Without the flag, the partner's own rows only (other record pages use it so).
    expect(about(await history(agent.client, p.id, false))).toEqual(['create partner']);
  });

  it("keeps a deleted consultant's history, and refuses a partner the reader may not see", async () => {
    const agent = await colleague(t);
    const p = await made(agent.client, '/api/v1/partners', { name: 'Trashy Co', visibility: 'owner' });
    const c = await made(agent.client, `/api/v1/partners/${p.id}/contacts`, {
      firstName: 'Tom',
      lastName: 'Gone',
    });
    expect((await admin.delete(`/api/v1/partners/${p.id}/contacts/${c.id}`)).status).toBe(200);
    expect(about(await history(agent.client, p.id, true))).toEqual([
      'delete Consultant: Tom Gone',
      'create Consultant: Tom Gone',
      'create partner',
    ]);
    const stranger = await colleague(t);
    expect((await stranger.client.get(`/api/v1/history/partner/${p.id}?related=true`)).status).toBe(404);
    expect((await admin.get(`/api/v1/history/partner/${p.id}?related=maybe`)).status).toBe(400);
  });
});
