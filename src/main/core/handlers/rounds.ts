import { requireActor } from './auth';
import type { Handlers } from './types';

export const roundsHandlers = {
  'rounds.list': (_input, { core }) => core.workflow.rounds.list(),
  'rounds.open': (input, env) => env.core.workflow.rounds.open(requireActor(env), input),
  'rounds.close': ({ roundId }, env) => env.core.workflow.rounds.close(requireActor(env), roundId),
  'rounds.overview': ({ roundId }, { core }) => core.workflow.rounds.overview(roundId),
} satisfies Partial<Handlers>;
