import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { LuoshiError } from '../../shared/errors';
import { cliContext } from '../core/context';
import type { LuoshiCore } from '../core/core';
import { createDispatcher } from '../core/dispatcher';
import type { Caller } from '../core/policy';

/**
 * Call a contract method the way every host does: through the core's dispatcher, which parses the
 * input, applies the method's rules (policy/) and parses the output. The command line names its
 * caller: the local operator, or the account given with `--as`. A refusal comes back as the
 * LuoshiError the desktop and the browser would show; an unexpected failure keeps its own message.
 */
export async function callCore<M extends MethodName>(
  core: LuoshiCore,
  caller: Caller,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const failure: { error: Error | null } = { error: null };
  const dispatcher = createDispatcher(core, (error) => {
    failure.error = error instanceof Error ? error : new Error(String(error));
  });
  const result = await dispatcher.call(method, input, cliContext(caller));
  if (result.ok) return result.data as MethodOutput<M>;
  if (result.error.code === 'internal' && failure.error !== null) throw failure.error;
  throw new LuoshiError(result.error.code, result.error.message, result.error.field);
}
