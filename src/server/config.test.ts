import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createTestDb } from './test/harness';

const CWD = path.resolve('/srv/accord');

/** The message loadConfig throws for `env`, or a failure when it does not throw a ConfigError. */
function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env, CWD);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('defaults to SQLite at ./data/accord.db on port 3000', () => {
    const c = loadConfig({}, CWD);
    expect(c).toEqual({
      env: 'development',
      db: { engine: 'sqlite', file: path.join(CWD, 'data/accord.db') },
      host: 'localhost',
      port: 3000,
      dataDir: path.join(CWD, 'data'),
      now: null,
      demo: true,
      publicUrl: 'http://localhost:3000',
      bodyLimitBytes: 1024 * 1024,
      logLevel: 'info',
      workers: true,
      secretKeys: null,
    });
    expect(loadConfig({ NODE_ENV: 'production' }, CWD)).toMatchObject({ env: 'production', demo: false });
    expect(loadConfig({ NODE_ENV: 'test' }, CWD).logLevel).toBe('error');
  });

  it('reads every setting it is given', () => {
    const c = loadConfig(
      {
        NODE_ENV: 'production',
        PORT: '8080',
        HOST: '0.0.0.0',
        ACCORD_DATA_DIR: '/var/lib/accord',
        ACCORD_DEMO: 'true',
        ACCORD_PUBLIC_URL: 'https://crm.example.com/',
        ACCORD_BODY_LIMIT: '2048',
        ACCORD_WORKERS: '0',
        LOG_LEVEL: 'warn',
      },
      CWD,
    );
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/accord',
      db: { engine: 'sqlite', file: '/var/lib/accord/accord.db' },
      demo: true,
      publicUrl: 'https://crm.example.com',
      bodyLimitBytes: 2048,
      workers: false,
      logLevel: 'warn',
    });
    expect(loadConfig({ PORT: '4000' }, CWD).publicUrl).toBe('http://localhost:4000');
  });

  it('takes PostgreSQL from a postgres:// URL, with an optional schema, and SQLite from sqlite:/file: URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://accord:secret@db:5432/crm' }, CWD).db).toEqual({
      engine: 'postgres',
      url: 'postgres://accord:secret@db:5432/crm',
      schema: null,
      prepare: true,
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://db/crm', DATABASE_SCHEMA: 'tenant_one' }, CWD).db,
    ).toEqual({ engine: 'postgres', url: 'postgresql://db/crm', schema: 'tenant_one', prepare: true });
    expect(
      loadConfig({ DATABASE_URL: 'postgres://db/crm', DATABASE_PREPARED_STATEMENTS: 'false' }, CWD).db,
    ).toEqual({ engine: 'postgres', url: 'postgres://db/crm', schema: null, prepare: false });
    expect(loadConfig({ DATABASE_URL: 'sqlite:./other/crm.db' }, CWD).db).toEqual({
      engine: 'sqlite',
      file: path.join(CWD, 'other/crm.db'),
    });
    expect(loadConfig({ DATABASE_URL: 'file:///var/db/crm.db' }, CWD).db).toEqual({
      engine: 'sqlite',
      file: '/var/db/crm.db',
    });
  });

  it('treats an empty variable as unset', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', ACCORD_NOW: '', ACCORD_DEMO: '' }, CWD);
    expect(c).toMatchObject({ port: 3000, db: { engine: 'sqlite' }, now: null, demo: true });
  });

  it('lists every problem at once, each with the variable and what to do', () => {
    const message = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/crm',
      ACCORD_NOW: 'next tuesday',
    });
    expect(message.split('\n')).toEqual([
      'Accord cannot start: the environment has problems:',
      '  DATABASE_URL: must start with postgres:// (PostgreSQL) or sqlite: / file: (a SQLite file); leave it unset for ./data/accord.db',
      '  PORT: must be a port number (0–65535)',
      '  ACCORD_NOW: must be an ISO-8601 instant such as 2026-03-01T09:00:00Z',
    ]);
  });

  it.each([
    ['70000', 'PORT: must be a port number (0–65535)'],
    ['-1', 'PORT: must be a port number (0–65535)'],
    ['3.5', 'PORT: must be a port number (0–65535)'],
    ['80 80', 'PORT: must be a port number (0–65535)'],
  ])('refuses PORT=%s', (port, line) => {
    expect(problemsOf({ PORT: port })).toContain(`\n  ${line}`);
  });

  it('refuses other bad values with a message naming the variable', () => {
    expect(problemsOf({ ACCORD_NOW: '2026-03-01' })).toContain('ACCORD_NOW: must be an ISO-8601 instant');
    expect(problemsOf({ NODE_ENV: 'staging' })).toContain(
      'NODE_ENV: must be production, development or test',
    );
    expect(problemsOf({ DATABASE_SCHEMA: 'Robert"); DROP' })).toContain(
      'DATABASE_SCHEMA: must be a lower-case SQL identifier',
    );
    expect(problemsOf({ ACCORD_PUBLIC_URL: 'crm.example.com' })).toContain(
      'ACCORD_PUBLIC_URL: must be a URL such as https://crm.example.com',
    );
    expect(problemsOf({ ACCORD_WORKERS: 'yes' })).toContain('ACCORD_WORKERS: must be true or false');
    expect(problemsOf({ DATABASE_PREPARED_STATEMENTS: 'off' })).toContain(
      'DATABASE_PREPARED_STATEMENTS: must be true or false',
    );
    expect(problemsOf({ ACCORD_BODY_LIMIT: '10' })).toContain('ACCORD_BODY_LIMIT: must be a number of bytes');
  });

  it('refuses ACCORD_NOW in production unless ACCORD_ALLOW_PINNED_CLOCK=true, listed with any other problem', () => {
    const refused = problemsOf({ NODE_ENV: 'production', ACCORD_NOW: '2026-03-01T09:00:00Z' });
    expect(refused).toContain(
      'ACCORD_NOW: pins the clock, which is refused in production. Unset it, or set ACCORD_ALLOW_PINNED_CLOCK=true if you really mean it.',
    );
    expect(
      problemsOf({
        NODE_ENV: 'production',
        ACCORD_NOW: '2026-03-01T09:00:00Z',
        ACCORD_ALLOW_PINNED_CLOCK: 'false',
      }),
    ).toContain('refused in production');
    const both = problemsOf({ NODE_ENV: 'production', ACCORD_NOW: '2026-03-01T09:00:00Z', PORT: 'x' });
    expect(both).toContain('PORT: must be a port number');
    expect(both).toContain('refused in production');

    expect(
      loadConfig(
        { NODE_ENV: 'production', ACCORD_NOW: '2026-03-01T09:00:00Z', ACCORD_ALLOW_PINNED_CLOCK: 'true' },
        CWD,
      ).now,
    ).toBe('2026-03-01T09:00:00Z');
    expect(loadConfig({ NODE_ENV: 'development', ACCORD_NOW: '2026-03-01T09:00:00Z' }, CWD).now).toBe(
      '2026-03-01T09:00:00Z',
    );
  });

  it('pins the clock of the whole app to ACCORD_NOW', async () => {
    const db = await createTestDb({ ACCORD_NOW: '2026-05-04T10:30:00+02:00' });
    const accord = await buildApp({ config: db.config, handle: db.handle, webRoot: null });
    try {
      const first = await accord.app.inject({ method: 'GET', url: '/api/health' });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ status: 'ok', now: '2026-05-04T08:30:00.000Z' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const later = await accord.app.inject({ method: 'GET', url: '/api/health' });
      expect(later.json().now).toBe('2026-05-04T08:30:00.000Z');
      expect(accord.kernel.clock.now().toISOString()).toBe('2026-05-04T08:30:00.000Z');
    } finally {
      await accord.close();
      await db.drop();
    }
  });
});
