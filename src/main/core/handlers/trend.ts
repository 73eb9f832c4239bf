import { requireActor } from './auth';
import type { Handlers } from './types';

export const trendHandlers = {
  'trend.task': ({ taskId }, env) => {
    requireActor(env);
    return env.core.dashboard.taskTrend(taskId);
  },
  'trend.export': async ({ taskId }, env) => {
    requireActor(env);
    const file = await env.core.ledgers.exportTrend(taskId);
    return { fileName: file.fileName, contentBase64: file.bytes.toString('base64') };
  },
} satisfies Partial<Handlers>;
