import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../src/shared/errors';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { localOperator } from '../../../src/main/core/policy/operator';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import { makeTempDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';

/** An account on an administrator's password may only replace it: the core refuses the rest, over HTTP too. */
const apiHeaders = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };
const initial = 'Chushi-mima-1';

let world: TestWorld;
let server: RunningServer;
let site: { dir: string; cleanup: () => void };

beforeAll(async () => {
  world = await createWorld();
  // The command line's create is an administrator's: the account must change its password first.
  const created = world.core.workflow.accounts.create(localOperator('tester'), {
    username: 'social.clerk',
    displayName: '社会事业局经办人',
    password: initial,
    unitId: world.unitId(unitNames.social),
    roles: ['clerk'],
  });
  expect(created.mustChangePassword).toBe(true);
  site = makeTempDir('luoshi-site-');
  server = await startHttpServer({
    dispatcher: createDispatcher(world.core, () => undefined),
    ...passwordCheckLimiters(() => world.core.db),
    staticDir: site.dir,
    host: '127.0.0.1',
    port: 0,
  });
});

afterAll(async () => {
  await server.close();
  site.cleanup();
  world.cleanup();
});

async function post(method: string, body: unknown, cookie: string) {
  const response = await fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { ...apiHeaders, Cookie: cookie },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiResult<unknown> };
}

async function signIn(password: string): Promise<string> {
  const response = await fetch(`${server.url}api/auth.login`, {
    method: 'POST',
    headers: apiHeaders,
    body: JSON.stringify({ username: 'social.clerk', password }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const blockedCalls: Array<[string, unknown]> = [
  ['reports.inbox', {}],
  ['plan.overview', {}],
  ['instructions.todo', {}],
  ['supervision.mine', {}],
  ['search.query', { q: '养老' }],
];

describe('a pending first-sign-in password change blocks every other method in the core', () => {
  it('refuses work with a Chinese message until the password is changed, then allows it', async () => {
    const cookie = await signIn(initial);
    const status = await post('auth.status', {}, cookie);
    expect(status.status).toBe(200);
    expect(status.body.ok && (status.body.data as { actor: { mustChangePassword: boolean } }).actor).toMatchObject({
      mustChangePassword: true,
    });
    expect((await post('system.info', {}, cookie)).status).toBe(200);

    for (const [method, payload] of blockedCalls) {
      const refused = await post(method, payload, cookie);
      expect(refused.status, method).toBe(403);
      expect(refused.body.ok ? '' : refused.body.error.message, method).toContain('请先修改密码');
    }

    const changed = await post(
      'auth.changePassword',
      { currentPassword: initial, newPassword: 'Ziji-de-mima-2' },
      cookie,
    );
    expect(changed.status).toBe(200);
    for (const [method, payload] of blockedCalls) {
      const allowed = await post(method, payload, cookie);
      expect(allowed.status, method).toBe(200);
    }
  });

  it('still lets the account sign out while the change is pending', async () => {
    world.core.workflow.accounts.resetPassword(
      localOperator('tester'),
      world.core.workflow.accounts.findByUsername('social.clerk')?.id ?? 0,
      'Chongzhi-mima-3',
    );
    const cookie = await signIn('Chongzhi-mima-3');
    expect((await post('reports.inbox', {}, cookie)).status).toBe(403);
    expect((await post('auth.logout', {}, cookie)).status).toBe(200);
    expect((await post('auth.status', {}, cookie)).body).toMatchObject({ ok: true, data: { actor: null } });
  });
});
