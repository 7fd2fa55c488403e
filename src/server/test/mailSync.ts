/** Email-sync fixtures: partners and contacts through the API, a mailbox connected to a test IMAP server. */
import { expect } from 'vitest';
import type { Client, TestApp } from './harness';
import type { TestImapServer } from './imapServer';

export async function createPartner(
  client: Client,
  body: { name: string; website?: string; email?: string },
): Promise<string> {
  const res = await client.post('/api/v1/partners', body);
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

export async function createContact(
  client: Client,
  partnerId: string,
  body: { firstName: string; lastName: string; email: string },
): Promise<string> {
  const res = await client.post(`/api/v1/partners/${partnerId}/contacts`, body);
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

export function imapSettings(server: TestImapServer, overrides: Record<string, unknown> = {}) {
  return {
    host: server.host,
    port: server.port,
    tls: false,
    user: server.user,
    auth: 'password',
    secret: server.password,
    ...overrides,
  };
}

/** Connects a mailbox on the test server through the API; answers its id. */
export async function connectMailbox(
  client: Client,
  server: TestImapServer,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await client.post('/api/v1/mailboxes', {
    email: server.address,
    imap: imapSettings(server),
    ...extra,
  });
  expect(res.status, res.text).toBe(201);
  return res.body.mailbox.id as string;
}

/** Communications of a partner through the API. */
export async function communicationsOf(client: Client, partnerId: string): Promise<any[]> {
  const res = await client.get(`/api/v1/communications?organizationId=${partnerId}&limit=200`);
  expect(res.status, res.text).toBe(200);
  return res.body.items as any[];
}

/** Every row of the communications table that came from email sync. */
export async function syncedRows(t: TestApp) {
  return t.accord.kernel.db
    .selectFrom('communications')
    .select(['id', 'organization_id', 'external_message_id', 'direction', 'subject'])
    .where('source', '=', 'email_sync')
    .execute();
}

/** Runs the job worker until the job is finished; answers its status through the API. */
export async function finishJob(t: TestApp, client: Client, jobId: string): Promise<any> {
  for (let i = 0; i < 50; i++) {
    const res = await client.get(`/api/v1/jobs/${jobId}`);
    if (res.body.status === 'done' || res.body.status === 'dead') return res.body;
    await t.accord.kernel.jobs.tick();
  }
  throw new Error(`job ${jobId} did not finish`);
}
