import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { ApiError, setCsrf } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { Session } from '../api/types.ts';

export const meQueryKey = ['me'] as const;

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'anonymous' }
  | { status: 'authenticated'; session: Session };

type SessionContextValue = {
  state: SessionState;
  /** Adopt the answer of a successful login. */
  signIn: (session: Session) => void;
  signOut: () => Promise<void>;
  /** Re-read /me, e.g. after a password change cleared mustChangePassword. */
  refresh: () => Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

function adopt(session: Session | null): Session | null {
  setCsrf(session ? { header: session.csrfHeader, token: session.csrfToken } : null);
  return session;
}

async function fetchSession(signal: AbortSignal): Promise<Session | null> {
  try {
    return adopt(await api.me(signal));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return adopt(null);
    throw error;
  }
}

// A wrong current password is a 401 too on some servers: it must not end the session.
const notSessionCodes = new Set(['invalid_credentials', 'wrong_password', 'invalid_password']);

function isSessionExpiry(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && !notSessionCodes.has(error.code) && error.fieldErrors.length === 0;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const me = useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchSession(signal), staleTime: Infinity, retry: 1 });

  const dropSession = useCallback(() => {
    adopt(null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
    queryClient.setQueryData(meQueryKey, null);
  }, [queryClient]);

  // Any request answered 401 while we think we are logged in means the session
  // ended on the server (expired, account disabled): go back to the login page.
  useEffect(() => {
    const onError = (error: unknown) => {
      if (!isSessionExpiry(error) || !queryClient.getQueryData(meQueryKey)) return;
      dropSession();
      void message.warning('登录已失效，请重新登录');
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient, dropSession, message]);

  const signIn = useCallback(
    (session: Session) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, adopt(session));
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Already logged out on the server, or unreachable: forget the session locally anyway.
    }
    dropSession();
  }, [dropSession]);

  const refresh = useCallback(async () => {
    await queryClient.refetchQueries({ queryKey: meQueryKey, exact: true });
  }, [queryClient]);

  const { data, error, isPending, refetch } = me;
  const state = useMemo<SessionState>(() => {
    if (data) return { status: 'authenticated', session: data };
    if (data === null) return { status: 'anonymous' };
    if (isPending) return { status: 'loading' };
    return { status: 'error', error, retry: () => void refetch() };
  }, [data, error, isPending, refetch]);

  const value = useMemo(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The logged-in session; only for components rendered inside a role area. */
export function useCurrentSession(): Session {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useCurrentSession needs an authenticated session');
  return state.session;
}
