import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../../src/shared/contract';
import type { ApiResult } from '../../../src/shared/errors';
import type { Actor } from '../../../src/shared/domain/accounts';
import { localContext } from '../../../src/main/core/context';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import { makeTempDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

const apiHeaders = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };
const password = 'password-123';

let world: TestWorld;
let dispatcher: Dispatcher;
let server: RunningServer;
let site: { dir: string; cleanup: () => void };
let clock = 0;

beforeAll(async () => {
  world = await createWorld();
  world.user('coord', ['coordinator'], unitNames.economy);
  world.user('social.clerk', ['clerk'], unitNames.social);
  dispatcher = createDispatcher(world.core, () => undefined);
  site = makeTempDir('luoshi-site-');
  server = await startHttpServer({
    dispatcher,
    staticDir: site.dir,
    host: '127.0.0.1',
    port: 0,
    ...passwordCheckLimiters(
      () => world.core.db,
      { maxFailures: 5, windowMs: 300_000 },
      () => clock,
    ),
  });
});

afterAll(async () => {
  await server.close();
  site.cleanup();
  world.cleanup();
});

function post(method: string, body: unknown, headers: Record<string, string> = apiHeaders) {
  return fetch(`${server.url}api/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

const auditRows = () => (world.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('CSRF: every API method refuses a call that a foreign page could make', () => {
  it.each([
    ['no header', { 'Content-Type': 'application/json' }],
    ['wrong header value', { 'Content-Type': 'application/json', 'X-Luoshi-Request': '0' }],
    ['form content type', { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Luoshi-Request': '1' }],
    ['text/plain', { 'Content-Type': 'text/plain', 'X-Luoshi-Request': '1' }],
    ['foreign Origin', { ...apiHeaders, Origin: 'http://evil.example' }],
    ['look-alike Origin', { ...apiHeaders, Origin: 'http://127.0.0.1.evil.example' }],
    ['null Origin', { ...apiHeaders, Origin: 'null' }],
  ])('%s → 403 for all methods, nothing written', async (_label, headers) => {
    const before = auditRows();
    const refused: string[] = [];
    for (const method of methodNames) {
      const response = await post(method, { username: 'coord', password }, headers);
      const body = (await response.json()) as ApiResult<unknown>;
      if (response.status !== 403 || body.ok || body.error.code !== 'forbidden')
        refused.push(`${method}: ${response.status}`);
    }
    expect(refused).toEqual([]);
    expect(auditRows()).toBe(before);
  });

  it('answers 405 to GET on every method', async () => {
    const statuses = await Promise.all(methodNames.map(async (m) => (await fetch(`${server.url}api/${m}`)).status));
    expect(new Set(statuses)).toEqual(new Set([405]));
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, host-only, and cleared on logout', async () => {
    clock += 1_000_000;
    const login = await post('auth.login', { username: 'coord', password });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    const attributes = cookie.split(';').map((p) => p.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^luoshi_session=[^;]{20,}$/);
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/');
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);

    const session = (cookie.split(';')[0] ?? '').trim();
    const status = (await (await post('auth.status', {}, { ...apiHeaders, Cookie: session })).json()) as ApiResult<{
      actor: Actor | null;
    }>;
    expect(status.ok && status.data.actor?.username).toBe('coord');

    const logout = await post('auth.logout', {}, { ...apiHeaders, Cookie: session });
    expect(logout.headers.get('set-cookie')).toMatch(/^luoshi_session=;.*HttpOnly; SameSite=Strict; Max-Age=0$/);
    const after = (await (await post('auth.status', {}, { ...apiHeaders, Cookie: session })).json()) as ApiResult<{
      actor: Actor | null;
    }>;
    expect(after.ok && after.data.actor).toBeNull();
  });

  it('a forged or stale cookie gets nothing', async () => {
    const response = await post(
      'users.list',
      {},
      { ...apiHeaders, Cookie: 'luoshi_session=forged-token-value-000000' },
    );
    expect(response.status).toBe(401);
  });
});

describe('login rate limit over HTTP', () => {
  it('refuses the sixth attempt with 429, Retry-After and a Chinese message, even with the right password', async () => {
    clock += 1_000_000;
    for (let i = 0; i < 5; i++) {
      const wrong = await post('auth.login', { username: 'social.clerk', password: `guess-${i}` });
      expect(wrong.status).toBe(401);
    }
    const blocked = await post('auth.login', { username: 'social.clerk', password });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('300');
    expect(blocked.headers.get('set-cookie')).toBeNull();
    const body = (await blocked.json()) as ApiResult<unknown>;
    expect(!body.ok && body.error.message).toMatch(/登录失败次数过多.*5 分钟后再试/);

    // The same address guessing another name is blocked too (per-address count).
    expect((await post('auth.login', { username: 'coord', password })).status).toBe(429);

    clock += 300_000;
    expect((await post('auth.login', { username: 'social.clerk', password })).status).toBe(200);
  });

  it('does not count malformed requests or disabled accounts as wrong passwords', async () => {
    clock += 1_000_000;
    for (let i = 0; i < 6; i++) expect((await post('auth.login', { username: 'coord' })).status).toBe(400);
    expect((await post('auth.login', { username: 'coord', password })).status).toBe(200);
  });
});

describe('attachment download', () => {
  let reportId = 0;
  let attachmentId = 0;
  const sessions = new Map<string, string>();

  beforeAll(() => {
    const coord = world.core.workflow.accounts.findByUsername('coord');
    const clerk = world.core.workflow.accounts.findByUsername('social.clerk');
    if (!coord || !clerk) throw new Error('users missing');
    world.user('health.clerk', ['clerk'], unitNames.health);
    world.user('finance.leader', ['leader'], unitNames.finance);
    world.user('gone', ['clerk'], unitNames.social);
    const coordinator = { ...world.core.workflow.accounts.login('coord', password).actor };
    const roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
    reportId =
      world.core.workflow.rounds.overview(roundId).rows.find((r) => r.no === 1 && r.kind === 'task')?.reportId ?? 0;
    const clerkActor = world.core.workflow.accounts.login('social.clerk', password).actor;
    const version = world.core.workflow.reportQueries.get(clerkActor, reportId).version;
    world.core.workflow.reports.addAttachment(
      clerkActor,
      reportId,
      version,
      '名单.txt',
      Buffer.from('托育机构名单').toString('base64'),
    );
    attachmentId = world.core.workflow.reportQueries.get(clerkActor, reportId).attachments[0]?.id ?? 0;
    for (const name of ['coord', 'social.clerk', 'health.clerk', 'finance.leader', 'gone']) {
      sessions.set(name, world.core.workflow.accounts.login(name, password).sessionId);
    }
    const admin = world.user('admin', ['admin'], null);
    const gone = world.core.workflow.accounts.findByUsername('gone');
    world.core.workflow.accounts.setDisabled(admin, gone?.id ?? 0, true);
  });

  const call = (method: string, payload: unknown, sessionId: string | null) => {
    const context = localContext('http');
    context.sessionId = sessionId;
    return dispatcher.call(method, payload, context);
  };

  it('is refused without a session and for a disabled account', async () => {
    const anonymous = await call('reports.attachments.download', { attachmentId }, null);
    expect(!anonymous.ok && anonymous.error.code).toBe('unauthenticated');
    const disabled = await call('reports.attachments.download', { attachmentId }, sessions.get('gone') ?? null);
    expect(!disabled.ok && disabled.error.code).toBe('unauthenticated');
  });

  it('is served exactly to the users who may read the report', async () => {
    // Whatever rule decides who reads a report (reports.get), the attachment must follow it.
    for (const [name, sessionId] of sessions) {
      if (name === 'gone') continue;
      const read = await call('reports.get', { reportId }, sessionId);
      const download = await call('reports.attachments.download', { attachmentId }, sessionId);
      expect({ name, download: download.ok }).toEqual({ name, download: read.ok });
      if (download.ok) {
        const file = download.data as { contentBase64: string };
        expect(Buffer.from(file.contentBase64, 'base64').toString()).toBe('托育机构名单');
      }
    }
  });

  it('refuses a removed attachment or an unknown id with not_found', async () => {
    const unknown = await call(
      'reports.attachments.download',
      { attachmentId: attachmentId + 1000 },
      sessions.get('coord') ?? null,
    );
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
  });
});
