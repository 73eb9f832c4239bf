// Light-request latency of `luoshi serve` while exports run, with and without the export pool.
// Usage: node scripts/bench-serve.mjs DATA_DIR [--clients 20] [--seconds 5] [--workers 0,1]
// DATA_DIR is a bench district kept with `luoshi bench --keep` (accounts use the bench password).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    clients: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '5' },
    workers: { type: 'string', default: '0,1' },
    port: { type: 'string', default: '5791' },
  },
});
const dataDir = positionals[0];
if (!dataDir) throw new Error('usage: node scripts/bench-serve.mjs DATA_DIR');
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const headers = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startServer(workers, port) {
  const child = spawn(
    process.execPath,
    ['bin/luoshi.mjs', 'serve', '--data-dir', dataDir, '--port', String(port), '--export-workers', String(workers)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let text = '';
  child.stdout.on('data', (chunk) => (text += chunk));
  const started = Date.now();
  while (!text.includes('已启动')) {
    if (Date.now() - started > 60_000) throw new Error(`serve did not start: ${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function call(base, cookie, method, body) {
  const response = await fetch(`${base}api/${method}`, {
    method: 'POST',
    headers: { ...headers, Cookie: cookie },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  return { status: response.status, json };
}

async function phase(base, cookie, withExports, roundId) {
  const until = Date.now() + seconds * 1000;
  const light = [];
  const exports = [];
  let busy = 0;
  const lightLoop = async () => {
    while (Date.now() < until) {
      const t = performance.now();
      await call(base, cookie, 'auth.status', {});
      light.push(performance.now() - t);
    }
  };
  const exportLoop = async () => {
    while (Date.now() < until) {
      const t = performance.now();
      const r = await call(base, cookie, 'documents.render', { kind: 'quarterly', roundId });
      if (r.status === 503) busy += 1;
      else if (!r.json.ok) throw new Error(JSON.stringify(r.json));
      exports.push(performance.now() - t);
    }
  };
  await Promise.all([...Array.from({ length: clients }, lightLoop), ...(withExports ? [exportLoop()] : [])]);
  light.sort((a, b) => a - b);
  exports.sort((a, b) => a - b);
  return {
    lightPerSecond: Math.round(light.length / seconds),
    p50: +percentile(light, 50).toFixed(1),
    p99: +percentile(light, 99).toFixed(1),
    max: +(light[light.length - 1] ?? 0).toFixed(1),
    exports: exports.length,
    exportP50: +percentile(exports, 50).toFixed(1),
    busy,
  };
}

for (const workers of values.workers.split(',').map(Number)) {
  const port = Number(values.port) + workers;
  const child = await startServer(workers, port);
  try {
    const base = `http://127.0.0.1:${port}/`;
    const login = await fetch(`${base}api/auth.login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ username: 'zhuanban', password: 'luoshi-bench' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const rounds = await call(base, cookie, 'rounds.list', {});
    if (!rounds.json.ok) throw new Error(JSON.stringify(rounds.json));
    const roundId = Math.max(...rounds.json.data.map((r) => r.id));
    await phase(base, cookie, true, roundId); // warm-up
    const idle = await phase(base, cookie, false, roundId);
    const loaded = await phase(base, cookie, true, roundId);
    console.log(JSON.stringify({ exportWorkers: workers, clients, seconds, lightOnly: idle, whileExporting: loaded }));
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}
