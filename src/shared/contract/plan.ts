import { z } from 'zod';
import { defineMethod } from './define';
import { parsedPlanSchema, planDiffSchema } from '../domain/plan';
import { planOverviewSchema, taskDetailSchema, projectSchema } from '../domain/planView';
import { unitSchema } from '../domain/units';
import { carriedCorrectionsSchema, planCorrectionSchema } from '../domain/planCorrections';

const id = z.number().int().positive();

const planUpload = z.object({
  fileName: z.string().trim().min(1, '请提供文件名').max(255),
  /** The plan document (.txt in UTF-8 or GBK, or .docx), base64; at most 10 MB. */
  contentBase64: z.string().min(1, '文件内容为空').max(14_000_000, '文件超过 10 MB 上限'),
  /** For an .xlsx: the sheet to read; default the first sheet that holds a task list. */
  sheet: z.string().trim().min(1).max(100).optional(),
});

/** The import with the coordinator's corrections, applied in order to the parsed plan before it is stored. */
const planImport = planUpload.extend({
  corrections: z.array(planCorrectionSchema).max(500, '一次最多 500 条更正').default([]),
});

const importPreviewSchema = z.object({
  plan: parsedPlanSchema,
  /** Units the import would add to the directory, flagged for an administrator to review. */
  newUnits: z.array(z.string()),
  /** The difference from the stored plan; null when no plan is stored yet. */
  diff: planDiffSchema.nullable(),
  /**
   * Task keys of `plan`, in order (see src/shared/domain/planCorrections.ts): corrections name
   * their task by these.
   */
  keys: z.array(z.string()),
  /** For an .xlsx: every sheet of the workbook and the one read; empty and null otherwise. */
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  /**
   * The stored plan's corrections: those carried over to this document (already applied to
   * `plan` in plan.import; in the preview `plan` is as parsed, and the carried ones apply first),
   * and those whose text changed (原文已修改，更正未沿用).
   */
  corrections: carriedCorrectionsSchema,
});

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
  'plan.importPreview': defineMethod({
    summary: '预览导入工作方案：识别出的任务、单位、指标、警告，以及与当前方案的差异（不写入）',
    access: 'user',
    input: planUpload,
    output: importPreviewSchema,
  }),
  'plan.import': defineMethod({
    summary:
      '导入（或更新）工作方案：按预览中的更正修改后，单位目录、任务、指标、项目与更正一次写入；已填写的报告保留（管理员、专班）',
    access: 'user',
    input: planImport,
    output: importPreviewSchema,
  }),
  'units.directory': defineMethod({
    summary: '单位目录：规范名称、别名、上级单位、集合（各办事处、各成员单位）及待核实标记',
    access: 'user',
    input: z.object({}),
    output: z.array(unitSchema),
  }),
  'units.create': defineMethod({
    summary: '在单位目录中新增单位或单位集合，可指定上级单位并加入集合（如把各办事处逐一加入「各办事处」）（管理员）',
    access: 'user',
    input: z.object({
      name: z.string().trim().min(2, '单位名称至少 2 个字').max(100, '单位名称过长'),
      kind: z.enum(['unit', 'group']).default('unit'),
      parentId: id.nullable().default(null),
      groupIds: z.array(id).max(50).default([]),
    }),
    output: unitSchema,
  }),
  'units.update': defineMethod({
    summary: '修改单位目录中的一个单位：别名、上级单位、集合成员、核实标记（管理员）',
    access: 'user',
    input: z.object({
      unitId: id,
      aliases: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
      parentId: id.nullable().optional(),
      memberIds: z.array(id).max(500).optional(),
      needsReview: z.boolean().optional(),
    }),
    output: unitSchema,
  }),
};
