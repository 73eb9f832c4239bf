import { readScopeOf } from '../policy';
import { requireCaller } from './auth';
import type { Handlers } from './types';

export const dashboardHandlers = {
  'dashboard.indicators': ({ roundId }, env) =>
    env.core.dashboard.indicators(roundId, readScopeOf(env.core.db, requireCaller(env))),
} satisfies Partial<Handlers>;
