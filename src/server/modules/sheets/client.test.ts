import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from '../../test/fakeGoogle';
import { a1, parseServiceAccount, SheetsClient, SheetsError } from './client';

let fake: FakeGoogle;
beforeAll(async () => {
  fake = await startFakeGoogle();
  fake.createSpreadsheet('book-1234567890', { tabs: ['Data'] });
});
afterAll(async () => fake?.close());

const client = (json = fake.serviceAccountJson(), apiBaseUrl = fake.url) =>
  new SheetsClient({ account: parseServiceAccount(json), apiBaseUrl, timeoutMs: 3000 });

async function failure(p: Promise<unknown>): Promise<SheetsError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SheetsError);
  return e as SheetsError;
}

describe('Sheets client against the local Google server', () => {
  it('exchanges a signed JWT for a token once and reuses it', async () => {
    const c = client();
    const before = fake.stats.tokenRequests;
    await c.spreadsheet('book-1234567890');
    await c.updateValues('book-1234567890', a1('Data', 'A1:B2'), [
      ['x', 1],
      ['y', 2],
    ]);
    expect(
      await c.getValues('book-1234567890', a1('Data', 'A:B'), { valueRenderOption: 'UNFORMATTED_VALUE' }),
    ).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
    expect(c.tokensFetched).toBe(1);
    expect(fake.stats.tokenRequests - before).toBe(1);
  });

  it('renews a token before it expires, and once more when the server says it expired', async () => {
    const c = client();
    fake.tokenLifetimeSeconds = 30; // inside the one-minute margin: every call renews
    await c.spreadsheet('book-1234567890');
    await c.spreadsheet('book-1234567890');
    expect(c.tokensFetched).toBe(2);
    fake.tokenLifetimeSeconds = 3600;
    await c.spreadsheet('book-1234567890');
    expect(c.tokensFetched).toBe(3);
    fake.expireTokens();
    const rejected = fake.stats.rejectedBearer;
    await c.spreadsheet('book-1234567890'); // 401, new token, retried
    expect(fake.stats.rejectedBearer).toBe(rejected + 1);
    expect(c.tokensFetched).toBe(4);
  });

  it('the server checks the bearer token and the request shapes', async () => {
    const res = await fetch(`${fake.url}/v4/spreadsheets/book-1234567890`);
    expect(res.status).toBe(401);
    const c = client();
    const bad = await failure(c.getValues('book-1234567890', "'Nope'!A1:B2"));
    expect(bad.kind).toBe('bad_request');
    expect(bad.message).toMatch(/Unable to parse range/);
    const kind = await failure(c.batchUpdate('book-1234567890', [{ frobnicate: {} }]));
    expect(kind.message).toMatch(/Unknown name "frobnicate"/);
    const token = await c.accessToken();
    const noInput = await fetch(`${fake.url}/v4/spreadsheets/book-1234567890/values/Data!A1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ values: [['a']] }),
    });
    expect(noInput.status).toBe(400);
    expect(await noInput.text()).toMatch(/valueInputOption/);
  });

  it('maps failures to messages a person can act on', async () => {
    fake.createSpreadsheet('private-book-000', { sharedWith: ['owner@example.com'] });
    const forbidden = await failure(client().spreadsheet('private-book-000'));
    expect(forbidden.kind).toBe('forbidden');
    expect(forbidden.message).toMatch(
      /Share and give accord-sync@accord-test\.iam\.gserviceaccount\.com Editor access/,
    );

    const missing = await failure(client().spreadsheet('no-such-book-00'));
    expect(missing.kind).toBe('not_found');
    expect(missing.message).toMatch(/No spreadsheet has the id no-such-book-00/);

    const wrongKey = await failure(client(fake.untrustedServiceAccountJson()).spreadsheet('book-1234567890'));
    expect(wrongKey.kind).toBe('auth');
    expect(wrongKey.message).toMatch(/Invalid JWT Signature/);

    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = await failure(client(undefined, `http://127.0.0.1:${port}`).spreadsheet('book-1234567890'));
    expect(down.kind).toBe('unreachable');
    expect(down.message).toBe(
      `Could not reach 127.0.0.1:${port} (ECONNREFUSED). Check the network connection.`,
    );

    fake.failNext(503, 'Backend Error');
    const server = await failure(client().spreadsheet('book-1234567890'));
    expect(server.kind).toBe('server');
    expect(server.message).toMatch(/Try again later/);

    expect(() => parseServiceAccount('{"type":"authorized_user"}')).toThrow(/not a service account key/);
    expect(() => parseServiceAccount('{"client_email":"a@b.c"}')).toThrow(/no private_key/);
    expect(() => parseServiceAccount('{"client_email":"a@b.c","private_key":"abc"}')).toThrow(
      /private key could not be read/,
    );
  });
});
