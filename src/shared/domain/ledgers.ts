import { z } from 'zod';

/**
 * Excel ledgers (台账) and the offline fill-in loop (填报表): the JSON-friendly shapes the UI and
 * the API share. The writers themselves live in src/main/core/exports/xlsx.
 */

export const ledgerKinds = ['task', 'indicator', 'project', 'unit'] as const;
export const ledgerKindSchema = z.enum(ledgerKinds);
export type LedgerKind = z.infer<typeof ledgerKindSchema>;

export const ledgerKindLabels: Record<LedgerKind, string> = {
  task: '重点任务推进台账',
  indicator: '指标完成情况台账',
  project: '重点工程、重大项目和品牌活动推进台账',
  unit: '单位任务台账',
};

/** Status of a task or project in a quarter: the progress rule's (progress.ts). */
export { taskStatuses, taskStatusSchema, taskStatusLabels, type TaskStatus } from './progress';

export const quarterRefSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  quarter: z.number().int().min(1).max(4),
});
export type QuarterRef = z.infer<typeof quarterRefSchema>;

/** 2025Q3 and 2025年第三季度: the quarter rules of src/shared/quarters.ts. */
export { quarterKey, quarterLabel } from '../quarters';

// ---------------------------------------------------------------------------------------------
// Fill-in sheets (填报表)

/** Report states as the workflow names them; only `drafting` accepts a fill-in import. */
export const reportStateLabels: Record<string, string> = {
  drafting: '起草',
  leadReview: '牵头单位审核',
  signOff: '责任单位会签',
  filing: '归档',
  filed: '已归档',
};

const fillInRowKinds = ['task', 'project'] as const;
const fillInRowKindSchema = z.enum(fillInRowKinds);

/** Where a value sits in the workbook, for messages and for the preview. */
const cellRefSchema = z.object({
  sheet: z.string(),
  /** A1-style address, e.g. `D5`. */
  address: z.string(),
});

const fillInIndicatorValueSchema = z.object({
  indicatorId: z.number().int(),
  metric: z.string(),
  value: z.number().nullable(),
  cell: cellRefSchema,
});
export type FillInIndicatorValue = z.infer<typeof fillInIndicatorValueSchema>;

/** One report as read back from a fill-in sheet: identifiers (signed) and the values as typed. */
const fillInParsedRowSchema = z.object({
  reportId: z.number().int(),
  /** The report's version when the sheet was made. */
  version: z.number().int(),
  kind: fillInRowKindSchema,
  no: z.string(),
  title: z.string(),
  progress: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  /** 是否已全部完成 as chosen (是 → true, 否 → false); null when left empty, which changes nothing. */
  completed: z.boolean().nullable(),
  indicators: z.array(fillInIndicatorValueSchema),
  /** The row on the progress sheet, for messages. */
  row: z.number().int(),
});
export type FillInParsedRow = z.infer<typeof fillInParsedRowSchema>;

export const fillInParseSchema = z.object({
  roundId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  year: z.number().int(),
  quarter: z.number().int(),
  /** ISO timestamp of when the sheet was made. */
  createdAt: z.string(),
  rows: z.array(fillInParsedRowSchema),
});
export type FillInParse = z.infer<typeof fillInParseSchema>;

const fillInTextFields = ['progress', 'problems', 'nextSteps'] as const;
export const fillInFieldSchema = z.enum([...fillInTextFields, 'indicator', 'completed']);
export type FillInField = z.infer<typeof fillInFieldSchema>;

export const fillInFieldLabels: Record<FillInField, string> = {
  progress: '进展情况',
  problems: '存在问题',
  nextSteps: '下步计划',
  indicator: '指标值',
  completed: '是否完成',
};

const fillInChangeSchema = z.discriminatedUnion('field', [
  z.object({
    reportId: z.number().int(),
    title: z.string(),
    field: z.enum(fillInTextFields),
    old: z.string(),
    new: z.string(),
    cell: cellRefSchema,
  }),
  z.object({
    reportId: z.number().int(),
    title: z.string(),
    field: z.literal('indicator'),
    indicatorId: z.number().int(),
    metric: z.string(),
    old: z.number().nullable(),
    new: z.number().nullable(),
    cell: cellRefSchema,
  }),
  z.object({
    reportId: z.number().int(),
    title: z.string(),
    field: z.literal('completed'),
    old: z.boolean(),
    new: z.boolean(),
    cell: cellRefSchema,
  }),
]);
export type FillInChange = z.infer<typeof fillInChangeSchema>;

const fillInConflictReasons = ['versionMoved', 'notDrafting', 'unknownReport', 'unknownIndicator'] as const;
const fillInConflictSchema = z.object({
  reportId: z.number().int(),
  title: z.string(),
  reason: z.enum(fillInConflictReasons),
  sheetVersion: z.number().int(),
  currentVersion: z.number().int().nullable(),
  currentState: z.string().nullable(),
  /** Plain Chinese, ready to show. */
  message: z.string(),
});
export type FillInConflict = z.infer<typeof fillInConflictSchema>;

/** Per report: what to write and the version the write must still find (optimistic check). */
const fillInReportUpdateSchema = z.object({
  reportId: z.number().int(),
  expectedVersion: z.number().int(),
  progress: z.string().optional(),
  problems: z.string().optional(),
  nextSteps: z.string().optional(),
  completed: z.boolean().optional(),
  indicatorValues: z.array(z.object({ indicatorId: z.number().int(), value: z.number().nullable() })),
});
export type FillInReportUpdate = z.infer<typeof fillInReportUpdateSchema>;

export const fillInPreviewSchema = z.object({
  roundId: z.number().int(),
  unitId: z.number().int(),
  changes: z.array(fillInChangeSchema),
  conflicts: z.array(fillInConflictSchema),
  /** Only reports with at least one change; apply these in one transaction, all or nothing. */
  updates: z.array(fillInReportUpdateSchema),
  /** Reports in the sheet with nothing changed. */
  unchangedReports: z.number().int(),
  /** True when there is no conflict. A preview with conflicts must not be applied. */
  canApply: z.boolean(),
});
export type FillInPreview = z.infer<typeof fillInPreviewSchema>;
