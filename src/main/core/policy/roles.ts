import { roleLabels, type Actor, type Role } from '../../../shared/domain/accounts';
import { LuoshiError } from '../../../shared/errors';
import { answerTransitions, type AnswerActor, type AnswerEvent } from '../../../shared/domain/instructions';
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
  'rounds.cancelExtension': { roles: ['coordinator'], what: '取消单位延期' },
  'supervision.exportNotice': { roles: ['coordinator'], what: '导出催办通知' },
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
  // 批示 (docs: README「领导批示」). Object rules are below: which task, which unit, whose 批示.
  'instructions.issue': { roles: ['leader', 'coordinator'], what: '下达批示' },
  'instructions.answer': { roles: ['clerk', 'leader'], what: '填报批示落实情况' },
  'instructions.confirm': { roles: ['leader'], what: '确认批示落实情况' },
  'instructions.close': { roles: ['leader', 'coordinator'], what: '办结或退回批示' },
  'delegations.create': { roles: ['leader'], what: '委托他人审核、会签' },
  'delegations.listAll': { roles: ['admin', 'coordinator'], what: '查看全部委托' },
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

/**
 * Who may issue a 批示 on a task: the task force (专班, which includes its leaders, who hold both
 * 专班 and 负责人) and a 负责人 of one of the task's lead units (牵头单位). A 负责人 of another
 * unit may not.
 */
export function mayIssueInstruction(actor: Actor, leadUnitIds: readonly number[]): boolean {
  if (!mayDo(actor, 'instructions.issue')) return false;
  if (actor.roles.includes('coordinator')) return true;
  return actor.unitId !== null && leadUnitIds.includes(actor.unitId);
}

export function authorizeIssueInstruction(actor: Actor, leadUnitIds: readonly number[], taskLabel: string): void {
  authorize(actor, 'instructions.issue');
  if (mayIssueInstruction(actor, leadUnitIds)) return;
  throw new LuoshiError(
    'forbidden',
    `只有工作专班或${taskLabel}牵头单位的负责人可以对该任务下达批示。如需批示，请联系工作专班。`,
  );
}

/** The part an actor plays on one addressed unit's line of a 批示 (see answerTransitions). */
function playsPart(actor: Actor, part: AnswerActor, line: { unitId: number; issuedBy: number }): boolean {
  switch (part) {
    case 'unitDrafter':
      return mayDo(actor, 'instructions.answer') && actor.unitId === line.unitId;
    case 'unitLeader':
      return mayDo(actor, 'instructions.confirm') && actor.unitId === line.unitId;
    case 'issuer':
      // The issuer closes or sends back; the task force may do so for any 批示.
      return (
        mayDo(actor, 'instructions.close') && (actor.roles.includes('coordinator') || actor.userId === line.issuedBy)
      );
  }
}

export function mayActOnAnswer(actor: Actor, event: AnswerEvent, line: { unitId: number; issuedBy: number }): boolean {
  return playsPart(actor, answerTransitions[event].by, line);
}

const partLabels: Record<AnswerActor, (unitName: string) => string> = {
  unitDrafter: (unit) => `${unit}的经办人或负责人`,
  unitLeader: (unit) => `${unit}的负责人`,
  issuer: () => '批示人或工作专班',
};

export function authorizeAnswerEvent(
  actor: Actor,
  event: AnswerEvent,
  line: { unitId: number; unitName: string; issuedBy: number },
  what: string,
): void {
  if (mayActOnAnswer(actor, event, line)) return;
  throw new LuoshiError('forbidden', `只有${partLabels[answerTransitions[event].by](line.unitName)}可以${what}。`);
}
