import type { ApiResult } from '../../shared/errors';

/**
 * Messages between the Electron main process and the worker thread that hosts the core. The
 * core runs off the main process so that a long export (the 100,000-row audit ledger takes
 * seconds) never freezes the window: the main process only checks senders and relays calls.
 */
export interface CoreWorkerData {
  dataDir: string;
  resourcesDir: string;
}

export type ToCore =
  { type: 'call'; id: number; method: string; payload: unknown; sessionId: string | null } | { type: 'shutdown' };

export type FromCore =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown>; sessionId: string | null }
  | { type: 'closed' };
