import { z } from 'zod';
import {
  eventsNeedingReason,
  reportEventLabels,
  reportEventTypes,
  returnedReasonLabels,
  type ReportEventType,
} from '../workflow/events';
import { indicatorRatings } from './progress';
import { taskStatusSchema } from './ledgers';

/**
 * Progress reports (季度进展情况) and the compiled quarterly report (季度工作进展情况报告), as the
 * API carries them. Both go through the same lifecycle: drafting → leadReview → signOff → filing → filed.
 */

export const reportStates = ['drafting', 'leadReview', 'signOff', 'filing', 'filed'] as const;
export const reportStateSchema = z.enum(reportStates);
export type ReportState = z.infer<typeof reportStateSchema>;

export const reportStateLabels: Record<ReportState, string> = {
  drafting: '起草',
  leadReview: '牵头单位审核',
  signOff: '责任单位会签',
  filing: '待归档',
  filed: '已归档',
};

/** Events of the lifecycle machine: dot-namespaced, one per button; named once, in workflow/events.ts. */
export const reportEvents = reportEventTypes;
export const reportEventSchema = z.enum(reportEvents);
export { eventsNeedingReason, reportEventLabels, returnedReasonLabels, type ReportEventType };

const reportKinds = ['task', 'project', 'compiled'] as const;
export const reportKindSchema = z.enum(reportKinds);
export type ReportKind = z.infer<typeof reportKindSchema>;
export const reportKindLabels: Record<ReportKind, string> = {
  task: '任务进展报告',
  project: '项目进展报告',
  compiled: '季度工作进展情况报告',
};

const indicatorValueSchema = z.object({
  indicatorId: z.number().int().positive(),
  /** The current value the unit reports; null when not yet known. */
  value: z.number().finite().nullable(),
  note: z.string().max(500).default(''),
  /**
   * The unit states there is nothing new to report for this indicator this quarter (无新进展),
   * instead of a value. Optional, so content stored or sent before it existed still parses.
   */
  noNewProgress: z.boolean().optional(),
});
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

/**
 * A lone UTF-16 surrogate cannot be stored as UTF-8: SQLite would keep three replacement
 * characters. Replace it with one, so what is stored is what was meant, as far as it can be.
 */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

const narrative = z.string().max(20000, '内容过长（不超过 20000 字）').transform(wellFormed);

/** What a drafting unit writes for a task or project in a quarter. */
export const reportContentSchema = z.object({
  progress: narrative,
  problems: narrative,
  nextSteps: narrative,
  /** The unit declares the task finished (已完成). */
  completed: z.boolean().default(false),
  indicatorValues: z.array(indicatorValueSchema).default([]),
});
export type ReportContent = z.infer<typeof reportContentSchema>;

/** What a report's submission needs to know about one of its indicators. */
export interface IndicatorDue {
  indicatorId: number;
  metric: string;
}

/**
 * What is missing before a task or project report may be submitted (提交审核), in the words the
 * drafter sees: the progress text, and for every indicator of the task (units report each
 * indicator every quarter) either a value or an explicit 无新进展. Empty when it may be submitted.
 * The core refuses a submission with gaps; the editor lists them before the button is pressed.
 */
export function submitGaps(
  content: { progress: string; indicatorValues: readonly IndicatorValue[] },
  due: readonly IndicatorDue[],
): string[] {
  const gaps: string[] = [];
  if (content.progress.trim().length === 0) gaps.push('进展情况未填写');
  const given = new Map(content.indicatorValues.map((v) => [v.indicatorId, v]));
  const missing = due.filter((i) => {
    const v = given.get(i.indicatorId);
    return !v || (v.value === null && v.noNewProgress !== true);
  });
  if (missing.length > 0) {
    gaps.push(`指标${missing.map((i) => `「${i.metric}」`).join('')}未填写本季度值（没有新数据的请勾选“无新进展”）`);
  }
  return gaps;
}

/** The core's refusal of a submission with gaps, naming each and what to do. */
export function submitGapsMessage(gaps: readonly string[]): string {
  return `报告内容不完整，不能提交审核：${gaps.join('；')}。请补充后再提交。`;
}

export const emptyReportContent: ReportContent = {
  progress: '',
  problems: '',
  nextSteps: '',
  completed: false,
  indicatorValues: [],
};

/**
 * The compiled report's document: an opaque JSON object (the document model belongs to the
 * document composer); the workflow stores and returns it unchanged.
 */
export const compiledContentSchema = z.record(z.string(), z.unknown());
export type CompiledContent = z.infer<typeof compiledContentSchema>;

export const attachmentSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** 20 MB per file. */
export const attachmentMaxBytes = 20 * 1024 * 1024;

/** One unit (or, for the compiled report's sign-off, one person) that must act. */
const partySchema = z.object({
  kind: z.enum(['unit', 'user']),
  id: z.number().int(),
  name: z.string(),
  /** When this party acted in the current round of review: who, when, with what opinion. */
  acted: z.object({ by: z.string(), at: z.string(), opinion: z.string() }).nullable(),
});
export type PartyView = z.infer<typeof partySchema>;

