import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './tempDir';

const luoshi = join(repoRoot, 'bin', 'luoshi.mjs');

/** The built CLI must exist: these tests run `node bin/luoshi.mjs` as users do. */
export function requireBuiltApp(): void {
  for (const file of [join(repoRoot, 'out', 'cli', 'luoshi.cjs'), join(repoRoot, 'out', 'renderer', 'index.html')])
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
}

/** Run a CLI command to its end (bounded). */
export function runLuoshi(args: string[], timeoutMs = 60_000): { status: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [luoshi, ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

/** `luoshi serve --workers N` running as a child process, read through what it prints. */
export interface ServedCluster {
  url: string;
  /** The server processes' ids as the primary printed them at start. */
  pids: number[];
  /** Ids of server processes the primary started again after one died, in order. */
  restarted(): number[];
  output(): string;
  /** SIGTERM the primary and wait (bounded) for it to exit; its exit code. */
  stop(): Promise<number | null>;
}

const bannerUrl = /已启动：(https?:\/\/\S+)/;
const pidLine = /服务进程：\d+ 个，进程号 ([\d、]+)/;
const restartLine = /已重新启动（进程号 (\d+)）/g;

export async function startServedCluster(args: string[], timeoutMs = 60_000): Promise<ServedCluster> {
  const child = spawn(process.execPath, [luoshi, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  const deadline = Date.now() + timeoutMs;
  while (running && !pidLine.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const url = bannerUrl.exec(out)?.[1];
  const pids = pidLine.exec(out)?.[1];
  if (!url || !pids) {
    child.kill('SIGKILL');
    throw new Error(`luoshi serve did not start:\n${out}\n${err}`);
  }
  return {
    url,
    pids: pids.split('、').map(Number),
    restarted: () => [...err.matchAll(restartLine)].map((match) => Number(match[1])),
    output: () => `${out}\n${err}`,
    async stop() {
      if (!running) return exited;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}
