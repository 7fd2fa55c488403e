import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_MIGRATION } from './db/migrate';
import { newId } from './kernel/ids';
import { engineUnderTest, startTestApp, type Client, type TestApp } from './test/harness';

let t: TestApp;
let admin: Client;
let roles: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
  roles = Object.fromEntries(
    ((await admin.get('/api/v1/roles')).body.items as { id: string; key: string }[]).map((r) => [
      r.key,
      r.id,
    ]),
  );
});
afterAll(async () => t?.close());

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Row counts of the tables a write would touch. */
async function writes() {
  const db = t.accord.kernel.db;
  const n = async (table: 'users' | 'audit_log' | 'outbox' | 'departments') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users: await n('users'),
    audit: await n('audit_log'),
    outbox: await n('outbox'),
    depts: await n('departments'),
  };
}

type OpenApi = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
};

describe('OpenAPI document and docs', () => {
  it('is a valid OpenAPI 3 document listing the users routes with their schemas', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as OpenApi;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Accord API', version: expect.any(String) });
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(['session', 'bearer']);

    // Structure: every path starts with /, every operation answers something, path parameters are declared.
    const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
    const operationIds = new Set<string>();
    for (const [route, item] of Object.entries(doc.paths)) {
      expect(route.startsWith('/'), route).toBe(true);
      expect(route).not.toMatch(/:\w+/); // OpenAPI templates use {id}, not :id
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS, `${method} ${route}`).toContain(method);
        expect(Object.keys(op.responses ?? {}).length, `${method} ${route} has responses`).toBeGreaterThan(0);
        for (const status of Object.keys(op.responses))
          expect(status).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
        const declared = new Set(
          (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name as string),
        );
        for (const [, name] of route.matchAll(/\{(\w+)\}/g)) {
          expect(declared.has(name!), `${method} ${route} declares {${name}}`).toBe(true);
          expect(op.parameters.find((p: any) => p.name === name).required).toBe(true);
        }
        if (op.operationId) {
          expect(operationIds.has(op.operationId)).toBe(false);
          operationIds.add(op.operationId);
        }
      }
    }
    // Every $ref points at something that exists.
    const json = JSON.stringify(doc);
    for (const [, ref] of json.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const target = ref!.split('/').reduce<any>((node, key) => node?.[key], doc);
      expect(target, `$ref #/${ref}`).toBeDefined();
    }
    // Internal routes stay out.
    expect(Object.keys(doc.paths)).not.toContain('/api/openapi.json');

    const users = doc.paths['/api/v1/users']!;
    expect(Object.keys(users).sort()).toEqual(['get', 'post']);
    const listParams = (users.get.parameters as { name: string; in: string }[]).map(
      (p) => `${p.in}:${p.name}`,
    );
    expect(listParams).toEqual(
      expect.arrayContaining([
        'query:limit',
        'query:cursor',
        'query:sort',
        'query:q',
        'query:roleId',
        'query:active',
      ]),
    );
    const page = users.get.responses['200'].content['application/json'].schema;
    expect(Object.keys(page.properties)).toEqual(['items', 'nextCursor']);
    expect(Object.keys(page.properties.items.items.properties)).toEqual(
      expect.arrayContaining(['id', 'email', 'name', 'roleId', 'active', 'version', 'deletedAt']),
    );
    const create = users.post.requestBody.content['application/json'].schema;
    expect(Object.keys(create.properties)).toEqual(
      expect.arrayContaining(['email', 'name', 'roleId', 'departmentId', 'active', 'password']),
    );
    expect([...create.required].sort()).toEqual(['email', 'name', 'password', 'roleId']);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.password.minLength).toBe(10);
    expect(users.post.responses['201']).toBeDefined();

    const one = doc.paths['/api/v1/users/{id}']!;
    expect(Object.keys(one).sort()).toEqual(['delete', 'get', 'patch']);
    const idParam = one.get.parameters.find((p: any) => p.name === 'id');
    expect(idParam).toMatchObject({ in: 'path', required: true });
    expect(idParam.schema.pattern).toContain('7[0-9a-f]{3}');
    expect(one.patch.requestBody.content['application/json'].schema.required).toEqual(['version']);
    expect(doc.paths['/api/v1/users/{id}/restore']?.post).toBeDefined();
    expect(users.get.tags).toEqual(['users']);
    expect(users.get.summary).toMatch(/keyset/);
  });

  it('serves the interactive docs as HTML from local assets', async () => {
    const res = await t.anonymous().get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('swagger-ui');
    const spec = await t.anonymous().get('/api/docs/json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
  });
});

