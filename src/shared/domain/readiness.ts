import { z } from 'zod';
import type { Role } from './accounts';

/**
 * Which accounts the workflow still lacks. Each step of the lifecycle is done by a role of a
 * unit (src/shared/workflow/reportMachine.ts): the first lead unit's 经办人 or 负责人 drafts, every
 * lead unit's 负责人 reviews, every responsible unit's 负责人 countersigns, a 专班 account files.
 * The compiled quarterly report is drafted by 专班, reviewed by the coordinating units' 负责人
 * and countersigned by users who are both 专班 and 负责人 (roundsService.createCompiled).
 */
const workflowNeedCodes = [
  'admin',
  'coordinator',
  'taskForceLeader',
  'compiledReviewer',
  'drafter',
  'reviewer',
  'signer',
] as const;
export const workflowNeedSchema = z.object({
  code: z.enum(workflowNeedCodes),
  message: z.string(),
  /** The units concerned, in full (the message names the first few). */
  units: z.array(z.string()),
});
export type WorkflowNeed = z.infer<typeof workflowNeedSchema>;

export const readinessSchema = z.object({
  /** True when every step of the workflow has someone who can do it. */
  complete: z.boolean(),
  needs: z.array(workflowNeedSchema),
});
export type Readiness = z.infer<typeof readinessSchema>;

interface ReadinessAccount {
  roles: readonly Role[];
  unitId: number | null;
  disabled: boolean;
}

export interface ReadinessUnit {
  id: number;
  name: string;
}

export interface ReadinessInput {
  accounts: readonly ReadinessAccount[];
  /** The units that review the compiled report; id null when the directory lacks the name. */
  compiledReviewUnits: readonly { id: number | null; name: string }[];
  /** Units that draft (the first lead unit of a task or project). */
  drafters: readonly ReadinessUnit[];
  /** Every lead unit (they review). */
  reviewers: readonly ReadinessUnit[];
  /** Every responsible unit, groups expanded (they countersign). */
  signers: readonly ReadinessUnit[];
}

const shown = 6;
function nameList(units: readonly string[]): string {
  return units.length <= shown ? units.join('、') : `${units.slice(0, shown).join('、')}等 ${units.length} 个单位`;
}

/** What the workflow still lacks, from the active accounts; an empty list when nothing. */
export function workflowReadiness(input: ReadinessInput): Readiness {
  const active = input.accounts.filter((a) => !a.disabled);
  const has = (roles: readonly Role[], unitId?: number) =>
    active.some((a) => roles.every((r) => a.roles.includes(r)) && (unitId === undefined || a.unitId === unitId));
  const hasAny = (roles: readonly Role[], unitId: number) =>
    active.some((a) => a.unitId === unitId && roles.some((r) => a.roles.includes(r)));
  const needs: WorkflowNeed[] = [];
  if (!has(['admin']))
    needs.push({ code: 'admin', message: '需要一名管理员账号，由管理员为各单位创建账号。', units: [] });
  if (!has(['coordinator'])) {
    needs.push({
      code: 'coordinator',
      message: '开启填报轮次、归档报告和起草季度报告需要一名具有「专班」角色的账号。',
      units: [],
    });
  }
  if (!has(['coordinator', 'leader'])) {
    needs.push({
      code: 'taskForceLeader',
      message: '起草季度报告需要一名同时具有「专班」和「负责人」角色的账号（工作专班负责人，负责季度报告的会签）。',
      units: [],
    });
  }
  const missingReview = input.compiledReviewUnits
    .filter((u) => u.id === null || !has(['leader'], u.id))
    .map((u) => u.name);
  if (missingReview.length > 0) {
    needs.push({
      code: 'compiledReviewer',
      message: `季度报告由统筹协调单位审核：${nameList(missingReview)}还需要一名「负责人」账号（所属单位选该单位）。`,
      units: missingReview,
    });
  }
  const unique = (units: readonly ReadinessUnit[]) => [...new Map(units.map((u) => [u.id, u])).values()];
  const noDrafter = unique(input.drafters)
    .filter((u) => !hasAny(['clerk', 'leader'], u.id))
    .map((u) => u.name);
  if (noDrafter.length > 0) {
    needs.push({
      code: 'drafter',
      message: `起草任务进展报告：${nameList(noDrafter)}还没有「经办人」或「负责人」账号。`,
      units: noDrafter,
    });
  }
  const noReviewer = unique(input.reviewers)
    .filter((u) => !has(['leader'], u.id))
    .map((u) => u.name);
  if (noReviewer.length > 0) {
    needs.push({
      code: 'reviewer',
      message: `牵头单位审核：${nameList(noReviewer)}还没有「负责人」账号。`,
      units: noReviewer,
    });
  }
  const noSigner = unique(input.signers)
    .filter((u) => !has(['leader'], u.id))
    .map((u) => u.name);
  if (noSigner.length > 0) {
    needs.push({
      code: 'signer',
      message: `责任单位会签：${nameList(noSigner)}还没有「负责人」账号。`,
      units: noSigner,
    });
  }
  return { complete: needs.length === 0, needs };
}
