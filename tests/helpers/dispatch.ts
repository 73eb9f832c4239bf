import { localContext, type CallContext } from '../../src/main/core/context';
import type { Dispatcher } from '../../src/main/core/dispatcher';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';

/**
 * Calls through the dispatcher as the browser and the desktop make them: `call` answers the data
 * or throws the refusal (message `code: 消息`, with `code` on the error); `refusal` answers the
 * refusal of a call that must be refused; `session` signs a user in and answers their context.
 * `dispatcher` is read at each call, so a test file can make a new one per test.
 */
export function dispatchCalls(dispatcher: () => Dispatcher, password = 'password-123') {
  async function call<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    context: CallContext,
  ): Promise<MethodOutput<M>> {
    const result = await dispatcher().call(method, input, context);
    if (!result.ok)
      throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), { code: result.error.code });
    return result.data as MethodOutput<M>;
  }

  async function refusal<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    context: CallContext,
  ): Promise<{ code: string; message: string }> {
    const result = await dispatcher().call(method, input, context);
    if (result.ok) throw new Error(`${method} was not refused`);
    return result.error;
  }

  async function session(username: string): Promise<CallContext> {
    const context = localContext('http');
    await call('auth.login', { username, password }, context);
    return context;
  }

  return { call, refusal, session };
}
