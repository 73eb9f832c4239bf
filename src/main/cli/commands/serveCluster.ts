import { join } from 'node:path';
import { LuoshiError } from '../../../shared/errors';
import { startAutomaticBackups } from '../../core/backup';
import type { LuoshiCore } from '../../core/core';
import { startServerCluster } from '../../server/cluster';
import type { CliEnvironment } from '../command';

export interface ServeClusterOptions {
  /** The primary's core: opened (migrated, seeded, keyed, swept) before any server process starts. */
  core: LuoshiCore;
  workers: number;
  /** The `serve` arguments, passed on to every server process unchanged. */
  argv: string[];
  environment: CliEnvironment;
  banner: (url: string) => void;
  /** The folder's SQLite file is backed up on a schedule; a PostgreSQL deployment is not (luoshi backup --database). */
  automaticBackups: boolean;
}

/**
 * The primary of `luoshi serve --workers N`: it serves nothing itself. It keeps its core open for
 * the automatic backups (one scheduler for the whole install, not one per process) and for the
 * audit witness, forks the server processes, prints the banner once with their process ids, and
 * on SIGINT/SIGTERM stops them before closing its own core.
 */
export async function runServeCluster(options: ServeClusterOptions): Promise<number> {
  const { core, environment } = options;
  const { io } = environment;
  let cluster;
  try {
    cluster = await startServerCluster({
      workers: options.workers,
      exec: join(environment.packageRoot, 'bin', 'luoshi.mjs'),
      args: ['serve', ...options.argv],
      log: (line) => io.err(line),
    });
  } catch (error) {
    core.close();
    throw new LuoshiError('internal', `serve：${(error as Error).message}`);
  }
  const backups = options.automaticBackups
    ? startAutomaticBackups(core, { onError: (e) => io.err(`自动备份失败：${String(e)}`) })
    : null;
  options.banner(cluster.url);
  io.out(`服务进程：${options.workers} 个，进程号 ${cluster.pids().join('、')}（主进程 ${process.pid}）`);
  // Giving up was logged by the cluster with its reason; the exit code says it failed.
  const code = await new Promise<number>((resolve) => {
    const stop = () => void cluster.stop().then(() => resolve(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void cluster.gaveUp.then(() => resolve(1));
  });
  await backups?.shutdown();
  core.close();
  return code;
}
