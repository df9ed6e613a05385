import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../engine/api.ts';

/** The one query cache of the client, shared by the screens and the routes' loaders. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Errors a retry cannot fix (no rights, not found, bad filter) are shown at once.
      retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});
