import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressAssets } from '../../scripts/viteCompress';
import { buildApp, type Accord } from './app';
import { createTestDb, type TestDb } from './test/harness';

/** A GET that reports the raw bytes and headers (fetch would decode the body and hide the encoding). */
function get(
  url: string,
  acceptEncoding: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

describe('the built web app is served compressed', () => {
  let db: TestDb;
  let accord: Accord;
  let base: string;
  let web: string;
  const script = `export const greeting = ${JSON.stringify('hello '.repeat(2000))};\n`;

  beforeAll(async () => {
    web = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-web-'));
    fs.mkdirSync(path.join(web, 'assets'));
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Accord</title>');
    fs.writeFileSync(path.join(web, 'assets', 'app-abc123.js'), script);
    fs.writeFileSync(path.join(web, 'assets', 'tiny-abc123.js'), 'export {};\n');
    const summary = compressAssets(path.join(web, 'assets'));
    expect(summary.files).toBe(1); // the tiny file is not worth a compressed copy
    expect(summary.brotliBytes).toBeLessThan(summary.bytes / 10);
    db = await createTestDb();
    accord = await buildApp({ config: db.config, handle: db.handle, webRoot: web });
    base = await accord.app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await accord?.close();
    await db?.drop();
    fs.rmSync(web, { recursive: true, force: true });
  });

  it('sends Brotli to a browser that takes it, gzip to one that takes only gzip, and the file itself otherwise', async () => {
    const br = await get(`${base}/assets/app-abc123.js`, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);

    const gz = await get(`${base}/assets/app-abc123.js`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get(`${base}/assets/app-abc123.js`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);

    // A file without compressed copies is still served as it is.
    const tiny = await get(`${base}/assets/tiny-abc123.js`, 'br');
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export {};\n');
  });

  it('answers a missing asset with a 404 whatever encoding was asked for', async () => {
    const res = await get(`${base}/assets/missing-abc123.js`, 'br');
    expect(res.status).toBe(404);
  });
});
