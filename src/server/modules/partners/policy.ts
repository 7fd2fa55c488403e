/** Who may change which partner. */
import type { Actor } from '../../kernel/context';
import { forbidden } from '../../kernel/errors';
import { inScope } from '../../kernel/scope';
import type { PartnerRow } from './repo';

/**
 * A partner visible only through its visibility setting (shared with everyone or the team) can be seen but
 * changed only by those whose role scope covers its owner: 403, where a hidden one is a 404.
 */
export function assertChangeable(actor: Actor, row: PartnerRow): void {
  if (!inScope(actor, 'partners', row.owner_id, row.owner_department_id ?? null)) {
    throw forbidden(
      `You can see ${row.name}, but only ${row.owner_name ?? 'its owner'} or their team can change it.`,
    );
  }
}