describe('health', () => {
  it('reports the database, the job queue and the version without signing in', async () => {
    await t.accord.kernel.jobs.enqueue('health.probe', null);
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: {
        engine: engineUnderTest(),
        ok: true,
        latencyMs: expect.any(Number),
        migration: LATEST_MIGRATION,
      },
      jobs: { queued: expect.any(Number), running: 0, dead: 0, oldestQueuedAt: t.clock.now().toISOString() },
      now: t.clock.now().toISOString(),
    });
    expect(res.body.jobs.queued).toBeGreaterThanOrEqual(1);
  });
});

describe('bad requests', () => {
  it('answers an unknown route with 404 in the error shape', async () => {
    for (const [method, url, shown] of [
      ['GET', '/api/v1/nothing-here?x=1', 'GET /api/v1/nothing-here'],
      ['PUT', '/api/v1/users', 'PUT /api/v1/users'],
      ['DELETE', '/api/v1/users', 'DELETE /api/v1/users'],
      ['GET', '/api/v2/users', 'GET /api/v2/users'],
    ] as const) {
      const res = await admin.request(method, url);
      expect(res.status, url).toBe(404);
      expect(res.body).toEqual({
        error: { code: 'not_found', message: `There is no ${shown} in the Accord API.` },
      });
    }
  });

  it('refuses malformed, mistyped, oversized and unknown input with a 4xx and a message, writing nothing', async () => {
    const before = await writes();
    const valid = {
      email: 'valid@example.com',
      name: 'Valid',
      roleId: roles.read_only,
      password: 'a-long-password',
    };
    const someone = t.users.finance!.id;
    const cases: [string, Promise<{ status: number; body: any; text: string }>, number, string?][] = [
      ['malformed JSON', admin.request('POST', '/api/v1/users', '{"email": "a@b.co",'), 400, 'invalid_json'],
      [
        'empty JSON body',
        admin.request('POST', '/api/v1/users', '', { 'content-type': 'application/json' }),
        400,
      ],
      ['no body', admin.request('POST', '/api/v1/users'), 400, 'validation_failed'],
      ['JSON null', admin.request('POST', '/api/v1/users', 'null'), 400, 'validation_failed'],
      ['JSON array', admin.request('POST', '/api/v1/users', '[1,2]'), 400, 'validation_failed'],
      ['deeply nested', admin.request('POST', '/api/v1/users', '['.repeat(50_000) + ']'.repeat(50_000)), 400],
      [
        'prototype pollution',
        admin.request(
          'POST',
          '/api/v1/users',
          JSON.stringify(valid).replace('{', '{"__proto__":{"admin":true},'),
        ),
        400,
      ],
      ['XML', admin.request('POST', '/api/v1/users', '<user/>', { 'content-type': 'application/xml' }), 415],
      [
        'form data',
        admin.request('POST', '/api/v1/users', 'email=a', {
          'content-type': 'application/x-www-form-urlencoded',
        }),
        415,
      ],
      [
        'plain text',
        admin.request('POST', '/api/v1/users', JSON.stringify(valid), { 'content-type': 'text/plain' }),
        400,
      ],
      [
        'huge body',
        admin.request('POST', '/api/v1/users', JSON.stringify({ ...valid, name: 'x'.repeat(1_100_000) })),
        413,
        'body_too_large',
      ],
      ['unknown field', admin.post('/api/v1/users', { ...valid, isRoot: true }), 400, 'validation_failed'],
      ['wrong type', admin.post('/api/v1/users', { ...valid, active: 'yes' }), 400, 'validation_failed'],
      ['number as name', admin.post('/api/v1/users', { ...valid, name: 12 }), 400, 'validation_failed'],
      ['bad role id', admin.post('/api/v1/users', { ...valid, roleId: '42' }), 400, 'validation_failed'],
      [
        'v4 uuid as id',
        admin.get('/api/v1/users/3b241101-e2bb-4255-8caf-4136c566a962'),
        400,
        'validation_failed',
      ],
      [
        'bad id on update',
        admin.patch('/api/v1/users/12', { version: 1, name: 'X' }),
        400,
        'validation_failed',
      ],
      ['bad id on delete', admin.delete('/api/v1/users/robert'), 400, 'validation_failed'],
      [
        'missing version',
        admin.patch(`/api/v1/users/${someone}`, { name: 'No Version' }),
        400,
        'validation_failed',
      ],
      [
        'version 0',
        admin.patch(`/api/v1/users/${someone}`, { version: 0, name: 'X' }),
        400,
        'validation_failed',
      ],
      ['unknown query parameter', admin.get('/api/v1/users?isAdmin=true'), 400, 'validation_failed'],
      ['repeated query parameter', admin.get('/api/v1/users?limit=1&limit=2'), 400, 'validation_failed'],
      ['bad id in a filter', admin.get('/api/v1/users?roleId=admin'), 400, 'validation_failed'],
      ['bad boolean filter', admin.get('/api/v1/users?active=yes'), 400, 'validation_failed'],
      ['broken %-escape', admin.get('/api/v1/users/%E0%A4%A'), 400, 'bad_request'],
      ['overlong id', admin.get(`/api/v1/users/${'a'.repeat(300)}`), 414, 'bad_request'],
      ['bad date filter', admin.get('/api/v1/audit?from=yesterday'), 400, 'validation_failed'],
    ];
    for (const [label, pending, status, code] of cases) {
      const res = await pending;
      expect(res.status, `${label}: ${res.text.slice(0, 300)}`).toBe(status);
      expect(res.body?.error?.message, label).toEqual(expect.any(String));
      expect(res.body.error.message.length, label).toBeGreaterThan(10);
      expect(Object.keys(res.body), label).toEqual(['error']);
      if (code) expect(res.body.error.code, label).toBe(code);
    }
    const fields = (await admin.post('/api/v1/users', { ...valid, active: 'yes', extra: 1 })).body.error;
    expect(fields.fields).toEqual({
      active: 'must be a boolean, not a string',
      extra: 'is not a known field',
    });
    expect(fields.message).toBe(
      'The request has problems: active must be a boolean, not a string; extra is not a known field.',
    );
    expect((await admin.request('POST', '/api/v1/users', '[1,2]')).body.error.fields).toEqual({
      '(body)': 'must be an object, not an array',
    });
    expect((await admin.get('/api/v1/users?limit=1&limit=2')).body.error.message).toBe(
      'The query parameters have problems: limit must be a number.',
    );
    expect((await admin.get('/api/v1/users/12')).body.error.message).toBe(
      'The address has problems: id must be a valid Accord id.',
    );
    expect(await writes()).toEqual(before);
  });
});

