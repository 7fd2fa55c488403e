import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
let partnerId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  partnerId = (await admin.post('/api/v1/partners', { name: 'Paper Street Soap' })).body.id;
});
afterAll(async () => t?.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

async function upload(
  client: Client,
  id: string,
  name: string,
  bytes: Buffer,
  type = 'application/octet-stream',
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const req = new Request('http://x/', { method: 'PUT', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  return client.request('PUT', `/api/v1/documents/${id}/file`, body.toString('latin1'), {
    'content-type': req.headers.get('content-type')!,
  });
}

describe('documents', () => {
  it('stores references, uploads a checked file into the database and serves it back', async () => {
    const doc = await admin.post('/api/v1/documents', {
      organizationId: partnerId,
      title: 'Sponsorship MOU',
      type: 'MOU',
      status: 'Sent',
      url: 'https://drive.example/mou',
    });
    expect(doc.status).toBe(201);
    expect(doc.body).toMatchObject({ type: 'mou', status: 'sent', hasFile: false });
    const up = await upload(admin, doc.body.id, 'mou.pdf', PDF, 'application/pdf');
    expect(up.status, up.text).toBe(200);
    expect(up.body).toMatchObject({
      hasFile: true,
      fileName: 'mou.pdf',
      fileSize: PDF.length,
      contentType: 'application/pdf',
    });
    const res = await t.accord.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${doc.body.id}/file`,
      headers: { cookie: admin.cookie! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment; filename="mou.pdf"');
    expect(res.rawPayload.equals(PDF)).toBe(true);
    // larger than the 1 MB JSON body limit, smaller than the 10 MB upload limit
    const large = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const upLarge = await upload(admin, doc.body.id, 'mou-v2.pdf', large, 'application/pdf');
    expect(upLarge.status, upLarge.text).toBe(200);
    expect(upLarge.body.fileSize).toBe(large.length);
    const list = (await admin.get(`/api/v1/documents?organizationId=${partnerId}`)).body.items;
    expect(list.map((d: { title: string }) => d.title)).toEqual(['Sponsorship MOU']);
  });

  it('refuses files whose type or content is wrong, and bad fields, writing nothing', async () => {
    const doc = (await admin.post('/api/v1/documents', { organizationId: partnerId, title: 'Deck' })).body;
    const exe = await upload(admin, doc.id, 'deck.exe', Buffer.from('MZ....'));
    expect(exe.status).toBe(415);
    expect(exe.body.error.message).toMatch(/not accepted/);
    const fake = await upload(admin, doc.id, 'deck.pdf', Buffer.from('MZ this is not a pdf'));
    expect(fake.status).toBe(415);
    expect(fake.body.error.message).toMatch(/not a PDF file/);
    const empty = await upload(admin, doc.id, 'deck.txt', Buffer.alloc(0));
    expect(empty.status).toBe(415);
    const big = await upload(admin, doc.id, 'big.txt', Buffer.alloc(10 * 1024 * 1024 + 10, 'a'));
    expect([413]).toContain(big.status);
    const json = await admin.request('PUT', `/api/v1/documents/${doc.id}/file`, { file: 'x' });
    expect(json.status).toBe(415);
    expect((await admin.get(`/api/v1/documents/${doc.id}`)).body.hasFile).toBe(false);
    const bad = await admin.post('/api/v1/documents', {
      organizationId: partnerId,
      title: '',
      url: 'javascript:alert(1)',
      notes: 'x'.repeat(3001),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['notes', 'title', 'url']);
  });

  it('edits and deletes with history, and hides documents of hidden partners', async () => {
    const doc = (await admin.post('/api/v1/documents', { organizationId: partnerId, title: 'Invoice 12' }))
      .body;
    const upd = await admin.patch(`/api/v1/documents/${doc.id}`, { version: doc.version, status: 'signed' });
    expect(upd.body.status).toBe('signed');
    expect(
      (await admin.patch(`/api/v1/documents/${doc.id}`, { version: doc.version, status: 'x' })).status,
    ).toBe(409);
    expect((await admin.get(`/api/v1/history/document/${doc.id}`)).body.items).toHaveLength(2);
    const hidden = (await admin.post('/api/v1/partners', { name: 'Hidden Co', visibility: 'owner' })).body;
    const secretDoc = (await admin.post('/api/v1/documents', { organizationId: hidden.id, title: 'Secret' }))
      .body;
    const agent = await t.as('sales_agent');
    expect((await agent.get(`/api/v1/documents/${secretDoc.id}`)).status).toBe(404);
    expect((await agent.get(`/api/v1/documents?organizationId=${hidden.id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/documents/${doc.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/documents/${doc.id}`)).status).toBe(404);
  });
});
