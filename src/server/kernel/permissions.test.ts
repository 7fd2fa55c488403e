/**
 * The generated route × role test: every API route the app registers, called as every built-in role and
 * anonymously. A route that forgets its permission, or a role matrix that drifts, fails here.
 */
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { MODULES, can, type Permission } from '../../shared/permissions';
import { SYSTEM_ROLES } from '../../shared/roles';
import { startTestApp, type Client, type Response } from '../test/harness';
import { installAccessControl, registeredRoutes, type App, type RouteAccess } from './http';
import { newId } from './ids';

const ROLES = ['admin', 'management', 'sales_agent', 'finance', 'project_manager', 'read_only'] as const;
const SPECIAL_ACCESS = new Set<RouteAccess>(['public', 'signed-in', 'two-factor']);

// Routes are only known once the app is built, so the app starts while the file collects its tests.
const t = await startTestApp();
afterAll(async () => t.close());

const routes = registeredRoutes(t.accord.app).filter((r) => r.method !== 'HEAD');
const permissionRoutes = routes.filter((r) => !SPECIAL_ACCESS.has(r.access));
const nonPublicRoutes = routes.filter((r) => r.access !== 'public');

const clients = new Map<string, Client>();
async function as(role: string): Promise<Client> {
  if (!clients.has(role)) clients.set(role, await t.as(role));
  return clients.get(role)!;
}

/** Fills `:id`-style parameters with a well-formed id and sends `{}` to methods that take a body. */
function call(client: Client, method: string, url: string): Promise<Response> {
  const path = url.replace(/:[A-Za-z]+/g, () => newId());
  const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
  return client.request(method as 'GET', path, body);
}

describe('route registry', () => {
  it('lists every API route with its declared access, and every module route names a real permission', () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    expect(keys).toContain('GET /api/v1/users');
    expect(keys).toContain('POST /api/v1/auth/login');
    expect(keys).toContain('PATCH /api/v1/settings');
    expect(new Set(keys).size).toBe(keys.length);
    expect(permissionRoutes.length).toBeGreaterThanOrEqual(15);
    for (const r of permissionRoutes) {
      const [module, action] = r.access.split('.') as [keyof typeof MODULES, string];
      expect(MODULES[module], `${r.method} ${r.url}: unknown module in ${r.access}`).toBeDefined();
      expect(MODULES[module].actions as readonly string[], `${r.method} ${r.url}`).toContain(action);
    }
    expect(routes.find((r) => r.url === '/api/v1/users' && r.method === 'POST')?.access).toBe('users.create');
    expect(routes.find((r) => r.url === '/api/v1/auth/login/2fa')?.access).toBe('two-factor');
  });

  it('refuses to start an app with an API route that declares no access', async () => {
    const app = Fastify() as unknown as App;
    installAccessControl(app, async () => null);
    app.get('/api/v1/fine', { config: { access: 'public' } }, async () => ({ ok: true }));
    app.get('/outside-the-api', async () => 'web');
    await expect(
      (async () => {
        app.get('/api/v1/forgotten', async () => ({ leaked: true }));
        await app.ready();
      })(),
    ).rejects.toThrow('Route GET /api/v1/forgotten declares no access');
    await app.close();
  });
});

