import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localContext, type CallContext } from '../../../src/main/core/context';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import type { ApiResult } from '../../../src/shared/errors';
import type { MethodName, MethodOutput } from '../../../src/shared/contract';
import { createWorld, unitNames, type TestWorld } from './helpers';

let world: TestWorld;
let api: Dispatcher;

beforeEach(async () => {
  world = await createWorld();
  api = createDispatcher(world.core, () => undefined);
});
afterEach(() => world.cleanup());

function data<M extends MethodName>(_method: M, result: ApiResult<unknown>): MethodOutput<M> {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as MethodOutput<M>;
}

async function signIn(username: string, password: string): Promise<CallContext> {
  const context = localContext('http');
  data('auth.login', await api.call('auth.login', { username, password }, context));
  return context;
}

describe('first run and sessions', () => {
  it('asks for the administrator once, then refuses a second setup', async () => {
    const anonymous = localContext('http');
    expect(data('auth.status', await api.call('auth.status', {}, anonymous))).toMatchObject({
      needsSetup: true,
      actor: null,
    });
    const admin = data(
      'auth.setup',
      await api.call('auth.setup', { username: 'admin', displayName: '管理员', password: 'correct-horse' }, anonymous),
    );
    expect(admin.roles).toEqual(['admin']);
    // Setup signs the administrator in on this transport.
    expect(anonymous.sessionId).not.toBeNull();
    const status = data('auth.status', await api.call('auth.status', {}, anonymous));
    expect(status.needsSetup).toBe(false);
    expect(status.actor?.username).toBe('admin');
    // What the workflow lacks is told anonymously on first run only (readiness.test.ts has the list).
    expect(status.setupNeeds).toEqual([]);
    const again = await api.call(
      'auth.setup',
      { username: 'other', displayName: '他人', password: 'correct-horse' },
      localContext('http'),
    );
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('forbidden');
  });

  it('logs in and out in both transports, and refuses user methods without a session', async () => {
    data(
      'auth.setup',
      await api.call(
        'auth.setup',
        { username: 'admin', displayName: '管理员', password: 'correct-horse' },
        localContext('ipc'),
      ),
    );
    for (const transport of ['ipc', 'http'] as const) {
      const context = localContext(transport);
      const denied = await api.call('rounds.list', {}, context);
      expect(denied.ok ? 'ok' : denied.error.code).toBe('unauthenticated');
      data('auth.login', await api.call('auth.login', { username: 'admin', password: 'correct-horse' }, context));
      expect(data('rounds.list', await api.call('rounds.list', {}, context))).toEqual([]);
      data('auth.logout', await api.call('auth.logout', {}, context));
      expect(context.sessionId).toBeNull();
    }
    // The stored token is hashed: the raw session id never appears in the database.
    const context = await signIn('admin', 'correct-horse');
    const rows = world.core.db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === context.sessionId)).toBe(false);
  });

  it('gives one message for an unknown name and a wrong password', async () => {
    world.user('li', ['clerk'], unitNames.social);
    const wrong = await api.call('auth.login', { username: 'li', password: 'nope-nope' }, localContext('http'));
    const unknown = await api.call('auth.login', { username: 'nobody', password: 'nope-nope' }, localContext('http'));
    expect(wrong.ok || unknown.ok).toBe(false);
    if (!wrong.ok && !unknown.ok) {
      expect(wrong.error).toEqual(unknown.error);
      expect(wrong.error.message).toBe('用户名或密码不正确。');
    }
  });
});

describe('session lifetime', () => {
  it('expires after 12 idle hours and slides while in use', async () => {
    world.user('li', ['clerk'], unitNames.social);
    const idle = await signIn('li', 'password-123');
    const busy = await signIn('li', 'password-123');
    for (let hour = 0; hour < 4; hour += 1) {
      world.clock.advance(4 * 3_600_000);
      expect((await api.call('reports.inbox', {}, busy)).ok).toBe(true);
    }
    const expired = await api.call('reports.inbox', {}, idle);
    expect(expired.ok ? 'ok' : expired.error.code).toBe('unauthenticated');
  });
});

