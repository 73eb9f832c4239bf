import { requireActor } from './auth';
import type { Handlers } from './types';

export const instructionsHandlers = {
  'instructions.issue': (input, env) => env.core.workflow.instructions.issue(requireActor(env), input),
  'instructions.act': (input, env) => env.core.workflow.instructions.act(requireActor(env), input),
  'instructions.get': ({ instructionId }, env) => env.core.workflow.instructions.get(requireActor(env), instructionId),
  'instructions.ofTask': ({ taskId }, env) => env.core.workflow.instructions.ofTask(requireActor(env), taskId),
  'instructions.list': ({ all }, env) => env.core.workflow.instructions.list(requireActor(env), all === true),
  'instructions.todo': (_input, env) => env.core.workflow.instructions.todo(requireActor(env)),
} satisfies Partial<Handlers>;
