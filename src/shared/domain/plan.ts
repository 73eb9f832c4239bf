import { z } from 'zod';

/**
 * The plan as the importer reads it from a document, before it is stored. Units are strings in
 * the unit directory's canonical form. This is also the shape `luoshi import-plan --json` prints.
 */

/**
 * How a target compares the reported value with its goal.
 * gte/lte/gt/lt/eq: one value. range: value..value2 (每万人 0.8—1 块).
 * fromTo: raise or lower from value to value2 (由19000元提高至25000元).
 * decreaseBy: down by value (percent) from the level of baseYear.
 * approx: about value (约为55%): met within ±approxTolerance of it; paced like a goal to reach.
 */
export const comparators = ['gte', 'lte', 'gt', 'lt', 'eq', 'range', 'fromTo', 'decreaseBy', 'approx'] as const;
export const comparatorSchema = z.enum(comparators);
export type Comparator = z.infer<typeof comparatorSchema>;

export const comparatorLabels: Record<Comparator, string> = {
  gte: '≥',
  lte: '≤',
  gt: '>',
  lt: '<',
  eq: '=',
  range: '区间',
  fromTo: '由…至…',
  decreaseBy: '较基期下降',
  approx: '约',
};

/** How far from its value an approximate target (约为55%) still counts as met: 5 % of the value. */
export const approxTolerance = 0.05;

const parsedTargetSchema = z.object({
  /** The exact sentence (or clause) of the plan the target was read from. */
  text: z.string(),
  /** What is measured, e.g. 每千人口托位数. */
  metric: z.string(),
  comparator: comparatorSchema,
  value: z.number(),
  value2: z.number().optional(),
  /** Unit of measure: 人 个 所 % ‰ 场 人次 家 处 块 … */
  unit: z.string(),
  /** Year the target is due, e.g. 2025. */
  year: z.number().int().nullable(),
  /** For decreaseBy: the base year. */
  baseYear: z.number().int().optional(),
  /** A standard with no year of its own (每天1小时体育活动, 每学年不少于12课时): year is the plan's horizon. */
  standard: z.boolean().optional(),
  /** The matching figure from 二、建设基础, when the plan gives one. */
  baseline: z.object({ value: z.number(), year: z.number().int().nullable() }).optional(),
});
export type ParsedTarget = z.infer<typeof parsedTargetSchema>;

const parsedBaselineSchema = z.object({
  metric: z.string(),
  value: z.number(),
  unit: z.string(),
  year: z.number().int().nullable(),
  text: z.string(),
  line: z.number().int(),
});
export type ParsedBaseline = z.infer<typeof parsedBaselineSchema>;

const parsedCategorySchema = z.object({
  /** 1-based order: （一） is 1. */
  no: z.number().int().positive(),
  title: z.string(),
});
export type ParsedCategory = z.infer<typeof parsedCategorySchema>;

/**
 * The role a plan gives a unit in a task. Only lead units lead; the others take part as the
 * workflow's responsible units (they sign off), with the plan's own word kept.
 */
export const unitRoles = ['lead', 'responsible', 'cooperating', 'participating', 'guiding'] as const;
export const unitRoleSchema = z.enum(unitRoles);
export type UnitRole = z.infer<typeof unitRoleSchema>;
export const unitRoleLabels: Record<UnitRole, string> = {
  lead: '牵头',
  responsible: '责任',
  cooperating: '配合',
  participating: '参与',
  guiding: '指导',
};

const parsedTaskSchema = z.object({
  no: z.number().int().positive(),
  /** The category's `no`. */
  category: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
  leadUnits: z.array(z.string()),
  responsibleUnits: z.array(z.string()),
  targets: z.array(parsedTargetSchema),
  /**
   * Each unit with the role the plan gives it, in the plan's order (a unit listed as both lead
   * and responsible appears twice). Lead units are `leadUnits`; every other role is in
   * `responsibleUnits`.
   */
  unitRoles: z.array(z.object({ unit: z.string(), role: unitRoleSchema })).optional(),
  /** 1-based line in the source where the task starts. */
  line: z.number().int(),
});
export type ParsedTask = z.infer<typeof parsedTaskSchema>;

const projectKinds = ['keyProject', 'majorProject', 'brandActivity'] as const;
export const projectKindSchema = z.enum(projectKinds);
export type ProjectKind = z.infer<typeof projectKindSchema>;
export const projectKindLabels: Record<ProjectKind, string> = {
  keyProject: '重点工程',
  majorProject: '重大项目',
  brandActivity: '品牌活动',
};

const parsedProjectSchema = z.object({
  kind: projectKindSchema,
  /** 1-based order within its kind. */
  no: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
  leadUnits: z.array(z.string()),
  responsibleUnits: z.array(z.string()),
  line: z.number().int(),
});
export type ParsedProject = z.infer<typeof parsedProjectSchema>;

const importWarningSchema = z.object({
  line: z.number().int().nullable(),
  /** Stable machine code, e.g. `no_lead_unit`, `unknown_unit`. */
  code: z.string(),
  message: z.string(),
});
export type ImportWarning = z.infer<typeof importWarningSchema>;

const planMetaSchema = z.object({
  issuer: z.string(),
  docNumber: z.string().nullable(),
  title: z.string(),
});
export type PlanMeta = z.infer<typeof planMetaSchema>;

export const parsedPlanSchema = z.object({
  meta: planMetaSchema,
  categories: z.array(parsedCategorySchema),
  tasks: z.array(parsedTaskSchema),
  baselines: z.array(parsedBaselineSchema),
  projects: z.array(parsedProjectSchema),
  warnings: z.array(importWarningSchema),
});
export type ParsedPlan = z.infer<typeof parsedPlanSchema>;

/** What changed between the stored plan and a revised one (tasks matched by number). */
export const taskFieldSchema = z.enum([
  'title',
  'body',
  'category',
  'leadUnits',
  'responsibleUnits',
  'unitRoles',
  'targets',
]);
export type TaskField = z.infer<typeof taskFieldSchema>;

const taskRefSchema = z.object({ no: z.number().int(), title: z.string() });

const taskChangeSchema = z.object({
  no: z.number().int(),
  fields: z.array(taskFieldSchema),
  titleBefore: z.string(),
  titleAfter: z.string(),
  leadAdded: z.array(z.string()),
  leadRemoved: z.array(z.string()),
  responsibleAdded: z.array(z.string()),
  responsibleRemoved: z.array(z.string()),
});
export type TaskChange = z.infer<typeof taskChangeSchema>;

const projectRefSchema = z.object({ kind: projectKindSchema, no: z.number().int(), title: z.string() });

export const planDiffSchema = z.object({
  metaChanged: z.boolean(),
  tasksAdded: z.array(taskRefSchema),
  tasksRemoved: z.array(taskRefSchema),
  tasksChanged: z.array(taskChangeSchema),
  projectsAdded: z.array(projectRefSchema),
  projectsRemoved: z.array(projectRefSchema),
  projectsChanged: z.array(projectRefSchema),
  /** Units that take part in the revised plan but not in the stored one, and the reverse. */
  unitsAdded: z.array(z.string()),
  unitsRemoved: z.array(z.string()),
});
export type PlanDiff = z.infer<typeof planDiffSchema>;
