import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { OverviewPage } from './modules/status/pages/OverviewPage.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';

// The overview is the first page most people see; every other page loads on demand.
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'instruments', lazy: async () => ({ Component: (await import('./modules/status/pages/InstrumentsPage.tsx')).InstrumentsPage }) },
      { path: 'instruments/:id', lazy: async () => ({ Component: (await import('./modules/status/pages/InstrumentPage.tsx')).InstrumentPage }) },
      { path: 'countries', lazy: async () => ({ Component: (await import('./modules/status/pages/CountriesPage.tsx')).CountriesPage }) },
      { path: 'countries/:code', lazy: async () => ({ Component: (await import('./modules/status/pages/CountryPage.tsx')).CountryPage }) },
      { path: 'compare', lazy: async () => ({ Component: (await import('./modules/status/pages/ComparePage.tsx')).ComparePage }) },
      { path: 'matrix', lazy: async () => ({ Component: (await import('./modules/status/pages/MatrixPage.tsx')).MatrixPage }) },
      { path: 'changes', lazy: async () => ({ Component: (await import('./modules/status/pages/ChangesPage.tsx')).ChangesPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
