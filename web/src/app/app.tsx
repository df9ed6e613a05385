import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { installWebModules } from '../engine/extensions.ts';
import { AuthProvider } from './auth.tsx';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';
import { webParts } from './web-parts.ts';

installWebModules(webParts);

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
