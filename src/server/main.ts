/**
 * The `accord` command: serve | migrate | seed [--scale small|large] | create-admin | backup <file> |
 * restore <file> [--force] | audit verify. Configuration comes from the environment (see config.ts).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { loadConfig, ConfigError, type Config } from './config';
import { openDb, type DbHandle } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { backup, restore } from './db/backup';
import { ensureSystemRoles, isEmpty, seed, type Scale } from './db/seed/index';
import { verifyAuditChain } from './kernel/audit';
import { SYSTEM_ACTOR } from './kernel/context';
import { emailSchema, passwordSchema } from '../shared/common.schema';
import { DEMO_PASSWORD } from './db/seed/demoAccounts';

const USAGE = `Usage: accord <command>
  serve                      start the web app and API (migrates; seeds demo data on first start in demo mode)
  migrate                    apply database migrations
  seed [--scale small|large] fill an empty database with demo data
  create-admin [--email E --name N --password P]   create an admin user (asks when not given)
  backup <file>              write every table to a file (.gz to compress)
  restore <file> [--force]   load a backup into an empty database (--force replaces what is there)
  audit verify               check the audit log's hash chain
Environment: DATABASE_URL (unset: ./data/accord.db), PORT (3000), HOST, ACCORD_NOW, ACCORD_DEMO, NODE_ENV`;

const line = (s: string) => process.stdout.write(s + '\n');
const progress = (s: string) => process.stdout.write(`\r\x1b[K${s}`);

async function withDb<T>(config: Config, fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const handle = openDb(config.db);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function describeDb(config: Config): string {
  return config.db.engine === 'sqlite'
    ? `SQLite ${config.db.file}`
    : `PostgreSQL ${config.db.url.replace(/\/\/[^@]*@/, '//***@')}`;
}

async function serve(config: Config): Promise<void> {
  const { buildApp } = await import('./app');
  const { ensureSchedules } = await import('./modules/maintenance/jobs');
  const handle = openDb(config.db);
  const applied = await migrateToLatest(handle);
  if (applied.length) line(`Applied migrations: ${applied.join(', ')}`);
  const accord = await buildApp({ config, handle });
  await ensureSystemRoles(accord.kernel);
  if (config.demo && (await isEmpty(accord.kernel))) {
    line('First start in demo mode: loading demo data…');
    await seed(accord.kernel, 'small', progress);
    line(
      `\nDemo data loaded. Sign in as admin@demo.accord.test with the password ${DEMO_PASSWORD} (the login page lists every role).`,
    );
  } else if (await isEmpty(accord.kernel)) {
    line('No users yet. Create the first admin with: npm run accord -- create-admin');
  }
  await ensureSchedules(accord.kernel);
  if (config.workers) accord.kernel.jobs.start();
  const address = await accord.app.listen({ port: config.port, host: config.host });
  line(
    `Accord is running at ${address.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost')} (${describeDb(config)})`,
  );
  const shutdown = async (signal: string) => {
    line(`\n${signal}: shutting down…`);
    await accord.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

async function createAdmin(
  config: Config,
  values: { email?: string; name?: string; password?: string },
): Promise<void> {
  const rl = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  const ask = async (q: string, given?: string) => given ?? (rl ? await rl.question(q) : '');
  const email = emailSchema.safeParse(await ask('Email: ', values.email));
  const name = (await ask('Name: ', values.name)).trim();
  const password = passwordSchema.safeParse(await ask('Password (10+ characters): ', values.password));
  rl?.close();
  if (!email.success) throw new Error('The email is not valid.');
  if (!name) throw new Error('The name is required.');
  if (!password.success) throw new Error(`The password ${password.error.issues[0]?.message}.`);
  await withDb(config, async (handle) => {
    await migrateToLatest(handle);
    const { buildKernel } = await import('./app');
    const { kernel } = buildKernel(config, handle);
    await ensureSystemRoles(kernel);
    const role = await kernel.db
      .selectFrom('roles')
      .select('id')
      .where('key', '=', 'admin')
      .executeTakeFirstOrThrow();
    const { UsersService } = await import('./modules/users/service');
    const user = await new UsersService(kernel).create(SYSTEM_ACTOR, {
      email: email.data,
      name,
      password: password.data,
      roleId: role.id,
      departmentId: null,
      active: true,
    });
    line(`Created admin ${user.name} <${user.email}>.`);
  });
}

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scale: { type: 'string', default: 'small' },
      force: { type: 'boolean', default: false },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (!command || values.help) {
    line(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate':
      await withDb(config, async (h) => {
        const applied = await migrateToLatest(h);
        line(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      });
      return 0;
    case 'seed': {
      if (values.scale !== 'small' && values.scale !== 'large')
        throw new Error('--scale must be small or large.');
      await withDb(config, async (h) => {
        await migrateToLatest(h);
        const { buildKernel } = await import('./app');
        const { kernel } = buildKernel(config, h);
        await seed(kernel, values.scale as Scale, progress);
        line(`\nSeeded ${values.scale} demo data into ${describeDb(config)}.`);
      });
      return 0;
    }
    case 'create-admin':
      await createAdmin(config, values);
      return 0;
    case 'backup': {
      if (!arg) throw new Error('Say where to write the backup: accord backup <file>');
      const r = await withDb(config, (h) => backup(h, arg, progress));
      line(
        '\nKeep ACCORD_SECRET_KEYS (or data/secret.key) with this backup: sealed secrets in it need that key.',
      );
      line(`Backed up ${r.rows} rows from ${r.tables} tables to ${arg}.`);
      return 0;
    }
    case 'restore': {
      if (!arg) throw new Error('Say which backup to restore: accord restore <file>');
      const r = await withDb(config, async (h) => {
        await migrateToLatest(h);
        return restore(h, arg, { force: values.force }, progress);
      });
      line(`\nRestored ${r.rows} rows into ${r.tables} tables.`);
      return 0;
    }
    case 'audit': {
      if (arg !== 'verify') throw new Error('Usage: accord audit verify');
      const r = await withDb(config, (h) =>
        verifyAuditChain(h.db, (n) => progress(`audit: ${n} entries checked`)),
      );
      line(`\n${r.message}`);
      return r.ok ? 0 : 3;
    }
    default:
      line(`Unknown command "${command}".\n${USAGE}`);
      return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof ConfigError ? e.message : `accord: ${(e as Error).message}`}\n`);
      process.exit(e instanceof ConfigError ? 78 : 1);
    },
  );
}
