import { z } from 'zod';

/**
 * The official document (公文) as the clerk edits it and as it is stored with a report. The
 * composers build it from the round's data; the Word writer turns it into a GB/T 9704-2012 .docx.
 * What is shown for sign-off and what is filed are rendered from this one value, so it stays plain
 * JSON: no dates as objects, no functions, numbering text (一、（一）1.（1）) kept inside the text.
 */

const documentKinds = ['quarterly', 'task', 'bulletin'] as const;
export const documentKindSchema = z.enum(documentKinds);

function isCalendarDate(value: string): boolean {
  const [y = 0, m = 0, d = 0] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** ISO calendar date, e.g. 2025-10-08. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD 格式，例如 2025-10-08')
  .refine(isCalendarDate, '日期不存在，请检查年、月、日');

const headingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/**
 * A structural heading. Level 1 is 一、 (黑体), 2 is （一） (楷体), 3 is 1. (仿宋加粗), 4 is （1） (仿宋).
 * `body` is text that runs on in the same paragraph after the heading in body type, as in
 * "1.大力发展普惠托育服务。本季度新增托位……".
 */
const headingBlockSchema = z.object({
  type: z.literal('heading'),
  level: headingLevelSchema,
  text: z.string(),
  body: z.string().optional(),
});

/** A body paragraph; line breaks inside the text become separate paragraphs. */
const paragraphBlockSchema = z.object({
  type: z.literal('paragraph'),
  text: z.string(),
});

const tableColumnSchema = z.object({
  title: z.string(),
  /** Relative width; the writer scales the columns to the type area. */
  weight: z.number().positive(),
  align: z.enum(['left', 'center', 'right']).optional(),
});
export type TableColumn = z.infer<typeof tableColumnSchema>;

const tableBlockSchema = z.object({
  type: z.literal('table'),
  columns: z.array(tableColumnSchema).min(1),
  rows: z.array(z.array(z.string())),
});

const blockSchema = z.discriminatedUnion('type', [headingBlockSchema, paragraphBlockSchema, tableBlockSchema]);
export type Block = z.infer<typeof blockSchema>;
export type HeadingBlock = z.infer<typeof headingBlockSchema>;
export type TableBlock = z.infer<typeof tableBlockSchema>;

export const attachmentSchema = z.object({
  title: z.string(),
  blocks: z.array(blockSchema),
  /** Lay the attachment out on landscape pages (wide tables, clause 8 of the standard). */
  landscape: z.boolean(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const officialDocumentSchema = z.object({
  kind: documentKindSchema,
  header: z.object({
    /** 发文机关标志, printed in red at the top, e.g. 郑州经济技术开发区儿童友好城市建设工作专班. */
    issuerMark: z.string(),
    /** 发文字号, e.g. 郑经儿童专班〔2025〕3号; null until the document is numbered at filing. */
    docNumber: z.string().nullable(),
    /**
     * 签发人 of a 上行文 (7.2.6): who signed the document off, shown right of the 发文字号. Set from
     * the sign-off record when the compiled report is filed; empty or absent for other documents.
     */
    issuers: z.array(z.string()).optional(),
  }),
  /** 标题. A line break forces a break there; otherwise the writer breaks long titles itself. */
  title: z.string(),
  /** 主送机关, without the trailing colon. */
  addressee: z.string(),
  blocks: z.array(blockSchema),
  attachments: z.array(attachmentSchema),
  /** 附件说明: the attachment names, in order, as they appear after "附件：". */
  attachmentNote: z.array(z.string()),
  signature: z.object({
    /** 发文机关署名. */
    organization: z.string(),
    /** 成文日期. */
    date: isoDateSchema,
  }),
  closing: z.object({
    /** 抄送机关; empty for none. */
    cc: z.array(z.string()),
    /** 印发机关. */
    printer: z.string(),
    printDate: isoDateSchema,
  }),
});
export type OfficialDocument = z.infer<typeof officialDocumentSchema>;

/** Per-office settings that the composers put into every document. */
export const documentSettingsSchema = z.object({
  /** 发文机关署名, e.g. 郑州经开区儿童友好城市建设工作专班. */
  issuerName: z.string().min(1),
  /** 发文机关标志. */
  issuerMark: z.string().min(1),
  /** 发文字号 pattern with {year} and {seq}, e.g. 郑经儿童专班〔{year}〕{seq}号. */
  docNumberPattern: z
    .string()
    .min(1)
    .refine(
      (pattern) => isValidDocNumber(formatDocNumber(pattern, 2025, 1)),
      '发文字号格式应为“机关代字〔{year}〕{seq}号”，年份用六角括号〔〕括入，例如 郑经儿童专班〔{year}〕{seq}号',
    ),
  /** 主送机关 of the quarterly report. */
  addressee: z.string().min(1),
  cc: z.array(z.string()),
  /** 印发机关. */
  printer: z.string().min(1),
});
export type DocumentSettings = z.infer<typeof documentSettingsSchema>;

/** The font family the writer uses for each of the standard's four typefaces. */
export const fontMappingSchema = z.object({
  xiaobiaosong: z.string().min(1),
  fangsong: z.string().min(1),
  heiti: z.string().min(1),
  kaiti: z.string().min(1),
});
export type FontMapping = z.infer<typeof fontMappingSchema>;
export type FontRole = keyof FontMapping;

/** The standard's own font names; the default mapping when they are installed. */
export const standardFonts: FontMapping = {
  xiaobiaosong: '方正小标宋简体',
  fangsong: '仿宋_GB2312',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
};

export const fontRoleLabels: Record<FontRole, string> = {
  xiaobiaosong: '小标宋体（发文机关标志、标题）',
  fangsong: '仿宋体（正文）',
  heiti: '黑体（一级标题、附件标识）',
  kaiti: '楷体（二级标题）',
};

/** 成文日期 in the standard's form (7.3.5.4): 2025年10月8日, no zero padding. */
export function formatOfficialDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

/** 发文字号 from the settings' pattern: 〔2025〕3号, year in full, no leading zeros (7.2.5). */
export function formatDocNumber(pattern: string, year: number, seq: number): string {
  return pattern.replaceAll('{year}', String(year)).replaceAll('{seq}', String(seq));
}

/** Whether a 发文字号 has the standard's shape: 机关代字〔YYYY〕N号. */
function isValidDocNumber(value: string): boolean {
  return /^[^〔〕]+〔\d{4}〕[1-9]\d*号$/.test(value);
}
