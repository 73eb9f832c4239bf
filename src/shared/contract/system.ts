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
      dataDir: z.string(),
      transport: z.enum(['ipc', 'http']),
    }),
  }),
};
