import type { Handlers } from './types';

export const auditHandlers = {
  'audit.verify': (_input, { core }) => core.recheckIntegrity(),
  'system.integrity': (_input, { core }) => ({ audit: core.integrity }),
} satisfies Partial<Handlers>;
