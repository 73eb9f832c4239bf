import { z } from 'zod';
import { fillInPreviewSchema, ledgerKindSchema } from '../domain/ledgers';
import { defineMethod } from './define';

const quarterKey = z.string().regex(/^\d{4}-?[Qq][1-4]$/, '季度应写作 2025Q3');
const id = z.number().int().positive();

/** A generated file: a Chinese file name and its bytes. */
export const generatedFileSchema = z.object({
  fileName: z.string(),
  contentBase64: z.string(),
});

const ledgerExportInputSchema = z.object({
  kind: ledgerKindSchema,
  /** One round's quarter … */
  roundId: id.optional(),
  /** … or a range of quarters, e.g. 2025Q1 to 2025Q4 (`to` defaults to `from`). */
  from: quarterKey.optional(),
  to: quarterKey.optional(),
  /** The unit of a unit ledger. */
  unitId: id.optional(),
});

/** A ledger's first sheet as text, for the print view (打印): rows of cell text and the merged cells. */
export const ledgerSheetSchema = z.object({
  fileName: z.string(),
  sheetName: z.string(),
  rows: z.array(z.array(z.string())),
  /** Merged ranges, 1-based and inclusive, as the workbook has them. */
  merges: z.array(
    z.object({ top: z.number().int(), left: z.number().int(), bottom: z.number().int(), right: z.number().int() }),
  ),
  /** Column widths in characters (Excel's unit), for proportions on paper. */
  columnWidths: z.array(z.number()),
});

const fillInUpload = z.object({
  roundId: id,
  unitId: id,
  /** The returned .xlsx, base64; at most 10 MB. */
  contentBase64: z.string().min(1, '请选择要导入的填报表文件'),
});

export const ledgersMethods = {
  'ledgers.export': defineMethod({
    summary: '导出 Excel 台账（任务、指标、项目或单位台账；按轮次或季度范围）',
    access: 'user',
    input: ledgerExportInputSchema,
    output: generatedFileSchema,
  }),
  /** The same ledger as `ledgers.export`, with the same read rules, as its first sheet's text to print. */
  'ledgers.print': defineMethod({
    summary: '台账打印视图：与导出相同的台账第一个工作表（文字与合并单元格）',
    access: 'user',
    input: ledgerExportInputSchema,
    output: ledgerSheetSchema,
  }),
  'fillIn.export': defineMethod({
    summary: '下载单位本轮次的离线填报表（专班或该单位经办人、负责人）',
    access: 'user',
    input: z.object({ roundId: id, unitId: id }),
    output: generatedFileSchema,
  }),
  'fillIn.preview': defineMethod({
    summary: '预览填报表导入：将修改的内容与冲突，不写入',
    access: 'user',
    input: fillInUpload,
    output: fillInPreviewSchema,
  }),
  'fillIn.apply': defineMethod({
    summary: '导入填报表：全部写入或全部不写入，每份报告记一条审计记录',
    access: 'user',
    input: fillInUpload,
    output: z.object({ applied: z.number().int(), reports: z.number().int() }),
  }),
};
