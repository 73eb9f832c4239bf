import { localOperator } from '../../../src/main/core/policy/operator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { localContext, type CallContext } from '../../../src/main/core/context';
import type { LuoshiCore } from '../../../src/main/core/core';
import type { MethodInput, MethodName } from '../../../src/shared/contract';
import { dispatchCalls } from '../../helpers/dispatch';
import { makeTestCore } from '../../helpers/testCore';

/** The strength rule on every path that sets a password: setup, create, reset (API and command line) and change. */
/** The person at the command line, as the CLI calls the services. */
const operator = localOperator('tester');

describe('weak passwords are refused everywhere a password is set', { timeout: 60_000 }, () => {
  let core: LuoshiCore;
  let cleanup: () => void;
  let dispatcher: Dispatcher;
  let admin: CallContext;

  const calls = dispatchCalls(() => dispatcher);
  const call = <M extends MethodName>(method: M, payload: MethodInput<M>, context: CallContext = admin) =>
    calls.call(method, payload, context);

  beforeEach(async () => {
    ({ core, cleanup } = await makeTestCore({ loadSeedPlan: false }));
    dispatcher = createDispatcher(core);
    admin = localContext('http');
  });
  afterEach(() => cleanup());

  it('at setup, create, reset and change', async () => {
    await expect(
      call('auth.setup', { username: 'admin', displayName: '王管理', password: '12345678' }),
    ).rejects.toThrow(/全是数字/);
    await call('auth.setup', { username: 'admin', displayName: '王管理', password: 'Gu4nli-Yuan' });
    for (const weak of ['12345678', 'aaaaaaaa', 'abcdefgh', 'short1!', 'password']) {
      await expect(
        call('users.create', {
          username: 'li',
          displayName: '李',
          password: weak,
          unitId: null,
          roles: ['coordinator'],
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    }
    const li = await call('users.create', {
      username: 'li',
      displayName: '李',
      password: 'Li-zhuanban-1',
      unitId: null,
      roles: ['coordinator'],
    });
    await expect(call('users.resetPassword', { userId: li.id, password: '88888888' })).rejects.toThrow(/同一个字符/);
    // The command line calls the service without the contract: the service holds the same rule.
    expect(() => core.workflow.accounts.resetPassword(operator, li.id, '87654321')).toThrow(/全是数字/);
    expect(() =>
      core.workflow.accounts.create(operator, {
        username: 'zhao',
        displayName: '赵',
        password: 'qwertyui',
        unitId: null,
        roles: ['coordinator'],
      }),
    ).toThrow(/键盘/);
    await expect(
      call('auth.changePassword', { currentPassword: 'Gu4nli-Yuan', newPassword: '11111111' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      call('auth.changePassword', { currentPassword: 'Gu4nli-Yuan', newPassword: 'Gu4nli-Yuan' }),
    ).rejects.toThrow(/不能与当前密码相同/);
    await call('auth.changePassword', { currentPassword: 'Gu4nli-Yuan', newPassword: 'Xin-mima-2025' });
  });
});

describe('first sign-in after an administrator set the password', { timeout: 60_000 }, () => {
  let core: LuoshiCore;
  let cleanup: () => void;
  let dispatcher: Dispatcher;

  const { call } = dispatchCalls(() => dispatcher);

  beforeEach(async () => {
    ({ core, cleanup } = await makeTestCore({ loadSeedPlan: false }));
    dispatcher = createDispatcher(core);
  });
  afterEach(() => cleanup());

  it('asks for a new password after create and after reset, and not after the user changed it', async () => {
    const admin = localContext('http');
    const setup = await call(
      'auth.setup',
      { username: 'admin', displayName: '王管理', password: 'Gu4nli-Yuan' },
      admin,
    );
    expect(setup.mustChangePassword).toBe(false);

    const li = await call(
      'users.create',
      { username: 'li', displayName: '李', password: 'Chushi-mima-1', unitId: null, roles: ['coordinator'] },
      admin,
    );
    expect(li.mustChangePassword).toBe(true);
    const session = localContext('http');
    expect((await call('auth.login', { username: 'li', password: 'Chushi-mima-1' }, session)).mustChangePassword).toBe(
      true,
    );
    expect((await call('auth.status', {}, session)).actor?.mustChangePassword).toBe(true);

    await call('auth.changePassword', { currentPassword: 'Chushi-mima-1', newPassword: 'Ziji-de-mima-2' }, session);
    expect((await call('auth.status', {}, session)).actor?.mustChangePassword).toBe(false);
    expect(
      (await call('auth.login', { username: 'li', password: 'Ziji-de-mima-2' }, localContext('http')))
        .mustChangePassword,
    ).toBe(false);

    await call('users.resetPassword', { userId: li.id, password: 'Chongzhi-mima-3' }, admin);
    expect(
      (await call('auth.login', { username: 'li', password: 'Chongzhi-mima-3' }, localContext('http')))
        .mustChangePassword,
    ).toBe(true);

    // The command line's create and reset are an administrator's too.
    const cli = core.workflow.accounts.create(operator, {
      username: 'zhao',
      displayName: '赵',
      password: 'Zhao-chushi-1',
      unitId: null,
      roles: ['coordinator'],
    });
    expect(cli.mustChangePassword).toBe(true);
    // An administrator may say the person chose the password themselves.
    await call('users.resetPassword', { userId: li.id, password: 'Li-ziji-xuan-4', mustChangePassword: false }, admin);
    expect(
      (await call('auth.login', { username: 'li', password: 'Li-ziji-xuan-4' }, localContext('http')))
        .mustChangePassword,
    ).toBe(false);
  });
});
