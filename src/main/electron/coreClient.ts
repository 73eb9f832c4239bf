import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../shared/errors';
import type { CallContext } from '../core/context';
import type { Dispatcher } from '../core/dispatcher';
import type { CoreWorkerData, FromCore, ToCore } from './coreProtocol';

export interface CoreClient {
  /** Relays calls to the worker; the session a call sets comes back to the caller's context. */
  dispatcher: Dispatcher;
  /** Backs up if needed and closes the database; resolves when the worker has finished. */
  shutdown(): Promise<void>;
}

export interface CoreSupervision {
  /** Told when a running worker died and a new one is being started. */
  onRestart?: (reason: string) => void;
  /** Restarts allowed within `restartWindowMs` before calls are refused for good (default 3). */
  maxRestarts?: number;
  restartWindowMs?: number;
}

type Settle = (message: Extract<FromCore, { type: 'result' }>) => void;

/** A call in flight, with the session it was made in (kept when its worker dies under it). */
interface Pending {
  settle: Settle;
  sessionId: string | null;
}

const DIED = '数据服务意外停止，刚才的操作没有完成。程序已重新启动数据服务，请再试一次（已保存的数据不受影响）。';
const GAVE_UP = '数据服务多次意外停止，已不再重新启动。请关闭并重新打开落实通；如仍出现，请从备份恢复数据。';

function failure(message: string): ApiResult<unknown> {
  return { ok: false, error: { code: 'internal', message } };
}

interface Live {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * Start the core in a worker thread and resolve once it has opened the data. A worker that dies
 * later (an uncaught error, an exit) fails its pending calls with a plain message instead of
 * leaving them unanswered, and is started again; calls made meanwhile wait for the new one.
 */
export function startCoreWorker(
  workerFile: string,
  data: CoreWorkerData,
  supervision: CoreSupervision = {},
): Promise<CoreClient> {
  const maxRestarts = supervision.maxRestarts ?? 3;
  const restartWindowMs = supervision.restartWindowMs ?? 60_000;
  const restarts: number[] = [];
  let nextId = 1;
  let stopping = false;
  let closed: (() => void) | null = null;
  let current: Promise<Live | null>;

  function spawn(): Promise<Live | null> {
    return new Promise((resolve, reject) => {
      const live: Live = { worker: new Worker(workerFile, { workerData: data }), pending: new Map() };
      let ready = false;
      const died = (reason: string) => {
        for (const { settle, sessionId } of live.pending.values())
          settle({ type: 'result', id: 0, sessionId, result: failure(DIED) });
        live.pending.clear();
        if (!ready) {
          reject(new Error(reason));
          return;
        }
        if (stopping) return;
        const now = Date.now();
        while (restarts.length > 0 && now - (restarts[0] ?? now) > restartWindowMs) restarts.shift();
        if (restarts.length >= maxRestarts) {
          current = Promise.resolve(null);
          return;
        }
        restarts.push(now);
        supervision.onRestart?.(reason);
        current = spawn().catch(() => null);
      };
      live.worker.on('message', (message: FromCore) => {
        switch (message.type) {
          case 'ready':
            ready = true;
            resolve(live);
            break;
          case 'failed':
            reject(new Error(message.message));
            void live.worker.terminate();
            break;
          case 'result':
            live.pending.get(message.id)?.settle(message);
            live.pending.delete(message.id);
            break;
          case 'closed':
            void live.worker.terminate().then(() => closed?.());
            break;
        }
      });
      live.worker.on('error', (error) => died(error.message));
      live.worker.on('exit', (code) => {
        if (stopping && closed) return;
        died(`数据服务退出（代码 ${code}）`);
      });
    });
  }

  const dispatcher: Dispatcher = {
    async call(method, payload, context: CallContext) {
      const live = await current;
      if (!live) return failure(GAVE_UP);
      const id = nextId++;
      return new Promise((resolve) => {
        const settle: Settle = (message) => {
          if (message.sessionId !== context.sessionId) context.setSessionId(message.sessionId);
          resolve(message.result);
        };
        live.pending.set(id, { settle, sessionId: context.sessionId });
        const call: ToCore = { type: 'call', id, method, payload, sessionId: context.sessionId };
        live.worker.postMessage(call);
      });
    },
  };

  current = spawn();
  return current.then(() => ({
    dispatcher,
    shutdown: async () => {
      stopping = true;
      const live = await current;
      if (!live) return;
      await new Promise<void>((done) => {
        closed = done;
        const message: ToCore = { type: 'shutdown' };
        live.worker.postMessage(message);
      });
    },
  }));
}
