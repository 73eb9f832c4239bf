import { z } from 'zod';
import { auditEntrySchema } from '../domain/audit';
import { inboxItemSchema, reportContentSchema, reportViewSchema, transitionInputSchema } from '../domain/reports';
import { defineMethod } from './define';

const reportId = z.number().int().positive();
const version = z.number().int().nonnegative();
const ok = z.object({ ok: z.literal(true) });

export const reportsMethods = {
  /** What awaits the caller: reports to draft, review, sign off or file. */
  'reports.inbox': defineMethod({
    summary: '我的待办（起草、审核、会签、归档）',
    access: 'user',
    input: z.object({}),
    output: z.array(inboxItemSchema),
  }),
  'reports.get': defineMethod({
    summary: '一份报告：内容、指标、附件、会签情况与可执行操作',
    access: 'user',
    input: z.object({ reportId }),
    output: reportViewSchema,
  }),
  /** Save content while drafting; `version` is the one the user saw (stale writes are refused). */
  'reports.update': defineMethod({
    summary: '保存报告内容（起草阶段，起草单位）',
    access: 'user',
    input: z.object({ reportId, version, content: reportContentSchema }),
    output: reportViewSchema,
  }),
  /** One lifecycle step: submit, withdraw, approve, return, sign, object, file. */
  'reports.transition': defineMethod({
    summary: '流转报告：提交、撤回、审核、退回、会签、异议、归档',
    access: 'user',
    input: transitionInputSchema,
    output: reportViewSchema,
  }),
  /** Reopen a filed report as a new revision (the filed one stays unchanged). */
  'reports.reopen': defineMethod({
    summary: '重新打开已归档报告，生成新修订',
    access: 'user',
    input: z.object({ reportId, version, reason: z.string().trim().min(1, '请填写理由').max(2000) }),
    output: reportViewSchema,
  }),
  'reports.timeline': defineMethod({
    summary: '报告的流转与修改记录（含历次修订）',
    access: 'user',
    input: z.object({ reportId }),
    output: z.array(auditEntrySchema),
  }),
  'reports.attachments.add': defineMethod({
    summary: '上传附件（base64，单个不超过 20 MB）',
    access: 'user',
    input: z.object({
      reportId,
      version,
      fileName: z.string().trim().min(1, '请填写文件名').max(200),
      contentBase64: z.string().min(1, '附件内容为空'),
    }),
    output: reportViewSchema,
  }),
  'reports.attachments.remove': defineMethod({
    summary: '删除附件（起草阶段）',
    access: 'user',
    input: z.object({ reportId, version, attachmentId: z.number().int().positive() }),
    output: reportViewSchema,
  }),
  'reports.attachments.download': defineMethod({
    summary: '下载附件（base64）',
    access: 'user',
    input: z.object({ attachmentId: z.number().int().positive() }),
    output: z.object({ fileName: z.string(), sha256: z.string(), contentBase64: z.string() }),
  }),
  'reports.archiveSettings': defineMethod({
    summary: '归档号与发文字号格式',
    access: 'user',
    input: z.object({}),
    output: z.object({ reportPattern: z.string(), compiledPattern: z.string() }),
  }),
  /** Patterns use {year}, {seq} and {seq:N} (N digits), e.g. 郑经儿童专班〔{year}〕{seq}号. */
  'reports.setArchiveSettings': defineMethod({
    summary: '修改归档号与发文字号格式（管理员、专班）',
    access: 'user',
    input: z.object({ reportPattern: z.string().trim().min(1), compiledPattern: z.string().trim().min(1) }),
    output: ok,
  }),
  /** The compiled quarterly report of a round, or null before it is created. */
  'compiled.get': defineMethod({
    summary: '本轮季度工作进展情况报告',
    access: 'user',
    input: z.object({ roundId: z.number().int().positive() }),
    output: reportViewSchema.nullable(),
  }),
  // The compiled report is started and saved through documents.createCompiled and
  // documents.saveCompiled, which check its document; there is no unchecked write.
};
