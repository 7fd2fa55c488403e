import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('users API', () => {
  it('creates, reads, updates with version checks, deletes and restores a user, auditing each step', async () => {
    const admin = await t.as('admin');
    const roles = (await admin.get('/api/v1/roles')).body.items as { id: string; key: string }[];
    const readOnly = roles.find((r) => r.key === 'read_only')!;
    const created = await admin.post('/api/v1/users', {
      email: 'New.Person@Example.com',
      name: 'New Person',
      roleId: readOnly.id,
      password: 'a-long-password',
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('new.person@example.com');
    expect(created.body.roleName).toBe('Read-only');
    const id = created.body.id as string;

    const dup = await admin.post('/api/v1/users', {
      email: 'new.person@example.com',
      name: 'Again',
      roleId: readOnly.id,
      password: 'a-long-password',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('already exists');

    const upd = await admin.patch(`/api/v1/users/${id}`, { version: 1, name: 'Renamed Person' });
    expect(upd.status).toBe(200);
    expect(upd.body.version).toBe(2);
    const stale = await admin.patch(`/api/v1/users/${id}`, { version: 1, name: 'Stale write' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.message).toMatch(/changed by Test admin/);

    expect((await admin.delete(`/api/v1/users/${id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/users?q=renamed`)).body.items).toHaveLength(0);
    expect((await admin.get(`/api/v1/users?q=renamed&deleted=true`)).body.items).toHaveLength(1);
    const restored = await admin.post(`/api/v1/users/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();

    const history = await admin.get(`/api/v1/history/user/${id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'restore',
      'delete',
      'update',
      'create',
    ]);
    expect(history.body.items[2].changes).toEqual({ name: { old: 'New Person', new: 'Renamed Person' } });
    expect(history.body.items[3].changes.password_hash).toEqual({ old: null, new: '(changed)' });
  });

  it('pages through users with keyset cursors in both directions without gaps or repeats', async () => {
    const admin = await t.as('admin');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await admin.get(
        `/api/v1/users?limit=2&sort=-name${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((u) => u.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = (await admin.get('/api/v1/users?limit=200&sort=-name')).body.items.map(
      (u: { name: string }) => u.name,
    );
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses bad input with a 400 and field messages, writing nothing', async () => {
    const admin = await t.as('admin');
    const before = (await admin.get('/api/v1/audit?limit=200')).body.items.length;
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email', name: 'X', roleId: t.users.admin!.id, password: 'a-long-password' }, 'email'],
      [{ email: 'a@b.co', name: '', roleId: t.users.admin!.id, password: 'a-long-password' }, 'name'],
      [{ email: 'a@b.co', name: 'X', roleId: 'nope', password: 'a-long-password' }, 'roleId'],
      [
        { email: 'a@b.co', name: 'X'.repeat(121), roleId: t.users.admin!.id, password: 'a-long-password' },
        'name',
      ],
      [{ email: 'a@b.co', name: 'X', roleId: t.users.admin!.id, password: 'short' }, 'password'],
      [
        { email: 'a@b.co', name: 'X', roleId: t.users.admin!.id, password: 'a-long-password', isRoot: true },
        'isRoot',
      ],
      [{ email: 42, name: 'X', roleId: t.users.admin!.id, password: 'a-long-password' }, 'email'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/users', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields[field], res.text).toBeTruthy();
    }
    // A well-formed role id that does not exist is a field error too.
    const ghost = await admin.post('/api/v1/users', {
      email: 'a@b.co',
      name: 'X',
      roleId: '01a229b2-4fce-7000-8b75-f1e59f2798c1',
      password: 'a-long-password',
    });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.fields.roleId).toBe('is not an existing role');
    const malformed = await admin.request('POST', '/api/v1/users', '{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    const huge = await admin.request(
      'POST',
      '/api/v1/users',
      JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    const badId = await admin.get('/api/v1/users/not-an-id');
    expect(badId.status).toBe(400);
    expect(badId.body.error.fields.id).toBe('must be a valid Accord id');
    const unknown = await admin.get('/api/v1/users/01a229b2-4fce-7000-8b75-f1e59f2798c1');
    expect(unknown.status).toBe(404);
    const badSort = await admin.get('/api/v1/users?sort=password');
    expect(badSort.status).toBe(400);
    const badCursor = await admin.get('/api/v1/users?cursor=garbage');
    expect(badCursor.status).toBe(400);
    const after = (await admin.get('/api/v1/audit?limit=200')).body.items.length;
    expect(after).toBe(before);
  });
});

describe('no privilege escalation', () => {
  it('lets a user manager assign only roles within their own grants, and edit roles only within them', async () => {
    const admin = await t.as('admin');
    const managerRole = await admin.post('/api/v1/roles', {
      name: 'User manager',
      permissions: { users: { actions: ['view', 'create', 'edit'], scope: 'all' } },
    });
    expect(managerRole.status).toBe(201);
    const created = await admin.post('/api/v1/users', {
      email: 'um@example.com',
      name: 'User Manager',
      roleId: managerRole.body.id,
      password: 'a-long-password',
    });
    expect(created.status).toBe(201);
    const um = await t.login('um@example.com', 'a-long-password');
    const roles = (await admin.get('/api/v1/roles')).body.items as { id: string; key: string }[];
    const adminRole = roles.find((r) => r.key === 'admin')!;
    expect((await um.get('/api/v1/roles')).status).toBe(403);
    const options = await um.get('/api/v1/roles/options');
    expect(options.status).toBe(200);
    expect(options.body.items.map((r: { key: string }) => r.key)).toContain('read_only');
    expect(options.body.items[0].permissions).toBeUndefined();
    const toAdmin = await um.post('/api/v1/users', {
      email: 'evil@example.com',
      name: 'Evil',
      roleId: adminRole.id,
      password: 'a-long-password',
    });
    expect(toAdmin.status).toBe(403);
    expect(toAdmin.body.error.message).toMatch(/cannot give the role Admin/);
    const self = (await um.get(`/api/v1/users/${created.body.id}`)).body;
    const promote = await um.patch(`/api/v1/users/${self.id}`, {
      version: self.version,
      roleId: adminRole.id,
    });
    expect(promote.status).toBe(403);
    const peer = await um.post('/api/v1/users', {
      email: 'peer@example.com',
      name: 'Peer',
      roleId: managerRole.body.id,
      password: 'a-long-password',
    });
    expect(peer.status).toBe(201);
    expect((await admin.get('/api/v1/users?q=evil')).body.items).toHaveLength(0);
  });
});
