import { z } from 'zod';
import { isPastDeadline } from './progress';
import { isoDate } from './rounds';

/**
 * 批示 (a leader's instruction) and its 落实 (what each addressed unit did about it).
 *
 * A 批示 is issued on a task (optionally on one report revision of it) to one or more units, with
 * a due date. Each addressed unit answers on its own line, through a small review:
 *
 *     drafting ──answer.submit──▶ confirming ──answer.confirm──▶ answered ──answer.close──▶ closed
 *        ▲                           │ answer.return (reason)        │ answer.sendBack (reason)
 *        └───────────────────────────┴───────────────────────────────┘
 *
 * - drafting (起草): a clerk or leader of the unit writes the 落实情况 (answer.save keeps a draft);
 * - confirming (单位负责人确认): a leader of the unit confirms it, or returns it with a reason;
 * - answered (已答复): the issuer or the task force (专班) closes it (办结) or sends it back with
 *   a reason, which returns it to drafting;
 * - closed (已办结): final. The 批示 is closed when every addressed unit's line is.
 *
 * A line is overdue (逾期) when the due date (Asia/Shanghai) has passed and it is not yet answered
 * (drafting or confirming). Who may send which event is decided by the core's policy module; this
 * table only says which events each state accepts and where they lead.
 */

export const answerStates = ['drafting', 'confirming', 'answered', 'closed'] as const;
export const answerStateSchema = z.enum(answerStates);
export type AnswerState = z.infer<typeof answerStateSchema>;

export const answerStateLabels: Record<AnswerState, string> = {
  drafting: '待落实',
  confirming: '待单位负责人确认',
  answered: '已答复',
  closed: '已办结',
};

export const answerEvents = [
  'answer.save',
  'answer.submit',
  'answer.confirm',
  'answer.return',
  'answer.close',
  'answer.sendBack',
] as const;
export const answerEventSchema = z.enum(answerEvents);
export type AnswerEvent = z.infer<typeof answerEventSchema>;

export const answerEventLabels: Record<AnswerEvent, string> = {
  'answer.save': '保存落实情况',
  'answer.submit': '提交单位负责人确认',
  'answer.confirm': '确认答复',
  'answer.return': '退回修改',
  'answer.close': '办结',
  'answer.sendBack': '退回重办',
};

/** Who acts on an event: the addressed unit's drafters, the unit's leader, or the issuer / 专班. */
export type AnswerActor = 'unitDrafter' | 'unitLeader' | 'issuer';

interface Transition {
  from: AnswerState;
  to: AnswerState;
  by: AnswerActor;
  /** The event needs a non-blank reason (kept as the line's returnedReason). */
  needsReason?: true;
  /** The event needs a non-blank 落实情况 text. */
  needsText?: true;
}

/** The whole state table: one row per event. */
export const answerTransitions: Record<AnswerEvent, Transition> = {
  'answer.save': { from: 'drafting', to: 'drafting', by: 'unitDrafter' },
  'answer.submit': { from: 'drafting', to: 'confirming', by: 'unitDrafter', needsText: true },
  'answer.confirm': { from: 'confirming', to: 'answered', by: 'unitLeader' },
  'answer.return': { from: 'confirming', to: 'drafting', by: 'unitLeader', needsReason: true },
  'answer.close': { from: 'answered', to: 'closed', by: 'issuer' },
  'answer.sendBack': { from: 'answered', to: 'drafting', by: 'issuer', needsReason: true },
};

export type TransitionResult = { ok: true; to: AnswerState } | { ok: false; message: string };

