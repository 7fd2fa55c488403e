/** Personal API tokens (Bearer) for integrations: shown once, stored hashed, revocable. */
import type { Actor, Kernel } from '../../kernel/context';
import { randomToken, sha256 } from '../../kernel/crypto';
import { forbidden, notFound } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { mutate } from '../../kernel/mutation';

/** API tokens of the signed-in user. */
export class TokenService {
  constructor(private readonly k: Kernel) {}

  async list(actor: Actor) {
    return this.k.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', actor.userId!)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async create(actor: Actor, input: { name: string; scopes: string[]; expiresInDays: number | null }) {
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
      expires_at: input.expiresInDays
        ? new Date(this.k.clock.now().getTime() + input.expiresInDays * 86_400_000).toISOString()
        : null,
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

  async revoke(actor: Actor, id: string): Promise<void> {
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