describe('keyset pagination', () => {
  let made: { id: string; name: string; email: string }[] = [];
  let dept: string;
  beforeAll(async () => {
    dept = (await admin.post('/api/v1/departments', { name: 'Paging' })).body.id as string;
    // Three users share a name and all share one created_at (the clock is pinned): ties must page cleanly.
    const specs = [
      ['Page Alpha', 'read_only', true],
      ['Page Bravo', 'finance', true],
      ['Page Twin', 'read_only', false],
      ['Page Twin', 'finance', true],
      ['Page Twin', 'read_only', true],
      ['Page Delta', 'finance', false],
      ['Page Echo', 'read_only', true],
    ] as const;
    made = [];
    for (const [i, [name, role, active]] of specs.entries()) {
      const res = await admin.post('/api/v1/users', {
        email: `page${i}@example.com`,
        name,
        roleId: roles[role],
        departmentId: i % 2 ? dept : null,
        active,
        password: 'a-long-password',
      });
      expect(res.status, res.text).toBe(201);
      made.push(res.body);
    }
  });

  async function walk(query: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await admin.get(`/api/v1/users?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...res.body.items.map((u) => u.id));
      cursor = res.body.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error('paging did not end');
  }

  it('pages through every sort order, both directions, without gaps or repeats, ties included', async () => {
    for (const sort of ['name', '-name', 'email', '-email', 'createdAt', '-createdAt']) {
      const all = (await admin.get(`/api/v1/users?sort=${sort}&limit=200`)).body.items as {
        id: string;
        name: string;
        email: string;
        createdAt: string;
      }[];
      expect(all.length).toBeGreaterThanOrEqual(made.length + 6);
      for (const limit of [1, 2, 3])
        expect(await walk(`sort=${sort}`, limit), `${sort} by ${limit}`).toEqual(all.map((u) => u.id));
      const key = sort.replace('-', '') as 'name' | 'email' | 'createdAt';
      const twins = all.filter((u) => u.name === 'Page Twin').map((u) => u.id);
      expect(twins).toHaveLength(3);
      // Within equal sort values the id breaks the tie, in the same direction.
      if (key !== 'email') {
        const ascending = !sort.startsWith('-');
        const sameTime = all.filter((u) => u.createdAt === all.find((x) => x.id === made[0]!.id)!.createdAt);
        const tied = key === 'name' ? twins : sameTime.map((u) => u.id);
        expect(tied).toEqual([...tied].sort((a, b) => (ascending ? (a < b ? -1 : 1) : a < b ? 1 : -1)));
      }
    }
  });

  it('pages through filtered lists the same way', async () => {
    for (const filter of [
      `roleId=${roles.finance}`,
      'active=false',
      'q=page',
      'q=twin&sort=-name',
      `departmentId=${dept}&sort=email`,
      `roleId=${roles.read_only}&active=true&sort=-createdAt`,
    ]) {
      const all = (await admin.get(`/api/v1/users?${filter}&limit=200`)).body.items as { id: string }[];
      expect(all.length, filter).toBeGreaterThan(0);
      expect(await walk(filter, 2), filter).toEqual(all.map((u) => u.id));
    }
    const inactive = (await admin.get('/api/v1/users?active=false&limit=200')).body.items as {
      active: boolean;
    }[];
    expect(inactive.every((u) => !u.active)).toBe(true);
  });

  it('keeps pages stable when rows are added meanwhile, and enforces limit bounds and valid cursors', async () => {
    const first = await admin.get('/api/v1/users?sort=name&limit=3&q=page');
    await admin.post('/api/v1/users', {
      email: 'aardvark@example.com',
      name: 'Page Aardvark',
      roleId: roles.read_only,
      password: 'a-long-password',
    });
    const second = await admin.get(`/api/v1/users?sort=name&limit=3&q=page&cursor=${first.body.nextCursor}`);
    const seen = [...first.body.items, ...second.body.items] as { id: string; name: string }[];
    expect(seen).toHaveLength(6);
    expect(seen.map((u) => u.name)).not.toContain('Page Aardvark');
    expect(new Set(seen.map((u) => u.id)).size).toBe(6);

    expect((await admin.get('/api/v1/users')).body.items.length).toBeLessThanOrEqual(50);
    expect((await admin.get('/api/v1/users?limit=200')).status).toBe(200);
    for (const limit of ['0', '201', '-1', '1.5', 'ten']) {
      const res = await admin.get(`/api/v1/users?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.error.fields.limit, limit).toBeTruthy();
    }
    const byName = await admin.get('/api/v1/users?sort=name&limit=1');
    const cursors = [
      'garbage',
      Buffer.from('not json').toString('base64url'),
      Buffer.from(JSON.stringify(['name', { nested: true }, newId()])).toString('base64url'),
      Buffer.from(JSON.stringify(['name', 'x'])).toString('base64url'),
    ];
    for (const cursor of cursors) {
      const res = await admin.get(`/api/v1/users?sort=name&cursor=${cursor}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.fields).toEqual({ cursor: 'is not valid' });
    }
    // A cursor belongs to its sort order.
    const other = await admin.get(`/api/v1/users?sort=email&cursor=${byName.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/not valid for this list and sort order/);
    const badSort = await admin.get('/api/v1/users?sort=password_hash');
    expect(badSort.status).toBe(400);
    expect(badSort.body.error.message).toBe(
      'Cannot sort by "password_hash". Sort by one of: name, email, createdAt (prefix with - for descending).',
    );
  });
});

