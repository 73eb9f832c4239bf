import type { Handlers } from './types';

export const planHandlers = {
  'plan.overview': (_input, { core }) => core.plan.overview(),
  'plan.task': ({ taskId }, { core }) => core.plan.task(taskId),
  'plan.projects': (_input, { core }) => core.plan.projects(),
} satisfies Partial<Handlers>;
