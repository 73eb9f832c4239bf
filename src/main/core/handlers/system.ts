import type { Handlers } from './types';

export const systemHandlers = {
  'system.info': (_input, { core, context }) => ({
    appName: '落实通',
    version: core.version,
    schemaVersion: core.schemaVersion(),
    dataDir: core.paths.dataDir,
    transport: context.transport === 'ipc' ? 'ipc' : 'http',
  }),
} satisfies Partial<Handlers>;
