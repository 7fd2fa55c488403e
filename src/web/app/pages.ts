/**
 * Every page of the app in one list: the sidebar, the command palette, the home page's quick links and the
 * route guards all read it, so a page appears exactly where its permission allows.
 */
import {
  IconApi,
  IconBuildingCommunity,
  IconBuildingStore,
  IconCalendarEvent,
  IconFileImport,
  IconMailForward,
  IconMailCog,
  IconTableExport,
  IconTargetArrow,
  IconAddressBook,
  IconLayoutDashboard,
  IconClipboardList,
  IconHome,
  IconKey,
  IconLock,
  IconSettings,
  IconShieldCheck,
  IconUserCircle,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Me } from '../../shared/auth.schema';
import { AREAS, can, type Area, type Permission } from '../../shared/permissions';

export type PageGroup = 'home' | 'account' | Area;

export interface PageDef {
  key: string;
  path: string;
  label: string;
  description: string;
  group: PageGroup;
  /** The permission needed to open the page; null: every signed-in user. */
  permission: Permission | null;
  icon: Icon;
  keywords?: string[];
}

export const AREA_LABELS: Record<Area, string> = {
  partnerships: 'Partnerships',
  partners: 'Partners & sales',
  management: 'Management',
  finance: 'Finance',
  admin: 'Admin',
};

export const PAGES: readonly PageDef[] = [
  {
    key: 'home',
    path: '/',
    label: 'Home',
    description: 'Your start page',
    group: 'home',
    permission: null,
    icon: IconHome,
    keywords: ['start', 'dashboard'],
  },
  {
    key: 'partnerships-overview',
    path: '/partnerships/overview',
    label: 'Overview',
    description:
      'Pipeline health: secured against goals, open pipeline, event scoreboard and the action queue',
    group: 'partnerships',
    permission: 'overview.view',
    icon: IconLayoutDashboard,
    keywords: ['dashboard', 'kpi', 'goal pace', 'pipeline', 'scoreboard', 'action queue', 'follow-ups'],
  },
  {
    key: 'partnerships-partners',
    path: '/partnerships/partners',
    label: 'Partners',
    description: 'The partner directory: involvements, pipeline and secured amounts per partner',
    group: 'partnerships',
    permission: 'partners.view',
    icon: IconBuildingStore,
    keywords: ['companies', 'organisations', 'organizations', 'sponsors', 'directory', 'export'],
  },
  {
    key: 'partnerships-events',
    path: '/partnerships/events',
    label: 'Events',
    description: 'Events partners sponsor or join: goals, tier presets and each partner on a kanban',
    group: 'partnerships',
    permission: 'events.view',
    icon: IconCalendarEvent,
    keywords: ['event', 'sponsorship', 'kanban', 'pipeline', 'goal', 'tiers', 'packages'],
  },
  {
    key: 'partnerships-import',
    path: '/partnerships/import',
    label: 'Import',
    description: 'Import partners and involvements from a CSV or Excel file',
    group: 'partnerships',
    permission: 'partners.create',
    icon: IconFileImport,
    keywords: ['csv', 'xlsx', 'excel', 'spreadsheet', 'upload', 'import partners'],
  },
  {
    key: 'partnerships-email',
    path: '/partnerships/email',
    label: 'Email',
    description: 'Mail merge: send a templated email to the partners you filter',
    group: 'partnerships',
    permission: 'communications.create',
    icon: IconMailForward,
    keywords: ['mail merge', 'mass email', 'templates', 'newsletter', 'outreach'],
  },
  {
    key: 'partnerships-email-sync',
    path: '/partnerships/email-sync',
    label: 'Email sync',
    description:
      'Connect mailboxes (IMAP, SMTP): mail with partners filed as communications, health, unmatched inbox',
    group: 'partnerships',
    permission: 'communications.create',
    icon: IconMailCog,
    keywords: ['imap', 'smtp', 'gmail', 'outlook', 'mailbox', 'inbox', 'unmatched', 'integrations', 'sync'],
  },
  {
    key: 'partnerships-sheets',
    path: '/partnerships/integrations',
    label: 'Sheets sync',
    description:
      'Google Sheets two-way sync (push, pull, merge, conflicts), or the same with a CSV or Excel file',
    group: 'partnerships',
    permission: 'integrations.view',
    icon: IconTableExport,
    keywords: ['google sheets', 'integrations', 'spreadsheet', 'sync', 'push', 'pull', 'conflicts'],
  },
  {
    key: 'partners',
    path: '/partners',
    label: 'Partners',
    description:
      'Partner management: every partner with filters, saved filters, bulk actions, import and the trash',
    group: 'partners',
    permission: 'partners.view',
    icon: IconBuildingCommunity,
    keywords: ['resellers', 'channel', 'saved filters', 'bulk', 'trash', 'restore', 'export', 'import'],
  },
  {
    key: 'consultants',
    path: '/consultants',
    label: 'Consultants',
    description: 'The people at every partner: titles, emails and phones; import them from a file',
    group: 'partners',
    permission: 'consultants.view',
    icon: IconAddressBook,
    keywords: ['contacts', 'people', 'persons', 'import'],
  },
  {
    key: 'leads',
    path: '/leads',
    label: 'Leads',
    description: 'Potential customers across partners and campaigns; import a list from a file',
    group: 'partners',
    permission: 'leads.view',
    icon: IconTargetArrow,
    keywords: ['prospects', 'potential customers', 'campaign', 'import'],
  },
  {
    key: 'users',
    path: '/admin/users',
    label: 'Users',
    description: 'People who can sign in, their roles and departments',
    group: 'admin',
    permission: 'users.view',
    icon: IconUsers,
    keywords: ['people', 'accounts', 'staff', 'members'],
  },
  {
    key: 'roles',
    path: '/admin/roles',
    label: 'Roles',
    description: 'What each role may see and do',
    group: 'admin',
    permission: 'roles.view',
    icon: IconShieldCheck,
    keywords: ['permissions', 'access', 'matrix'],
  },
  {
    key: 'audit',
    path: '/admin/audit',
    label: 'Audit log',
    description: 'Every change: who, when, what',
    group: 'admin',
    permission: 'audit.view',
    icon: IconClipboardList,
    keywords: ['history', 'changes', 'log'],
  },
  {
    key: 'settings',
    path: '/admin/settings',
    label: 'Settings',
    description: 'Company, currency, fiscal year, time zone and email',
    group: 'admin',
    permission: 'settings.view',
    icon: IconSettings,
    keywords: ['smtp', 'email', 'company', 'currency', 'time zone'],
  },
  {
    key: 'profile',
    path: '/account/profile',
    label: 'Profile',
    description: 'Your name, email, role and department',
    group: 'account',
    permission: null,
    icon: IconUserCircle,
    keywords: ['me', 'account', 'name'],
  },
  {
    key: 'password',
    path: '/account/password',
    label: 'Password',
    description: 'Change your password',
    group: 'account',
    permission: null,
    icon: IconLock,
    keywords: ['change password', 'security'],
  },
  {
    key: 'two-factor',
    path: '/account/two-factor',
    label: 'Two-factor sign-in',
    description: 'Protect your account with an authenticator app',
    group: 'account',
    permission: null,
    icon: IconKey,
    keywords: ['2fa', 'totp', 'mfa', 'security', 'authenticator'],
  },
  {
    key: 'tokens',
    path: '/account/tokens',
    label: 'API tokens',
    description: 'Personal tokens for scripts and integrations',
    group: 'account',
    permission: null,
    icon: IconApi,
    keywords: ['api', 'token', 'integration', 'key'],
  },
];

