import { z } from 'zod';
import { defineMethod } from './define';

const searchKinds = ['task', 'project', 'unit', 'report'] as const;
export const searchKindSchema = z.enum(searchKinds);
export const searchKindLabels: Record<z.infer<typeof searchKindSchema>, string> = {
  task: '任务',
  project: '工程项目',
  unit: '单位',
  report: '进展报告',
};

const searchHitSchema = z.object({
  kind: searchKindSchema,
  refId: z.number().int(),
  title: z.string(),
  /** Text around the first match, with the match itself in `match`. */
  before: z.string(),
  match: z.string(),
  after: z.string(),
});
export type SearchHitView = z.infer<typeof searchHitSchema>;

export const searchMethods = {
  'search.query': defineMethod({
    summary: '在任务、工程项目、单位和各季度进展报告中搜索（中文两字及以上词语）',
    access: 'user',
    input: z.object({
      q: z.string().trim().min(1, '请输入要搜索的内容').max(100, '搜索内容不能超过 100 个字符'),
      kinds: z.array(searchKindSchema).default([]),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ hits: z.array(searchHitSchema) }),
  }),
};
