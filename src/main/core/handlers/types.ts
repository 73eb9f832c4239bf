import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../../shared/contract';
import type { Actor } from '../../../shared/domain/accounts';
import type { CallContext } from '../context';
import type { Caller } from '../policy/operator';
import type { LuoshiCore } from '../core';

/** Everything a handler may use: the application, the caller's context and the resolved actor. */
export interface HandlerEnv {
  core: LuoshiCore;
  context: CallContext;
  /** The signed-in user (or the account a CLI command runs `--as`); null for the local operator. */
  actor: Actor | null;
  /** Who calls: the actor, or the local operator on the command line. */
  caller: Caller | null;
}

export type Handler<M extends MethodName> = (
  input: z.output<Contract[M]['input']>,
  env: HandlerEnv,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };
