/** SQL for sign-in, sessions, tokens, throttling, password resets and recovery codes. */
import { sql } from 'kysely';
import { PG_DATA_VERSION, type Engine, type Executor } from '../../db/connection';

/** The columns that make an Actor: user, role and department in one query. */
const ACTOR_COLUMNS = [
  'users.id',
  'users.email',
  'users.name',
  'users.department_id',
  'departments.name as department_name',
  'users.role_id',
  'roles.key as role_key',
  'roles.name as role_name',
  'roles.permissions',
  'users.active',
  'users.deleted_at',
  'users.totp_enabled',
  'users.theme',
] as const;

export function actorQuery(db: Executor) {
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select(ACTOR_COLUMNS);
}
export type ActorRow = NonNullable<Awaited<ReturnType<ReturnType<typeof actorQuery>['executeTakeFirst']>>>;

/**
 * On PostgreSQL, the data version as of the sign-in lookup's own snapshot, read with it; on SQLite, where
 * asking costs no round trip (and its version is the reader connection's own), none.
 */
const dataVersion = (engine: Engine) =>
  (engine === 'postgres' ? PG_DATA_VERSION : sql<string | null>`NULL`).as('data_version');

/** A live session's user (active, not deleted) with the session's own columns. */
export async function findActorBySession(db: Executor, engine: Engine, sessionHash: string, now: string) {
  return actorQuery(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.two_factor_pending',
      'sessions.last_seen_at',
      dataVersion(engine),
    ])
    .where('sessions.id', '=', sessionHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findActorByToken(db: Executor, engine: Engine, tokenHash: string, now: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.scopes',
      'api_tokens.last_used_at',
      'users.id',
      'users.name',
      'users.department_id',
      'roles.key as role_key',
      'roles.permissions',
      dataVersion(engine),
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.active', '=', 1)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function getThrottle(db: Executor, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}
