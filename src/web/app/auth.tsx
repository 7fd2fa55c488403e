/** Who is signed in: the session query, plus the moves that change it (sign in, sign out, profile updates). */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, SessionInfo } from '../../shared/auth.schema';
import { setCsrfToken, setUnauthorizedHandler } from '../api/client';
import { authApi } from '../modules/auth/api';

export const SESSION_KEY = ['session'] as const;

/** Why there is no session: the user signed out, or it ended on its own (expired, signed out elsewhere). */
export type SessionEnd = 'signed-out' | 'expired' | null;

interface AuthValue {
  session: SessionInfo | null;
  ended: SessionEnd;
  loading: boolean;
  error: unknown;
  signedIn(session: SessionInfo): void;
  signOut(): Promise<void>;
  updateUser(user: Me): void;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

async function loadSession(): Promise<SessionInfo | null> {
  const s = await authApi.session();
  setCsrfToken(s?.csrfToken ?? null);
  return s;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: Infinity, retry: 1 });
  const [ended, setEnded] = useState<SessionEnd>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setEnded('expired');
      qc.setQueryData(SESSION_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [qc]);

  const signedIn = useCallback(
    (session: SessionInfo) => {
      setCsrfToken(session.csrfToken);
      setEnded(null);
      // Another person may have used this browser before: start from an empty cache.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      qc.setQueryData(SESSION_KEY, session);
    },
    [qc],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      setEnded('signed-out');
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      qc.setQueryData(SESSION_KEY, null);
    }
  }, [qc]);

  const updateUser = useCallback(
    (user: Me) => qc.setQueryData<SessionInfo | null>(SESSION_KEY, (s) => (s ? { ...s, user } : s)),
    [qc],
  );

  const refresh = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: SESSION_KEY });
  }, [qc]);

  const value = useMemo<AuthValue>(
    () => ({
      session: query.data ?? null,
      ended,
      loading: query.isPending,
      error: query.error,
      signedIn,
      signOut,
      updateUser,
      refresh,
    }),
    [query.data, ended, query.isPending, query.error, signedIn, signOut, updateUser, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth needs <AuthProvider>');
  return ctx;
}

/** The signed-in user; only for components under the signed-in routes. */
export function useUser(): Me {
  const { session } = useAuth();
  if (!session) throw new Error('useUser needs a signed-in session');
  return session.user;
}
