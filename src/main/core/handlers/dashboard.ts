import type { Handlers } from './types';

export const dashboardHandlers = {
  'dashboard.indicators': ({ roundId }, { core }) => core.dashboard.indicators(roundId),
} satisfies Partial<Handlers>;
