import { Worker } from 'node:worker_threads';
import type { CallContext } from '../core/context';
import type { Dispatcher } from '../core/dispatcher';
import type { CoreWorkerData, FromCore, ToCore } from './coreProtocol';

export interface CoreClient {
  /** Relays calls to the worker; the session a call sets comes back to the caller's context. */
  dispatcher: Dispatcher;
  /** Backs up if needed and closes the database; resolves when the worker has finished. */
  shutdown(): Promise<void>;
}

/** Start the core in a worker thread and resolve once it has opened the data. */
export function startCoreWorker(workerFile: string, data: CoreWorkerData): Promise<CoreClient> {
  const worker = new Worker(workerFile, { workerData: data });
  const pending = new Map<number, (message: Extract<FromCore, { type: 'result' }>) => void>();
  let nextId = 1;
  const send = (message: ToCore) => worker.postMessage(message);

  const dispatcher: Dispatcher = {
    call(method, payload, context: CallContext) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, (message) => {
          if (message.sessionId !== context.sessionId) context.setSessionId(message.sessionId);
          resolve(message.result);
        });
        send({ type: 'call', id, method, payload, sessionId: context.sessionId });
      });
    },
  };

  return new Promise((resolve, reject) => {
    let closed: (() => void) | null = null;
    worker.on('message', (message: FromCore) => {
      switch (message.type) {
        case 'ready':
          resolve({
            dispatcher,
            shutdown: () =>
              new Promise<void>((done) => {
                closed = done;
                send({ type: 'shutdown' });
              }),
          });
          break;
        case 'failed':
          reject(new Error(message.message));
          void worker.terminate();
          break;
        case 'result':
          pending.get(message.id)?.(message);
          pending.delete(message.id);
          break;
        case 'closed':
          void worker.terminate().then(() => closed?.());
          break;
      }
    });
    worker.on('error', (error) => {
      reject(error);
      for (const settle of pending.values()) {
        settle({ type: 'result', id: 0, sessionId: null, result: { ok: false, error: { code: 'internal', message: `程序内部错误：${error.message}` } } });
      }
      pending.clear();
    });
  });
}
