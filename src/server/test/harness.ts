/**
 * Test harness: a fresh database per test file (a SQLite file in a temp folder, or a PostgreSQL schema
 * when TEST_DATABASE_URL is set), the real app, and signed-in clients for each built-in role.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { InjectOptions } from 'fastify';
import { buildApp, type Accord } from '../app';
import { loadConfig, type Config } from '../config';
import { openDb, type DbHandle } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { ensureSystemRoles } from '../db/seed/index';
import { fixedClock } from '../kernel/clock';
import { hashPassword } from '../kernel/crypto';
import { newId } from '../kernel/ids';
import type { JobQueueOptions } from '../kernel/jobs';

export const TEST_PASSWORD = 'test-password-123';
export const engineUnderTest = (): 'sqlite' | 'postgres' =>
  process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export interface TestDb {
  config: Config;
  handle: DbHandle;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createTestDb(extraEnv: Record<string, string> = {}): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `t_${newId().replace(/-/g, '').slice(-16)}_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const config = loadConfig({
      NODE_ENV: 'test',
      ACCORD_DEMO: 'false',
      DATABASE_URL: url,
      DATABASE_SCHEMA: schema,
      ...extraEnv,
    });
    const handle = openDb(config.db, { poolSize: 5 });
    await migrateToLatest(handle);
    return {
      config,
      handle,
      drop: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-test-'));
  const config = loadConfig({ NODE_ENV: 'test', ACCORD_DEMO: 'false', ACCORD_DATA_DIR: dir, ...extraEnv });
  const handle = openDb(config.db);
  await migrateToLatest(handle);
  return {
    config,
    handle,
    drop: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

/** A caller of the API through app.inject, carrying a session cookie and its CSRF token, or a token. */
export class Client {
  constructor(
    private readonly accord: Accord,
    public cookie: string | null = null,
    public csrf: string | null = null,
    public bearer: string | null = null,
  ) {}

  async request<T = any>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !h['x-csrf-token']) h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.accord.app.inject({ method, url, headers: h, payload });
    let parsed: unknown = undefined;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      parsed = undefined;
    }
    const setCookie = res.headers['set-cookie'];
    const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const c of cookies) {
      const [pair] = c.split(';');
      if (pair?.startsWith('accord_session=')) this.cookie = pair.endsWith('=') ? null : pair;
    }
    return { status: res.statusCode, body: parsed as T, headers: res.headers, text: res.body };
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body ?? {});
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }
}

export interface TestApp {
  accord: Accord;
  db: TestDb;
  clock: ReturnType<typeof fixedClock>;
  /** role key → user id of the user created for that role */
  users: Record<string, { id: string; email: string }>;
  anonymous(): Client;
  /** Signs in as the built-in role's test user (email `<role>@test.accord`). */
  as(roleKey: string): Promise<Client>;
  login(email: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: string;
  env?: Record<string, string>;
  jobs?: JobQueueOptions;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDb(opts.env);
  const clock = fixedClock(opts.now ?? '2026-03-02T09:00:00.000Z');
  const accord = await buildApp({
    config: db.config,
    handle: db.handle,
    clock,
    jobs: { pollMs: 50, backoffBaseMs: 1000, ...opts.jobs },
    webRoot: null,
  });
  await ensureSystemRoles(accord.kernel);
  const roles = await accord.kernel.db.selectFrom('roles').select(['id', 'key']).execute();
  const hash = await hashPassword(TEST_PASSWORD);
  const iso = clock.now().toISOString();
  const users: TestApp['users'] = {};
  const deptId = newId();
  await accord.kernel.db
    .insertInto('departments')
    .values({
      id: deptId,
      name: 'Test department',
      created_at: iso,
      updated_at: iso,
      version: 1,
      deleted_at: null,
    })
    .execute();
  for (const r of roles) {
    const id = newId();
    const email = `${r.key}@test.accord`;
    await accord.kernel.db
      .insertInto('users')
      .values({
        id,
        email,
        name: `Test ${r.key}`,
        department_id: deptId,
        role_id: r.id,
        password_hash: hash,
        active: 1,
        totp_secret: null,
        totp_enabled: 0,
        theme: 'auto',
        last_login_at: null,
        created_at: iso,
        updated_at: iso,
        version: 1,
        deleted_at: null,
        updated_by: null,
      })
      .execute();
    users[r.key] = { id, email };
  }
  await accord.app.ready();
  const login = async (email: string, password = TEST_PASSWORD) => {
    const c = new Client(accord);
    const res = await c.post('/api/v1/auth/login', { email, password });
    if (res.status !== 200 || res.body.status !== 'ok')
      throw new Error(`login failed for ${email}: ${res.status} ${res.text}`);
    c.csrf = res.body.session.csrfToken;
    return c;
  };
  return {
    accord,
    db,
    clock,
    users,
    anonymous: () => new Client(accord),
    as: (roleKey) => login(`${roleKey}@test.accord`),
    login,
    close: async () => {
      await accord.close();
      await db.drop();
    },
  };
}
