import cluster, { type Worker } from 'node:cluster';

/**
 * `luoshi serve --workers N`: a primary process forks N server processes (Node's cluster), which
 * share the listening port; the primary only supervises. Policy: a server process that dies is
 * started again, but at most `maxRestarts` times within `restartWindowMs` — a process that
 * crashes at once every time (a broken database, a port taken) would otherwise be restarted
 * without end — after which the primary stops the others and says why. Everything that must
 * happen once (migrations, the seed plan, the audit key, the start-up sweep, automatic backups,
 * the banner) is the caller's, in the primary, before `startServerCluster`.
 *
 * Server processes tell the primary through the cluster's IPC channel that they listen (with
 * their URL). One that cannot start prints why (the CLI's 错误：… line, on the primary's stderr,
 * which the server processes share) and exits; the primary then gives up the start.
 */

/** The environment variable that marks a forked server process (its number, 1…N). */
export const serveWorkerVariable = 'LUOSHI_SERVE_WORKER';

interface FromServeWorker {
  type: 'luoshi.listening';
  url: string;
}

export interface ServerClusterOptions {
  workers: number;
  /** The script each server process runs (bin/luoshi.mjs) and its arguments (`serve …`). */
  exec: string;
  args: string[];
  /** Restarts allowed within `restartWindowMs` before giving up (default 5 within 60 s). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** How long a server process may take to listen (default 60 s). */
  startTimeoutMs?: number;
  /** How long a stopping server process may take before it is killed (default 10 s). */
  stopTimeoutMs?: number;
  /** Lines for the log: restarts, giving up. */
  log: (line: string) => void;
}

export interface ServerCluster {
  /** The URL the server processes listen on (the same port for all). */
  url: string;
  /** The process ids of the server processes running now, by number (1…N). */
  pids(): number[];
  /** Settles when the cluster gave up restarting (with the reason); never while it runs normally. */
  readonly gaveUp: Promise<string>;
  /** Stop every server process (SIGTERM, then SIGKILL after the stop timeout) and wait for them. */
  stop(): Promise<void>;
}

interface Slot {
  index: number;
  worker: Worker;
  listening: boolean;
}

/** Is this process one of the server processes of `luoshi serve --workers N`? */
export function isServeWorker(env: NodeJS.ProcessEnv = process.env): boolean {
  return cluster.isWorker && env[serveWorkerVariable] !== undefined;
}

/** In a server process: tell the primary this process listens. */
export function reportListening(url: string): void {
  process.send?.({ type: 'luoshi.listening', url } satisfies FromServeWorker);
}

function exitText(code: number | null, signal: string | null): string {
  return signal ? `信号 ${signal}` : `退出码 ${code ?? '未知'}`;
}

/** Fork the server processes and resolve once every one listens; rejects (with every process stopped) when one exits first. */
export async function startServerCluster(options: ServerClusterOptions): Promise<ServerCluster> {
  const maxRestarts = options.maxRestarts ?? 5;
  const restartWindowMs = options.restartWindowMs ?? 60_000;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  cluster.setupPrimary({ exec: options.exec, args: options.args });

  const slots = new Map<number, Slot>();
  const crashes: number[] = [];
  let stopping = false;
  let url = '';
  let started = false;
  let settleStart: { resolve: () => void; reject: (error: Error) => void } | null = null;
  let giveUp: (reason: string) => void = () => undefined;
  const gaveUp = new Promise<string>((resolve) => (giveUp = resolve));

  const stopAll = async (): Promise<void> => {
    stopping = true;
    await Promise.all([...slots.values()].map((slot) => stopWorker(slot.worker, stopTimeoutMs)));
    slots.clear();
  };

  const fork = (index: number): void => {
    const worker = cluster.fork({ [serveWorkerVariable]: String(index) });
    const slot: Slot = { index, worker, listening: false };
    slots.set(index, slot);
    const startTimer = setTimeout(() => {
      if (!slot.listening && !stopping) {
        options.log(
          `服务进程 ${index}（进程号 ${worker.process.pid ?? '?'}）在 ${startTimeoutMs / 1000} 秒内未能启动，已终止。`,
        );
        worker.process.kill('SIGKILL');
      }
    }, startTimeoutMs);
    startTimer.unref();
    worker.on('message', (message: FromServeWorker) => {
      if (message.type === 'luoshi.listening') {
        clearTimeout(startTimer);
        slot.listening = true;
        url ||= message.url;
        if (started) options.log(`服务进程 ${index} 已重新启动（进程号 ${worker.process.pid ?? '?'}）。`);
        else if ([...slots.values()].every((s) => s.listening) && slots.size === options.workers)
          settleStart?.resolve();
      }
    });
    worker.on('exit', (code, signal) => {
      clearTimeout(startTimer);
      if (slots.get(index)?.worker !== worker) return;
      slots.delete(index);
      if (stopping) return;
      const how = exitText(code, signal);
      if (!started) {
        settleStart?.reject(new Error(`服务进程 ${index} 启动时退出（${how}），未能启动服务。请查看上面的错误信息。`));
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && (crashes[0] ?? now) <= now - restartWindowMs) crashes.shift();
      if (crashes.length > maxRestarts) {
        const reason =
          `服务进程在 ${Math.round(restartWindowMs / 1000)} 秒内意外退出 ${crashes.length} 次，已停止重新启动并关闭全部服务进程。` +
          '请查看上面的错误信息，排除原因后重新运行 luoshi serve。';
        options.log(reason);
        void stopAll().then(() => giveUp(reason));
        return;
      }
      options.log(`服务进程 ${index}（进程号 ${worker.process.pid ?? '?'}）意外退出（${how}），正在重新启动……`);
      fork(index);
    });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      settleStart = { resolve, reject };
      for (let index = 1; index <= options.workers; index++) fork(index);
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  started = true;
  settleStart = null;
  return {
    url,
    pids: () =>
      [...slots.values()]
        .sort((a, b) => a.index - b.index)
        .map((slot) => slot.worker.process.pid)
        .filter((pid): pid is number => pid !== undefined),
    gaveUp,
    stop: stopAll,
  };
}

function stopWorker(worker: Worker, timeoutMs: number): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => worker.process.kill('SIGKILL'), timeoutMs);
    worker.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    worker.process.kill('SIGTERM');
  });
}
