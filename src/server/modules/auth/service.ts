/** Sign-in, sessions, two-factor, password reset and personal API tokens. */
import QRCode from 'qrcode';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { LoginResult, Me } from '../../../shared/auth.schema';
import { visibleAreas, type PermissionMatrix } from '../../../shared/permissions';
import type { Executor } from '../../db/connection';
import type { Actor, Kernel } from '../../kernel/context';
import { dummyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from '../../kernel/crypto';
import {
  AppError,
  badRequest,
  forbidden,
  notFound,
  unauthorized,
  validationError,
} from '../../kernel/errors';
import type { Authenticated } from '../../kernel/http';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import { actorQuery, findActorBySession, findActorByToken, type ActorRow } from './repo';
import { assertNotLocked, clearFailures, countAttempt, forgiveAttempt, throttleKeys } from './throttle';

export const SESSION_COOKIE = 'accord_session';
const SESSION_IDLE_DAYS = 14;
const TWO_FACTOR_PENDING_MINUTES = 10;
const TOUCH_EVERY_MS = 5 * 60_000;
const RESET_TOKEN_MINUTES = 60;
const RECOVERY_CODE_COUNT = 10;

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

/** The actor of a user, for work done on their behalf later (jobs); null when the user is gone or inactive. */
export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  const row = await actorQuery(db)
    .where('users.id', '=', userId)
    .where('users.active', '=', 1)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.id,
    name: row.name,
    departmentId: row.department_id,
    roleKey: row.role_key,
    permissions: JSON.parse(row.permissions) as PermissionMatrix,
    via: 'session',
  };
}

