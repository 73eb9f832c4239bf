import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { localContext } from '../../../src/main/core/context';
import { startExportPool, type ExportPool } from '../../../src/main/server/exportPool';
import { fillInParseJob } from '../../../src/main/server/fillInJob';
import { testDatabaseOfFolder } from '../../helpers/postgresDatabases';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import type { Actor } from '../../../src/shared/domain/accounts';
import { repoRoot, resourcesDir } from '../../helpers/tempDir';
import { createLedgerWorld, text, units, workbookOf, type LedgerWorld } from '../ledgers/world';

/**
 * `fillIn.apply` in the browser mode with an export pool: the workbook is parsed in a worker and
 * applied on the server's thread, with the same result, refusals and audit entries as without a
 * pool. Needs the bundled worker (npm run build:cli).
 */
const workerFile = join(repoRoot, 'out', 'cli', 'exportWorker.cjs');
const apiHeaders = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };
let world: LedgerWorld;
let pool: ExportPool;
let server: RunningServer;
let cookie = '';
let roundId = 0;
let social = 0;
let clerk: Actor;

interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

async function post(method: string, body: unknown, as = cookie): Promise<{ status: number; json: Envelope }> {
  const response = await fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { ...apiHeaders, Cookie: as },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Envelope };
}

/** The same call on the server's own dispatcher, in-thread, with the same session. */
function inThread(method: string, body: unknown, as = cookie): Promise<Envelope> {
  const context = localContext('http');
  context.sessionId = as.split('=')[1] ?? null;
  return createDispatcher(world.core, () => undefined).call(method, body, context);
}

function socialReportIds(): number[] {
  return (
    world.core.db
      .prepare('SELECT id FROM reports WHERE round_id = ? AND drafting_unit_id = ? ORDER BY id')
      .all(roundId, social) as { id: number }[]
  ).map((r) => r.id);
}

async function filledSheet(reportId: number, progress: string): Promise<string> {
  const sheet = await post('fillIn.export', { roundId, unitId: social });
  expect(sheet.json.ok).toBe(true);
  const { contentBase64 } = sheet.json.data as { contentBase64: string };
  const workbook = await workbookOf(Buffer.from(contentBase64, 'base64'));
  const progressSheet = workbook.getWorksheet('进展填报')!;
  for (let r = 4; r <= progressSheet.rowCount; r++)
    if (text(progressSheet, r, 7) === `R${reportId}`) progressSheet.getCell(r, 4).value = progress;
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

beforeAll(async () => {
  expect(existsSync(workerFile), 'run npm run build:cli first').toBe(true);
  // The worker reads the system clock, so the world's sessions must be current.
  world = await createLedgerWorld(new Date());
  const coordinator = world.user('coord', ['coordinator'], units.economy, '王专班');
  clerk = world.user('social.clerk', ['clerk'], units.social, '李经办');
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  social = world.unitId(units.social);
  const databaseUrl = testDatabaseOfFolder(world.dataDir);
  pool = await startExportPool({
    workerFile,
    dataDir: world.dataDir,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    resourcesDir,
    workers: 1,
    maxQueue: 2,
  });
  server = await startHttpServer({
    dispatcher: createDispatcher(world.core, () => undefined),
    ...passwordCheckLimiters(() => world.core.db),
    staticDir: resourcesDir,
    host: '127.0.0.1',
    port: 0,
    exportPool: pool,
  });
  cookie = await login('social.clerk');
}, 60_000);

async function login(username: string): Promise<string> {
  const response = await fetch(`${server.url}api/auth.login`, {
    method: 'POST',
    headers: apiHeaders,
    body: JSON.stringify({ username, password: 'password-123' }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

afterAll(async () => {
  await server?.close();
  await pool?.close();
  world?.cleanup();
});

describe('fill-in import with the export pool', () => {
  it('parses the sheet in a worker and applies it on the server thread with its audit entry', async () => {
    const [reportId] = socialReportIds();
    const upload = { roundId, unitId: social, contentBase64: await filledSheet(reportId!, '经导出线程解析的进展') };
    const parseHere = vi.spyOn(world.core.ledgers, 'parseFillIn');
    const poolCalls = vi.spyOn(pool, 'call');
    try {
      const applied = await post('fillIn.apply', upload);
      expect(applied.status).toBe(200);
      expect(applied.json.data).toEqual({ applied: 1, reports: 1 });
      // The server's own core never parsed the workbook: the pool got the job.
      expect(parseHere).not.toHaveBeenCalled();
      expect(poolCalls.mock.calls.map((c) => c[0])).toEqual([fillInParseJob]);
    } finally {
      parseHere.mockRestore();
      poolCalls.mockRestore();
    }
    const report = await post('reports.get', { reportId });
    expect((report.json.data as { content: { progress: string } }).content.progress).toBe('经导出线程解析的进展');
    const entry = world.core.db
      .prepare(
        "SELECT opinion, details_json FROM audit_log WHERE subject_id = ? AND event = 'report.edit' ORDER BY id DESC",
      )
      .get(reportId) as { opinion: string; details_json: string };
    expect(entry.opinion).toBe('经填报表导入（导入人：李经办）');
    expect(JSON.parse(entry.details_json)).toMatchObject({ source: 'fillIn' });
    // Without a pool the server's core parses (the spy above would have seen it).
    const spy = vi.spyOn(world.core.ledgers, 'parseFillIn');
    try {
      expect((await inThread('fillIn.apply', upload)).ok).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  }, 30_000);

  it('refuses a stale sheet as without the pool, and changes nothing', async () => {
    const [, reportId] = socialReportIds();
    const upload = { roundId, unitId: social, contentBase64: await filledSheet(reportId!, '过时的填报表') };
    world.edit(clerk, reportId!, { progress: '在系统中修改过' });
    const before = world.snapshot();
    const refused = await post('fillIn.apply', upload);
    expect(refused.status).toBe(409);
    expect(refused.json.error?.code).toBe('stale');
    expect(refused.json.error?.message).toContain('重新下载');
    expect(refused.json.error).toEqual((await inThread('fillIn.apply', upload)).error);
    expect(world.snapshot()).toBe(before);
  }, 30_000);

  it("refuses another unit's sheet in the worker with the message the server thread gives", async () => {
    const [reportId] = socialReportIds();
    // The 专班 may import for every unit: the refusal comes from the sheet's seal, not from the right.
    const coordinator = await login('coord');
    const foreign = {
      roundId,
      unitId: world.unitId(units.education),
      contentBase64: await filledSheet(reportId!, '别的单位的表'),
    };
    const before = world.snapshot();
    const refused = await post('fillIn.apply', foreign, coordinator);
    expect(refused.json.error?.code).toBe('invalid_input');
    expect(refused.json.error?.message).toContain(units.social);
    expect(refused.json.error).toEqual((await inThread('fillIn.apply', foreign, coordinator)).error);
    // The clerk of one unit may not import for another at all, refused the same way.
    const notTheirs = await post('fillIn.apply', foreign);
    expect(notTheirs.json.error?.code).toBe('forbidden');
    expect(notTheirs.json.error).toEqual((await inThread('fillIn.apply', foreign)).error);
    expect(world.snapshot()).toBe(before);
    // Not signed in: refused in the worker before any parsing.
    const anonymous = await fetch(`${server.url}api/fillIn.apply`, {
      method: 'POST',
      headers: apiHeaders,
      body: JSON.stringify(foreign),
    });
    expect(anonymous.status).toBe(401);
  }, 30_000);

  it('has no request name for the internal parse job', async () => {
    const response = await post(fillInParseJob, {});
    expect(response.json.error?.code).toBe('not_found');
  });
});
