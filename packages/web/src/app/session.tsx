import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiProblem, api, setCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';

interface Session {
  me: Me | null;
  /** null while the first /auth/me is in flight. */
  ready: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const answer = await api<Me>('auth/me');
      setCsrfToken(answer.csrfToken);
      setMe(answer);
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status !== 401) console.warn('auth/me failed', error);
      setCsrfToken(null);
      setMe(null);
    } finally {
      setReady(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await api<{ csrfToken: string }>('auth/login', { body: { username, password } });
      setCsrfToken(answer.csrfToken);
      await refresh();
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    await api('auth/logout', { method: 'POST', body: {} }).catch(() => undefined);
    setCsrfToken(null);
    setMe(null);
  }, []);

  return (
    <SessionContext.Provider value={{ me, ready, login, logout, refresh }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

export function displayName(me: Me | null): string {
  return me?.user.displayName ?? me?.user.username ?? '';
}
