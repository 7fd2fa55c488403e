/** Sign-in and sessions; two-factor, passwords and API tokens live in their own services beside this one. */
import type { LoginResult, Me } from '../../../shared/auth.schema';
import { visibleAreas, type PermissionMatrix } from '../../../shared/permissions';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from '../../kernel/crypto';
import { AppError, notFound, unauthorized } from '../../kernel/errors';
import type { Authenticated } from '../../kernel/http';
import { mutate } from '../../kernel/mutation';
import { PasswordService } from './passwords';
import { TokenService } from './tokens';
import { TwoFactorService } from './twoFactor';
import { actorQuery, findActorBySession, findActorByToken, type ActorRow } from './repo';
import { assertNotLocked, countAttempt, forgiveAttempt, throttleKeys } from './throttle';

export const SESSION_COOKIE = 'accord_session';
const SESSION_IDLE_DAYS = 14;
const TWO_FACTOR_PENDING_MINUTES = 10;
/**
 * How often a used session's idle expiry is pushed on (a write): hourly keeps "14 idle days" to within the
 * hour, while every 5 minutes made each person's first request in a while a commit, which also drops every
 * result kept for the current data version (the Overview's figures) for everyone.
 */
const TOUCH_EVERY_MS = 60 * 60_000;
/**
 * How often a used API token's "last used" is written: every 10 minutes is precise enough for "used 3 hours
 * ago", and an integration calling every few seconds no longer commits a write (dropping the kept Overview
 * figures) every minute.
 */
const TOKEN_TOUCH_EVERY_MS = 10 * 60_000;

export interface ClientMeta {
  ip: string;
  userAgent: string;
}

function toMe(row: ActorRow): Me {
  const permissions = JSON.parse(row.permissions) as PermissionMatrix;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    departmentId: row.department_id,
    departmentName: row.department_name ?? null,
    roleId: row.role_id,
    roleKey: row.role_key,
    roleName: row.role_name,
    permissions,
    areas: visibleAreas(permissions),
    twoFactorEnabled: row.totp_enabled === 1,
    theme: (row.theme as Me['theme']) ?? 'auto',
  };
}

const toActor = (row: ActorRow): Actor => ({
  userId: row.id,
  name: row.name,
  departmentId: row.department_id,
  roleKey: row.role_key,
  permissions: JSON.parse(row.permissions) as PermissionMatrix,
  via: 'session',
});

/** The actor of a user, for work done on their behalf later (jobs); null when the user is gone or inactive. */
export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  return (await loadActors(db, [userId]))[0] ?? null;
}

/** The actors of the active users among these, in one query. */
export async function loadActors(db: Executor, userIds: string[]): Promise<Actor[]> {
  if (userIds.length === 0) return [];
  const rows = await actorQuery(db)
    .where('users.id', 'in', userIds)
    .where('users.active', '=', 1)
    .where('users.deleted_at', 'is', null)
    .execute();
  return rows.map(toActor);
}

export class AuthService {
  readonly twoFactor: TwoFactorService;
  readonly passwords: PasswordService;
  readonly tokens: TokenService;
  /**
   * The user row each session's actor was signed in with (it has every column of the profile), so the
   * session and profile answers do not read it again; an actor lives as long as its request.
   */
  private readonly signedInRows = new WeakMap<Actor, ActorRow>();

  constructor(private readonly k: Kernel) {
    this.twoFactor = new TwoFactorService(k);
    this.passwords = new PasswordService(k);
    this.tokens = new TokenService(k);
  }

  private days(n: number): string {
    return new Date(this.k.clock.now().getTime() + n * 86_400_000).toISOString();
  }

