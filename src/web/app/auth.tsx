import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { User } from '../../shared/schemas/user';
import { ApiError, get, patch, post, setCsrfToken } from './api';

interface Session {
  user: User;
  csrfToken: string;
}

interface AuthState {
  user: User | null;
  loading: boolean;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  /** Keeps the signed-in user's language choice on the server and in this session. */
  saveLocale(locale: User['locale']): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);
export const SESSION_KEY = ['session'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        const s = await get<Session>('/auth/me');
        setCsrfToken(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

  const value = useMemo<AuthState>(() => {
    // Another user's data must not outlive their session; the session query itself stays observed.
    const forgetOtherQueries = () =>
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    return {
      user: session.data?.user ?? null,
      loading: session.isPending,
      async login(username, password) {
        const s = await post<Session>('/auth/login', { username, password });
        setCsrfToken(s.csrfToken);
        forgetOtherQueries();
        queryClient.setQueryData(SESSION_KEY, s);
        return s.user;
      },
      async saveLocale(locale) {
        const user = await patch<User>('/auth/me', { locale });
        queryClient.setQueryData<Session | null>(SESSION_KEY, (s) => (s ? { ...s, user } : s));
      },
      async logout() {
        await post('/auth/logout').catch(() => undefined);
        setCsrfToken('');
        queryClient.setQueryData(SESSION_KEY, null);
        forgetOtherQueries();
      },
    };
  }, [session.data, session.isPending, queryClient]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user, inside pages that are only reachable signed in. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}
