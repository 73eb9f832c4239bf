import { contract, isMethodName, type MethodName } from '../../shared/contract';
import { parseUnknown } from '../../shared/contract/parse';
import { LuoshiError, type ApiErrorBody, type ApiResult } from '../../shared/errors';
import type { CallContext } from './context';
import type { LuoshiCore } from './core';
import { diskFullError, isDiskFull } from './files/diskFull';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';
import { isLocalOperator } from './policy/operator';

export interface Dispatcher {
  /** Validate, authorise and run one call. Never throws: failures come back as the error envelope. */
  call(method: string, payload: unknown, context: CallContext): Promise<ApiResult<unknown>>;
}

/**
 * The one door into the core for every transport. The raw payload is parsed against the
 * contract before any handler sees it, the caller's session is resolved and checked against the
 * method's access, and the result is parsed against its schema, which also strips fields that
 * are not part of the contract.
 */
export function createDispatcher(core: LuoshiCore, log: (error: unknown) => void = console.error): Dispatcher {
  return {
    async call(method, payload, context) {
      try {
        if (!isMethodName(method)) throw new LuoshiError('not_found', `没有名为「${method}」的接口。`);
        const data = await run(core, method, payload, context);
        return { ok: true, data };
      } catch (error) {
        return { ok: false, error: errorBodyOf(core, error, log) };
      }
    },
  };
}

/**
 * The error envelope of a failed call: a refusal as it was thrown, anything else logged and
 * answered with a message that says nothing was saved. Also used by the export workers' internal
 * jobs (src/main/server/fillInJob.ts), so their refusals read the same.
 */
export function errorBodyOf(core: LuoshiCore, error: unknown, log: (error: unknown) => void): ApiErrorBody {
  if (error instanceof LuoshiError) return error.toBody();
  log(error);
  // SQLite rolled the transaction back: nothing of this call was saved.
  if (isDiskFull(error)) return diskFullError('本次操作的内容', core.paths.dataDir).toBody();
  return { code: 'internal', message: '程序内部错误，操作未完成。请重试；如仍失败，请联系管理员并提供日志。' };
}

async function run(core: LuoshiCore, method: MethodName, payload: unknown, context: CallContext): Promise<unknown> {
  const spec = contract[method];
  const input: unknown = parseUnknown(spec.input, payload ?? {});
  // The command line names its caller; every other transport proves it with a session.
  const caller =
    context.transport === 'cli' && context.caller ? context.caller : core.sessions.resolveActor(context.sessionId);
  const actor = isLocalOperator(caller) ? null : caller;
  if (spec.access === 'user' && caller === null) {
    throw new LuoshiError('unauthenticated', '登录已失效或尚未登录，请先登录。');
  }
  // The contract's input schema has just produced `input`, so it matches the handler's parameter.
  const handler = handlers[method] as Handler<MethodName>;
  const result: unknown = await handler(input as never, { core, context, actor, caller });
  return spec.output.parse(result);
}
