import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { User } from '../../shared/schemas/user';
import { ApiError, get, post, setCsrfToken } from './api';

interface Session {
  user: User;
  csrfToken: string;
}

interface AuthState {
  user: User | null;
  loading: boolean;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
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

  const value = useMemo<AuthState>(
    () => ({
      user: session.data?.user ?? null,
      loading: session.isPending,
      async login(username, password) {
        const s = await post<Session>('/auth/login', { username, password });
        setCsrfToken(s.csrfToken);
        queryClient.clear();
        queryClient.setQueryData(SESSION_KEY, s);
        return s.user;
      },
      async logout() {
        await post('/auth/logout').catch(() => undefined);
        setCsrfToken('');
        queryClient.clear();
        queryClient.setQueryData(SESSION_KEY, null);
      },
    }),
    [session.data, session.isPending, queryClient],
  );
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
