import { readableReportIds, readsAll } from '../policy';
import { requireActor } from './auth';
import type { Handlers } from './types';

export const searchHandlers = {
  'search.query': ({ q, kinds, limit }, env) => {
    const actor = requireActor(env);
    const { core } = env;
    if (readsAll(actor)) return { hits: core.search.query(q, kinds, limit) };
    // Report hits follow the read rule; ask for more so the filtered page is still full.
    const hits = core.search.query(q, kinds, limit * 4);
    const readable = readableReportIds(
      core.db,
      actor,
      hits.filter((h) => h.kind === 'report').map((h) => h.refId),
    );
    return { hits: hits.filter((h) => h.kind !== 'report' || readable.has(h.refId)).slice(0, limit) };
  },
} satisfies Partial<Handlers>;
