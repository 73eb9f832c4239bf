import { z } from 'zod';
import { reportEventLabels } from '../workflow/events';

/**
 * The audit trail: append-only entries, each hashing the previous one's hash, so a changed,
 * removed or reordered row breaks the chain from that row on.
 */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  actorName: z.string(),
  unitName: z.string().nullable(),
  role: z.string().nullable(),
  /** 经办人 / 负责人 / 专班 / 管理员 */
  roleLabel: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.number().int().nullable(),
  reportId: z.number().int().nullable(),
  event: z.string(),
  /** 提交审核 / 审核通过 / 退回修改 / 修改内容 … */
  eventLabel: z.string(),
  opinion: z.string(),
  stateBefore: z.string().nullable(),
  stateAfter: z.string().nullable(),
  stateBeforeLabel: z.string().nullable(),
  stateAfterLabel: z.string().nullable(),
  /** Report revision the entry belongs to, for a report's timeline. */
  revision: z.number().int().nullable(),
  /** One display-ready sentence: 张三（区社会事业局，负责人）审核通过：同意。 */
  summary: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  entryCount: z.number().int(),
  /** The first entry whose hash or link does not match, when the chain is broken. */
  firstBroken: z.object({ id: z.number().int(), at: z.string().nullable(), reason: z.string() }).nullable(),
  checkedAt: z.string(),
  message: z.string(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

/** Display labels of every audit event; the lifecycle's come from the event table (workflow/events.ts). */
const auditEventLabels = {
  ...reportEventLabels,
  'report.create': '生成报告',
  'report.edit': '修改内容',
  'report.reopen': '重新打开（新修订）',
  'attachment.add': '上传附件',
  'attachment.remove': '删除附件',
  'round.open': '开启填报轮次',
  'round.close': '关闭填报轮次',
  'round.delete': '删除填报轮次',
  'round.deadline': '修改报送截止日期',
  'round.reopen': '重新开启填报轮次',
  'round.extend': '单位延期',
  'round.extend.cancel': '取消单位延期',
  'round.remind': '催办',
  'auth.setup': '创建管理员账号',
  'user.create': '创建账号',
  'user.update': '修改账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.resetPassword': '重置密码',
  'user.changePassword': '修改密码',
  'settings.update': '修改设置',
  'plan.import': '导入工作方案',
  'unit.update': '修改单位目录',
  'unit.create': '新增单位',
  'audit.keyed': '启用审计密钥',
  'instruction.issue': '下达批示',
  'instruction.answer.save': '保存批示落实情况',
  'instruction.answer.submit': '提交批示落实情况',
  'instruction.answer.confirm': '确认批示落实情况',
  'instruction.answer.return': '退回批示落实情况',
  'instruction.answer.close': '办结批示',
  'instruction.answer.sendBack': '退回批示重办',
  'delegation.create': '委托审核会签',
  'delegation.end': '提前结束委托',
} as const;

/** Every event the audit trail records: `AuditInput.event` is one of these. */
export type AuditEvent = keyof typeof auditEventLabels;

export function auditEventLabel(event: string): string {
  const labels: Partial<Record<string, string>> = auditEventLabels;
  return labels[event] ?? event;
}
