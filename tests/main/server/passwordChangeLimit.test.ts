import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../src/shared/errors';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { passwordCheckLimiters } from '../../../src/main/core/services/loginLimiter';
import { startHttpServer, type RunningServer } from '../../../src/main/server/httpServer';
import { makeTempDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

const apiHeaders = { 'Content-Type': 'application/json', 'X-Luoshi-Request': '1' };
const password = 'password-123';

let world: TestWorld;
let server: RunningServer;
let site: { dir: string; cleanup: () => void };
let clock = 0;

beforeAll(async () => {
  world = await createWorld();
  world.user('social.clerk', ['clerk'], unitNames.social);
  site = makeTempDir('luoshi-site-');
  server = await startHttpServer({
    dispatcher: createDispatcher(world.core, () => undefined),
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

async function post(method: string, body: unknown, cookie = '') {
  const response = await fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { ...apiHeaders, ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as ApiResult<unknown> };
}

async function signIn(secret = password): Promise<string> {
  const { response } = await post('auth.login', { username: 'social.clerk', password: secret });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('auth.changePassword is rate-limited like login', () => {
  it('locks after five wrong current passwords, even for the right one, and says so in Chinese', async () => {
    const cookie = await signIn();
    for (let i = 0; i < 5; i += 1) {
      const wrong = await post(
        'auth.changePassword',
        { currentPassword: `guess-${i}`, newPassword: 'new-password-456' },
        cookie,
      );
      expect(wrong.response.status).toBe(403);
    }
    const blocked = await post(
      'auth.changePassword',
      { currentPassword: password, newPassword: 'new-password-456' },
      cookie,
    );
    expect(blocked.response.status).toBe(429);
    expect(blocked.response.headers.get('retry-after')).toBe('300');
    expect(blocked.body.ok ? '' : blocked.body.error.message).toContain('当前密码输错次数过多');
    // Nothing changed: the old password still signs in (login has its own limiter).
    expect((await post('auth.login', { username: 'social.clerk', password })).response.status).toBe(200);
    clock += 300_001;
    const after = await post(
      'auth.changePassword',
      { currentPassword: password, newPassword: 'new-password-456' },
      cookie,
    );
    expect(after.response.status).toBe(200);
  });

  it('does not count a refusal for another reason (a too-short new password)', async () => {
    const session = await signIn('new-password-456');
    for (let i = 0; i < 6; i += 1) {
      const refused = await post(
        'auth.changePassword',
        { currentPassword: 'new-password-456', newPassword: 'x' },
        session,
      );
      expect(refused.response.status).toBe(400);
    }
    const changed = await post(
      'auth.changePassword',
      { currentPassword: 'new-password-456', newPassword: 'third-password-789' },
      session,
    );
    expect(changed.response.status).toBe(200);
  });
});
