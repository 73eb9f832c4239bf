import { z } from 'zod';
import { taskStatusSchema } from './ledgers';
import { unitWarningSchema, warningLevelSchema } from './progress';
import { reminderSummarySchema } from './supervision';
import { compareQuarters, nextQuarter, quarterLabel, type Quarter, type QuarterNumber } from '../quarters';
import { reportKindSchema, reportStateSchema, type ReportState } from './reports';

/** A reporting round (填报轮次): one quarter, one deadline, one report per task and project. */
const roundStatuses = ['open', 'closed'] as const;
const roundStatusSchema = z.enum(roundStatuses);
export type RoundStatus = z.infer<typeof roundStatusSchema>;

export const roundStatusLabels: Record<RoundStatus, string> = { open: '填报中', closed: '已关闭' };

// The refine refuses impossible dates (2025-13-45, 2025-02-30): stored, they broke every status computed from the deadline.
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD 格式')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    '日期不存在，请检查年、月、日',
  );

export const roundWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type RoundWarning = z.infer<typeof roundWarningSchema>;

export const roundSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  quarter: z.number().int().min(1).max(4),
  label: z.string(),
  /** Last day for submitting (inclusive), ISO date. */
  deadline: isoDate,
  status: roundStatusSchema,
  statusLabel: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  reportCount: z.number().int(),
  filedCount: z.number().int(),
  /** Closed with its drafting reports carried over: they can still be written and submitted. */
  carryOver: z.boolean(),
  warnings: z.array(roundWarningSchema),
});
export type RoundEntity = z.infer<typeof roundSchema>;

// The year is only bounded to four digits here: which quarters may be opened is the core's rule
// (roundQuarterProblem), which says in Chinese what is allowed. A tighter bound here used to make
// the form clamp 1999 to 2000 and open 2000年第四季度 without a word.
export const openRoundInputSchema = z.object({
  year: z.number().int().min(1000, '年度应为四位数').max(9999, '年度应为四位数'),
  quarter: z.number().int().min(1).max(4),
  deadline: isoDate,
});
export type OpenRoundInput = z.infer<typeof openRoundInputSchema>;

/** What becomes of a round's unfinished reports when it closes. */
export const closeModes = ['carryOver', 'leaveUnfinished'] as const;
const closeModeSchema = z.enum(closeModes);
export type CloseMode = z.infer<typeof closeModeSchema>;
export const closeModeLabels: Record<CloseMode, string> = {
  carryOver: '延续办理：未完成的报告留在待办中，关闭后仍可起草、提交、审核、会签和归档',
  leaveUnfinished: '保留为未完成：未提交的报告停止起草，标为未报送；已提交的报告仍按流程审核、会签、归档',
};

export const closeRoundInputSchema = z.object({
  roundId: z.number().int().positive(),
  /** File every report waiting to be filed (待归档) as part of closing. */
  fileReady: z.boolean().default(false),
  remaining: closeModeSchema.default('leaveUnfinished'),
});

/** A report of the round that is not filed yet, as the closing dialog lists it. */
const pendingReportSchema = z.object({
  reportId: z.number().int(),
  subjectLabel: z.string(),
  title: z.string(),
  state: reportStateSchema,
  stateLabel: z.string(),
  /** Who must act next: unit names, people, or 工作专班. */
  awaiting: z.array(z.string()),
});
export type PendingReport = z.infer<typeof pendingReportSchema>;

export const closePreviewSchema = z.object({
  round: roundSchema,
  /** Unfiled reports by state (filed is always 0 here). */
  counts: z.record(reportStateSchema, z.number().int()),
  pending: z.array(pendingReportSchema),
});
export type ClosePreview = z.infer<typeof closePreviewSchema>;

/** The quarters a round may be opened for, now: inside the plan's period and not after the next quarter. */
export const roundWindowSchema = z.object({
  first: z.object({ year: z.number().int(), quarter: z.number().int().min(1).max(4) }).nullable(),
  last: z.object({ year: z.number().int(), quarter: z.number().int().min(1).max(4) }),
  /** The quarter in progress (China time) and the one after it. */
  current: z.object({ year: z.number().int(), quarter: z.number().int().min(1).max(4) }),
  /** Human-readable: 2023年第一季度至2027年第一季度. */
  label: z.string(),
});
export type RoundWindow = z.infer<typeof roundWindowSchema>;

/** The quarter in progress in China time (UTC+8, no daylight saving). */
export function chinaQuarterOf(now: Date): Quarter {
  const t = new Date(now.getTime() + 8 * 3_600_000);
  return { year: t.getUTCFullYear(), quarter: (Math.floor(t.getUTCMonth() / 3) + 1) as QuarterNumber };
}

/**
 * The window of quarters a round may be opened for: from the plan's first year (Q1) to the
 * earlier of the plan's last year (Q4) and the quarter after the current one.
 */
export function roundWindow(period: { from: number | null; to: number | null }, now: Date): RoundWindow {
  const current = chinaQuarterOf(now);
  const next = nextQuarter(current);
  const planLast: Quarter | null = period.to === null ? null : { year: period.to, quarter: 4 };
  const last = planLast && compareQuarters(planLast, next) < 0 ? planLast : next;
  const first: Quarter | null = period.from === null ? null : { year: period.from, quarter: 1 };
  const label = first ? `${quarterLabel(first)}至${quarterLabel(last)}` : `${quarterLabel(last)}及以前`;
  return { first, last, current, label };
}

const asQuarter = (q: { year: number; quarter: number }): Quarter => ({
  year: q.year,
  quarter: q.quarter as QuarterNumber,
});