describe('route × role', () => {
  it.each(permissionRoutes.map((r) => [`${r.method} ${r.url} (${r.access})`, r] as const))(
    '%s: roles without the permission get 403, roles with it get through',
    async (_name, route) => {
      const permission = route.access as Permission;
      let allowedSomewhere = false;
      for (const role of ROLES) {
        const matrix = SYSTEM_ROLES.find((r) => r.key === role)!.permissions;
        const res = await call(await as(role), route.method, route.url);
        if (can(matrix, permission)) {
          allowedSomewhere = true;
          expect([401, 403], `${role} has ${permission}: ${res.text}`).not.toContain(res.status);
          // Made-up ids and empty bodies are the caller's mistakes: never a 500.
          expect(res.status, `${role}: ${res.text}`).toBeLessThan(500);
        } else {
          expect(res.status, `${role} lacks ${permission}: ${res.text}`).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
          expect(res.body.error.message).toMatch(/^Your role does not allow you to .+\.$/);
        }
      }
      // Admin has every permission, so each permission route is reachable by someone.
      expect(allowedSomewhere).toBe(true);
    },
  );

  it('lets every role reach the routes open to any signed-in user', async () => {
    const signedIn = routes.filter((r) => r.access === 'signed-in');
    expect(signedIn.length).toBeGreaterThan(5);
    for (const role of ROLES) {
      const client = await as(role);
      for (const r of signedIn) {
        const res = await call(client, r.method, r.url);
        expect([401, 403], `${role} ${r.method} ${r.url}: ${res.text}`).not.toContain(res.status);
        expect(res.status, `${role} ${r.method} ${r.url}: ${res.text}`).toBeLessThan(500);
      }
    }
  });

  it('answers 401 to anonymous callers of every route that is not public', async () => {
    const anonymous = t.anonymous();
    expect(nonPublicRoutes.length).toBeGreaterThan(20);
    for (const r of nonPublicRoutes) {
      const res = await call(anonymous, r.method, r.url);
      expect(res.status, `${r.method} ${r.url}: ${res.text}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(res.body.error.message).toBeTruthy();
    }
  });

  it('never answers 401 or 403 to anonymous callers of public routes', async () => {
    const publicRoutes = routes.filter((r) => r.access === 'public');
    expect(publicRoutes.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/api/health', '/api/v1/auth/login', '/api/v1/auth/password-reset']),
    );
    for (const r of publicRoutes) {
      const res = await call(t.anonymous(), r.method, r.url);
      expect([401, 403], `${r.method} ${r.url}: ${res.text}`).not.toContain(res.status);
    }
  });
});

describe('built-in role matrices', () => {
  // ../shared/spec/management.md, "Roles and permissions", word for word.
  const MANAGEMENT_SPEC: Record<string, string[]> = {
    reports: ['view'],
    goals: ['view', 'create', 'edit'],
    okrs: ['view', 'create', 'edit'],
    dashboard: ['view', 'configure'],
    contracts: ['view', 'approve'],
    invoices: ['view'],
    expenses: ['view'],
    staff: ['view'],
    timesheets: ['view'],
    projects: ['view'],
    announcements: ['view', 'create'],
    knowledge_base: ['view', 'create'],
    automation: ['view'],
  };
  const actionsOf = (matrix: Record<string, { actions: string[] }>) =>
    Object.fromEntries(
      Object.entries(matrix)
        .filter(([, g]) => g.actions.length > 0)
        .map(([m, g]) => [m, [...g.actions].sort()]),
    );
  const sortedSpec = Object.fromEntries(Object.entries(MANAGEMENT_SPEC).map(([m, a]) => [m, [...a].sort()]));

  it('gives Management exactly the permissions of the spec, as shipped and as stored', async () => {
    const shipped = SYSTEM_ROLES.find((r) => r.key === 'management')!;
    expect(actionsOf(shipped.permissions)).toEqual(sortedSpec);
    const stored = (await (await as('admin')).get('/api/v1/roles')).body.items.find(
      (r: { key: string }) => r.key === 'management',
    );
    expect(stored.name).toBe('Management');
    expect(stored.system).toBe(true);
    expect(actionsOf(stored.permissions)).toEqual(sortedSpec);
    // And the signed-in Management user carries that matrix.
    const me = (await (await as('management')).get('/api/v1/me')).body;
    expect(actionsOf(me.permissions)).toEqual(sortedSpec);
  });

  it('ships the six built-in roles, each granting only actions its modules define', () => {
    expect(SYSTEM_ROLES.map((r) => r.key).sort()).toEqual([...ROLES].sort());
    for (const role of SYSTEM_ROLES) {
      for (const [module, grant] of Object.entries(role.permissions)) {
        const def = MODULES[module as keyof typeof MODULES];
        expect(def, `${role.key}: ${module}`).toBeDefined();
        for (const a of grant.actions) expect(def.actions as readonly string[]).toContain(a);
      }
    }
    const admin = SYSTEM_ROLES.find((r) => r.key === 'admin')!.permissions;
    for (const r of permissionRoutes) expect(can(admin, r.access as Permission)).toBe(true);
    const readOnly = SYSTEM_ROLES.find((r) => r.key === 'read_only')!.permissions;
    for (const grant of Object.values(readOnly)) expect(grant.actions).toEqual(['view']);
  });
});
