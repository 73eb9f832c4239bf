import { z } from 'zod';
import type { ReportEventType } from './reports';

/**
 * 批量办理: file, approve or sign several reports at once. Each item is its own lifecycle step
 * through the single-report path (same checks, same audit, one transaction each); a refusal of
 * one does not stop the others, and the answer lists every item's outcome.
 */
export const bulkActions = ['file', 'approve', 'sign'] as const;
export const bulkActionSchema = z.enum(bulkActions);
export type BulkAction = z.infer<typeof bulkActionSchema>;

export const bulkActionEvents: Record<BulkAction, ReportEventType> = {
  file: 'report.file',
  approve: 'report.approve',
  sign: 'report.sign',
};

export const bulkActionLabels: Record<BulkAction, string> = {
  file: '归档',
  approve: '审核通过',
  sign: '会签',
};

export const bulkPreviewInputSchema = z.object({
  action: bulkActionSchema,
  reportIds: z.array(z.number().int().positive()).min(1, '请至少选择一份报告').max(200, '一次最多办理 200 份报告'),
});

/** One report as the confirmation dialog lists it; for filing, the archive number it would get. */
export const bulkPreviewItemSchema = z.object({
  reportId: z.number().int(),
  version: z.number().int(),
  subjectLabel: z.string(),
  title: z.string(),
  allowed: z.boolean(),
  /** Why the caller may not do it now (Chinese), when not allowed. */
  refusal: z.string().nullable(),
  /** Filing: the next number of the archive-number rule, in order; null otherwise. */
  archiveNo: z.string().nullable(),
});
export type BulkPreviewItem = z.infer<typeof bulkPreviewItemSchema>;

export const bulkInputSchema = z.object({
  action: bulkActionSchema,
  items: z
    .array(
      z.object({
        reportId: z.number().int().positive(),
        version: z.number().int().nonnegative(),
        /** The number the confirmation showed (filing); the rule assigns the real one. */
        archiveNo: z.string().trim().max(100).optional(),
      }),
    )
    .min(1, '请至少选择一份报告')
    .max(200, '一次最多办理 200 份报告'),
  opinion: z.string().trim().max(2000, '意见过长（不超过 2000 字）').optional(),
});
export type BulkInput = z.input<typeof bulkInputSchema>;

export const bulkOutcomeSchema = z.object({
  reportId: z.number().int(),
  subjectLabel: z.string(),
  title: z.string(),
  ok: z.boolean(),
  /** The report's version after the step (ok), for the screen to refresh. */
  version: z.number().int().nullable(),
  /** Filing: the archive number given. */
  archiveNo: z.string().nullable(),
  /** The refusal in Chinese (not ok), or a note (ok: the number differs from the one shown). */
  message: z.string().nullable(),
});
export type BulkOutcome = z.infer<typeof bulkOutcomeSchema>;

export const bulkResultSchema = z.object({
  action: bulkActionSchema,
  done: z.number().int(),
  refused: z.number().int(),
  items: z.array(bulkOutcomeSchema),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;
