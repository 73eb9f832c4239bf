import { LuoshiError } from '../../../shared/errors';
import type { Actor } from '../../../shared/domain/accounts';
import type { Caller } from '../policy/operator';
import type { HandlerEnv, Handlers } from './types';

/** The signed-in actor; the dispatcher has already refused anonymous calls to 'user' methods. */
export function requireActor(env: HandlerEnv): Actor {
  if (!env.actor) {
    if (env.caller)
      throw new LuoshiError('unauthenticated', '这项操作要记在一个账号名下：请用 --as 用户名 指明操作人。');
    throw new LuoshiError('unauthenticated', '登录已失效或尚未登录，请先登录。');
  }
  return env.actor;
}

/** Who calls, the signed-in actor or the local operator, for services that take either. */
export function requireCaller(env: HandlerEnv): Caller {
  if (!env.caller) throw new LuoshiError('unauthenticated', '登录已失效或尚未登录，请先登录。');
  return env.caller;
}

export const authHandlers = {
  'auth.status': (_input, { core, context }) => {
    const status = core.workflow.accounts.status(context.sessionId);
    return { ...status, setupNeeds: status.needsSetup ? core.workflow.rounds.readiness().needs : [] };
  },
  'auth.setup': (input, { core, context }) => {
    const { sessionId, actor } = core.workflow.accounts.setup(input);
    context.setSessionId(sessionId);
    return actor;
  },
  'auth.login': ({ username, password }, { core, context }) => {
    const { sessionId, actor } = core.workflow.accounts.login(username, password);
    context.setSessionId(sessionId);
    return actor;
  },
  'auth.logout': (_input, { core, context }) => {
    core.workflow.accounts.logout(context.sessionId);
    context.setSessionId(null);
    return { ok: true as const };
  },
  'auth.changePassword': ({ currentPassword, newPassword }, env) => {
    env.core.workflow.accounts.changePassword(requireActor(env), currentPassword, newPassword, env.context.sessionId);
    return { ok: true as const };
  },
} satisfies Partial<Handlers>;
