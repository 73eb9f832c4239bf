import {
  AlignmentType,
  Document,
  DocumentGridType,
  LineRuleType,
  NumberFormat,
  Packer,
  PageOrientation,
  SectionType,
} from 'docx';
import type { ISectionOptions, Paragraph, Table } from 'docx';
import type { z } from 'zod';
import { fontMappingSchema, officialDocumentSchema } from '../../../../../shared/domain/documents';
import type { FontMapping, OfficialDocument } from '../../../../../shared/domain/documents';
import { LuoshiError } from '../../../../../shared/errors';
import { attachmentElements } from './attachments';
import { blockElements } from './body';
import { closingGap, closingTable, closingTail } from './closing';
import { fontTableXml } from './fontTable';
import { pageNumberFooters } from './footer';
import {
  bodyCharacterSpacing,
  charSanhao,
  landscapePage,
  landscapeTypeAreaWidth,
  linePitch,
  page,
  size,
  typeAreaWidth,
} from './geometry';
import { headerParagraphs } from './header';
import { finishPackage } from './finishPackage';
import { offGridStyle } from './offGrid';
import { cjkFont } from './runs';
import { sanitizeLine } from './sanitize';
import { attachmentNoteParagraphs, signatureParagraphs } from './signature';

export { sanitizeText } from './sanitize';

/**
 * Writes an OfficialDocument as a GB/T 9704-2012 .docx: A4, 37/35/28/26 mm, 22 lines of 28
 * characters, 版头 with the red rule, 主体, attachments (landscape sections where asked), 版记 and
 * "— N —" page numbers on the outer side. Pure with respect to its inputs: no database, no files.
 */

interface SectionDraft {
  landscape: boolean;
  children: (Paragraph | Table)[];
}

const grid = { type: DocumentGridType.LINES, linePitch };

function sectionOptions(draft: SectionDraft, first: boolean): ISectionOptions {
  const geometry = draft.landscape
    ? {
        // docx swaps the sides itself for a landscape page: give it the portrait size.
        size: { width: page.width, height: page.height, orientation: PageOrientation.LANDSCAPE },
        margin: {
          top: landscapePage.marginTop,
          bottom: landscapePage.marginBottom,
          left: landscapePage.marginLeft,
          right: landscapePage.marginRight,
          header: page.header,
          footer: page.footer,
          gutter: 0,
        },
      }
    : {
        size: { width: page.width, height: page.height, orientation: PageOrientation.PORTRAIT },
        margin: {
          top: page.marginTop,
          bottom: page.marginBottom,
          left: page.marginLeft,
          right: page.marginRight,
          header: page.header,
          footer: page.footer,
          gutter: 0,
        },
      };
  return {
    properties: {
      ...(first ? {} : { type: SectionType.NEXT_PAGE }),
      page: {
        ...geometry,
        // Attachments are bound with the body, so numbering runs on across sections (7.5).
        ...(first ? { pageNumbers: { start: 1, formatType: NumberFormat.DECIMAL } } : {}),
      },
      grid,
    },
    footers: pageNumberFooters(),
    children: draft.children,
  };
}

function sectionsOf(doc: OfficialDocument, fonts: FontMapping): SectionDraft[] {
  const sections: SectionDraft[] = [];
  let current: SectionDraft = {
    landscape: false,
    children: [
      ...headerParagraphs(doc, fonts),
      ...blockElements(doc.blocks, fonts, typeAreaWidth, true),
      ...(doc.attachmentNote.length > 0 ? attachmentNoteParagraphs(doc.attachmentNote, fonts) : []),
      ...signatureParagraphs(doc.signature, fonts),
    ],
  };
  doc.attachments.forEach((attachment, index) => {
    const newSection = attachment.landscape !== current.landscape;
    if (newSection) {
      sections.push(current);
      current = { landscape: attachment.landscape, children: [] };
    }
    current.children.push(
      ...attachmentElements(attachment, index, doc.attachments.length, fonts, {
        newPage: !newSection,
        tableWidth: attachment.landscape ? landscapeTypeAreaWidth : typeAreaWidth,
      }),
    );
  });
  if (current.landscape) {
    sections.push(current);
    current = { landscape: false, children: [] };
  }
  // A blank line first: Word merges two tables with nothing between them, and where the 版记 is
  // laid out in the flow (LibreOffice) it should not touch what is above it.
  current.children.push(closingGap(), closingTable(doc.closing, fonts), closingTail());
  sections.push(current);
  return sections;
}

function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new LuoshiError(
    'invalid_input',
    `${what}有误${field ? `（字段 ${field}）` : ''}：${issue?.message ?? '格式不正确'}`,
    field || undefined,
  );
}

/** A custom document property (docProps/custom.xml), e.g. the 审计摘要 the document service adds. */
export interface DocumentProperty {
  name: string;
  value: string;
}

export async function writeOfficialDocx(
  input: OfficialDocument,
  fontMapping: FontMapping,
  properties: readonly DocumentProperty[] = [],
): Promise<Buffer> {
  const doc = validated(officialDocumentSchema, input, '公文内容');
  const fonts = validated(fontMappingSchema, fontMapping, '字体设置');
  const document = new Document({
    creator: sanitizeLine(doc.signature.organization),
    ...(properties.length > 0 ? { customProperties: properties.map((p) => ({ name: p.name, value: p.value })) } : {}),
    title: sanitizeLine(doc.title).replace(/\s+/g, ''),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: cjkFont(fonts.fangsong),
            size: size.sanhao,
            sizeComplexScript: size.sanhao,
            characterSpacing: bodyCharacterSpacing,
            color: '000000',
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
          paragraph: {
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: charSanhao * 2 },
            spacing: { before: 0, after: 0, line: linePitch, lineRule: LineRuleType.EXACT },
          },
        },
      },
      paragraphStyles: [offGridStyle],
    },
    sections: sectionsOf(doc, fonts).map((draft, index) => sectionOptions(draft, index === 0)),
  });
  const packed = await Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml(fonts) }]);
  return finishPackage(packed, { date: doc.signature.date, author: sanitizeLine(doc.signature.organization) });
}
