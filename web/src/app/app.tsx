import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from '../engine/api.ts';
import { installWebModules } from '../engine/extensions.ts';
import { AuthProvider } from './auth.tsx';
import { router } from './router.tsx';
import { webParts } from './web-parts.ts';

installWebModules(webParts);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Errors a retry cannot fix (no rights, not found, bad filter) are shown at once.
      retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** The root stays small: antd comes with the shell, so the sign-in page loads little JavaScript. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  );
}
