import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { restoreRefusedWithWorkers, startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import { makeTempDir } from '../../helpers/tempDir';
import { makeTestCore } from '../../helpers/testCore';

/**
 * One of several server processes (`serve --workers N`) must not restore a backup: the others keep
 * the database open. The refusal says what to do instead, and nothing is touched.
 */
let server: RunningServer;
const cleanups: (() => void)[] = [];
const headers = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };

beforeAll(async () => {
  const test = await makeTestCore({ loadSeedPlan: false });
  const site = makeTempDir('luoshi-site-');
  cleanups.push(test.cleanup, site.cleanup);
  server = await startHttpServer({
    dispatcher: createDispatcher(test.core, () => undefined),
    ...passwordCheckLimiters(() => test.core.db),
    staticDir: site.dir,
    host: '127.0.0.1',
    port: 0,
    multiProcess: true,
  });
});

afterAll(async () => {
  await server.close();
  cleanups.forEach((cleanup) => cleanup());
});

describe('backup.restore with several server processes', () => {
  it('is refused with 409 and the way to restore instead, while other calls are answered', async () => {
    const setup = await fetch(`${server.url}api/auth.setup`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ username: 'admin', displayName: '管理员', password: 'password-123' }),
    });
    expect(setup.status).toBe(200);
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const restore = await fetch(`${server.url}api/backup.restore`, {
      method: 'POST',
      headers: { ...headers, Cookie: cookie },
      body: JSON.stringify({ name: 'luoshi-backup.luoshibak' }),
    });
    expect(restore.status).toBe(409);
    const body = (await restore.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toEqual({ ok: false, error: { code: 'conflict', message: restoreRefusedWithWorkers } });
    expect(restoreRefusedWithWorkers).toContain('请停止 luoshi serve，用 luoshi restore 恢复备份后重新启动');
    const list = await fetch(`${server.url}api/backup.list`, {
      method: 'POST',
      headers: { ...headers, Cookie: cookie },
    });
    expect(list.status).toBe(200);
  });
});