const allowedActionSchema = z.object({
  event: reportEventSchema,
  label: z.string(),
  needsReason: z.boolean(),
});
export type AllowedAction = z.infer<typeof allowedActionSchema>;

const reportIndicatorSchema = z.object({
  indicatorId: z.number().int(),
  metric: z.string(),
  comparator: z.string(),
  target: z.string(),
  /** The target's numbers (value, and value2 of a range), for checks beside the input. */
  targetValue: z.number().nullable().default(null),
  targetValue2: z.number().nullable().default(null),
  unit: z.string(),
  baselineValue: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  year: z.number().int().nullable(),
  value: z.number().nullable(),
  note: z.string(),
  /** The unit marked this indicator 无新进展 for the quarter. */
  noNewProgress: z.boolean().default(false),
  /** Behind the time-proportional pace to the target. */
  lagging: z.boolean(),
  /** 应达值 and the rating of this revision's value by the progress rule (src/shared/domain/progress.ts). */
  expected: z.number().nullable().default(null),
  rating: z.enum(indicatorRatings).default('unreported'),
});
export type ReportIndicator = z.infer<typeof reportIndicatorSchema>;

export const reportViewSchema = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  quarterLabel: z.string(),
  kind: reportKindSchema,
  kindLabel: z.string(),
  taskId: z.number().int().nullable(),
  projectId: z.number().int().nullable(),
  /** 任务 8 / 重点工程 2 / 2025年第三季度工作进展情况报告 */
  subjectLabel: z.string(),
  title: z.string(),
  revision: z.number().int(),
  previousId: z.number().int().nullable(),
  /** Newer revision of this report, when it was reopened after filing. */
  nextId: z.number().int().nullable(),
  state: reportStateSchema,
  stateLabel: z.string(),
  /** Pass this back with every change: a change made against an older version is refused. */
  version: z.number().int(),
  content: reportContentSchema,
  compiledContent: compiledContentSchema.nullable(),
  /** 归档号 (task and project reports) or 发文字号 (the compiled report), once filed. */
  archiveNo: z.string().nullable(),
  draftingUnit: z.string().nullable(),
  reviewers: z.array(partySchema),
  signers: z.array(partySchema),
  indicators: z.array(reportIndicatorSchema),
  attachments: z.array(attachmentSchema),
  status: taskStatusSchema,
  statusLabel: z.string(),
  /** The drafting unit's deadline: its 延期 if granted, else the round's. */
  deadline: z.string(),
  /** The deadline is the unit's extension (延期), not the round's. */
  extended: z.boolean().default(false),
  roundOpen: z.boolean(),
  submittedAt: z.string().nullable(),
  filedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** Back in drafting after a return, objection or withdrawal: why, and how (被退回 / 有异议 / 已撤回). */
  returnedReason: z.string().nullable().default(null),
  returnedLabel: z.string().nullable().default(null),
  /** What the caller may do now; the core checks again when they do it. */
  canEdit: z.boolean(),
  canReopen: z.boolean(),
  actions: z.array(allowedActionSchema),
});
export type ReportView = z.infer<typeof reportViewSchema>;

const inboxActions = ['draft', 'review', 'signOff', 'file'] as const;
const inboxActionSchema = z.enum(inboxActions);
export type InboxAction = z.infer<typeof inboxActionSchema>;
export const inboxActionLabels: Record<InboxAction, string> = {
  draft: '起草',
  review: '审核',
  signOff: '会签',
  file: '归档',
};

export const inboxItemSchema = z.object({
  reportId: z.number().int(),
  version: z.number().int(),
  roundId: z.number().int(),
  quarterLabel: z.string(),
  kind: reportKindSchema,
  subjectLabel: z.string(),
  title: z.string(),
  state: reportStateSchema,
  stateLabel: z.string(),
  action: inboxActionSchema,
  /** 起草 / 审核 / 会签 / 归档 */
  actionLabel: z.string(),
  /** Returned, objected to or withdrawn: the reason, so the drafter sees why it came back. */
  returnedReason: z.string().nullable(),
  /** 被退回 / 有异议 / 已撤回: how it came back, shown before the reason. */
  returnedLabel: z.string().nullable().default(null),
  /** The drafting unit's deadline: its 延期 if granted, else the round's. */
  deadline: z.string(),
  extended: z.boolean().default(false),
  overdue: z.boolean(),
  updatedAt: z.string(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const transitionInputSchema = z.object({
  reportId: z.number().int().positive(),
  version: z.number().int().nonnegative(),
  event: reportEventSchema,
  opinion: z.string().trim().max(2000, '意见过长（不超过 2000 字）').optional(),
});
export type TransitionInput = z.infer<typeof transitionInputSchema>;