  /** Resolves the caller from a session cookie or a Bearer token. */
  async authenticate(
    cookieToken: string | undefined,
    bearer: string | undefined,
  ): Promise<Authenticated | null> {
    const now = this.k.clock.now();
    const iso = now.toISOString();
    if (bearer) {
      const row = await findActorByToken(this.k.db, this.k.engine, sha256(bearer), iso);
      if (!row) throw unauthorized('This API token is not valid: it may have been revoked or have expired.');
      if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOKEN_TOUCH_EVERY_MS) {
        await this.k.db
          .updateTable('api_tokens')
          .set({ last_used_at: iso })
          .where('id', '=', row.token_id)
          .execute();
      }
      return {
        actor: {
          userId: row.id,
          name: row.name,
          departmentId: row.department_id,
          roleKey: row.role_key,
          permissions: JSON.parse(row.permissions) as PermissionMatrix,
          via: 'token',
          tokenId: row.token_id,
          tokenScopes: JSON.parse(row.scopes) as string[],
        },
        twoFactorPending: false,
        csrfToken: null,
        dataVersion: row.data_version,
      };
    }
    if (!cookieToken) return null;
    const row = await findActorBySession(this.k.db, this.k.engine, sha256(cookieToken), iso);
    if (!row) return null;
    if (
      row.two_factor_pending === 0 &&
      now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS
    ) {
      await this.k.db
        .updateTable('sessions')
        .set({ last_seen_at: iso, expires_at: this.days(SESSION_IDLE_DAYS) })
        .where('id', '=', row.session_id)
        .execute();
    }
    const actor: Actor = { ...toActor(row), sessionId: row.session_id, csrfToken: row.csrf_token };
    this.signedInRows.set(actor, row);
    return {
      actor,
      twoFactorPending: row.two_factor_pending === 1,
      csrfToken: row.csrf_token,
      dataVersion: row.data_version,
    };
  }

  /** The signed-in user's profile, from the row their request was signed in with (read again without one). */
  async meOf(actor: Actor): Promise<Me> {
    const row = this.signedInRows.get(actor);
    return row ? toMe(row) : this.me(actor.userId!);
  }

  async me(userId: string): Promise<Me> {
    const row = await actorQuery(this.k.db).where('users.id', '=', userId).executeTakeFirst();
    if (!row) throw notFound('Your account');
    return toMe(row);
  }

  private async createSession(
    userId: string,
    meta: ClientMeta,
    pending: boolean,
  ): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const iso = this.k.clock.now().toISOString();
    const expires = pending
      ? new Date(this.k.clock.now().getTime() + TWO_FACTOR_PENDING_MINUTES * 60_000).toISOString()
      : this.days(SESSION_IDLE_DAYS);
    await this.k.db
      .insertInto('sessions')
      .values({
        id: sha256(token),
        user_id: userId,
        csrf_token: csrfToken,
        two_factor_pending: pending ? 1 : 0,
        created_at: iso,
        expires_at: expires,
        last_seen_at: iso,
        ip: meta.ip.slice(0, 64),
        user_agent: meta.userAgent.slice(0, 300),
      })
      .execute();
    return { token, csrfToken };
  }

  async login(
    email: string,
    password: string,
    meta: ClientMeta,
  ): Promise<{ result: LoginResult; cookieToken: string }> {
    const now = this.k.clock.now();
    const keys = throttleKeys(email, meta.ip);
    await assertNotLocked(this.k.db, keys, now);
    await countAttempt(this.k.db, keys, now);
    const user = await this.k.db
      .selectFrom('users')
      .select(['id', 'password_hash', 'active', 'totp_enabled'])
      .where('email', '=', email)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
    if (!user || !ok) throw new AppError(401, 'invalid_credentials', 'The email or password is not right.');
    await forgiveAttempt(this.k.db, keys);
    if (user.active !== 1)
      throw new AppError(
        403,
        'account_inactive',
        'This account is deactivated. Ask an administrator to reactivate it.',
      );
    if (user.totp_enabled === 1) {
      const { token, csrfToken } = await this.createSession(user.id, meta, true);
      return { result: { status: 'two_factor_required', csrfToken }, cookieToken: token };
    }
    return this.finishLogin(user.id, meta);
  }

  private async finishLogin(
    userId: string,
    meta: ClientMeta,
  ): Promise<{ result: LoginResult; cookieToken: string }> {
    const { token, csrfToken } = await this.createSession(userId, meta, false);
    await this.k.db
      .updateTable('users')
      .set({ last_login_at: this.k.clock.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    return {
      result: { status: 'ok', session: { user: await this.me(userId), csrfToken } },
      cookieToken: token,
    };
  }

  /** Second step: a TOTP code or a recovery code. A new session replaces the pending one. */
  async completeTwoFactor(
    actor: Actor,
    code: string,
    meta: ClientMeta,
  ): Promise<{ result: LoginResult; cookieToken: string }> {
    const now = this.k.clock.now();
    const user = await this.k.db
      .selectFrom('users')
      .select(['id', 'email', 'totp_secret'])
      .where('id', '=', actor.userId!)
      .executeTakeFirstOrThrow();
    const keys = throttleKeys(user.email, meta.ip);
    await assertNotLocked(this.k.db, keys, now);
    await countAttempt(this.k.db, keys, now);
    const ok =
      (await this.twoFactor.checkTotp(user.id, user.totp_secret, code)) ||
      (await this.twoFactor.useRecoveryCode(user.id, code));
    if (!ok) {
      throw new AppError(
        401,
        'invalid_code',
        'That code is not right. Enter the current 6-digit code from your app, or a recovery code.',
      );
    }
    await this.k.db.deleteFrom('sessions').where('id', '=', actor.sessionId!).execute();
    await forgiveAttempt(this.k.db, keys);
    return this.finishLogin(user.id, meta);
  }

  async logout(actor: Actor | null, cookieToken: string | undefined): Promise<void> {
    if (cookieToken) await this.k.db.deleteFrom('sessions').where('id', '=', sha256(cookieToken)).execute();
    else if (actor?.sessionId)
      await this.k.db.deleteFrom('sessions').where('id', '=', actor.sessionId).execute();
  }

  async updateProfile(actor: Actor, patch: { name?: string; theme?: string }): Promise<Me> {
    await mutate(this.k, actor, async (m) => {
      const before = await m.tx
        .selectFrom('users')
        .select(['name', 'theme', 'version'])
        .where('id', '=', actor.userId!)
        .executeTakeFirstOrThrow();
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.theme !== undefined ? { theme: patch.theme } : {}),
      };
      if (Object.keys(set).length === 0) return;
      await m.tx
        .updateTable('users')
        .set({ ...set, updated_at: m.at, version: before.version + 1, updated_by: actor.userId })
        .where('id', '=', actor.userId!)
        .execute();
      m.audit({
        entity: 'user',
        entityId: actor.userId!,
        action: 'update',
        before,
        after: { ...before, ...set },
      });
    });
    return this.me(actor.userId!);
  }
}
