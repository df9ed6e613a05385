import type { Grants } from '@kehu/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { ApiError, api, onSessionLost, setCsrfToken } from '../engine/api.ts';
import { metadataQuery } from '../engine/metadata.ts';

export interface Me {
  user: { id: number; name: string; username: string; locale?: string; department?: { id: number; label: string } };
  csrfToken?: string;
  isAdmin: boolean;
  grants: Grants;
}

interface AuthState {
  me: Me | null | undefined;
  loading: boolean;
  /** Signs in, or returns the challenge of the second step when the user has two-factor sign-in on. */
  login(username: string, password: string): Promise<{ challenge?: string }>;
  verify(challenge: string, code: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    const r = await api.get<{ data: Me }>('/api/auth/me');
    setCsrfToken(r.data.csrfToken);
    return r.data;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Who is signed in (null: nobody), asked once per page load (the shell's route loader starts it). */
export const meQuery = { queryKey: ['me'], queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: false };

/** The signed-in user (or null), from the cookie session; a lost session sends the user back to sign-in. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery(meQuery);
  useEffect(() => onSessionLost(() => qc.setQueryData(['me'], null)), [qc]);
  // Ask for the metadata as soon as the user is known, while the shell's code is still loading.
  useEffect(() => {
    if (me.data) void qc.prefetchQuery(metadataQuery);
  }, [me.data, qc]);
  const signedIn = (m: Me) => {
    setCsrfToken(m.csrfToken);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    qc.setQueryData(['me'], m);
  };
  const login = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<{ data: Me & { twoFactorRequired?: boolean; challenge?: string } }>('/api/auth/login', body),
  });
  const state: AuthState = {
    me: me.data,
    loading: me.isLoading,
    login: async (username, password) => {
      const r = (await login.mutateAsync({ username, password })).data;
      if (r.twoFactorRequired) return { challenge: r.challenge };
      signedIn(r);
      return {};
    },
    verify: async (challenge, code) =>
      signedIn((await api.post<{ data: Me }>('/api/auth/login/2fa', { challenge, code })).data),
    logout: async () => {
      await api.post('/api/auth/logout').catch(() => undefined);
      setCsrfToken(undefined);
      qc.clear();
      qc.setQueryData(['me'], null);
    },
  };
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('AuthProvider missing');
  return a;
}