export class AuthService {
  constructor(private readonly k: Kernel) {}

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
      const row = await findActorByToken(this.k.db, sha256(bearer), iso);
      if (!row) throw unauthorized('This API token is not valid: it may have been revoked or have expired.');
      if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
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
      };
    }
    if (!cookieToken) return null;
    const row = await findActorBySession(this.k.db, sha256(cookieToken), iso);
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
    return {
      actor: {
        userId: row.id,
        name: row.name,
        departmentId: row.department_id,
        roleKey: row.role_key,
        permissions: JSON.parse(row.permissions) as PermissionMatrix,
        via: 'session',
        sessionId: row.session_id,
        csrfToken: row.csrf_token,
      },
      twoFactorPending: row.two_factor_pending === 1,
      csrfToken: row.csrf_token,
    };
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
    const ok = (await this.checkTotp(user.totp_secret, code)) || (await this.useRecoveryCode(user.id, code));
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

  private async checkTotp(secret: string | null, code: string): Promise<boolean> {
    if (!secret || !/^\d{6}$/.test(code)) return false;
    secret = this.k.secrets.open(secret);
    const epoch = Math.floor(this.k.clock.now().getTime() / 1000);
    const r = await verifyTotp({ secret, token: code, epoch, epochTolerance: 30 });
    return r.valid;
  }

  private async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const normalised = code.trim().toLowerCase().replace(/\s/g, '');
    const r = await this.k.db
      .updateTable('recovery_codes')
      .set({ used_at: this.k.clock.now().toISOString() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', sha256(normalised))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
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

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const user = await this.k.db
      .selectFrom('users')
      .select(['password_hash', 'version'])
      .where('id', '=', actor.userId!)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(current, user.password_hash)))
      throw validationError(
        { currentPassword: 'is not your current password' },
        'Your current password is not right.',
      );
    const hash = await hashPassword(next);
    await mutate(this.k, actor, async (m) => {
      await m.tx
        .updateTable('users')
        .set({ password_hash: hash, updated_at: m.at, version: user.version + 1, updated_by: actor.userId })
        .where('id', '=', actor.userId!)
        .execute();
      // Every other session of this user ends; this one stays signed in. Pending reset links die too.
      await m.tx
        .deleteFrom('sessions')
        .where('user_id', '=', actor.userId!)
        .where('id', '!=', actor.sessionId ?? '')
        .execute();
      await m.tx
        .updateTable('password_resets')
        .set({ used_at: m.at })
        .where('user_id', '=', actor.userId!)
        .where('used_at', 'is', null)
        .execute();
      m.audit({
        entity: 'user',
        entityId: actor.userId!,
        action: 'update',
        before: { password_hash: 'x' },
        after: { password_hash: 'y' },
      });
    });
  }

  /** Always answers the same way, whether or not the email belongs to someone. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.k.db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('email', '=', email)
      .where('active', '=', 1)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user) return;
    const token = randomToken();
    const now = this.k.clock.now();
    await this.k.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('password_resets')
        .values({
          id: newId(),
          user_id: user.id,
          token_hash: sha256(token),
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000).toISOString(),
          used_at: null,
        })
        .execute();
      const link = `${this.k.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
      await this.k.jobs.enqueue(
        'mail.send',
        {
          to: user.email,
          subject: 'Reset your Accord password',
          text:
            `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset the password of your Accord account.\n` +
            `Open this link within ${RESET_TOKEN_MINUTES} minutes to choose a new one:\n\n${link}\n\n` +
            `If you did not ask for this, ignore this email; your password stays as it is.\n`,
        },
        { maxAttempts: 5 },
        tx,
      );
    });
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const now = this.k.clock.now().toISOString();
    const reset = await this.k.db
      .selectFrom('password_resets')
      .selectAll()
      .where('token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!reset || reset.used_at || reset.expires_at <= now) {
      throw badRequest(
        'This reset link is not valid any more: it was used already or it expired. Ask for a new one.',
      );
    }
    const hash = await hashPassword(password);
    const user = await this.k.db
      .selectFrom('users')
      .select(['id', 'email', 'version'])
      .where('id', '=', reset.user_id)
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: user.id,
      name: 'Password reset',
      departmentId: null,
      roleKey: 'system',
      permissions: {},
      via: 'system',
    };
    await mutate(this.k, actor, async (m) => {
      const used = await m.tx
        .updateTable('password_resets')
        .set({ used_at: m.at })
        .where('id', '=', reset.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1)
        throw badRequest('This reset link was used already. Ask for a new one.');
      // Any other link still waiting in the mailbox must not reset the new password again.
      await m.tx
        .updateTable('password_resets')
        .set({ used_at: m.at })
        .where('user_id', '=', user.id)
        .where('used_at', 'is', null)
        .execute();
      await m.tx
        .updateTable('users')
        .set({ password_hash: hash, updated_at: m.at, version: user.version + 1 })
        .where('id', '=', user.id)
        .execute();
      await m.tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      m.audit({
        entity: 'user',
        entityId: user.id,
        action: 'update',
        before: { password_hash: 'x' },
        after: { password_hash: 'y' },
      });
    });
    await clearFailures(this.k.db, `email:${user.email}`);
  }

  async setupTwoFactor(actor: Actor): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
    const user = await this.k.db
      .selectFrom('users')
      .select(['email', 'totp_enabled'])
      .where('id', '=', actor.userId!)
      .executeTakeFirstOrThrow();
    if (user.totp_enabled === 1)
      throw new AppError(
        409,
        'two_factor_enabled',
        'Two-factor sign-in is already on. Turn it off first to set up a new device.',
      );
    const secret = generateSecret();
    await this.k.db
      .updateTable('users')
      .set({ totp_secret: this.k.secrets.seal(secret) })
      .where('id', '=', actor.userId!)
      .execute();
    const otpauthUrl = generateURI({ issuer: 'Accord', label: user.email, secret });
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
  }

  async enableTwoFactor(actor: Actor, code: string): Promise<string[]> {
    const user = await this.k.db
      .selectFrom('users')
      .select(['totp_secret', 'totp_enabled', 'version'])
      .where('id', '=', actor.userId!)
      .executeTakeFirstOrThrow();
    if (user.totp_enabled === 1)
      throw new AppError(409, 'two_factor_enabled', 'Two-factor sign-in is already on.');
    if (!user.totp_secret)
      throw new AppError(
        409,
        'two_factor_not_set_up',
        'Start the set-up first, then enter the code your app shows.',
      );
    if (!(await this.checkTotp(user.totp_secret, code)))
      throw validationError({ code: 'is not the current code from your app' }, 'That code is not right.');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const raw = randomToken(8)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .padEnd(10, '0')
        .slice(0, 10);
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await mutate(this.k, actor, async (m) => {
      await m.tx
        .updateTable('users')
        .set({ totp_enabled: 1, updated_at: m.at, version: user.version + 1 })
        .where('id', '=', actor.userId!)
        .execute();
      await m.tx.deleteFrom('recovery_codes').where('user_id', '=', actor.userId!).execute();
      await m.tx
        .insertInto('recovery_codes')
        .values(
          codes.map((c) => ({
            id: newId(),
            user_id: actor.userId!,
            code_hash: sha256(c.replace(/\s/g, '')),
            used_at: null,
          })),
        )
        .execute();
      m.audit({
        entity: 'user',
        entityId: actor.userId!,
        action: 'update',
        before: { totp_enabled: false },
        after: { totp_enabled: true },
      });
    });
    return codes;
  }

  async disableTwoFactor(actor: Actor, password: string): Promise<void> {
    const user = await this.k.db
      .selectFrom('users')
      .select(['password_hash', 'totp_enabled', 'version'])
      .where('id', '=', actor.userId!)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(password, user.password_hash)))
      throw validationError({ password: 'is not your password' }, 'Your password is not right.');
    await mutate(this.k, actor, async (m) => {
      await m.tx
        .updateTable('users')
        .set({ totp_enabled: 0, totp_secret: null, updated_at: m.at, version: user.version + 1 })
        .where('id', '=', actor.userId!)
        .execute();
      await m.tx.deleteFrom('recovery_codes').where('user_id', '=', actor.userId!).execute();
      m.audit({
        entity: 'user',
        entityId: actor.userId!,
        action: 'update',
        before: { totp_enabled: user.totp_enabled === 1 },
        after: { totp_enabled: false },
      });
    });
  }

  async listTokens(actor: Actor) {
    return this.k.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', actor.userId!)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async createToken(actor: Actor, input: { name: string; scopes: string[]; expiresInDays: number | null }) {
    // A token that could mint tokens would outlive its own revocation or expiry.
    if (actor.via !== 'session')
      throw forbidden('API tokens can be created only in a signed-in session, not with another API token.');
    const secret = `acc_${randomToken(30)}`;
    const row = {
      id: newId(),
      user_id: actor.userId!,
      name: input.name,
      prefix: secret.slice(0, 10),
      token_hash: sha256(secret),
      scopes: JSON.stringify(input.scopes),
      created_at: this.k.clock.now().toISOString(),
      last_used_at: null,
      expires_at: input.expiresInDays ? this.days(input.expiresInDays) : null,
      revoked_at: null,
    };
    await mutate(this.k, actor, async (m) => {
      await m.tx.insertInto('api_tokens').values(row).execute();
      m.audit({
        entity: 'api_token',
        entityId: row.id,
        action: 'create',
        after: { name: row.name, scopes: input.scopes, expires_at: row.expires_at },
      });
    });
    return { row, secret };
  }

  async revokeToken(actor: Actor, id: string): Promise<void> {
    await mutate(this.k, actor, async (m) => {
      const token = await m.tx
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', id)
        .where('user_id', '=', actor.userId!)
        .executeTakeFirst();
      if (!token) throw notFound('That API token');
      if (token.revoked_at) return;
      await m.tx.updateTable('api_tokens').set({ revoked_at: m.at }).where('id', '=', id).execute();
      m.audit({
        entity: 'api_token',
        entityId: id,
        action: 'delete',
        before: { revoked_at: null },
        after: { revoked_at: m.at },
      });
    });
  }
}
