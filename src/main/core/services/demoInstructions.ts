import type { Actor } from '../../../shared/domain/accounts';
import type { AnswerEvent } from '../../../shared/domain/instructions';
import type { SubjectUnits } from '../store/roundsStore';
import type { WorkflowServices } from './workflowServices';

/** Who the demo has: the task force's leader issues, each unit's clerk answers and its leader confirms. */
export interface DemoInstructionCast {
  taskForceLeader: Actor;
  clerks: Map<number, Actor>;
  leaders: Map<number, Actor>;
}

/** How far each addressed unit has got: closed, answered (awaiting the issuer), confirming, drafting, untouched. */
export type Outcome = 'closed' | 'answered' | 'confirming' | 'sentBackThenConfirming' | 'drafting' | 'untouched';

export interface PlannedInstruction {
  /** One per addressed unit, in the task's unit order. */
  outcomes: Outcome[];
  text: string;
  /** The due date, in days after the quarter's end. */
  dueDays: number;
}

/**
 * The 批示 the latest quarter shows: one closed with answers, one answered and awaiting the
 * issuer's closing, one still with the units (a saved draft and an untouched line) and one sent
 * back once and answered again; earlier quarters get one closed 批示 each, so the history and
 * the quarterly report's annex have some. Everything goes through the instructions service.
 */
export const latestQuarterInstructions: PlannedInstruction[] = [
  { outcomes: ['closed', 'closed'], text: '请抓紧推进，按季度报告落实情况。', dueDays: 20 },
  { outcomes: ['answered'], text: '请对照序时进度查找差距，提出追赶措施。', dueDays: 30 },
  { outcomes: ['drafting', 'untouched'], text: '请于月底前报送专项推进方案。', dueDays: 100 },
  { outcomes: ['sentBackThenConfirming'], text: '请补充资金保障情况，说明资金来源和到位时间。', dueDays: 20 },
];
export const earlierQuarterInstructions: PlannedInstruction[] = [
  { outcomes: ['closed'], text: '请总结本季度经验做法，形成工作简报。', dueDays: 20 },
];

const answerText = (unitName: string, taskNo: number): string =>
  `${unitName}已按批示要求研究部署任务${taskNo}的推进工作，明确责任人和时间节点，本季度已完成阶段性目标，后续将持续跟踪落实。`;

/** Issue `plan` on the round's tasks (a different task for each item and round) and play each line to its outcome. */
export function playDemoInstructions(
  services: WorkflowServices,
  tick: () => void,
  cast: DemoInstructionCast,
  tasks: SubjectUnits[],
  options: { quarterEnd: string; plan: readonly PlannedInstruction[]; roundIndex: number },
): number {
  const plan = options.plan;
  // Tasks whose addressed units have demo accounts, a different one for each round.
  const usable = tasks.filter((t) => t.units.some((u) => u.kind === 'unit' && cast.clerks.has(u.unitId)));
  let issued = 0;
  plan.forEach((item, k) => {
    const task = usable[(options.roundIndex * (plan.length + 2) + k) % Math.max(1, usable.length)];
    if (!task) return;
    const units = task.units
      .filter((u) => u.kind === 'unit' && cast.clerks.has(u.unitId) && cast.leaders.has(u.unitId))
      .slice(0, item.outcomes.length);
    if (units.length === 0) return;
    tick();
    const instruction = services.instructions.issue(cast.taskForceLeader, {
      taskId: task.id,
      text: item.text,
      dueDate: dayOffset(options.quarterEnd, item.dueDays),
      unitIds: units.map((u) => u.unitId),
    });
    issued += 1;
    units.forEach((unit, i) => {
      const clerk = cast.clerks.get(unit.unitId);
      const leader = cast.leaders.get(unit.unitId);
      const outcome = item.outcomes[i] ?? 'untouched';
      if (!clerk || !leader || outcome === 'untouched') return;
      const act = (actor: Actor, event: AnswerEvent, extra: { text?: string; reason?: string } = {}) => {
        tick();
        services.instructions.act(actor, { instructionId: instruction.id, unitId: unit.unitId, event, ...extra });
      };
      const text = answerText(unit.name, task.no);
      if (outcome === 'drafting') return act(clerk, 'answer.save', { text });
      act(clerk, 'answer.submit', { text });
      if (outcome === 'confirming') return;
      act(leader, 'answer.confirm');
      if (outcome === 'sentBackThenConfirming') {
        act(cast.taskForceLeader, 'answer.sendBack', { reason: '请补充资金到位的具体时间和金额。' });
        act(clerk, 'answer.submit', { text: `${text}资金已于本月到位，共计120万元。` });
        return;
      }
      if (outcome === 'closed') act(cast.taskForceLeader, 'answer.close');
    });
  });
  return issued;
}

function dayOffset(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
