import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../shared/errors';

/**
 * Policy: in the browser mode, generating Word and Excel files and parsing uploaded fill-in
 * sheets never run on the thread that answers every other request. They go to a small pool of
 * worker threads (exportWorker.ts), one job per worker at a time, with a bounded queue; when the
 * queue is full the caller gets a clear "busy" answer at once instead of waiting without end.
 * `fillIn.apply` writes (report edits and their audit entries), so only its parsing goes to the
 * pool (`parsedInPool`, fillInJob.ts); the parsed rows are applied by the server's one writer.
 */
export const pooledMethods: ReadonlySet<string> = new Set([
  'documents.compose',
  'documents.render',
  'ledgers.export',
  'fillIn.export',
  'fillIn.preview',
]);

/** Methods whose upload a worker parses before the server's thread applies it (fillInJob.ts). */
export const parsedInPool: ReadonlySet<string> = new Set(['fillIn.apply']);

/** Methods that replace the database file: they run with every worker stopped (`withoutWorkers`). */
export const replacesDatabase: ReadonlySet<string> = new Set(['backup.restore']);

export const busyMessage = '服务器繁忙，请稍后再试：正在生成的文件较多，排队已满。请稍等几秒后重新导出或上传。';
const diedMessage = '生成文件的后台线程意外停止，刚才的导出没有完成。服务器已重新启动它，请再试一次（数据不受影响）。';
const unavailableMessage =
  '生成文件的后台线程多次意外停止，暂时无法导出。请重新启动 luoshi serve；如仍出现，请查看服务器日志。';

export interface ExportWorkerData {
  dataDir: string;
  /** The server's PostgreSQL database, when it runs on one; the worker opens its own connection. */
  databaseUrl?: string;
  resourcesDir: string;
}

export type ToExportWorker =
  { type: 'call'; id: number; method: string; payload: unknown; sessionId: string | null } | { type: 'close' };
export type FromExportWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'closed' };

export type PoolAnswer = { busy: true } | { busy: false; result: ApiResult<unknown> };

export interface ExportPoolOptions extends ExportWorkerData {
  /** The bundled worker (out/cli/exportWorker.cjs). */
  workerFile: string;
  /** Worker threads (default 1). */
  workers?: number;
  /** Jobs that may wait for a free worker (default 8); one more is answered "busy". */
  maxQueue?: number;
}

export interface ExportPool {
  handles(method: string): boolean;
  call(method: string, payload: unknown, sessionId: string | null): Promise<PoolAnswer>;
  /** Jobs running and waiting now. */
  load(): { running: number; waiting: number };
  /**
   * Run `task` with every worker stopped, then start them again: a restore replaces the database
   * file, which the workers' own connections would otherwise keep open. Calls meanwhile are busy.
   */
  withoutWorkers<T>(task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Job {
  id: number;
  method: string;
  payload: unknown;
  sessionId: string | null;
  settle: (result: ApiResult<unknown>) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

const failure = (message: string): ApiResult<unknown> => ({ ok: false, error: { code: 'internal', message } });

/** Start the workers and resolve once every one has opened the data. */
export async function startExportPool(options: ExportPoolOptions): Promise<ExportPool> {
  const size = Math.max(1, options.workers ?? 1);
  const maxQueue = Math.max(0, options.maxQueue ?? 8);
  const waiting: Job[] = [];
  const slots: Slot[] = [];
  const restarts: number[] = [];
  let nextId = 1;
  let closing = false;
  let givenUp = false;

  function spawn(): Promise<Slot> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(options.workerFile, {
        workerData: {
          dataDir: options.dataDir,
          ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
          resourcesDir: options.resourcesDir,
        } satisfies ExportWorkerData,
      });
      const slot: Slot = { worker, job: null };
      let ready = false;
      worker.on('message', (message: FromExportWorker) => {
        if (message.type === 'ready') {
          ready = true;
          resolve(slot);
        } else if (message.type === 'failed') {
          reject(new Error(message.message));
        } else if (message.type === 'result' && slot.job?.id === message.id) {
          const job = slot.job;
          slot.job = null;
          job.settle(message.result);
          dispatch();
        }
      });
      const died = (reason: string) => {
        if (!ready) {
          reject(new Error(reason));
          return;
        }
        const job = slot.job;
        slot.job = null;
        job?.settle(failure(diedMessage));
        const index = slots.indexOf(slot);
        if (index >= 0) slots.splice(index, 1);
        if (closing) return;
        const now = Date.now();
        while (restarts.length > 0 && now - restarts[0]! > 60_000) restarts.shift();
        if (restarts.length >= 3) {
          givenUp = slots.length === 0;
          if (givenUp) for (const queued of waiting.splice(0)) queued.settle(failure(unavailableMessage));
          return;
        }
        restarts.push(now);
        spawn()
          .then((fresh) => {
            slots.push(fresh);
            dispatch();
          })
          .catch(() => {
            givenUp = slots.length === 0;
          });
      };
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => died(`exit ${code}`));
    });
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.job !== null) continue;
      const job = waiting.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.postMessage({
        type: 'call',
        id: job.id,
        method: job.method,
        payload: job.payload,
        sessionId: job.sessionId,
      } satisfies ToExportWorker);
    }
  }

  const started = await Promise.allSettled(Array.from({ length: size }, () => spawn()));
  for (const outcome of started) if (outcome.status === 'fulfilled') slots.push(outcome.value);
  const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    throw new Error(`导出线程无法启动：${String((failed.reason as Error).message ?? failed.reason)}`);
  }

  let suspended = false;
  async function stopAll(reason: string): Promise<void> {
    for (const queued of waiting.splice(0)) queued.settle(failure(reason));
    await Promise.all(
      slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => void slot.worker.terminate().then(() => resolve()), 5_000);
            slot.worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            slot.worker.postMessage({ type: 'close' } satisfies ToExportWorker);
          }),
      ),
    );
  }

  return {
    handles: (method) => pooledMethods.has(method),
    call(method, payload, sessionId) {
      if (suspended) return Promise.resolve({ busy: true });
      if (givenUp) return Promise.resolve({ busy: false, result: failure(unavailableMessage) });
      const idle = slots.some((slot) => slot.job === null);
      if (!idle && waiting.length >= maxQueue) return Promise.resolve({ busy: true });
      return new Promise((resolve) => {
        waiting.push({
          id: nextId++,
          method,
          payload,
          sessionId,
          settle: (result) => resolve({ busy: false, result }),
        });
        dispatch();
      });
    },
    load: () => ({ running: slots.filter((slot) => slot.job !== null).length, waiting: waiting.length }),
    async withoutWorkers(task) {
      suspended = true;
      closing = true;
      try {
        await stopAll('正在从备份恢复数据，导出未完成，请稍后重试。');
        return await task();
      } finally {
        const fresh = await Promise.allSettled(Array.from({ length: size }, () => spawn()));
        for (const outcome of fresh) if (outcome.status === 'fulfilled') slots.push(outcome.value);
        givenUp = slots.length === 0;
        closing = false;
        suspended = false;
      }
    },
    async close() {
      closing = true;
      await stopAll('服务器正在停止，导出未完成。');
    },
  };
}
