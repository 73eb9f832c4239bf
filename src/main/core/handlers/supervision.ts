import { requireActor } from './auth';
import type { Handlers } from './types';

export const supervisionHandlers = {
  'supervision.settings': (_input, { core }) => core.workflow.supervision.settings(),
  'supervision.setSettings': (input, env) => env.core.workflow.supervision.setSettings(requireActor(env), input),
  'supervision.remind': (input, env) => env.core.workflow.supervision.remind(requireActor(env), input),
  'supervision.ofRound': ({ roundId }, { core }) => core.workflow.supervision.ofRound(roundId),
  'supervision.mine': (_input, env) => env.core.workflow.supervision.mine(requireActor(env)),
} satisfies Partial<Handlers>;
