import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, MODULE_NAMES, SCOPES } from '../../../shared/permissions';
import { SYSTEM_ROLES } from '../../../shared/roles';
import { newId } from '../../kernel/ids';
import { startTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.as('admin');
});
afterAll(async () => t?.close());

let n = 0;
async function createRole(permissions: Record<string, unknown> = {}, name = `Custom role ${++n}`) {
  const res = await admin.post('/api/v1/roles', { name, permissions });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; key: string; version: number };
}

async function createUser(roleId: string, departmentId: string | null = null) {
  const email = `member${++n}@example.test`;
  const res = await admin.post('/api/v1/users', {
    email,
    name: `Member ${n}`,
    roleId,
    departmentId,
    password: TEST_PASSWORD,
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as string, email };
}

describe('roles API', () => {
  it('lists the built-in roles with their user counts, and the catalog of what a role can grant', async () => {
    const res = await admin.get('/api/v1/roles');
    expect(res.status).toBe(200);
    const builtIn = res.body.items.filter((r: { system: boolean }) => r.system);
    expect(builtIn.map((r: { key: string }) => r.key).sort()).toEqual(SYSTEM_ROLES.map((r) => r.key).sort());
    for (const r of builtIn) {
      expect(r.userCount, r.key).toBe(1);
      expect(r.permissions).toEqual(SYSTEM_ROLES.find((s) => s.key === r.key)!.permissions);
    }
    const one = await admin.get(`/api/v1/roles/${builtIn[0].id}`);
    expect(one.body).toEqual(builtIn[0]);
    expect((await admin.get(`/api/v1/roles/${newId()}`)).status).toBe(404);

    const catalog = await admin.get('/api/v1/roles/catalog');
    expect(catalog.status).toBe(200);
    expect(catalog.body.actions).toEqual([...ACTIONS]);
    expect(catalog.body.scopes).toEqual([...SCOPES]);
    expect(catalog.body.modules.map((m: { key: string }) => m.key)).toEqual(MODULE_NAMES);
    expect(catalog.body.modules.find((m: { key: string }) => m.key === 'audit')).toEqual({
      key: 'audit',
      label: 'Audit log',
      area: 'admin',
      actions: ['view'],
      scoped: false,
    });
    const scoped = (key: string) =>
      catalog.body.modules.find((m: { key: string; scoped: boolean }) => m.key === key).scoped;
    expect(['partners', 'links', 'communications', 'leads'].map(scoped)).toEqual([true, true, true, true]);
    expect(['events', 'documents', 'overview', 'settings'].map(scoped)).toEqual([false, false, false, false]);
  });

  it('creates a custom role with a normalised matrix and audits it; names are unique', async () => {
    const res = await admin.post('/api/v1/roles', {
      name: '  Partner scout ',
      description: 'Finds new partners',
      permissions: {
        partners: { actions: ['view', 'create', 'view'], scope: 'own' },
        events: { actions: [], scope: 'all' },
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      key: 'partner_scout',
      name: 'Partner scout',
      description: 'Finds new partners',
      system: false,
      userCount: 0,
      version: 1,
      permissions: { partners: { actions: ['view', 'create'], scope: 'own' } },
    });
    expect(res.body.permissions.events).toBeUndefined();
    const history = await admin.get(`/api/v1/history/role/${res.body.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(history.body.items[0].actorName).toBe('Test admin');

    const dup = await admin.post('/api/v1/roles', { name: 'Partner scout', permissions: {} });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_name');
    // A name that slugs to an existing key still gets its own key.
    const admin2 = await admin.post('/api/v1/roles', { name: 'Admin!', permissions: {} });
    expect(admin2.status).toBe(201);
    expect(admin2.body.key).toMatch(/^admin_[0-9a-f]{6}$/);
  });

  it('refuses a matrix with unknown modules, actions or scopes, naming the fields, and writes nothing', async () => {
    const before = (await admin.get('/api/v1/roles')).body.items.length;
    const audits = (await admin.get('/api/v1/audit?limit=200')).body.items.length;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ spaceships: { actions: ['view'], scope: 'all' } }, 'permissions.spaceships', /Unknown module/],
      [
        { audit: { actions: ['view', 'delete'], scope: 'all' } },
        'permissions.audit.actions',
        /Audit log has no "delete" permission/,
      ],
      [
        { forecasts: { actions: ['approve'], scope: 'all' } },
        'permissions.forecasts.actions',
        /no "approve"/,
      ],
      [{ users: { actions: ['fly'], scope: 'all' } }, 'permissions.users.actions.0', /must be one of/],
      [{ users: { actions: ['view'], scope: 'team' } }, 'permissions.users.scope', /must be one of/],
      [
        { users: { actions: ['view'] } },
        'permissions.users.scope',
        /must be one of "own", "department", "all"/,
      ],
      [{ users: { actions: ['view'], scope: 'all', extra: 1 } }, 'permissions.users.extra', /not a known/],
    ];
    for (const [permissions, field, message] of cases) {
      const res = await admin.post('/api/v1/roles', { name: `Bad ${field}`, permissions });
      expect(res.status, JSON.stringify(permissions)).toBe(400);
      expect(res.body.error.fields, res.text).toHaveProperty([field]);
      expect(res.body.error.fields[field]).toMatch(message);
    }
    const role = await createRole();
    const patch = await admin.patch(`/api/v1/roles/${role.id}`, {
      version: 1,
      permissions: { audit: { actions: ['edit'], scope: 'all' } },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.fields['permissions.audit.actions']).toMatch(/no "edit"/);
    expect((await admin.get('/api/v1/roles')).body.items.length).toBe(before + 1);
    expect((await admin.get('/api/v1/audit?limit=200')).body.items.length).toBe(audits + 1);
  });

  it('updates a role only from the version the editor read', async () => {
    const role = await createRole({ partners: { actions: ['view'], scope: 'all' } });
    const upd = await admin.patch(`/api/v1/roles/${role.id}`, {
      version: 1,
      name: 'Partner reader',
      permissions: { partners: { actions: ['view', 'edit'], scope: 'department' } },
    });
    expect(upd.status, upd.text).toBe(200);
    expect(upd.body.version).toBe(2);
    expect(upd.body.permissions).toEqual({ partners: { actions: ['view', 'edit'], scope: 'department' } });
    const stale = await admin.patch(`/api/v1/roles/${role.id}`, { version: 1, name: 'Stale' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect((await admin.get(`/api/v1/roles/${role.id}`)).body.name).toBe('Partner reader');
    const history = await admin.get(`/api/v1/history/role/${role.id}`);
    expect(history.body.items[0].changes.name).toEqual({ old: `Custom role ${n}`, new: 'Partner reader' });
    expect((await admin.patch(`/api/v1/roles/${newId()}`, { version: 1 })).status).toBe(404);
  });

  it('keeps "edit roles" and "edit users" on the Admin role', async () => {
    const roles = (await admin.get('/api/v1/roles')).body.items;
    const adminRole = roles.find((r: { key: string }) => r.key === 'admin');
    for (const drop of ['roles', 'users']) {
      const permissions = { ...adminRole.permissions, [drop]: { actions: ['view'], scope: 'all' } };
      const res = await admin.patch(`/api/v1/roles/${adminRole.id}`, {
        version: adminRole.version,
        permissions,
      });
      expect(res.status, drop).toBe(409);
      expect(res.body.error.code).toBe('admin_lockout');
      expect(res.body.error.message).toMatch(/must keep "edit roles" and "edit users"/);
    }
    const after = await admin.get(`/api/v1/roles/${adminRole.id}`);
    expect(after.body.permissions).toEqual(adminRole.permissions);
    expect(after.body.version).toBe(adminRole.version);
    // Other changes to the Admin role are fine.
    const renamed = await admin.patch(`/api/v1/roles/${adminRole.id}`, {
      version: adminRole.version,
      description: 'Runs the place',
    });
    expect(renamed.status).toBe(200);
  });

  it('refuses to delete built-in roles and roles in use; deletes an unused custom role', async () => {
    const roles = (await admin.get('/api/v1/roles')).body.items;
    const finance = roles.find((r: { key: string }) => r.key === 'finance');
    const sys = await admin.delete(`/api/v1/roles/${finance.id}`);
    expect(sys.status).toBe(409);
    expect(sys.body.error.code).toBe('system_role');

    const role = await createRole();
    const user = await createUser(role.id);
    const inUse = await admin.delete(`/api/v1/roles/${role.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('role_in_use');
    expect(inUse.body.error.message).toMatch(/^1 user has the role/);

    expect((await admin.patch(`/api/v1/users/${user.id}`, { version: 1, roleId: finance.id })).status).toBe(
      200,
    );
    const gone = await admin.delete(`/api/v1/roles/${role.id}`);
    expect(gone.status, gone.text).toBe(200);
    expect((await admin.get(`/api/v1/roles/${role.id}`)).status).toBe(404);
    expect((await admin.get('/api/v1/roles')).body.items.map((r: { id: string }) => r.id)).not.toContain(
      role.id,
    );
    expect((await admin.delete(`/api/v1/roles/${role.id}`)).status).toBe(404);
    // A deleted role cannot be given to anyone.
    const assign = await admin.patch(`/api/v1/users/${user.id}`, { version: 2, roleId: role.id });
    expect(assign.status).toBe(400);
    expect(assign.body.error.fields.roleId).toBe('is not an existing role');
  });
});

describe('roles at work', () => {
  it("applies a role change on the user's very next request", async () => {
    const role = await createRole({ partners: { actions: ['view'], scope: 'all' } });
    const user = await createUser(role.id);
    const c = await t.login(user.email);
    const denied = await c.get('/api/v1/users');
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('Your role does not allow you to view users.');

    const granted = await admin.patch(`/api/v1/roles/${role.id}`, {
      version: 1,
      permissions: { users: { actions: ['view'], scope: 'all' } },
    });
    expect(granted.status).toBe(200);
    const list = await c.get('/api/v1/users');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(6);
    expect((await c.get('/api/v1/me')).body.permissions).toEqual({
      users: { actions: ['view'], scope: 'all' },
    });

    await admin.patch(`/api/v1/roles/${role.id}`, { version: 2, permissions: {} });
    expect((await c.get('/api/v1/users')).status).toBe(403);
  });

  it('limits a user to their own record with scope "own", and to their department with "department"', async () => {
    const departments = (await admin.get('/api/v1/departments')).body.items;
    const testDept = departments.find((d: { name: string }) => d.name === 'Test department').id;
    const otherDept = (await admin.post('/api/v1/departments', { name: 'Elsewhere' })).body.id;
    const role = await createRole({ users: { actions: ['view', 'edit'], scope: 'own' } });
    const me = await createUser(role.id, testDept);
    const readOnly = (await admin.get('/api/v1/roles')).body.items.find(
      (r: { key: string }) => r.key === 'read_only',
    );
    const stranger = await createUser(readOnly.id, otherDept);
    const c = await t.login(me.email);

    const own = await c.get('/api/v1/users?limit=200');
    expect(own.status).toBe(200);
    expect(own.body.items.map((u: { id: string }) => u.id)).toEqual([me.id]);
    expect((await c.get(`/api/v1/users/${me.id}`)).status).toBe(200);
    const other = await c.get(`/api/v1/users/${t.users.finance!.id}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    const edit = await c.patch(`/api/v1/users/${t.users.finance!.id}`, { version: 1, name: 'Hijacked' });
    expect(edit.status).toBe(404);
    expect((await admin.get(`/api/v1/users/${t.users.finance!.id}`)).body.name).toBe('Test finance');

    await admin.patch(`/api/v1/roles/${role.id}`, {
      version: 1,
      permissions: { users: { actions: ['view'], scope: 'department' } },
    });
    const dept = await c.get('/api/v1/users?limit=200');
    const ids = dept.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(me.id);
    expect(ids).toContain(t.users.finance!.id);
    expect(ids).not.toContain(stranger.id);
    expect((await c.get(`/api/v1/users/${t.users.finance!.id}`)).status).toBe(200);
    expect((await c.get(`/api/v1/users/${stranger.id}`)).status).toBe(404);
  });
});
