import type { ApiToken } from '../../../shared/auth.schema';
import type { ApiTokensTable } from '../../db/types';

export function presentToken(t: ApiTokensTable): ApiToken {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: JSON.parse(t.scopes) as ApiToken['scopes'],
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    expiresAt: t.expires_at,
    revokedAt: t.revoked_at,
  };
}
