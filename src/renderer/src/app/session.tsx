import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Actor, Role } from '../../../shared/domain/accounts';
import { api, onApiError } from '../api/client';

interface Session {
  actor: Actor;
  can: (role: Role) => boolean;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export type AuthState =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'login'; notice?: string }
  | { kind: 'signedIn'; actor: Actor }
  | { kind: 'error'; message: string };

/** Who is signed in, kept in step with the core: an `unauthenticated` answer sends the user to login. */
export function useAuthState(): [AuthState, (actor: Actor | null) => void] {
  const [state, setState] = useState<AuthState>({ kind: 'loading' });
  useEffect(() => {
    api['auth.status']({}).then(
      (status) =>
        setState(
          status.needsSetup
            ? { kind: 'setup' }
            : status.actor
              ? { kind: 'signedIn', actor: status.actor }
              : { kind: 'login' },
        ),
      (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return onApiError((error) => {
      if (error.code === 'unauthenticated') setState({ kind: 'login', notice: '登录已失效，请重新登录。' });
    });
  }, []);
  const setActor = useCallback(
    (actor: Actor | null) => setState(actor ? { kind: 'signedIn', actor } : { kind: 'login' }),
    [],
  );
  return [state, setActor];
}

export function SessionProvider({
  actor,
  onLogout,
  children,
}: {
  actor: Actor;
  onLogout: () => void;
  children: ReactNode;
}) {
  const session: Session = {
    actor,
    can: (role) => actor.roles.includes(role),
    logout: async () => {
      await api['auth.logout']({}).catch(() => undefined);
      onLogout();
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
