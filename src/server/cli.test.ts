import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig, type Config } from './config';
import { openDb, type DbHandle } from './db/connection';
import { enterMaintenance, leaveMaintenance } from './db/dialect';
import { LATEST_MIGRATION } from './db/migrate';
import { newId } from './kernel/ids';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'src/server/main.ts');
const PG_URL = process.env.TEST_DATABASE_URL;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-test-'));
const schemas: string[] = [];

/**
 * The environment of one workspace: a fresh data folder, and on PostgreSQL a fresh, empty schema. Nothing
 * of the test runner's own database settings leaks in.
 */
async function workspace(name: string): Promise<Record<string, string>> {
  const dataDir = path.join(tmp, name);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    ACCORD_DATA_DIR: dataDir,
    ACCORD_SCRYPT_N: '1024',
    ACCORD_DEMO: 'false',
    LOG_LEVEL: 'silent',
  };
  if (PG_URL) {
    const schema = `cli_${name}_${newId().replace(/-/g, '').slice(-12)}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    schemas.push(schema);
    Object.assign(env, { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema });
  }
  return env;
}

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('ACCORD_') && !k.startsWith('DATABASE_') && k !== 'PORT' && k !== 'NODE_ENV',
    ),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { cwd: ROOT, env: { ...base, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** The last line a command printed (progress lines are rewritten in place with \r). */
const lastLine = (out: string) =>
  out
    .trim()
    .split(/[\r\n]/)
    .filter(Boolean)
    .at(-1) ?? '';

function configOf(env: Record<string, string>): Config {
  return loadConfig(env, ROOT);
}
async function withHandle<T>(env: Record<string, string>, fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = openDb(configOf(env).db, { poolSize: 2 });
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}
const countUsers = (env: Record<string, string>) =>
  withHandle(env, async (h) => (await h.db.selectFrom('users').select('email').execute()).length);

let main: Record<string, string>;
let copy: Record<string, string>;
beforeAll(async () => {
  main = await workspace('main');
  copy = await workspace('copy');
});
afterAll(async () => {
  if (PG_URL && schemas.length) {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

// Each test starts real processes; a busy machine can make that slow.
describe('the accord command', { timeout: 180_000 }, () => {
  it('explains itself when called wrongly, and refuses a bad environment with exit code 78', async () => {
    const [unknown, badEnv, badAdmin] = await Promise.all([
      cli(['frobnicate'], main),
      cli(['migrate'], { ...main, PORT: 'eighty', ACCORD_NOW: 'soon' }),
      cli(['create-admin', '--email', 'not-an-email', '--name', 'X', '--password', 'long-enough-pw'], main),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/^Unknown command "frobnicate"\.\nUsage: accord <command>/);
    expect(unknown.stdout).toContain('backup <file>');
    expect(badEnv.code).toBe(78);
    expect(badEnv.stderr).toBe(
      'Accord cannot start: the environment has problems:\n' +
        '  PORT: must be a port number (0–65535)\n' +
        '  ACCORD_NOW: must be an ISO-8601 instant such as 2026-03-01T09:00:00Z\n',
    );
    expect(badAdmin.code).toBe(1);
    expect(badAdmin.stderr).toBe('accord: The email is not valid.\n');
  });

  it('migrates, seeds, and creates an admin who can then sign in', async () => {
    const migrated = await cli(['migrate'], main);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(new RegExp(`^Applied: 0001_foundation.*${LATEST_MIGRATION}\\n$`));

    const seeded = await cli(['seed'], main);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(lastLine(seeded.stdout)).toMatch(/^Seeded small demo data into (SQLite |PostgreSQL )/);
    if (PG_URL) expect(seeded.stdout).toContain('postgres://***@');
    const users = await countUsers(main);
    expect(users).toBeGreaterThan(20);

    const admin = await cli(
      ['create-admin', '--email', 'Ada@Example.com', '--name', 'Ada Admin', '--password', 'correct-horse-1'],
      main,
    );
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout).toBe('Created admin Ada Admin <ada@example.com>.\n');
    expect(await countUsers(main)).toBe(users + 1);

    await withHandle(main, async (handle) => {
      const accord = await buildApp({ config: configOf(main), handle, webRoot: null });
      try {
        const login = await accord.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'ada@example.com', password: 'correct-horse-1' },
        });
        expect(login.statusCode, login.body).toBe(200);
        expect(login.json()).toMatchObject({ status: 'ok' });
        const cookie = String(login.headers['set-cookie']).split(';')[0]!;
        const me = await accord.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
        expect(me.json()).toMatchObject({ email: 'ada@example.com', name: 'Ada Admin' });
        expect(JSON.stringify(me.json())).toMatch(/admin/i);
      } finally {
        await accord.close();
      }
    });
  });

  it('backs up, restores into an empty workspace, and refuses a non-empty one without --force', async () => {
    const file = path.join(tmp, 'workspace.jsonl.gz');
    const backedUp = await cli(['backup', file], main);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    const m = /^Backed up (\d+) rows from (\d+) tables to (.+)\.$/.exec(lastLine(backedUp.stdout));
    expect(m?.[3]).toBe(file);
    const rows = Number(m![1]);
    expect(rows).toBeGreaterThan(50);

    const restored = await cli(['restore', file], copy);
    expect(restored.code, restored.stderr).toBe(0);
    expect(lastLine(restored.stdout)).toBe(`Restored ${rows} rows into ${m![2]} tables.`);
    expect(await countUsers(copy)).toBe(await countUsers(main));

    const [refused, verified] = await Promise.all([
      cli(['restore', file], copy),
      cli(['audit', 'verify'], copy),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^accord: The database is not empty \(table \w+ has rows\)\. .*--force/);
    expect(verified.code, verified.stderr).toBe(0);
    expect(lastLine(verified.stdout)).toMatch(/^All \d+ audit entries verified; the chain is intact\.$/);

    const forced = await cli(['restore', file, '--force'], copy);
    expect(forced.code, forced.stderr).toBe(0);
    expect(lastLine(forced.stdout)).toBe(`Restored ${rows} rows into ${m![2]} tables.`);
  });

  it('exits non-zero from `audit verify` once the log was tampered with', async () => {
    const victim = await withHandle(copy, async (h) => {
      const row = await h.db
        .selectFrom('audit_log')
        .select(['seq', 'changes'])
        .orderBy('seq')
        .offset(3)
        .limit(1)
        .executeTakeFirstOrThrow();
      await h.db.transaction().execute(async (tx) => {
        await enterMaintenance(tx, h.engine);
        await tx.updateTable('audit_log').set({ changes: '{}' }).where('seq', '=', row.seq).execute();
        await leaveMaintenance(tx, h.engine);
      });
      return Number(row.seq);
    });
    const r = await cli(['audit', 'verify'], copy);
    expect(r.code).toBe(3);
    expect(lastLine(r.stdout)).toBe(`Entry ${victim} was altered after it was written.`);
  });
});
