import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { OverviewPage } from './modules/status/pages/OverviewPage.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { keepLanguageInLinks } from './i18n/address.ts';

// The overview is the first page most people see; every other page loads on demand.
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <OverviewPage /> },
      {
        path: 'instruments',
        lazy: async () => ({ Component: (await import('./modules/status/pages/InstrumentsPage.tsx')).InstrumentsPage }),
      },
      {
        path: 'instruments/:id',
        lazy: async () => ({ Component: (await import('./modules/status/pages/InstrumentPage.tsx')).InstrumentPage }),
      },
      {
        path: 'countries',
        lazy: async () => ({ Component: (await import('./modules/status/pages/CountriesPage.tsx')).CountriesPage }),
      },
      {
        path: 'countries/:code',
        lazy: async () => ({ Component: (await import('./modules/status/pages/CountryPage.tsx')).CountryPage }),
      },
      {
        path: 'compare',
        lazy: async () => ({ Component: (await import('./modules/status/pages/ComparePage.tsx')).ComparePage }),
      },
      {
        path: 'matrix',
        lazy: async () => ({ Component: (await import('./modules/status/pages/MatrixPage.tsx')).MatrixPage }),
      },
      {
        path: 'changes',
        lazy: async () => ({ Component: (await import('./modules/status/pages/ChangesPage.tsx')).ChangesPage }),
      },
      {
        path: 'library',
        lazy: async () => ({ Component: (await import('./modules/library/pages/SearchPage.tsx')).SearchPage }),
      },
      {
        path: 'library/new',
        lazy: async () => ({
          Component: (await import('./modules/library/pages/DocumentFormPage.tsx')).DocumentFormPage,
        }),
      },
      {
        path: 'library/:id',
        lazy: async () => ({ Component: (await import('./modules/library/pages/DocumentPage.tsx')).DocumentPage }),
      },
      {
        path: 'library/:id/edit',
        lazy: async () => ({
          Component: (await import('./modules/library/pages/DocumentFormPage.tsx')).DocumentFormPage,
        }),
      },
      {
        path: 'programme/activities',
        lazy: async () => ({
          Component: (await import('./modules/programme/pages/ActivitiesPage.tsx')).ActivitiesPage,
        }),
      },
      {
        path: 'programme/activities/new',
        lazy: async () => ({
          Component: (await import('./modules/programme/pages/ActivityFormPage.tsx')).ActivityFormPage,
        }),
      },
      {
        path: 'programme/activities/:id',
        lazy: async () => ({ Component: (await import('./modules/programme/pages/ActivityPage.tsx')).ActivityPage }),
      },
      {
        path: 'programme/activities/:id/edit',
        lazy: async () => ({
          Component: (await import('./modules/programme/pages/ActivityFormPage.tsx')).ActivityFormPage,
        }),
      },
      {
        path: 'programme/matrix',
        lazy: async () => ({
          Component: (await import('./modules/programme/pages/ProgrammeMatrixPage.tsx')).ProgrammeMatrixPage,
        }),
      },
      {
        path: 'programme/calendar',
        lazy: async () => ({ Component: (await import('./modules/programme/pages/CalendarPage.tsx')).CalendarPage }),
      },
      {
        path: 'programme/activities/import',
        lazy: async () => ({
          Component: (await import('./modules/programme/pages/ImportActivitiesPage.tsx')).ImportActivitiesPage,
        }),
      },
      {
        path: 'programme/dashboard',
        lazy: async () => ({ Component: (await import('./modules/programme/pages/DashboardPage.tsx')).DashboardPage }),
      },
      {
        path: 'programme/projects',
        lazy: async () => ({ Component: (await import('./modules/programme/pages/ProjectsPage.tsx')).ProjectsPage }),
      },
      {
        path: 'programme/projects/new',
        lazy: async () => ({
          Component: (await import('./modules/programme/pages/ProjectFormPage.tsx')).ProjectFormPage,
        }),
      },
      {
        path: 'programme/projects/:id',
        lazy: async () => ({ Component: (await import('./modules/programme/pages/ProjectPage.tsx')).ProjectPage }),
      },
      {
        path: 'programme/projects/:id/edit',
        lazy: async () => ({
          Component: (await import('./modules/programme/pages/ProjectFormPage.tsx')).ProjectFormPage,
        }),
      },
      {
        path: 'programme/funding',
        lazy: async () => ({ Component: (await import('./modules/programme/pages/FundingPage.tsx')).FundingPage }),
      },
      {
        path: 'programme/donors',
        lazy: async () => ({ Component: (await import('./modules/programme/pages/DonorsPage.tsx')).DonorsPage }),
      },
      {
        path: 'programme/rates',
        lazy: async () => ({ Component: (await import('./modules/programme/pages/RatesPage.tsx')).RatesPage }),
      },
      {
        path: 'sign-in',
        lazy: async () => ({ Component: (await import('./modules/accounts/pages/SignInPage.tsx')).SignInPage }),
      },
      {
        path: 'forgot-password',
        lazy: async () => ({
          Component: (await import('./modules/accounts/pages/ForgotPasswordPage.tsx')).ForgotPasswordPage,
        }),
      },
      {
        path: 'reset-password',
        lazy: async () => ({
          Component: (await import('./modules/accounts/pages/ResetPasswordPage.tsx')).ResetPasswordPage,
        }),
      },
      {
        path: 'accept-invitation',
        lazy: async () => ({
          Component: (await import('./modules/accounts/pages/AcceptInvitationPage.tsx')).AcceptInvitationPage,
        }),
      },
      {
        path: 'account',
        lazy: async () => ({ Component: (await import('./modules/accounts/pages/AccountPage.tsx')).AccountPage }),
      },
      { path: 'admin', element: <Navigate to="/admin/users" replace /> },
      {
        path: 'admin/users',
        lazy: async () => ({ Component: (await import('./modules/admin/pages/AdminUsersPage.tsx')).AdminUsersPage }),
      },
      {
        path: 'admin/users/:id',
        lazy: async () => ({ Component: (await import('./modules/admin/pages/AdminUserPage.tsx')).AdminUserPage }),
      },
      {
        path: 'admin/organizations',
        lazy: async () => ({
          Component: (await import('./modules/admin/pages/AdminOrganizationsPage.tsx')).AdminOrganizationsPage,
        }),
      },
      {
        path: 'admin/outbox',
        lazy: async () => ({ Component: (await import('./modules/admin/pages/AdminOutboxPage.tsx')).AdminOutboxPage }),
      },
      {
        path: 'admin/audit',
        lazy: async () => ({ Component: (await import('./modules/admin/pages/AdminAuditPage.tsx')).AdminAuditPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

keepLanguageInLinks(router);
