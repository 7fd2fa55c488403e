/** Two-factor sign-in: TOTP set-up, enable and disable, recovery codes, and checking a code. */
import QRCode from 'qrcode';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Actor, Kernel } from '../../kernel/context';
import { sha256, verifyPassword, randomToken } from '../../kernel/crypto';
import { AppError, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';

const RECOVERY_CODE_COUNT = 10;

/** TOTP two-factor authentication of users. */
export class TwoFactorService {
  constructor(private readonly k: Kernel) {}

  /**
   * Checks a code from the user's app and uses it up: the step it belongs to is recorded, and a code of that
   * step or an earlier one is refused from then on (atomically, so two requests cannot both use one code).
   */
  async checkTotp(userId: string, secret: string | null, code: string): Promise<boolean> {
    if (!secret || !/^\d{6}$/.test(code)) return false;
    secret = this.k.secrets.open(secret);
    const epoch = Math.floor(this.k.clock.now().getTime() / 1000);
    const r = await verifyTotp({ secret, token: code, epoch, epochTolerance: 30 });
    if (!r.valid || !('timeStep' in r)) return false;
    const used = await this.k.db
      .updateTable('users')
      .set({ totp_last_step: r.timeStep })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', r.timeStep)]))
      .executeTakeFirst();
    return Number(used.numUpdatedRows) === 1;
  }

  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
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

  async setup(actor: Actor): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
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

  async enable(actor: Actor, code: string): Promise<string[]> {
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
    if (!(await this.checkTotp(actor.userId!, user.totp_secret, code)))
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

  async disable(actor: Actor, password: string): Promise<void> {
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
}
