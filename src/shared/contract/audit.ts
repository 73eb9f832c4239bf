import { z } from 'zod';
import { auditVerifySchema } from '../domain/audit';
import { defineMethod } from './define';

export const auditMethods = {
  /** Recompute the audit hash chain now; names the first broken entry. */
  'audit.verify': defineMethod({
    summary: '校验审计记录哈希链',
    access: 'user',
    input: z.object({}),
    output: auditVerifySchema,
  }),
  /** The integrity of the data as checked when it was opened. */
  'system.integrity': defineMethod({
    summary: '数据完整性（打开时的审计链校验结果）',
    access: 'user',
    input: z.object({}),
    output: z.object({ audit: auditVerifySchema }),
  }),
};
