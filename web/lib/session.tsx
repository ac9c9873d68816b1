import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { api, isApiError, onApiError, onUnauthorized, setCsrfToken } from './api';
import { clearWorkingState, runSignOutListeners } from './session-storage';
import type { MeView, SignedOut } from '../../shared/schemas/access';

/** The answer of `GET /api/auth/me` (`meView` in `shared/schemas/access.ts`). */
export type Me = MeView;
export type SessionUser = MeView['user'];

export const ME_QUERY_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me', { redirectOn401: false });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Who is signed in: the query the session reads, and the app's first route starts early. */
export const meQuery = {
  queryKey: ME_QUERY_KEY,
  queryFn: fetchMe,
  staleTime: 5 * 60_000,
  retry: (count: number, error: unknown) => !isApiError(error) && count < 2,
};

interface SessionValue {
  me: Me | null;
  loading: boolean;
  error: unknown;
  can: (permission: string) => boolean;
  canAny: (...permissions: string[]) => boolean;
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery(meQuery);

  // Any 401 elsewhere means the session ended (expired, revoked, user deactivated).
  useEffect(
    () =>
      onUnauthorized(() => {
        queryClient.setQueryData(ME_QUERY_KEY, null);
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      }),
    [queryClient],
  );

  const refresh = useCallback(async () => {
    const me = await fetchMe();
    queryClient.setQueryData(ME_QUERY_KEY, me);
    return me;
  }, [queryClient]);

  // A role may come to require TOTP mid-session: re-read /me so the guard sends the user to enrol.
  useEffect(
    () =>
      onApiError((error) => {
        if (error.code === 'AUTH_TOTP_ENROLMENT_REQUIRED') void refresh().catch(() => undefined);
      }),
    [refresh],
  );

  const signOut = useCallback(async () => {
    let providerLogoutUrl: string | undefined;
    try {
      ({ providerLogoutUrl } = await api.post<SignedOut>('/api/auth/logout', undefined, { redirectOn401: false }));
    } catch {
      // Already signed out or offline: the local state is cleared either way.
    }
    setCsrfToken(null);
    clearWorkingState();
    await runSignOutListeners();
    // Signed out on the query this provider observes (clearing the whole cache would leave it
    // showing the user who just signed out), and nothing kept of what they read.
    queryClient.setQueryData(ME_QUERY_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
    // Signed in by single sign-on: the provider ends its own session too, then sends the browser back to the sign-in page.
    if (providerLogoutUrl) window.location.assign(providerLogoutUrl);
  }, [queryClient]);

  const value = useMemo<SessionValue>(() => {
    const me = query.data ?? null;
    const permissions = new Set(me?.permissions ?? []);
    return {
      me,
      loading: query.isPending,
      error: query.error,
      can: (permission) => permissions.has(permission),
      canAny: (...list) => list.some((p) => permissions.has(p)),
      refresh,
      signOut,
    };
  }, [query.data, query.isPending, query.error, refresh, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The signed-in user; only for screens behind RequireAuth. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe used outside a signed-in route');
  return me;
}
