import { readScopeOf } from '../policy';
import { requireActor, requireCaller } from './auth';
import type { Handlers } from './types';

export const roundsHandlers = {
  'rounds.list': (_input, { core }) => core.workflow.rounds.list(),
  'rounds.open': (input, env) => env.core.workflow.rounds.open(requireActor(env), input),
  'rounds.window': (_input, { core }) => core.workflow.rounds.window(),
  'rounds.closePreview': ({ roundId }, env) => env.core.workflow.rounds.closePreview(requireActor(env), roundId),
  'rounds.close': ({ roundId, fileReady, remaining }, env) =>
    env.core.workflow.rounds.close(requireActor(env), roundId, { fileReady, remaining }),
  'rounds.delete': ({ roundId }, env) => ({
    ok: true as const,
    ...env.core.workflow.rounds.delete(requireActor(env), roundId),
  }),
  'rounds.setDeadline': ({ roundId, deadline }, env) =>
    env.core.workflow.rounds.setDeadline(requireActor(env), roundId, deadline),
  'rounds.extend': (input, env) => env.core.workflow.rounds.extend(requireActor(env), input),
  'rounds.cancelExtension': (input, env) => env.core.workflow.rounds.cancelExtension(requireActor(env), input),
  'rounds.reopen': ({ roundId, reason }, env) => env.core.workflow.rounds.reopen(requireActor(env), roundId, reason),
  'rounds.overview': ({ roundId }, env) =>
    env.core.workflow.rounds.overview(roundId, readScopeOf(env.core.db, requireCaller(env))),
} satisfies Partial<Handlers>;
