import { z } from 'zod';
import { defineMethod } from './define';

export const systemMethods = {
  'system.info': defineMethod({
    summary: '应用版本、数据目录与数据库版本',
    access: 'public',
    input: z.object({}),
    output: z.object({
      appName: z.string(),
      version: z.string(),
      schemaVersion: z.number().int(),
      /** The absolute data folder: only for signed-in administrators and the desktop app; null otherwise. */
      dataDir: z.string().nullable(),
      transport: z.enum(['ipc', 'http']),
    }),
  }),
};
