import type { Handlers } from './types';

export const searchHandlers = {
  'search.query': ({ q, kinds, limit }, { core }) => ({ hits: core.search.query(q, kinds, limit) }),
} satisfies Partial<Handlers>;
