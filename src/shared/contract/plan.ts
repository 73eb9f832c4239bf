import { z } from 'zod';
import { defineMethod } from './define';
import { planOverviewSchema, taskDetailSchema, projectSchema } from '../domain/planView';

const id = z.number().int().positive();

export const planMethods = {
  'plan.overview': defineMethod({
    summary: '当前方案：分类与任务清单',
    access: 'user',
    input: z.object({}),
    output: planOverviewSchema.nullable(),
  }),
  'plan.task': defineMethod({
    summary: '一项任务的全文、单位与指标',
    access: 'user',
    input: z.object({ taskId: id }),
    output: taskDetailSchema,
  }),
  'plan.projects': defineMethod({
    summary: '重点工程、重大项目与品牌活动',
    access: 'user',
    input: z.object({}),
    output: z.array(projectSchema),
  }),
};
