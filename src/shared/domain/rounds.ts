import { z } from 'zod';
import { taskStatusSchema } from './ledgers';
import { reportKindSchema, reportStateSchema } from './reports';

/** A reporting round (填报轮次): one quarter, one deadline, one report per task and project. */
export const roundStatuses = ['open', 'closed'] as const;
export const roundStatusSchema = z.enum(roundStatuses);
export type RoundStatus = z.infer<typeof roundStatusSchema>;

export const roundStatusLabels: Record<RoundStatus, string> = { open: '填报中', closed: '已关闭' };

// The refine refuses impossible dates (2025-13-45, 2025-02-30): stored, they broke every status computed from the deadline.
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD 格式')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), '日期不存在，请检查年、月、日');

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
  warnings: z.array(roundWarningSchema),
});
export type RoundEntity = z.infer<typeof roundSchema>;

export const openRoundInputSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  quarter: z.number().int().min(1).max(4),
  deadline: isoDate,
});
export type OpenRoundInput = z.infer<typeof openRoundInputSchema>;

export const roundRowSchema = z.object({
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
  /** Who must act next: unit names (or the coordinating office for filing). */
  awaiting: z.array(z.string()),
  /** Not submitted and the deadline has passed. */
  late: z.boolean(),
  archiveNo: z.string().nullable(),
  submittedAt: z.string().nullable(),
  filedAt: z.string().nullable(),
});
export type RoundRow = z.infer<typeof roundRowSchema>;

export const roundOverviewSchema = z.object({
  round: roundSchema,
  rows: z.array(roundRowSchema),
  countsByState: z.record(reportStateSchema, z.number().int()),
  countsByStatus: z.record(taskStatusSchema, z.number().int()),
  compiledReportId: z.number().int().nullable(),
});
export type RoundOverview = z.infer<typeof roundOverviewSchema>;
