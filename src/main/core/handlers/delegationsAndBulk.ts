import { requireActor } from './auth';
import type { Handlers } from './types';

export const delegationsAndBulkHandlers = {
  'reports.bulkPreview': (input, env) => env.core.workflow.bulk.preview(requireActor(env), input),
  'reports.bulk': (input, env) => env.core.workflow.bulk.run(requireActor(env), input),
  'delegations.list': (_input, env) => env.core.workflow.delegations.list(requireActor(env)),
  'delegations.candidates': (_input, env) => env.core.workflow.delegations.candidates(requireActor(env)),
  'delegations.create': (input, env) => env.core.workflow.delegations.create(requireActor(env), input),
  'delegations.end': ({ delegationId }, env) => env.core.workflow.delegations.end(requireActor(env), delegationId),
} satisfies Partial<Handlers>;