describe('ids', () => {
  it('are UUIDv7, carry their creation time and sort in creation order', async () => {
    const t0 = Date.now();
    const id = newId();
    expect(id).toMatch(UUID_V7);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(t0);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);

    const many = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(many).size).toBe(many.length);
    expect(many.every((x) => UUID_V7.test(x))).toBe(true);
    expect([...many].sort()).toEqual(many);
  });

  it('are what the API hands out, in creation order', async () => {
    const a = (
      await admin.post('/api/v1/users', {
        email: 'id1@example.com',
        name: 'Id One',
        roleId: roles.read_only,
        password: 'a-long-password',
      })
    ).body.id as string;
    const b = (await admin.post('/api/v1/departments', { name: 'Id department' })).body.id as string;
    expect(a).toMatch(UUID_V7);
    expect(b).toMatch(UUID_V7);
    expect(a < b).toBe(true);
    const audit = (await admin.get('/api/v1/audit?limit=2')).body.items as { id: string }[];
    expect(audit.every((e) => UUID_V7.test(e.id))).toBe(true);
    expect(audit[0]!.id > audit[1]!.id).toBe(true);
  });

  it('stay monotonic within one millisecond, past the 4096-per-millisecond counter, and when the clock steps back', () => {
    const ms = Date.now() + 60_000;
    const same = Array.from({ length: 5000 }, () => newId(ms));
    expect([...same].sort()).toEqual(same);
    expect(new Set(same).size).toBe(same.length);
    expect(parseInt(same[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    const back = newId(ms - 10_000);
    expect(back > same.at(-1)!).toBe(true);
    expect(back).toMatch(UUID_V7);
  });
});
