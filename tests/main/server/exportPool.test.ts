import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocumentWitness } from '../../../src/main/core/audit/documentWitness';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { busyMessage, startExportPool, type ExportPool } from '../../../src/main/server/exportPool';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import { repoRoot, resourcesDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

/**
 * The browser mode's export pool: Word/Excel generation and fill-in parsing answered by worker
 * threads over the same data, the session checked there as on the server's thread, and a full
 * queue answered "busy" (503) at once.
 */
const workerFile = join(repoRoot, 'out', 'cli', 'exportWorker.cjs');
const apiHeaders = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };
let world: TestWorld;
let pool: ExportPool;
let server: RunningServer;
let cookie = '';
let roundId = 0;

async function post(method: string, body: unknown, withCookie = true): Promise<Response> {
  return fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: withCookie ? { ...apiHeaders, Cookie: cookie } : apiHeaders,
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  if (!existsSync(workerFile)) {
    const pkg = (await import('../../../package.json')) as { dependencies: Record<string, string> };
    await build({
      entryPoints: [join(repoRoot, 'src/main/server/exportWorker.ts')],
      outfile: workerFile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: Object.keys(pkg.dependencies),
    });
  }
  // The worker reads the system clock, so the world's sessions must be current.
  world = await createWorld(new Date());
  const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  pool = await startExportPool({
    workerFile,
    dataDir: world.core.paths.dataDir,
    ...(world.databaseUrl === undefined ? {} : { databaseUrl: world.databaseUrl }),
    resourcesDir,
    workers: 1,
    maxQueue: 1,
  });
  server = await startHttpServer({
    dispatcher: createDispatcher(world.core, () => undefined),
    staticDir: resourcesDir,
    host: '127.0.0.1',
    port: 0,
    ...passwordCheckLimiters(() => world.core.db),
    exportPool: pool,
  });
  const login = await post('auth.login', { username: 'coord', password: 'password-123' }, false);
  expect(login.status).toBe(200);
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}, 60_000);

afterAll(async () => {
  await server?.close();
  await pool?.close();
  world?.cleanup();
});

describe('export pool in the browser mode', () => {
  it('renders a Word document and an Excel ledger in a worker thread', async () => {
    const word = await post('documents.render', { kind: 'quarterly', roundId });
    expect(word.status).toBe(200);
    const doc = (await word.json()) as { ok: boolean; data: { fileName: string; contentBase64: string } };
    expect(doc.ok).toBe(true);
    expect(doc.data.fileName).toMatch(/\.docx$/);
    expect(Buffer.from(doc.data.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    // The worker holds the install's audit key: the document carries the sealed audit head, as in-thread.
    const file = join(world.core.paths.dataDir, 'rendered.docx');
    writeFileSync(file, Buffer.from(doc.data.contentBase64, 'base64'));
    const witness = readDocumentWitness(file);
    expect(witness.problems).toEqual([]);
    expect(witness.witnesses).toHaveLength(1);
    const excel = await post('ledgers.export', { kind: 'task', roundId });
    const sheet = (await excel.json()) as {
      ok: boolean;
      data: { fileName: string; contentBase64: string };
      error?: { message: string };
    };
    expect(sheet.error).toBeUndefined();
    expect(sheet.data.fileName).toMatch(/\.xlsx$/);
    expect(pool.load()).toEqual({ running: 0, waiting: 0 });
  }, 30_000);

  it('checks the session in the worker as on the server thread', async () => {
    const response = await post('documents.render', { kind: 'quarterly', roundId }, false);
    expect(response.status).toBe(401);
  });

  it('answers busy at once when the queue is full, and finishes what it accepted', async () => {
    const payload = { kind: 'quarterly', roundId };
    const first = pool.call('documents.render', payload, cookie.split('=')[1] ?? null);
    const second = pool.call('documents.render', payload, cookie.split('=')[1] ?? null);
    expect(await pool.call('documents.render', payload, null)).toEqual({ busy: true });
    expect(pool.load()).toEqual({ running: 1, waiting: 1 });
    const answers = await Promise.all([first, second]);
    for (const answer of answers) expect(answer.busy === false && answer.result.ok).toBe(true);

    // Over HTTP: five at once against one worker and one queue place: those that find it full get
    // 503 with a Chinese message (how many depends on how fast the first render ends on a busy
    // machine), the others their document; none waits without end or fails otherwise.
    const responses = await Promise.all(Array.from({ length: 5 }, () => post('documents.render', payload)));
    const busy = responses.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(busy.length + responses.filter((r) => r.status === 200).length).toBe(5);
    expect(busy[0]!.headers.get('retry-after')).toBe('5');
    expect(((await busy[0]!.json()) as { error: { message: string } }).error.message).toBe(busyMessage);
    expect(busyMessage).toContain('服务器繁忙，请稍后再试');
  }, 30_000);

  it('stops its workers for a task such as a restore, answers busy meanwhile, and works again after', async () => {
    const payload = { kind: 'quarterly', roundId };
    const session = cookie.split('=')[1] ?? null;
    let during: unknown = null;
    const value = await pool.withoutWorkers(async () => {
      during = await pool.call('documents.render', payload, session);
      expect(pool.load()).toEqual({ running: 0, waiting: 0 });
      return 42;
    });
    expect(value).toBe(42);
    expect(during).toEqual({ busy: true });
    const after = await pool.call('documents.render', payload, session);
    expect(after.busy === false && after.result.ok).toBe(true);
  }, 30_000);

  it('leaves other methods on the server thread', async () => {
    expect(pool.handles('reports.update')).toBe(false);
    expect(pool.handles('fillIn.apply')).toBe(false);
    expect(pool.handles('fillIn.preview')).toBe(true);
    const info = await post('system.info', {});
    expect(info.status).toBe(200);
  });
});
