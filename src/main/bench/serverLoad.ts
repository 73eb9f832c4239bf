import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { measureOf, type Measure } from './results';

/**
 * The browser mode under export load: `luoshi serve` is started as its own process (or
 * processes: `--workers N`) on the data set, once per configuration, signs in as the 专班, and
 * `clients` loops call a light method (`auth.status`) for `seconds`, first alone and then while
 * one more client renders the compiled quarterly report back to back. Reported per configuration:
 * light latency (p50 with min and max, and p99, requests/s in the note), and the p99 the exports
 * add, with the longest stall as the loaded phase's max (issue #17's target: < 50 ms with the
 * export pool). The bench drives the server only over HTTP, as a user would.
 */
export interface ServerConfig {
  engine: 'sqlite' | 'postgres';
  /** Server processes on the database (`serve --workers N`); 1 = one process, no flag. */
  processes: number;
  /** Export threads per process; 0 = exports on the server's thread. */
  exportWorkers: number;
  clients: number;
}

export interface ServerLoadOptions {
  /** The CLI's entry (bin/luoshi.mjs or out/cli/luoshi.cjs). */
  entry: string;
  dataDir: string;
  /** The same data in PostgreSQL (`luoshi db copy`), for the configurations on that engine. */
  databaseUrl?: string;
  username: string;
  password: string;
  roundId: number;
  configs: readonly ServerConfig[];
  seconds: number;
  /** The measures' key prefix and the label's data set (default `server`, no label). */
  keyPrefix?: string;
  dataLabel?: string;
  log: (line: string) => void;
}

/** What this build's `luoshi serve` accepts, read from its usage text. */
export interface ServeCapabilities {
  database: boolean;
  workers: boolean;
}