/** Why a round cannot be opened for this quarter, or null when it can. */
export function roundQuarterProblem(quarter: Quarter, window: RoundWindow): string | null {
  const label = quarterLabel(quarter);
  const first = window.first ? asQuarter(window.first) : null;
  const last = asQuarter(window.last);
  if (first && compareQuarters(first, last) > 0) {
    return `工作方案的实施期已过或尚未开始，当前没有可以开启的季度（方案期始于${quarterLabel(first)}，最晚可开启${quarterLabel(last)}）。`;
  }
  if (first && compareQuarters(quarter, first) < 0) {
    return `${label}早于工作方案的实施期，不能开启。可以开启的季度为${window.label}。`;
  }
  if (compareQuarters(quarter, last) > 0) {
    const why =
      compareQuarters(last, nextQuarter(asQuarter(window.current))) < 0 ? '晚于工作方案的实施期' : '晚于下一季度';
    return `${label}${why}，不能开启。可以开启的季度为${window.label}。`;
  }
  return null;
}

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The span a round's deadline may fall in: from the quarter's first day to one year after its end. */
export function deadlineRange(quarter: Quarter): { from: string; to: string } {
  const fromMs = Date.UTC(quarter.year, (quarter.quarter - 1) * 3, 1);
  const endMs = Date.UTC(quarter.year, quarter.quarter * 3, 0);
  return { from: isoDay(fromMs), to: isoDay(endMs + 365 * dayMs) };
}

/** Why `deadline` cannot be this quarter's deadline, or null when it can. */
export function roundDeadlineProblem(quarter: Quarter, deadline: string): string | null {
  const { from, to } = deadlineRange(quarter);
  if (deadline < from || deadline > to) {
    return `${quarterLabel(quarter)}的报送截止日期应在 ${chinaDate(from)} 至 ${chinaDate(to)} 之间，${chinaDate(deadline)} 不在此范围内。`;
  }
  return null;
}

/** 2026-01-10 → 2026年1月10日. */
export function chinaDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

/**
 * The round the dashboard and the round overview show first: the latest open round by quarter,
 * else the latest round. `rounds` may come in any order.
 */
export function currentRound<R extends { year: number; quarter: number; status: RoundStatus }>(
  rounds: readonly R[],
): R | null {
  const byQuarter = [...rounds].sort((a, b) => b.year - a.year || b.quarter - a.quarter);
  return byQuarter.find((r) => r.status === 'open') ?? byQuarter[0] ?? null;
}

/**
 * Whether a report can still move in its round. In an open round, always. In a closed round a
 * submitted report (in review, sign-off or waiting to be filed) still moves: closing never
 * strands it. A drafting report moves only when the round was closed with its reports carried
 * over; a filed report stays as filed.
 */
export function reportMayMove(round: { status: RoundStatus; carryOver: boolean }, state: ReportState): boolean {
  if (round.status === 'open') return true;
  if (state === 'filed') return false;
  if (state === 'drafting') return round.carryOver;
  return true;
}

const roundRowSchema = z.object({
  reportId: z.number().int(),
  version: z.number().int(),
  kind: reportKindSchema,
  taskId: z.number().int().nullable(),
  projectId: z.number().int().nullable(),
  no: z.number().int().nullable(),
  subjectLabel: z.string(),
  title: z.string(),
  leadUnits: z.array(z.string()),
  revision: z.number().int(),
  state: reportStateSchema,
  stateLabel: z.string(),
  status: taskStatusSchema,
  statusLabel: z.string(),
  /** 三色预警 by the progress rule. */
  warning: warningLevelSchema,
  /** Who must act next: unit names (or the coordinating office for filing). */
  awaiting: z.array(z.string()),
  /** Not submitted and the drafting unit's deadline has passed. */
  late: z.boolean(),
  /** The drafting unit's deadline: its 延期 if granted, else the round's. */
  deadline: isoDate,
  /** The drafting unit was granted an extension (延期) in this round. */
  extended: z.boolean(),
  /** The unit that drafts the report, or null when the task force drafts it. */
  draftingUnitId: z.number().int().nullable(),
  draftingUnit: z.string().nullable(),
  archiveNo: z.string().nullable(),
  submittedAt: z.string().nullable(),
  filedAt: z.string().nullable(),
});
export type RoundRow = z.infer<typeof roundRowSchema>;

/** 延期: a unit's own deadline in a round, granted by the task force with a reason. */
export const extensionSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  deadline: isoDate,
  reason: z.string(),
  grantedBy: z.string(),
  grantedAt: z.string(),
});
export type ExtensionEntity = z.infer<typeof extensionSchema>;

export const extendInputSchema = z.object({
  roundId: z.number().int().positive(),
  unitId: z.number().int().positive(),
  deadline: isoDate,
  reason: z.string().max(500, '理由不超过 500 字'),
});
export type ExtendInput = z.infer<typeof extendInputSchema>;

export const roundOverviewSchema = z.object({
  round: roundSchema,
  rows: z.array(roundRowSchema),
  extensions: z.array(extensionSchema),
  /** Reminders (催办) sent in the round, per unit: how often and the last one. */
  reminders: z.array(reminderSummarySchema),
  countsByWarning: z.record(warningLevelSchema, z.number().int()),
  /** 三色预警 per drafting unit (progress.ts rule 5), worst first. */
  units: z.array(unitWarningSchema),
  countsByState: z.record(reportStateSchema, z.number().int()),
  countsByStatus: z.record(taskStatusSchema, z.number().int()),
  compiledReportId: z.number().int().nullable(),
});
export type RoundOverview = z.infer<typeof roundOverviewSchema>;
