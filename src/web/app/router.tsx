import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { NotFound } from '../ui/NotFound';
import { LoginPage } from '../modules/auth/pages/LoginPage';
import { HomePage } from '../modules/home/pages/HomePage';
import { atOverview, prefetchOverview } from '../modules/overview/prefetch';
import { PublicOnly, RequirePermission, RequireSession } from './guards';
import { AppLayout } from './layout/AppLayout';
import type { RecordKind } from '../modules/partners/pages/RecordRedirectPage';
import { RootShell } from './RootShell';
import { RouteError } from './RouteError';

// Everything but the login and home pages loads on demand, keeping the first download small.
const ForgotPasswordPage = lazy(() => import('../modules/auth/pages/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../modules/auth/pages/ResetPasswordPage'));
const AccountLayout = lazy(() => import('../modules/me/pages/AccountLayout'));
const ProfilePage = lazy(() => import('../modules/me/pages/ProfilePage'));
const PasswordPage = lazy(() => import('../modules/me/pages/PasswordPage'));
const TwoFactorPage = lazy(() => import('../modules/me/pages/TwoFactorPage'));
const TokensPage = lazy(() => import('../modules/me/pages/TokensPage'));
const UsersPage = lazy(() => import('../modules/users/pages/UsersPage'));
const RolesPage = lazy(() => import('../modules/roles/pages/RolesPage'));
const RoleEditorPage = lazy(() => import('../modules/roles/pages/RoleEditorPage'));
const AuditPage = lazy(() => import('../modules/audit/pages/AuditPage'));
const SettingsPage = lazy(() => import('../modules/settings/pages/SettingsPage'));
const PartnersPage = lazy(() => import('../modules/partners/pages/PartnersPage'));
const PartnerPage = lazy(() => import('../modules/partners/pages/PartnerPage'));
const PartnerListPage = lazy(() => import('../modules/partners/pages/PartnerListPage'));
const PartnerTrashPage = lazy(() => import('../modules/partners/pages/PartnerTrashPage'));
const ImportPage = lazy(() => import('../modules/exchange/pages/ImportPage'));
const ConsultantsPage = lazy(() => import('../modules/consultants/pages/ConsultantsPage'));
const LeadsPage = lazy(() => import('../modules/leads/pages/LeadsPage'));
const MailMergePage = lazy(() => import('../modules/mailMerge/pages/MailMergePage'));
const MailboxesPage = lazy(() => import('../modules/mailboxes/pages/MailboxesPage'));
const EventsPage = lazy(() => import('../modules/events/pages/EventsPage'));
const EventPage = lazy(() => import('../modules/events/pages/EventPage'));
const IntegrationsPage = lazy(() => import('../modules/sheets/pages/IntegrationsPage'));
const SheetConflictsPage = lazy(() => import('../modules/sheets/pages/ConflictsPage'));
const loadOverviewPage = () => import('../modules/overview/pages/OverviewPage');
const OverviewPage = lazy(() => {
  // The report is asked for while the page's code downloads.
  prefetchOverview();
  return loadOverviewPage();
});
// Opened at the Overview's address: its code starts downloading now, while the session is checked.
if (atOverview()) void loadOverviewPage();
const RecordRedirectPage = lazy(() => import('../modules/partners/pages/RecordRedirectPage'));
/** Records shown on their partner's page; /leads/:id and the like (notification links) lead there. */
const RECORD_KINDS: RecordKind[] = [
  'consultants',
  'accounts',
  'cases',
  'leads',
  'opportunities',
  'activities',
];
const AnnualGoalsPage = lazy(() => import('../modules/overview/pages/AnnualGoalsPage'));

export const router = createBrowserRouter([
  {
    // Toasts and modals live inside the router (see RootShell).
    element: <RootShell />,
    children: [
      {
        element: <PublicOnly />,
        children: [{ path: '/login', element: <LoginPage /> }],
      },
      { path: '/forgot-password', element: <ForgotPasswordPage />, errorElement: <RouteError /> },
      { path: '/reset-password', element: <ResetPasswordPage />, errorElement: <RouteError /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppLayout />,
            errorElement: <RouteError />,
            children: [
              {
                // Errors in a page show inside the shell, so the navigation stays usable.
                errorElement: <RouteError />,
                children: [
                  { index: true, element: <HomePage /> },
                  {
                    path: 'account',
                    element: <AccountLayout />,
                    children: [
                      { index: true, element: <Navigate to="profile" replace /> },
                      { path: 'profile', element: <ProfilePage /> },
                      { path: 'password', element: <PasswordPage /> },
                      { path: 'two-factor', element: <TwoFactorPage /> },
                      { path: 'tokens', element: <TokensPage /> },
                    ],
                  },
                  { path: 'admin', element: <Navigate to="/" replace /> },
                  // Links the server puts in notifications.
                  { path: 'profile', element: <Navigate to="/account/profile" replace /> },
                  {
                    path: 'admin/users',
                    element: (
                      <RequirePermission permission="users.view">
                        <UsersPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'admin/roles',
                    element: (
                      <RequirePermission permission="roles.view">
                        <RolesPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'admin/roles/:id',
                    element: (
                      <RequirePermission permission="roles.view">
                        <RoleEditorPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'admin/audit',
                    element: (
                      <RequirePermission permission="audit.view">
                        <AuditPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'admin/settings',
                    element: (
                      <RequirePermission permission="settings.view">
                        <SettingsPage />
                      </RequirePermission>
                    ),
                  },
                  { path: 'partnerships', element: <Navigate to="/partnerships/overview" replace /> },
                  {
                    path: 'partnerships/overview',
                    element: (
                      <RequirePermission permission="overview.view">
                        <OverviewPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partnerships/goals',
                    element: (
                      <RequirePermission permission="overview.configure">
                        <AnnualGoalsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partnerships/partners',
                    element: (
                      <RequirePermission permission="partners.view">
                        <PartnersPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partnerships/partners/:id',
                    element: (
                      <RequirePermission permission="partners.view">
                        <PartnerPage />
                      </RequirePermission>
                    ),
                  },
                  // The permission depends on what is imported (?kind=): the page checks it.
                  { path: 'partnerships/import', element: <ImportPage /> },
                  {
                    path: 'partnerships/email',
                    element: (
                      <RequirePermission permission="communications.create">
                        <MailMergePage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partnerships/email-sync',
                    element: (
                      <RequirePermission permission="communications.view">
                        <MailboxesPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partnerships/integrations',
                    element: (
                      <RequirePermission permission="integrations.view">
                        <IntegrationsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partnerships/integrations/conflicts',
                    element: (
                      <RequirePermission permission="integrations.view">
                        <SheetConflictsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partnerships/events',
                    element: (
                      <RequirePermission permission="events.view">
                        <EventsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partnerships/events/:id',
                    element: (
                      <RequirePermission permission="events.view">
                        <EventPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partners',
                    element: (
                      <RequirePermission permission="partners.view">
                        <PartnerListPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partners/trash',
                    element: (
                      <RequirePermission permission="partners.delete">
                        <PartnerTrashPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'partners/:id',
                    element: (
                      <RequirePermission permission="partners.view">
                        <PartnerPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'consultants',
                    element: (
                      <RequirePermission permission="consultants.view">
                        <ConsultantsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: 'leads',
                    element: (
                      <RequirePermission permission="leads.view">
                        <LeadsPage />
                      </RequirePermission>
                    ),
                  },
                  ...RECORD_KINDS.map((kind) => ({
                    path: `${kind}/:id`,
                    element: <RecordRedirectPage kind={kind} />,
                  })),
                  { path: '*', element: <NotFound /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);
