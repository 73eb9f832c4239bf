/**
 * What a transport knows about the caller. The core resolves the session to an actor and checks
 * every permission itself; transports only carry the session id (a cookie over HTTP, the window
 * over IPC, none on the command line).
 */
export type Transport = 'ipc' | 'http' | 'cli';

export interface CallContext {
  transport: Transport;
  sessionId: string | null;
  /** Called by login and logout so the transport can remember (or forget) the session. */
  setSessionId(sessionId: string | null): void;
}

/** A context for trusted local callers (tests, the CLI) that manage no session. */
export function localContext(transport: Transport = 'cli'): CallContext {
  const context: CallContext = {
    transport,
    sessionId: null,
    setSessionId(sessionId) {
      context.sessionId = sessionId;
    },
  };
  return context;
}
