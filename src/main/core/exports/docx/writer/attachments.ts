import { AlignmentType, LineRuleType, Paragraph } from 'docx';
import type { Table } from 'docx';
import type { Attachment, FontMapping } from '../../../../../shared/domain/documents';
import { blockElements } from './body';
import { linePitch, size } from './geometry';
import { titleParagraph } from './header';
import { styledRuns } from './runs';

/**
 * 附件 (7.3.7): 另面编排; "附件N" 3号黑体 顶格 on the first line, the title centred on the third,
 * then the content in the body's format. Numbering matches the 附件说明.
 */
export function attachmentElements(
  attachment: Attachment,
  index: number,
  count: number,
  fonts: FontMapping,
  options: { newPage: boolean; tableWidth: number },
): (Paragraph | Table)[] {
  const label = count > 1 ? `附件${index + 1}` : '附件';
  return [
    new Paragraph({
      pageBreakBefore: options.newPage,
      alignment: AlignmentType.LEFT,
      indent: { firstLine: 0, left: 0, right: 0 },
      spacing: { before: 0, after: 0, line: linePitch, lineRule: LineRuleType.EXACT },
      children: styledRuns(label, { role: 'heiti', size: size.sanhao }, fonts),
    }),
    titleParagraph(attachment.title, fonts, linePitch),
    ...blockElements(attachment.blocks, fonts, options.tableWidth),
  ];
}
