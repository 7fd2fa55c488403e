/**
 * Environment → typed configuration, validated once at start. Every problem is reported at once with a
 * message that says what to change.
 */
import path from 'node:path';
import { z } from 'zod';

export type DbConfig =
  | { engine: 'sqlite'; file: string }
  | {
      engine: 'postgres';
      url: string;
      schema: string | null;
      /** Named prepared statements per connection (off behind a pooler in transaction mode). */
      prepare: boolean;
    };

export interface Config {
  env: 'production' | 'development' | 'test';
  db: DbConfig;
  host: string;
  port: number;
  dataDir: string;
  /** ISO instant the clock is pinned to, if any. */
  now: string | null;
  demo: boolean;
  publicUrl: string;
  bodyLimitBytes: number;
  logLevel: string;
  /** Background workers (jobs, scheduler) run in this process. */
  workers: boolean;
  /** Keys that seal secrets at rest, newest first; null → <dataDir>/secret.key. */
  secretKeys: string[] | null;
}

export class ConfigError extends Error {}

const PORT_MESSAGE = 'must be a port number (0–65535)';
const BODY_LIMIT_MESSAGE = 'must be a number of bytes between 1024 and 104857600 (100 MB)';

const envSchema = z.object({
  NODE_ENV: z
    .enum(['production', 'development', 'test'], { error: 'must be production, development or test' })
    .optional(),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) || v.startsWith('sqlite:') || v.startsWith('file:'), {
      message:
        'must start with postgres:// (PostgreSQL) or sqlite: / file: (a SQLite file); leave it unset for ./data/accord.db',
    })
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['1', 'true', '0', 'false'], { error: 'must be true or false' })
    .optional(),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, PORT_MESSAGE)
    .transform(Number)
    .refine((n) => n <= 65535, PORT_MESSAGE)
    .optional(),
  HOST: z.string().min(1).optional(),
  ACCORD_DATA_DIR: z.string().min(1).optional(),
  ACCORD_NOW: z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 instant such as 2026-03-01T09:00:00Z' })
    .optional(),
  ACCORD_ALLOW_PINNED_CLOCK: z
    .enum(['1', 'true', '0', 'false'], { error: 'must be true or false' })
    .optional(),
  ACCORD_DEMO: z.enum(['1', 'true', '0', 'false'], { error: 'must be true or false' }).optional(),
  ACCORD_PUBLIC_URL: z.url('must be a URL such as https://crm.example.com').optional(),
  ACCORD_BODY_LIMIT: z.coerce
    .number({ error: BODY_LIMIT_MESSAGE })
    .int(BODY_LIMIT_MESSAGE)
    .min(1024, BODY_LIMIT_MESSAGE)
    .max(100 * 1024 * 1024, BODY_LIMIT_MESSAGE)
    .optional(),
  ACCORD_WORKERS: z.enum(['1', 'true', '0', 'false'], { error: 'must be true or false' }).optional(),
  ACCORD_SECRET_KEYS: z
    .string()
    .refine((v) => v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32), {
      message:
        'must be one or more comma-separated base64 keys of 32 bytes each (make one with: openssl rand -base64 32)',
    })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

const truthy = (v: string | undefined) => v === '1' || v === 'true';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // An empty variable (`PORT=` in a compose file) means "not set", not "set to nothing".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(given);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
  if (given.ACCORD_NOW && given.NODE_ENV === 'production' && !truthy(given.ACCORD_ALLOW_PINNED_CLOCK)) {
    problems.push(
      'ACCORD_NOW: pins the clock, which is refused in production. ' +
        'Unset it, or set ACCORD_ALLOW_PINNED_CLOCK=true if you really mean it.',
    );
  }
  if (!parsed.success || problems.length) {
    const lines = problems.map((p) => `  ${p}`);
    throw new ConfigError(`Accord cannot start: the environment has problems:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mode = e.NODE_ENV ?? 'development';
  const dataDir = path.resolve(cwd, e.ACCORD_DATA_DIR ?? 'data');
  let db: DbConfig;
  const url = e.DATABASE_URL;
  if (!url) db = { engine: 'sqlite', file: path.join(dataDir, 'accord.db') };
  else if (url.startsWith('postgres'))
    db = {
      engine: 'postgres',
      url,
      schema: e.DATABASE_SCHEMA ?? null,
      prepare: e.DATABASE_PREPARED_STATEMENTS === undefined || truthy(e.DATABASE_PREPARED_STATEMENTS),
    };
  else db = { engine: 'sqlite', file: path.resolve(cwd, url.replace(/^(sqlite|file):(\/\/)?/, '')) };
  const port = e.PORT ?? 3000;
  return {
    env: mode,
    db,
    host: e.HOST ?? 'localhost',
    port,
    dataDir,
    now: e.ACCORD_NOW ?? null,
    demo: e.ACCORD_DEMO !== undefined ? truthy(e.ACCORD_DEMO) : mode !== 'production',
    publicUrl: (e.ACCORD_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    bodyLimitBytes: e.ACCORD_BODY_LIMIT ?? 1024 * 1024,
    logLevel: e.LOG_LEVEL ?? (mode === 'test' ? 'error' : 'info'),
    workers: e.ACCORD_WORKERS !== undefined ? truthy(e.ACCORD_WORKERS) : true,
    secretKeys: e.ACCORD_SECRET_KEYS ? e.ACCORD_SECRET_KEYS.split(',').map((k) => k.trim()) : null,
  };
}