/** Where an event leads from a state, or why it cannot be sent there (Chinese, for the user). */
export function answerTransition(
  state: AnswerState,
  event: AnswerEvent,
  input: { text?: string; reason?: string } = {},
): TransitionResult {
  const rule = answerTransitions[event];
  if (rule.from !== state) {
    return {
      ok: false,
      message: `该单位的落实情况当前为「${answerStateLabels[state]}」，不能${answerEventLabels[event]}。请刷新后查看最新状态。`,
    };
  }
  if (rule.needsText && !(input.text ?? '').trim())
    return { ok: false, message: '请先填写落实情况，再提交单位负责人确认。' };
  if (rule.needsReason && !(input.reason ?? '').trim())
    return { ok: false, message: `${answerEventLabels[event]}需要填写理由。` };
  return { ok: true, to: rule.to };
}

/** The events a state accepts (before asking who may send them). */
export function eventsFrom(state: AnswerState): AnswerEvent[] {
  return answerEvents.filter((e) => answerTransitions[e].from === state);
}

/** Overdue: past the due date (the whole due day counts, Asia/Shanghai) and not yet answered. */
export function isAnswerOverdue(state: AnswerState, dueDate: string, nowIso: string): boolean {
  return (state === 'drafting' || state === 'confirming') && isPastDeadline(dueDate, nowIso);
}

/** A 批示 is closed when every addressed unit's line is closed. */
export function isInstructionClosed(states: readonly AnswerState[]): boolean {
  return states.length > 0 && states.every((s) => s === 'closed');
}

// --- contract shapes ------------------------------------------------------------------------------

export const issueInstructionInputSchema = z.object({
  taskId: z.number().int().positive(),
  /** The report revision the 批示 is written on, if any; it must be a report of the task. */
  reportId: z.number().int().positive().optional(),
  unitIds: z.array(z.number().int().positive()).min(1, '请至少选择一个承办单位').max(100, '承办单位过多'),
  text: z.string().trim().min(1, '批示内容不能为空').max(2000, '批示内容不超过 2000 字'),
  dueDate: isoDate,
});
export type IssueInstructionInput = z.infer<typeof issueInstructionInputSchema>;

export const actInstructionInputSchema = z.object({
  instructionId: z.number().int().positive(),
  /** The addressed unit whose line the event is for. */
  unitId: z.number().int().positive(),
  event: answerEventSchema,
  /** 落实情况 (save, submit). */
  text: z.string().max(4000, '落实情况不超过 4000 字').optional(),
  /** Reason for a return or send-back. */
  reason: z.string().max(500, '理由不超过 500 字').optional(),
});
export type ActInstructionInput = z.infer<typeof actInstructionInputSchema>;

export const instructionAnswerSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  state: answerStateSchema,
  stateLabel: z.string(),
  answer: z.string(),
  draftedBy: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
  overdue: z.boolean(),
  /** The events the caller may send on this line now. */
  actions: z.array(answerEventSchema),
});
export type InstructionAnswer = z.infer<typeof instructionAnswerSchema>;

export const instructionSchema = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  taskNo: z.number().int(),
  taskTitle: z.string(),
  reportId: z.number().int().nullable(),
  reportRevision: z.number().int().nullable(),
  text: z.string(),
  dueDate: z.string(),
  issuedBy: z.string(),
  issuedByUnit: z.string().nullable(),
  issuedAt: z.string(),
  closed: z.boolean(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  answers: z.array(instructionAnswerSchema),
});
export type InstructionEntity = z.infer<typeof instructionSchema>;

/** Where a 批示 stands as a whole, for lists: 已办结 · 逾期未答复 · 待办结 (every unit answered) · 落实中. */
export type InstructionStatus = 'closed' | 'overdue' | 'awaitingClose' | 'inProgress';

export const instructionStatusLabels: Record<InstructionStatus, string> = {
  closed: '已办结',
  overdue: '逾期未答复',
  awaitingClose: '待办结',
  inProgress: '落实中',
};

export function instructionStatus(i: {
  closed: boolean;
  overdue: boolean;
  answers: readonly { state: AnswerState }[];
}): InstructionStatus {
  if (i.closed) return 'closed';
  if (i.overdue) return 'overdue';
  return i.answers.every((a) => a.state === 'answered' || a.state === 'closed') ? 'awaitingClose' : 'inProgress';
}
