import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../../shared/contract';
import type { Actor } from '../../../shared/domain/accounts';
import type { CallContext } from '../context';
import type { LuoshiCore } from '../core';

/** Everything a handler may use: the application, the caller's context and the resolved actor. */
export interface HandlerEnv {
  core: LuoshiCore;
  context: CallContext;
  actor: Actor | null;
}

export type Handler<M extends MethodName> = (
  input: z.output<Contract[M]['input']>,
  env: HandlerEnv,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };
