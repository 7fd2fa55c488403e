/** Pure editing rules of the permission matrix; the editor and its tests use them. */
import type { Action, ModuleGrant, PermissionMatrix, Scope } from '../../../shared/permissions';
import type { RoleCatalog } from '../../../shared/roles.schema';

/** A module as the roles catalog describes it (shared/roles.schema.ts). */
export type CatalogModule = RoleCatalog['modules'][number];

export const DEFAULT_SCOPE: Scope = 'all';

function setGrant(matrix: PermissionMatrix, module: string, grant: ModuleGrant | null): PermissionMatrix {
  const next = { ...matrix };
  if (!grant || grant.actions.length === 0) delete next[module];
  else next[module] = grant;
  return next;
}

/**
 * Turns one action on or off. Any action implies "view" (editing what you cannot see makes no sense), so
 * granting one grants view too, and taking view away takes everything.
 */
export function toggleAction(
  matrix: PermissionMatrix,
  mod: CatalogModule,
  action: Action,
  on: boolean,
): PermissionMatrix {
  if (!mod.actions.includes(action)) return matrix;
  const current = matrix[mod.key];
  const actions = new Set(current?.actions ?? []);
  if (on) {
    actions.add(action);
    if (mod.actions.includes('view')) actions.add('view');
  } else if (action === 'view') {
    actions.clear();
  } else {
    actions.delete(action);
  }
  const ordered = mod.actions.filter((a) => actions.has(a as Action)) as Action[];
  return setGrant(matrix, mod.key, { actions: ordered, scope: current?.scope ?? DEFAULT_SCOPE });
}

export function setScope(matrix: PermissionMatrix, module: string, scope: Scope): PermissionMatrix {
  const current = matrix[module];
  if (!current) return matrix;
  return { ...matrix, [module]: { ...current, scope } };
}

/** Grants every action of each module (all: true) or none (all: false), keeping chosen scopes. */
export function setAll(
  matrix: PermissionMatrix,
  mods: readonly CatalogModule[],
  all: boolean,
): PermissionMatrix {
  let next = matrix;
  for (const m of mods) {
    next = setGrant(
      next,
      m.key,
      all ? { actions: [...m.actions] as Action[], scope: next[m.key]?.scope ?? DEFAULT_SCOPE } : null,
    );
  }
  return next;
}

/** A stable form of a matrix for comparing "is anything unsaved?". */
export function canonical(matrix: PermissionMatrix): string {
  const keys = Object.keys(matrix)
    .filter((k) => (matrix[k]?.actions.length ?? 0) > 0)
    .sort();
  return JSON.stringify(keys.map((k) => [k, [...matrix[k]!.actions].sort(), matrix[k]!.scope]));
}

export function countGrants(matrix: PermissionMatrix): number {
  return Object.values(matrix).reduce((n, g) => n + g.actions.length, 0);
}

/** Modules grouped by area, in the catalog's area order. */
export function groupByArea<M extends CatalogModule>(areas: readonly string[], modules: readonly M[]) {
  return areas
    .map((area) => ({ area, modules: modules.filter((m) => m.area === area) }))
    .filter((g) => g.modules.length > 0);
}