export function capabilitiesOf(usage: string): ServeCapabilities {
  return { database: /(^|[\s[])--database\b/.test(usage), workers: /(^|[\s[])--workers\b/.test(usage) };
}

export async function serveCapabilities(entry: string): Promise<ServeCapabilities> {
  const child = spawn(process.execPath, [entry, 'serve', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let usage = '';
  child.stdout?.on('data', (chunk: Buffer) => (usage += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (usage += chunk.toString()));
  await once(child, 'exit');
  return capabilitiesOf(usage);
}

/** `server.sqlite.pool1.c20`, `server.postgres.x3.pool1.c100`, `server.sqlite.inThread.c20`. */
export function configKey(prefix: string, c: ServerConfig): string {
  const processes = c.processes > 1 ? `.x${c.processes}` : '';
  const exports = c.exportWorkers === 0 ? 'inThread' : `pool${c.exportWorkers}`;
  return `${prefix}.${c.engine}${processes}.${exports}.c${c.clients}`;
}

function configName(c: ServerConfig): string {
  const engine = c.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const processes = `${c.processes} 个进程`;
  const exports = c.exportWorkers === 0 ? '导出在主线程' : `导出线程 ${c.exportWorkers}`;
  return `${engine}，${processes}，${exports}，${c.clients} 个客户端`;
}

const apiHeaders = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };

interface Phase {
  light: number[];
  exports: number[];
  busy: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The arguments of `luoshi serve` for a configuration. */
export function serveArgs(config: ServerConfig, dataDir: string, databaseUrl: string | undefined): string[] {
  const args = ['serve', '--data-dir', dataDir, '--port', '0', '--export-workers', String(config.exportWorkers)];
  if (config.engine === 'postgres') {
    if (databaseUrl === undefined) throw new Error('a PostgreSQL configuration needs the database URL');
    args.push('--database', databaseUrl);
  }
  if (config.processes > 1) args.push('--workers', String(config.processes));
  return args;
}

async function startServe(entry: string, args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`luoshi serve did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /已启动：(\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`luoshi serve exited with ${code ?? 'signal'}:\n${output}`));
    });
  });
  return { child, url };
}

async function call(
  url: string,
  cookie: string,
  method: string,
  body: unknown,
): Promise<{ status: number; json: { ok: boolean; data?: unknown } }> {
  const response = await fetch(`${url}api/${method}`, {
    method: 'POST',
    headers: { ...apiHeaders, Cookie: cookie },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { ok: boolean; data?: unknown } };
}

interface PhaseOptions {
  clients: number;
  seconds: number;
  roundId: number;
}

async function phase(url: string, cookie: string, options: PhaseOptions, withExports: boolean): Promise<Phase> {
  const until = Date.now() + options.seconds * 1000;
  const result: Phase = { light: [], exports: [], busy: 0 };
  const lightLoop = async () => {
    while (Date.now() < until) {
      const start = performance.now();
      const answer = await call(url, cookie, 'auth.status', {});
      if (!answer.json.ok) throw new Error(`auth.status failed: ${JSON.stringify(answer.json)}`);
      result.light.push(performance.now() - start);
    }
  };
  const exportLoop = async () => {
    while (Date.now() < until) {
      const start = performance.now();
      const answer = await call(url, cookie, 'documents.render', { kind: 'quarterly', roundId: options.roundId });
      if (answer.status === 503) result.busy += 1;
      else if (!answer.json.ok) throw new Error(`documents.render failed: ${JSON.stringify(answer.json)}`);
      result.exports.push(performance.now() - start);
    }
  };
  await Promise.all([...Array.from({ length: options.clients }, lightLoop), ...(withExports ? [exportLoop()] : [])]);
  result.light.sort((a, b) => a - b);
  result.exports.sort((a, b) => a - b);
  return result;
}

/** The phase's light latency (p50 as the median, with min and max) and its p99 on a line of its own. */
function lightMeasures(key: string, label: string, p: Phase, seconds: number): Measure[] {
  const l = p.light;
  const p99 = percentile(l, 99);
  const note = `${Math.round(l.length / seconds)}/s`;
  return [
    measureOf(
      key,
      `${label}：p50`,
      'ms',
      { median: percentile(l, 50), min: l[0] ?? Number.NaN, max: l[l.length - 1] ?? Number.NaN, runs: l.length },
      { note },
    ),
    measureOf(`${key}.p99`, `${label}：p99`, 'ms', { median: p99, min: p99, max: p99, runs: l.length }, { note }),
  ];
}

export async function measureServerLoad(options: ServerLoadOptions): Promise<Measure[]> {
  const measures: Measure[] = [];
  const prefix = options.keyPrefix ?? 'server';
  const data = options.dataLabel ? `${options.dataLabel}，` : '';
  for (const config of options.configs) {
    const name = configName(config);
    const key = configKey(prefix, config);
    options.log(`Browser mode, ${data}${name}: ${options.seconds} s per phase…`);
    const { child, url } = await startServe(options.entry, serveArgs(config, options.dataDir, options.databaseUrl));
    try {
      const login = await fetch(`${url}api/auth.login`, {
        method: 'POST',
        headers: apiHeaders,
        body: JSON.stringify({ username: options.username, password: options.password }),
      });
      if (login.status !== 200) throw new Error(`bench login failed with ${login.status}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const run = { clients: config.clients, seconds: options.seconds, roundId: options.roundId };
      await phase(url, cookie, { ...run, seconds: Math.min(2, options.seconds) }, true); // warm-up
      const alone = await phase(url, cookie, run, false);
      const loaded = await phase(url, cookie, run, true);
      measures.push(...lightMeasures(`${key}.light`, `浏览器模式轻请求（${data}${name}）`, alone, options.seconds));
      measures.push(
        ...lightMeasures(
          `${key}.lightWhileExporting`,
          `浏览器模式轻请求，同时导出季度报告（${data}${name}）`,
          loaded,
          options.seconds,
        ),
      );
      const added = percentile(loaded.light, 99) - percentile(alone.light, 99);
      const stall = loaded.light[loaded.light.length - 1] ?? Number.NaN;
      measures.push(
        measureOf(
          `${key}.addedP99`,
          `导出使轻请求 p99 增加（${data}${name}）`,
          'ms',
          { median: added, min: added, max: added, runs: 1 },
          {
            ...(config.exportWorkers > 0 ? { limit: 50 } : {}),
            note: `${loaded.exports.length} 份报告，中位 ${percentile(loaded.exports, 50).toFixed(0)} ms${loaded.busy > 0 ? `，${loaded.busy} 次“繁忙”` : ''}；轻请求最长一次 ${stall.toFixed(0)} ms`,
          },
        ),
      );
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  }
  return measures;
}
