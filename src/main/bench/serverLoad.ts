import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { measureOf, type Measure } from './results';

/**
 * The browser mode under export load: `luoshi serve` is started as its own process on the
 * district (once per export-worker count; 0 = exports on the server's thread), signs in as the
 * 专班, and `clients` loops call a light method (`auth.status`) for `seconds`, first alone and then
 * while one more client renders the compiled quarterly report back to back. Reported per setting:
 * light latency (p50 with min and max, and p99), and the p99 the exports add (issue #17's
 * target: < 50 ms with the export pool). The bench drives the server only over HTTP, as a user would.
 */
export interface ServerLoadOptions {
  /** The CLI's entry (bin/luoshi.mjs or out/cli/luoshi.cjs). */
  entry: string;
  dataDir: string;
  username: string;
  password: string;
  roundId: number;
  exportWorkers: readonly number[];
  clients: number;
  seconds: number;
  log: (line: string) => void;
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

async function startServe(
  entry: string,
  dataDir: string,
  workers: number,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [entry, 'serve', '--data-dir', dataDir, '--port', '0', '--export-workers', String(workers)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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

async function phase(url: string, cookie: string, options: ServerLoadOptions, withExports: boolean): Promise<Phase> {
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
  for (const workers of options.exportWorkers) {
    const name = workers === 0 ? '导出在主线程' : `导出线程 ${workers}`;
    const key = workers === 0 ? 'server.inThread' : `server.pool${workers}`;
    options.log(`Browser mode, ${name}: ${options.clients} clients, ${options.seconds} s per phase…`);
    const { child, url } = await startServe(options.entry, options.dataDir, workers);
    try {
      const login = await fetch(`${url}api/auth.login`, {
        method: 'POST',
        headers: apiHeaders,
        body: JSON.stringify({ username: options.username, password: options.password }),
      });
      if (login.status !== 200) throw new Error(`bench login failed with ${login.status}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      await phase(url, cookie, { ...options, seconds: Math.min(2, options.seconds) }, true); // warm-up
      const alone = await phase(url, cookie, options, false);
      const loaded = await phase(url, cookie, options, true);
      measures.push(
        ...lightMeasures(
          `${key}.light`,
          `浏览器模式轻请求（${name}，${options.clients} 个客户端）`,
          alone,
          options.seconds,
        ),
      );
      measures.push(
        ...lightMeasures(
          `${key}.lightWhileExporting`,
          `浏览器模式轻请求，同时导出季度报告（${name}）`,
          loaded,
          options.seconds,
        ),
      );
      const added = percentile(loaded.light, 99) - percentile(alone.light, 99);
      measures.push(
        measureOf(
          `${key}.addedP99`,
          `导出使轻请求 p99 增加（${name}）`,
          'ms',
          { median: added, min: added, max: added, runs: 1 },
          {
            ...(workers > 0 ? { limit: 50 } : {}),
            note: `${loaded.exports.length} 份报告，中位 ${percentile(loaded.exports, 50).toFixed(0)} ms${loaded.busy > 0 ? `，${loaded.busy} 次“繁忙”` : ''}`,
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
