import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api';

/**
 * The app's one query cache. It lives outside React so that a route can start its requests the
 * moment the address is known (see the case page's loader in `router.tsx`), together with the
 * session's, instead of one after the other as components mount.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal (403/404/409...) will not change on retry; a dropped connection might.
      retry: (count, error) => (!isApiError(error) || error.status === 0 || error.status >= 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
