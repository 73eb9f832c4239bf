import { z } from 'zod';
import { indicatorRatings } from '../domain/progress';
import { defineMethod } from './define';

const indicatorPaceSchema = z.object({
  indicatorId: z.number().int(),
  taskId: z.number().int(),
  taskNo: z.number().int(),
  /** The report whose value counts (the progress rule: submitted only); null when none does. */
  reportId: z.number().int().nullable(),
  metric: z.string(),
  unit: z.string(),
  /** The target as users read it, e.g. ≥ 6个（2025年）. */
  target: z.string(),
  /** The value of the submitted report this quarter; null when none counts (drafts never do). */
  value: z.number().nullable(),
  /** 应达值 by the quarter's end (progress.ts expectedValue); null when it cannot be drawn. */
  expected: z.number().nullable(),
  rating: z.enum(indicatorRatings),
  lagging: z.boolean(),
});
export type IndicatorPace = z.infer<typeof indicatorPaceSchema>;

export const dashboardMethods = {
  'dashboard.indicators': defineMethod({
    summary: '本轮各量化指标已报送的值与按序时进度的应达值，标出进度滞后的指标（草稿不计入）',
    access: 'user',
    input: z.object({ roundId: z.number().int().positive() }),
    output: z.object({ asOf: z.string(), indicators: z.array(indicatorPaceSchema) }),
  }),
};
