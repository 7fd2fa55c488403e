/**
 * The permission vocabulary of Accord: modules × actions, plus a record scope per module.
 * This file is the single source of truth for permission names; routes, the role editor and the
 * generated route × role test all read it.
 */
import { z } from 'zod';

export const ACTIONS = ['view', 'create', 'edit', 'delete', 'approve', 'configure'] as const;
export type Action = (typeof ACTIONS)[number];

export const SCOPES = ['own', 'department', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

/** Areas group modules in the sidebar and in the role editor. */
export const AREAS = ['partnerships', 'partners', 'management', 'finance', 'admin'] as const;
export type Area = (typeof AREAS)[number];

interface ModuleDef {
  label: string;
  area: Area;
  /** Actions that mean something for this module; the role editor only offers these. */
  actions: readonly Action[];
  /**
   * False where record scope (own / department / all) has nothing to narrow: the module's records have no
   * owner (events; documents, which follow their partner) or it holds no records of its own (the Overview,
   * the integrations, administration). A role then has all of it or none, whatever scope a grant stores,
   * and the role editor offers no scope. Every other module applies its scope in its repo.
   */
  scoped?: false;
}

const CRUD = ['view', 'create', 'edit', 'delete'] as const;

export const MODULES = {
  // Partnerships CRM
  partners: { label: 'Partners', area: 'partnerships', actions: CRUD },
  events: { label: 'Events', area: 'partnerships', actions: CRUD, scoped: false },
  links: { label: 'Partner–event links', area: 'partnerships', actions: CRUD },
  communications: { label: 'Communications', area: 'partnerships', actions: CRUD },
  documents: { label: 'Documents', area: 'partnerships', actions: CRUD, scoped: false },
  overview: {
    label: 'Partnerships overview',
    area: 'partnerships',
    actions: ['view', 'configure'],
    scoped: false,
  },
  integrations: {
    label: 'Integrations (email, Sheets)',
    area: 'partnerships',
    actions: ['view', 'configure'],
    scoped: false,
  },
  // Partner management and sales
  consultants: { label: 'Consultants', area: 'partners', actions: CRUD },
  accounts: { label: 'Managed accounts', area: 'partners', actions: CRUD },
  cases: { label: 'Cases and tickets', area: 'partners', actions: CRUD },
  leads: { label: 'Leads', area: 'partners', actions: CRUD },
  opportunities: { label: 'Opportunities', area: 'partners', actions: CRUD },
  activities: { label: 'Sales activities', area: 'partners', actions: CRUD },
  forecasts: { label: 'Forecasts', area: 'partners', actions: ['view'] },
  // Management suite
  dashboard: { label: 'DataPulse dashboard', area: 'management', actions: ['view', 'configure'] },
  reports: { label: 'Reports', area: 'management', actions: ['view', 'create', 'edit', 'delete'] },
  kpis: { label: 'Sales KPIs', area: 'management', actions: ['view', 'configure'] },
  goals: { label: 'Goals', area: 'management', actions: CRUD },
  okrs: { label: 'OKRs', area: 'management', actions: CRUD },
  projects: { label: 'Projects', area: 'management', actions: CRUD },
  timesheets: { label: 'Timesheets', area: 'management', actions: [...CRUD, 'approve'] },
  staff: { label: 'Staff', area: 'management', actions: CRUD },
  contracts: { label: 'Contracts', area: 'management', actions: [...CRUD, 'approve'] },
  announcements: { label: 'Announcements', area: 'management', actions: CRUD },
  knowledge_base: { label: 'Knowledge base', area: 'management', actions: CRUD },
  automation: { label: 'Workflow automation', area: 'management', actions: [...CRUD, 'configure'] },
  // Finance
  invoices: { label: 'Invoices', area: 'finance', actions: [...CRUD, 'approve'] },
  expenses: { label: 'Expenses', area: 'finance', actions: [...CRUD, 'approve'] },
  bank: { label: 'Bank and cash accounts', area: 'finance', actions: [...CRUD, 'configure'] },
  // Administration
  users: { label: 'Users', area: 'admin', actions: CRUD },
  roles: { label: 'Roles', area: 'admin', actions: ['view', 'create', 'edit', 'delete'], scoped: false },
  audit: { label: 'Audit log', area: 'admin', actions: ['view'], scoped: false },
  settings: { label: 'Settings', area: 'admin', actions: ['view', 'configure'], scoped: false },
} as const satisfies Record<string, ModuleDef>;

export type ModuleName = keyof typeof MODULES;
export const MODULE_NAMES = Object.keys(MODULES) as ModuleName[];

/** A permission name as routes declare it: `users.view`, `contracts.approve`. */
export type Permission = `${ModuleName}.${Action}`;

export function parsePermission(p: Permission): { module: ModuleName; action: Action } {
  const [module, action] = p.split('.') as [ModuleName, Action];
  return { module, action };
}

export const moduleGrantSchema = z.strictObject({
  actions: z.array(z.enum(ACTIONS)).max(ACTIONS.length),
  scope: z.enum(SCOPES),
});
export type ModuleGrant = z.infer<typeof moduleGrantSchema>;

/** A role's grants: only modules with at least one action appear. */
export const permissionMatrixSchema = z.record(z.string(), moduleGrantSchema).superRefine((matrix, ctx) => {
  for (const [module, grant] of Object.entries(matrix)) {
    const def = (MODULES as Record<string, ModuleDef>)[module];
    if (!def) {
      ctx.addIssue({ code: 'custom', path: [module], message: `Unknown module "${module}"` });
      continue;
    }
    for (const action of grant.actions) {
      if (!def.actions.includes(action)) {
        ctx.addIssue({
          code: 'custom',
          path: [module, 'actions'],
          message: `${def.label} has no "${action}" permission`,
        });
      }
    }
  }
});
export type PermissionMatrix = Record<string, ModuleGrant>;

export function can(matrix: PermissionMatrix, permission: Permission): boolean {
  const { module, action } = parsePermission(permission);
  return matrix[module]?.actions.includes(action) ?? false;
}

/** Whether record scope narrows this module (see ModuleDef.scoped). */
export function isScoped(module: string): boolean {
  return (MODULES as Record<string, ModuleDef>)[module]?.scoped !== false;
}

/** The records of the module a role reaches: null without any grant, `all` for a module without record scope. */
export function scopeFor(matrix: PermissionMatrix, module: ModuleName): Scope | null {
  if (!matrix[module] || matrix[module].actions.length === 0) return null;
  return isScoped(module) ? matrix[module].scope : 'all';
}

/** The areas a user sees in the sidebar: those where the user may view at least one module. */
export function visibleAreas(matrix: PermissionMatrix): Area[] {
  return AREAS.filter((area) =>
    MODULE_NAMES.some((m) => MODULES[m].area === area && can(matrix, `${m}.view` as Permission)),
  );
}

export function describePermission(p: Permission): string {
  const { module, action } = parsePermission(p);
  return `${action} ${MODULES[module].label.toLowerCase()}`;
}

const SCOPE_RANK: Record<Scope, number> = { own: 0, department: 1, all: 2 };

/**
 * The grants of `matrix` that `holder` does not have itself (an action it lacks, or a wider scope). Used to
 * stop anyone handing out more than they hold: assigning a role or editing one.
 */
export function grantsBeyond(matrix: PermissionMatrix, holder: PermissionMatrix): string[] {
  const extra: string[] = [];
  for (const [module, grant] of Object.entries(matrix)) {
    const mine = holder[module];
    const label = (MODULES as Record<string, ModuleDef>)[module]?.label ?? module;
    for (const action of grant.actions) {
      if (!mine?.actions.includes(action)) extra.push(`${action} ${label.toLowerCase()}`);
    }
    if (
      grant.actions.length &&
      mine &&
      isScoped(module) &&
      SCOPE_RANK[grant.scope] > SCOPE_RANK[mine.scope]
    ) {
      extra.push(`${grant.scope} records of ${label.toLowerCase()}`);
    }
  }
  return extra;
}
