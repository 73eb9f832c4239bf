import { roleLabels, type Actor, type Role } from '../../../shared/domain/accounts';
import { LuoshiError } from '../../../shared/errors';
import { isDrafter, type Drafter } from '../../../shared/workflow';
import { actorRef } from '../services/reportContext';
import { isLocalOperator, type Caller } from './operator';

/**
 * The role rules: which roles may take each action, and how the refusal names it. Object rules
 * (which unit, which report, which state) are in `reads.ts` and in the report machine's guards.
 */
export const actionRules = {
  'documents.setSettings': { roles: ['admin', 'coordinator'], what: '修改公文设置' },
  'documents.setFonts': { roles: ['admin', 'coordinator'], what: '修改公文字体设置' },
  'compiled.create': { roles: ['coordinator'], what: '起草季度工作进展情况报告' },
  'compiled.update': { roles: ['coordinator'], what: '修改季度工作进展情况报告' },
  'plan.importPreview': { roles: ['admin', 'coordinator'], what: '预览导入工作方案' },
  'plan.import': { roles: ['admin', 'coordinator'], what: '导入或更新工作方案' },
  'units.edit': { roles: ['admin'], what: '修改单位目录' },
  'rounds.open': { roles: ['coordinator'], what: '开启填报轮次' },
  'rounds.close': { roles: ['coordinator'], what: '关闭填报轮次' },
  'rounds.reopen': { roles: ['coordinator'], what: '重新开启填报轮次' },
  'rounds.setDeadline': { roles: ['coordinator'], what: '修改报送截止日期' },
  'rounds.delete': { roles: ['coordinator'], what: '删除填报轮次' },
  'rounds.extend': { roles: ['coordinator'], what: '为单位延期' },
  'supervision.remind': { roles: ['coordinator'], what: '催办' },
  'supervision.setSettings': { roles: ['coordinator', 'admin'], what: '修改督办设置' },
  'users.list': { roles: ['admin', 'coordinator'], what: '查看账号列表' },
  'users.readiness': { roles: ['admin', 'coordinator'], what: '查看账号配置情况' },
  'users.create': { roles: ['admin'], what: '创建账号' },
  'users.update': { roles: ['admin'], what: '修改账号' },
  'users.disable': { roles: ['admin'], what: '停用账号' },
  'users.enable': { roles: ['admin'], what: '启用账号' },
  'users.resetPassword': { roles: ['admin'], what: '重置密码' },
  'reports.setArchiveSettings': { roles: ['admin', 'coordinator'], what: '修改归档号格式' },
  'backup.create': { roles: ['admin'], what: '立即备份' },
  'backup.setSettings': { roles: ['admin'], what: '修改备份设置' },
  'backup.check': { roles: ['admin'], what: '检查备份' },
  'backup.restore': { roles: ['admin'], what: '从备份恢复数据' },
  'audit.search': { roles: ['admin'], what: '查询审计记录' },
  'audit.exportLedger': { roles: ['admin'], what: '导出审计记录台账' },
  /** A coordinator imports a unit's returned fill-in sheet on its behalf (the unit's own users are its drafters). */
  'fillIn.importForUnit': { roles: ['coordinator'], what: '代单位导入填报表' },
} as const satisfies Record<string, { roles: readonly Role[]; what: string }>;

export type Action = keyof typeof actionRules;

/**
 * Whether the caller holds one of the roles the action needs. The local operator holds the data
 * folder itself (operator.ts), so the rules grant them every action; their writes are still audited.
 */
export function mayDo(actor: Caller, action: Action): boolean {
  if (isLocalOperator(actor)) return true;
  const rule: { roles: readonly Role[] } = actionRules[action];
  return rule.roles.some((r) => actor.roles.includes(r));
}

/** Refuse unless the actor may take the action; the message names the roles that may. */
export function authorize(actor: Caller, action: Action): void {
  if (isLocalOperator(actor) || mayDo(actor, action)) return;
  const rule: { roles: readonly Role[]; what: string } = actionRules[action];
  throw new LuoshiError('forbidden', `只有${rule.roles.map((r) => roleLabels[r]).join('或')}可以${rule.what}。`);
}

/** The role an audit entry records for a settings change that admins and coordinators may make. */
export function settingsRole(actor: Actor): 'admin' | 'coordinator' {
  return actor.roles.includes('admin') ? 'admin' : 'coordinator';
}

/** A filed report may be reopened as a new revision by its drafting unit or by the task force. */
export function mayReopen(actor: Actor, drafter: Drafter): boolean {
  return actor.roles.includes('coordinator') || isDrafter(drafter, actorRef(actor));
}
