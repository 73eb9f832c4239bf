import { z } from 'zod';
import { comparatorSchema, projectKindSchema, unitRoleSchema } from './plan';

/** The stored plan as the UI reads it. */
const indicatorSchema = z.object({
  id: z.number().int(),
  taskId: z.number().int().nullable(),
  metric: z.string(),
  comparator: comparatorSchema,
  value: z.number(),
  value2: z.number().nullable(),
  unit: z.string(),
  year: z.number().int().nullable(),
  baseYear: z.number().int().nullable(),
  sourceText: z.string(),
  baselineValue: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  /** A numeric standard without a year of its own (每天1小时体育活动). */
  standard: z.boolean(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

const taskSummarySchema = z.object({
  id: z.number().int(),
  no: z.number().int(),
  categoryNo: z.number().int(),
  title: z.string(),
  leadUnits: z.array(z.string()),
  responsibleUnits: z.array(z.string()),
  indicatorCount: z.number().int(),
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;

export const taskDetailSchema = taskSummarySchema.extend({
  body: z.string(),
  /** Each unit with the role the plan gives it: 牵头 / 责任 / 配合 / 参与 / 指导. */
  unitRoles: z.array(z.object({ unit: z.string(), role: unitRoleSchema })),
  categoryTitle: z.string(),
  indicators: z.array(indicatorSchema),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

const categorySchema = z.object({
  id: z.number().int(),
  no: z.number().int(),
  title: z.string(),
});
export type Category = z.infer<typeof categorySchema>;

export const projectSchema = z.object({
  id: z.number().int(),
  kind: projectKindSchema,
  no: z.number().int(),
  title: z.string(),
  body: z.string(),
  leadUnits: z.array(z.string()),
  responsibleUnits: z.array(z.string()),
});
export type Project = z.infer<typeof projectSchema>;

const planSummarySchema = z.object({
  id: z.number().int(),
  issuer: z.string(),
  docNumber: z.string().nullable(),
  title: z.string(),
  importedAt: z.string(),
  taskCount: z.number().int(),
  projectCount: z.number().int(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const planOverviewSchema = z.object({
  plan: planSummarySchema,
  categories: z.array(categorySchema),
  tasks: z.array(taskSummarySchema),
});
export type PlanOverview = z.infer<typeof planOverviewSchema>;
