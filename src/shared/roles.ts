/**
 * The roles Accord ships. Admins may edit them in Admin → Roles; `accord seed` and first start create
 * them when missing. Management follows ../shared/spec/management.md exactly.
 */
import {
  MODULES,
  MODULE_NAMES,
  type Action,
  type ModuleName,
  type PermissionMatrix,
  type Scope,
} from './permissions';

function grant(
  spec: Partial<Record<ModuleName, readonly Action[]>>,
  scope: Scope,
  scopes: Partial<Record<ModuleName, Scope>> = {},
): PermissionMatrix {
  const matrix: PermissionMatrix = {};
  for (const [module, actions] of Object.entries(spec) as [ModuleName, readonly Action[]][]) {
    matrix[module] = { actions: [...actions], scope: scopes[module] ?? scope };
  }
  return matrix;
}

function everything(): PermissionMatrix {
  return grant(
    Object.fromEntries(MODULE_NAMES.map((m) => [m, MODULES[m].actions])) as Partial<
      Record<ModuleName, readonly Action[]>
    >,
    'all',
  );
}

function viewAll(): PermissionMatrix {
  return grant(
    Object.fromEntries(
      MODULE_NAMES.filter((m) => !['users', 'roles', 'audit', 'settings', 'integrations'].includes(m)).map(
        (m) => [m, ['view']],
      ),
    ) as Partial<Record<ModuleName, readonly Action[]>>,
    'all',
  );
}

const CRUD = ['view', 'create', 'edit', 'delete'] as const;

export interface SystemRole {
  key: string;
  name: string;
  description: string;
  permissions: PermissionMatrix;
}

export const SYSTEM_ROLES: SystemRole[] = [
  {
    key: 'admin',
    name: 'Admin',
    description: 'Everything, including users, roles, settings and the audit log.',
    permissions: everything(),
  },
  {
    key: 'management',
    name: 'Management',
    description:
      'CEO / COO / CFO: reports, goals, OKRs, the dashboard, contract approval; read access to operations.',
    permissions: grant(
      {
        reports: ['view'],
        goals: ['view', 'create', 'edit'],
        okrs: ['view', 'create', 'edit'],
        dashboard: ['view', 'configure'],
        contracts: ['view', 'approve'],
        invoices: ['view'],
        expenses: ['view'],
        staff: ['view'],
        timesheets: ['view'],
        projects: ['view'],
        announcements: ['view', 'create'],
        knowledge_base: ['view', 'create'],
        automation: ['view'],
      },
      'all',
    ),
  },
  {
    key: 'sales_agent',
    name: 'Sales agent',
    description:
      'Works their own partners, leads, opportunities and activities; sees shared partnerships data.',
    permissions: grant(
      {
        partners: ['view', 'create', 'edit'],
        events: ['view'],
        links: CRUD,
        communications: CRUD,
        documents: ['view', 'create', 'edit'],
        overview: ['view'],
        consultants: ['view', 'create', 'edit'],
        accounts: ['view'],
        cases: ['view', 'create', 'edit'],
        leads: CRUD,
        opportunities: CRUD,
        activities: CRUD,
        forecasts: ['view'],
        dashboard: ['view'],
        kpis: ['view'],
        goals: ['view'],
        contracts: ['view', 'create', 'edit'],
        timesheets: ['view', 'create', 'edit'],
        announcements: ['view'],
        knowledge_base: ['view'],
      },
      'own',
      {
        events: 'all',
        overview: 'all',
        announcements: 'all',
        knowledge_base: 'all',
        goals: 'all',
        dashboard: 'all',
      },
    ),
  },
  {
    key: 'finance',
    name: 'Finance',
    description: 'Invoices, expenses, bank accounts and contracts; read access to sales data.',
    permissions: grant(
      {
        invoices: [...CRUD, 'approve'],
        expenses: [...CRUD, 'approve'],
        bank: [...CRUD, 'configure'],
        contracts: ['view', 'create', 'edit', 'approve'],
        reports: ['view', 'create', 'edit'],
        dashboard: ['view'],
        partners: ['view'],
        accounts: ['view'],
        opportunities: ['view'],
        forecasts: ['view'],
        staff: ['view'],
        timesheets: ['view'],
        announcements: ['view'],
        knowledge_base: ['view'],
      },
      'all',
    ),
  },
  {
    key: 'project_manager',
    name: 'Project manager',
    description: 'Projects, tasks, timesheets and workload for their department.',
    permissions: grant(
      {
        projects: CRUD,
        timesheets: [...CRUD, 'approve'],
        staff: ['view'],
        cases: CRUD,
        accounts: ['view'],
        partners: ['view'],
        dashboard: ['view'],
        reports: ['view'],
        announcements: ['view', 'create'],
        knowledge_base: ['view', 'create', 'edit'],
      },
      'department',
      { partners: 'all', accounts: 'all', announcements: 'all', knowledge_base: 'all', staff: 'all' },
    ),
  },
  {
    key: 'read_only',
    name: 'Read-only',
    description: 'Sees the business data; changes nothing.',
    permissions: viewAll(),
  },
];
