import { z } from 'zod';
import { defineMethod } from './define';

export const indicatorPaceSchema = z.object({
  indicatorId: z.number().int(),
  taskId: z.number().int(),
  taskNo: z.number().int(),
  reportId: z.number().int(),
  metric: z.string(),
  unit: z.string(),
  /** The target as users read it, e.g. ≥ 6个（2025年）. */
  target: z.string(),
  /** The value reported this quarter; null when not reported. */
  value: z.number().nullable(),
  /** Where the indicator should be by the quarter's end on a straight line to its target; null without a baseline. */
  expected: z.number().nullable(),
  lagging: z.boolean(),
});
export type IndicatorPace = z.infer<typeof indicatorPaceSchema>;

export const dashboardMethods = {
  'dashboard.indicators': defineMethod({
    summary: '本轮各量化指标的报送值与按时序进度应达值，标出进度滞后的指标',
    access: 'user',
    input: z.object({ roundId: z.number().int().positive() }),
    output: z.object({ asOf: z.string(), indicators: z.array(indicatorPaceSchema) }),
  }),
};
