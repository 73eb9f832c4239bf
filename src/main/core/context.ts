/**
 * What a transport knows about the caller. The core resolves the session to an actor and checks
 * every permission itself; transports only carry the session id (a cookie over HTTP, the window
 * over IPC, none on the command line).
 */
import type { FillInParse } from '../../shared/domain/ledgers';
import type { Caller } from './policy/operator';

export type Transport = 'ipc' | 'http' | 'cli';

export interface CallContext {
  transport: Transport;
  sessionId: string | null;
  /** Called by login and logout so the transport can remember (or forget) the session. */
  setSessionId(sessionId: string | null): void;
  /**
   * The command line only: who runs the command, the local operator (policy/operator.ts) or the
   * account named by `--as`. The dispatcher ignores it on any other transport.
   */
  caller?: Caller;
  /**
   * The browser mode with an export pool only: this `fillIn.apply` call's uploaded sheet, already
   * parsed and validated by an export worker (src/main/server/fillInJob.ts), so the writer only
   * applies it. Set by the server from the worker's answer, never from a request's body.
   */
  parsedFillIn?: FillInParse;
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

/** The command line's context: calls run as the local operator or as the account named by `--as`. */
export function cliContext(caller: Caller): CallContext {
  return { ...localContext('cli'), caller };
}
