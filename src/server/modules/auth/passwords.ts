/** Passwords: change (signed in) and reset by an emailed token. */
import type { Actor, Kernel } from '../../kernel/context';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../kernel/crypto';
import { badRequest, validationError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';
import { clearFailures } from './throttle';

const RESET_TOKEN_MINUTES = 60;
/**
 * At most this many reset mails per account within RESET_TOKEN_MINUTES: more would let anyone flood a
 * person's inbox. Requests beyond it get the same answer and send nothing (the answer never tells whether
 * an account exists).
 */
export const MAX_RESET_MAILS = 3;

/** Password changes and resets; each ends the other sessions of the user. */
export class PasswordService {
  constructor(private readonly k: Kernel) {}

  async change(actor: Actor, current: string, next: string): Promise<void> {
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
  async requestReset(email: string): Promise<void> {
    const user = await this.k.db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('email', '=', email)
      .where('active', '=', 1)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user) return;
    const now = this.k.clock.now();
    const since = new Date(now.getTime() - RESET_TOKEN_MINUTES * 60_000).toISOString();
    const recent = await this.k.db
      .selectFrom('password_resets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= MAX_RESET_MAILS) return;
    const token = randomToken();
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

  async confirmReset(token: string, password: string): Promise<void> {
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
}
