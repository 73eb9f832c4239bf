import { z } from 'zod';
import {
  documentKindSchema,
  documentSettingsSchema,
  fontMappingSchema,
  officialDocumentSchema,
} from '../domain/documents';
import { reportViewSchema } from '../domain/reports';
import { defineMethod } from './define';

/**
 * Official Word documents (公文): fresh compositions, the compiled quarterly report's document,
 * rendering to .docx, and the office's document and font settings.
 */

const id = z.number().int().positive();

/** What to compose: a round's quarterly report or bulletin (roundId), or one task report (reportId). */
export const composeInputSchema = z.object({
  kind: documentKindSchema,
  roundId: id.optional(),
  reportId: id.optional(),
});

export const renderInputSchema = composeInputSchema.extend({
  kind: documentKindSchema.optional(),
  /** Render the document stored with this compiled report (with its 发文字号 once filed) … */
  compiledReportId: id.optional(),
  /** … or this edited document … */
  document: officialDocumentSchema.optional(),
  // … or, with neither, a fresh composition of `kind`.
});

/**
 * The settings as read: the 发文字号 pattern is the workflow's compiled-report archive pattern,
 * which `reports.setArchiveSettings` may also have set to something the standard does not allow
 * (e.g. {seq:4}); reading shows it as it is, and saving through `documents.setSettings` checks it.
 */
const storedDocumentSettingsSchema = documentSettingsSchema.extend({ docNumberPattern: z.string() });

const fontRoleReportSchema = z.object({
  role: z.enum(['xiaobiaosong', 'fangsong', 'heiti', 'kaiti']),
  standard: z.string(),
  installed: z.boolean(),
  use: z.string().nullable(),
});

const fontReportSchema = z.object({
  source: z.enum(['fc-list', 'font-folders', 'none']),
  roles: z.array(fontRoleReportSchema),
  allInstalled: z.boolean(),
  suggested: fontMappingSchema,
  warnings: z.array(z.string()),
});

export const documentsMethods = {
  'documents.compose': defineMethod({
    summary: '生成公文（季度报告、任务报告或通报）供编辑，不保存',
    access: 'user',
    input: composeInputSchema,
    output: officialDocumentSchema,
  }),
  'documents.render': defineMethod({
    summary: '导出 Word 公文（已保存的季度报告、编辑后的公文或新生成的公文）',
    access: 'user',
    input: renderInputSchema,
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
  }),
  /** The same document as `documents.render`, converted to PDF by LibreOffice where it is installed (打印). */
  'documents.pdf': defineMethod({
    summary: '公文 PDF（打印用；由本机 LibreOffice 将 Word 公文转换，未安装时说明原因）',
    access: 'user',
    input: renderInputSchema,
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
  }),
  'documents.createCompiled': defineMethod({
    summary: '生成本轮季度工作进展情况报告草稿（专班）',
    access: 'user',
    input: z.object({ roundId: id }),
    output: reportViewSchema,
  }),
  /** Save the edited document; `version` is the one the user saw (stale writes are refused). */
  'documents.saveCompiled': defineMethod({
    summary: '保存季度工作进展情况报告正文（起草阶段，专班）',
    access: 'user',
    input: z.object({ reportId: id, version: z.number().int().nonnegative(), document: officialDocumentSchema }),
    output: reportViewSchema,
  }),
  'documents.settings': defineMethod({
    summary: '公文设置：发文机关、发文字号格式、主送、抄送、印发机关',
    access: 'user',
    input: z.object({}),
    output: storedDocumentSettingsSchema,
  }),
  'documents.setSettings': defineMethod({
    summary: '修改公文设置（管理员、专班）',
    access: 'user',
    input: documentSettingsSchema,
    output: storedDocumentSettingsSchema,
  }),
  'documents.fonts': defineMethod({
    summary: '本机公文字体检查与当前字体设置',
    access: 'user',
    input: z.object({}),
    output: z.object({ report: fontReportSchema, mapping: fontMappingSchema }),
  }),
  'documents.setFonts': defineMethod({
    summary: '修改公文字体设置（管理员、专班）',
    access: 'user',
    input: fontMappingSchema,
    output: fontMappingSchema,
  }),
};
