import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerCluster } from '../../../src/main/server/cluster';
import { makeTempDir, repoRoot } from '../../helpers/tempDir';

const exec = join(repoRoot, 'tests', 'fixtures', 'cluster', 'serveWorker.mjs');

async function answeringPid(url: string): Promise<number> {
  return Number(await (await fetch(url)).text());
}

/** Poll (bounded) until `ready` holds. */
async function waitFor(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!ready()) throw new Error(`timed out waiting for ${what}`);
}

describe('server cluster (luoshi serve --workers N)', () => {
  it('forks N processes on one port, restarts one killed with SIGKILL, and stops them all', async () => {
    const log: string[] = [];
    const cluster = await startServerCluster({ workers: 3, exec, args: ['serve'], log: (line) => log.push(line) });
    try {
      const pids = cluster.pids();
      expect(pids).toHaveLength(3);
      expect(new Set(pids).size).toBe(3);
      const answered = new Set<number>();
      for (let i = 0; i < 12; i++) answered.add(await answeringPid(cluster.url));
      // Round-robin: the one port reaches more than one process.
      expect(answered.size).toBeGreaterThan(1);
      for (const pid of answered) expect(pids).toContain(pid);

      const victim = pids[1] ?? 0;
      process.kill(victim, 'SIGKILL');
      await waitFor(() => log.some((line) => line.includes('已重新启动')), 'the restart');
      const after = cluster.pids();
      expect(after).toHaveLength(3);
      expect(after).not.toContain(victim);
      expect(after[0]).toBe(pids[0]);
      expect(log[0]).toContain(`服务进程 2（进程号 ${victim}）意外退出（信号 SIGKILL）`);
      expect(await answeringPid(cluster.url)).toBeGreaterThan(0);
    } finally {
      await cluster.stop();
    }
    expect(cluster.pids()).toEqual([]);
    await expect(fetch(cluster.url)).rejects.toThrow();
  });

  it('gives up after repeated fast crashes and says so in Chinese', async () => {
    const log: string[] = [];
    const temp = makeTempDir();
    const crashNow = join(temp.dir, 'crash-now');
    const cluster = await startServerCluster({
      workers: 2,
      exec,
      args: ['crash', crashNow],
      maxRestarts: 3,
      restartWindowMs: 60_000,
      log: (line) => log.push(line),
    });
    writeFileSync(crashNow, '');
    const reason = await cluster.gaveUp;
    temp.cleanup();
    expect(reason).toContain('服务进程在 60 秒内意外退出 4 次，已停止重新启动并关闭全部服务进程');
    expect(reason).toContain('排除原因后重新运行 luoshi serve');
    expect(log.filter((line) => line.includes('正在重新启动'))).toHaveLength(3);
    expect(cluster.pids()).toEqual([]);
  });

  it('refuses to start when a process exits before it listens', async () => {
    await expect(startServerCluster({ workers: 2, exec, args: ['fail'], log: () => undefined })).rejects.toThrow(
      /服务进程 [12] 启动时退出（退出码 1），未能启动服务/,
    );
  });
});