export function pageByKey(key: string): PageDef {
  const page = PAGES.find((p) => p.key === key);
  if (!page) throw new Error(`No page "${key}"`);
  return page;
}

/** Whether the user may open a page: its permission, and for area pages the area must be visible too. */
export function canOpen(user: Pick<Me, 'permissions' | 'areas'>, page: PageDef): boolean {
  if (page.permission && !can(user.permissions, page.permission)) return false;
  if (page.group === 'home' || page.group === 'account') return true;
  return user.areas.includes(page.group);
}

export interface NavSection {
  key: PageGroup;
  label: string | null;
  pages: PageDef[];
}

/** The sidebar: Home, then each area the user may see that has at least one page built. */
export function navSections(user: Pick<Me, 'permissions' | 'areas'>): NavSection[] {
  const sections: NavSection[] = [
    { key: 'home', label: null, pages: PAGES.filter((p) => p.group === 'home') },
  ];
  for (const area of AREAS) {
    const pages = PAGES.filter((p) => p.group === area && canOpen(user, p));
    if (pages.length) sections.push({ key: area, label: AREA_LABELS[area], pages });
  }
  return sections;
}

/** Pages the command palette offers, in sidebar order, then the account pages. */
export function openablePages(user: Pick<Me, 'permissions' | 'areas'>): PageDef[] {
  return PAGES.filter((p) => canOpen(user, p));
}
