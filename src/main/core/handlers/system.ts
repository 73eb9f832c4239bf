import type { Handlers } from './types';

export const systemHandlers = {
  // Where the data lives is for the desktop user and administrators, not for anonymous callers.
  'system.info': (_input, { core, context, actor }) => ({
    appName: '落实通',
    version: core.version,
    schemaVersion: core.schemaVersion(),
    dataDir: context.transport === 'ipc' || actor?.roles.includes('admin') ? core.paths.dataDir : null,
    transport: context.transport === 'ipc' ? 'ipc' : 'http',
  }),
} satisfies Partial<Handlers>;
