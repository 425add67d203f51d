import '@mantine/core/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DirectionProvider, InputWrapper, MantineProvider, createTheme } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { initI18n } from './i18n/index.ts';
import { router } from './router.tsx';
import { ApiError, SESSION_KEY } from './lib/api.ts';

const theme = createTheme({
  primaryColor: 'un',
  colors: {
    // UN blue, dark enough for text contrast (WCAG AA) on white at shades 7-9.
    un: ['#e6f2fb', '#cce3f5', '#99c6eb', '#66a9e0', '#338cd6', '#0f6fbf', '#0a5a9c', '#084a80', '#063a65', '#042a49'],
  },
  primaryShade: 7,
  autoContrast: true,
  components: {
    // A field's error is announced as soon as it appears.
    InputWrapper: InputWrapper.extend({ defaultProps: { errorProps: { role: 'alert' } } }),
  },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif',
});

// A request refused because the session ended (expired, or signed out elsewhere): ask again who is signed in.
const onError = (error: unknown) => {
  if (error instanceof ApiError && error.problem.code === 'auth.unauthenticated')
    void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false } },
});

await initI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DirectionProvider
      initialDirection={document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr'}
      detectDirection={false}
    >
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);