describe('administration', () => {
  it('only administrators create users; disabling and resetting end sessions', async () => {
    data(
      'auth.setup',
      await api.call(
        'auth.setup',
        { username: 'admin', displayName: '管理员', password: 'correct-horse' },
        localContext('http'),
      ),
    );
    const admin = await signIn('admin', 'correct-horse');
    const created = data(
      'users.create',
      await api.call(
        'users.create',
        {
          username: 'li.clerk',
          displayName: '李经办',
          password: 'password-1',
          unitId: world.unitId(unitNames.social),
          roles: ['clerk'],
          mustChangePassword: false,
        },
        admin,
      ),
    );
    expect(created.unitName).toBe(unitNames.social);
    const clerk = await signIn('li.clerk', 'password-1');
    const refused = await api.call(
      'users.create',
      {
        username: 'x1',
        displayName: 'x',
        password: 'password-1',
        unitId: null,
        roles: ['admin'],
        mustChangePassword: false,
      },
      clerk,
    );
    expect(refused.ok ? 'ok' : refused.error.message).toBe('只有管理员可以创建账号。');

    const noUnit = await api.call(
      'users.create',
      {
        username: 'x2',
        displayName: 'x',
        password: 'password-1',
        unitId: null,
        roles: ['leader'],
        mustChangePassword: false,
      },
      admin,
    );
    expect(noUnit.ok ? 'ok' : noUnit.error.field).toBe('unitId');

    data('users.disable', await api.call('users.disable', { userId: created.id, disabled: true }, admin));
    const afterDisable = await api.call('reports.inbox', {}, clerk);
    expect(afterDisable.ok ? 'ok' : afterDisable.error.code).toBe('unauthenticated');
    const login = await api.call('auth.login', { username: 'li.clerk', password: 'password-1' }, localContext('http'));
    expect(login.ok ? 'ok' : login.error.code).toBe('forbidden');

    data('users.disable', await api.call('users.disable', { userId: created.id, disabled: false }, admin));
    data(
      'users.resetPassword',
      await api.call('users.resetPassword', { userId: created.id, password: 'new-password-2' }, admin),
    );
    expect(
      (await api.call('auth.login', { username: 'li.clerk', password: 'password-1' }, localContext('http'))).ok,
    ).toBe(false);
    expect(
      (await api.call('auth.login', { username: 'li.clerk', password: 'new-password-2' }, localContext('http'))).ok,
    ).toBe(true);

    const self = await api.call('users.disable', { userId: 1, disabled: true }, admin);
    expect(self.ok ? 'ok' : self.error.code).toBe('forbidden');
    const timeline = world.core.workflow.audit.verify();
    expect(timeline.ok).toBe(true);
  });

  it('stores scrypt hashes, never the password', () => {
    world.user('wang', ['clerk'], unitNames.social);
    const row = world.core.db.prepare(`SELECT password_hash FROM users WHERE username = 'wang'`).get() as {
      password_hash: string;
    };
    expect(row.password_hash.startsWith('scrypt$')).toBe(true);
    expect(row.password_hash).not.toContain('password-123');
  });
});

describe('changing one own password', () => {
  it('ends the other sessions of the user and keeps the one that changed it', async () => {
    const anonymous = localContext('http');
    data(
      'auth.setup',
      await api.call('auth.setup', { username: 'admin', displayName: '管理员', password: 'correct-horse' }, anonymous),
    );
    const laptop = await signIn('admin', 'correct-horse');
    const office = await signIn('admin', 'correct-horse');
    data(
      'auth.changePassword',
      await api.call(
        'auth.changePassword',
        { currentPassword: 'correct-horse', newPassword: 'battery-staple-9' },
        office,
      ),
    );
    expect(data('auth.status', await api.call('auth.status', {}, office)).actor?.username).toBe('admin');
    expect(data('auth.status', await api.call('auth.status', {}, laptop)).actor).toBeNull();
    expect(data('auth.status', await api.call('auth.status', {}, anonymous)).actor).toBeNull();
    expect(
      (await api.call('auth.login', { username: 'admin', password: 'correct-horse' }, localContext('http'))).ok,
    ).toBe(false);
    await signIn('admin', 'battery-staple-9');
  });
});
