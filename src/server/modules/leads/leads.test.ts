import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/ids';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { made, tableCounts } from '../../test/partnerManagement';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ now: '2026-03-02T09:00:00.000Z' });
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

describe('leads', () => {
  it('creates, filters and updates leads, refusing bad input with field messages', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Referring Partner' });
    const lead = await made(admin, '/api/v1/leads', {
      name: 'Grace Hopper',
      company: 'Navy Labs',
      email: 'Grace@Navy.example',
      source: 'partner',
      partnerId: p.id,
      campaign: 'Spring 2026',
      estimatedValue: 250_000,
    });
    expect(lead).toMatchObject({
      status: 'new',
      email: 'grace@navy.example',
      currency: 'CAD',
      partnerName: 'Referring Partner',
      convertedAt: null,
    });
    expect(
      (await admin.get(`/api/v1/leads?partnerId=${p.id}&source=partner&campaign=Spring 2026`)).body.items,
    ).toHaveLength(1);
    expect((await admin.get('/api/v1/leads?status=qualified')).body.items).toHaveLength(0);
    const upd = await admin.patch(`/api/v1/leads/${lead.id}`, { version: 1, status: 'qualified' });
    expect(upd.body.status).toBe('qualified');
    const before = await tableCounts(t);
    const bad = await admin.post('/api/v1/leads', {
      name: '',
      email: 'nope',
      phone: 'abc',
      source: 'telepathy',
      status: 'converted',
      estimatedValue: -5,
      currency: 'euro',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'currency',
      'email',
      'estimatedValue',
      'name',
      'phone',
      'source',
      'status',
    ]);
    expect((await admin.post('/api/v1/leads', { name: 'X', partnerId: newId() })).body.error.fields).toEqual({
      partnerId: 'is not a partner you can see',
    });
    expect(await tableCounts(t)).toEqual(before);
  });

  it('converts a lead into a deal, a new account and the person there, in one transaction, once', async () => {
    const p = await made(admin, '/api/v1/partners', { name: 'Lead Source Co' });
    const lead = await made(admin, '/api/v1/leads', {
      name: 'Katherine Johnson',
      company: 'Orbit Analytics',
      email: 'kj@orbit.example',
      title: 'CTO',
      partnerId: p.id,
      estimatedValue: 480_000,
      notes: 'Met at the summit',
    });
    t.clock.advance(3_600_000);
    const res = await admin.post(`/api/v1/leads/${lead.id}/convert`, {
      version: 1,
      createAccount: true,
      createContact: true,
      opportunity: { expectedCloseDate: '2026-06-30' },
    });
    expect(res.status, res.text).toBe(200);
    const { lead: converted, opportunity, accountId, contactId } = res.body;
    expect(converted).toMatchObject({
      status: 'converted',
      convertedAt: '2026-03-02T10:00:00.000Z',
      convertedOpportunityId: opportunity.id,
      convertedOrganizationId: accountId,
      convertedContactId: contactId,
    });
    expect(opportunity).toMatchObject({
      name: 'Orbit Analytics — Katherine Johnson',
      amount: 480_000,
      partnerId: p.id,
      accountId,
      accountName: 'Orbit Analytics',
      contactId,
      contactName: 'Katherine Johnson',
      leadId: lead.id,
      stageKey: 'prospecting',
      expectedCloseDate: '2026-06-30',
      description: 'Met at the summit',
    });
    expect((await admin.get(`/api/v1/accounts/${accountId}`)).body).toMatchObject({
      name: 'Orbit Analytics',
      email: 'kj@orbit.example',
    });
    expect((await admin.get(`/api/v1/consultants/${contactId}`)).body).toMatchObject({
      firstName: 'Katherine',
      lastName: 'Johnson',
      title: 'CTO',
    });
    const again = await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('This lead was already converted on 2026-03-02.');
    expect((await admin.patch(`/api/v1/leads/${lead.id}`, { version: 2, name: 'X' })).status).toBe(409);
  });

  it('converts onto an existing account, and a failed conversion leaves nothing behind', async () => {
    const acc = await made(admin, '/api/v1/accounts', { name: 'Existing Account' });
    const lead = await made(admin, '/api/v1/leads', { name: 'Solo', company: 'Solo Corp' });
    const before = await tableCounts(t);
    const failed = await admin.post(`/api/v1/leads/${lead.id}/convert`, {
      version: 1,
      createAccount: true,
      createContact: true,
      opportunity: { stageId: newId() },
    });
    expect(failed.status).toBe(400);
    expect(failed.body.error.fields).toEqual({ stageId: 'is not a stage of the pipeline' });
    expect(await tableCounts(t)).toEqual(before); // neither the account nor the person was kept
    expect(
      (
        await admin.post(`/api/v1/leads/${lead.id}/convert`, {
          version: 1,
          accountId: acc.id,
          createAccount: true,
        })
      ).status,
    ).toBe(400);
    expect(
      (await admin.post(`/api/v1/leads/${lead.id}/convert`, { version: 1, createContact: true })).body.error
        .fields,
    ).toEqual({
      createContact: 'a person needs an account to belong to: choose one or create it',
    });
    const ok = await admin.post(`/api/v1/leads/${lead.id}/convert`, {
      version: 1,
      accountId: acc.id,
      opportunity: { name: 'Solo deal', amount: 9_900 },
    });
    expect(ok.body.opportunity).toMatchObject({ name: 'Solo deal', amount: 9_900, accountId: acc.id });
    expect(ok.body.contactId).toBeNull();
  });

  it('lets sales agents convert only what their role may create, and only leads they may see', async () => {
    const agent = await t.as('sales_agent');
    const mine = await made(agent, '/api/v1/leads', { name: 'Agent Lead', company: 'Agent Co' });
    const theirs = await made(admin, '/api/v1/leads', { name: 'Admin Lead' });
    const noAccounts = await agent.post(`/api/v1/leads/${mine.id}/convert`, {
      version: 1,
      createAccount: true,
    });
    expect(noAccounts.status).toBe(403);
    expect(noAccounts.body.error.message).toContain('accounts.create');
    expect((await agent.post(`/api/v1/leads/${theirs.id}/convert`, { version: 1 })).status).toBe(404);
    expect((await agent.get('/api/v1/leads?q=admin lead')).body).toMatchObject({ items: [], hiddenCount: 1 });
    expect((await agent.post(`/api/v1/leads/${mine.id}/convert`, { version: 1 })).status).toBe(200);
    expect(
      (await (await t.as('read_only')).post(`/api/v1/leads/${mine.id}/convert`, { version: 2 })).status,
    ).toBe(403);
  });
});
