import { z } from 'zod';
import { auditEntrySchema, auditVerifySchema } from '../domain/audit';
import { generatedFileSchema } from './ledgers';
import { defineMethod } from './define';

/** A calendar date that exists (2025-02-30 does not). */
const chinaDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写作 2025-10-08')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, '日期不存在，请检查年月日');

const auditSearchInputSchema = z.object({
  /** Entries about this report (every revision). */
  reportId: z.number().int().positive().optional(),
  /** Part of the person's name or user name. */
  user: z.string().max(50, '用户条件最多 50 个字').optional(),
  /** China dates, both inclusive. */
  from: chinaDate.optional(),
  to: chinaDate.optional(),
  /** Next page: entries older than this entry id. */
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const auditMethods = {
  /** Search the audit trail by report, user and date, newest first (administrators only). */
  'audit.search': defineMethod({
    summary: '查询审计记录：按报告、用户、日期（仅管理员）',
    access: 'user',
    input: auditSearchInputSchema,
    output: z.object({ entries: z.array(auditEntrySchema), total: z.number().int() }),
  }),
  /** The whole audit trail as the 审计记录台账 (.xlsx), in chain order (administrators only). */
  'audit.exportLedger': defineMethod({
    summary: '导出审计记录台账（Excel，仅管理员）',
    access: 'user',
    input: z.object({}),
    output: generatedFileSchema,
  }),
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
