import { z } from 'zod';
import { openRoundInputSchema, roundOverviewSchema, roundSchema } from '../domain/rounds';
import { defineMethod } from './define';

const roundId = z.number().int().positive();

export const roundsMethods = {
  'rounds.list': defineMethod({
    summary: '填报轮次列表（最新在前）',
    access: 'user',
    input: z.object({}),
    output: z.array(roundSchema),
  }),
  /** Open a round for a quarter: one report per task and project, in drafting. Coordinators only. */
  'rounds.open': defineMethod({
    summary: '开启季度填报轮次（专班）',
    access: 'user',
    input: openRoundInputSchema,
    output: roundSchema,
  }),
  'rounds.close': defineMethod({
    summary: '关闭填报轮次（专班）',
    access: 'user',
    input: z.object({ roundId }),
    output: roundSchema,
  }),
  /** Every task's and project's report state and status in the round, and who is awaited. */
  'rounds.overview': defineMethod({
    summary: '轮次总览：各任务报告状态、进度状态与待办单位',
    access: 'user',
    input: z.object({ roundId }),
    output: roundOverviewSchema,
  }),
};
