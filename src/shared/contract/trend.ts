import { z } from 'zod';
import { indicatorRatings, taskStatusSchema, warningLevelSchema } from '../domain/progress';
import { defineMethod } from './define';
import { generatedFileSchema } from './ledgers';

/** A task in one quarter, by the progress rule (drafts never count). */
const trendRoundSchema = z.object({
  roundId: z.number().int(),
  year: z.number().int(),
  quarter: z.number().int(),
  /** 2025年第三季度 */
  label: z.string(),
  /** The quarter's last day: where the pace is measured. */
  asOf: z.string(),
  status: taskStatusSchema,
  warning: warningLevelSchema,
  /** The counted report, or null when nothing counts. */
  reportId: z.number().int().nullable(),
});
export type TrendRound = z.infer<typeof trendRoundSchema>;

const trendPointSchema = z.object({
  roundId: z.number().int(),
  /** The counted report's value; null when none counts. */
  value: z.number().nullable(),
  /** 应达值 at the quarter's end; null when it cannot be drawn. */
  expected: z.number().nullable(),
  rating: z.enum(indicatorRatings),
});

const indicatorTrendSchema = z.object({
  indicatorId: z.number().int(),
  metric: z.string(),
  unit: z.string(),
  /** The target as users read it. */
  target: z.string(),
  /** One point per round of the task's trend, in the same order. */
  points: z.array(trendPointSchema),
});
export type IndicatorTrend = z.infer<typeof indicatorTrendSchema>;

const taskTrendSchema = z.object({
  taskId: z.number().int(),
  no: z.number().int(),
  title: z.string(),
  /** Every round with a report of the task, oldest quarter first. */
  rounds: z.array(trendRoundSchema),
  indicators: z.array(indicatorTrendSchema),
});
export type TaskTrend = z.infer<typeof taskTrendSchema>;

const id = z.number().int().positive();

export const trendMethods = {
  /** A task's quarters side by side: status, warning and every indicator's value, 应达值 and rating. */
  'trend.task': defineMethod({
    summary: '任务各季度趋势：进度状态、预警与各指标报送值、应达值（草稿不计入）',
    access: 'user',
    input: z.object({ taskId: id }),
    output: taskTrendSchema,
  }),
  /** The trend as an .xlsx: one task, or every task of the current plan. */
  'trend.export': defineMethod({
    summary: '导出各季度趋势表（一个任务或全部任务）',
    access: 'user',
    input: z.object({ taskId: id.optional() }),
    output: generatedFileSchema,
  }),
};
